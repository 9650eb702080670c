import DossierCore
import Foundation
import Git

/// The marker of a sync's merge waiting for its conflicts to be settled (`.git/dossier/merge.json`,
/// written and read in full by Sync's `MergeState`). Here only what a dossier command needs before
/// anything else: whether a merge is open, and closing a marker whose merge is already committed.
public enum MergeMarker {
    public static func path(gitDirectory: String) -> String { gitDirectory + "dossier/merge.json" }

    /// True when a merge waits for its conflicts to be settled.
    public static func isOpen(_ repository: Repository) -> Bool {
        FileManager.default.fileExists(atPath: path(gitDirectory: repository.gitDirectory))
    }

    private struct Sides: Decodable {
        var ours: String
        var theirs: String
    }

    /// Removes the marker when its merge is already in the branch's history (both sides are
    /// ancestors of the branch, which moved past `ours`): a `resolve` killed after the merge was
    /// committed and before the marker went (the journal's recovery finishes that move first).
    /// Returns true when it removed it. A marker that cannot be read is left for Sync to report.
    @discardableResult
    static func closeIfCommitted(_ repository: Repository) throws -> Bool {
        let file = path(gitDirectory: repository.gitDirectory)
        guard let data = FileManager.default.contents(atPath: file),
              let sides = try? JSONDecoder().decode(Sides.self, from: data),
              let ours = ObjectID(hex: sides.ours), let theirs = ObjectID(hex: sides.theirs),
              let head = try repository.headCommit()?.id, head != ours else { return false }
        guard try repository.mergeBase(ours, head) == ours, try repository.mergeBase(theirs, head) == theirs else { return false }
        try FileManager.default.removeItem(atPath: file)
        return true
    }
}
