import DossierCore
import Foundation
import Git

/// The marker of a sync's merge waiting for its conflicts to be settled (`.git/dossier/merge.json`):
/// the typed value `OpenMerge`, validated when it is loaded (a damaged file is a clear error naming
/// it, never a crash), whether a merge is open, and closing a marker whose merge is already committed.
public enum MergeMarker {
    public static func path(gitDirectory: String) -> String { gitDirectory + "dossier/merge.json" }

    /// True when a merge waits for its conflicts to be settled.
    public static func isOpen(_ repository: Repository) -> Bool {
        FileManager.default.fileExists(atPath: path(gitDirectory: repository.gitDirectory))
    }

    /// The open merge, or nil when there is none; `WorkspaceError.damagedFile` when the marker
    /// cannot be read as one.
    public static func load(_ repository: Repository) throws -> OpenMerge? {
        let file = path(gitDirectory: repository.gitDirectory)
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        do {
            return try JSONDecoder().decode(OpenMerge.self, from: data)
        } catch {
            throw WorkspaceError.damagedFile(".git/dossier/merge.json")
        }
    }

    /// Writes the open merge (atomically).
    public static func save(_ merge: OpenMerge, in repository: Repository) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(merge), to: path(gitDirectory: repository.gitDirectory))
    }

    /// Removes the marker (the merge was committed).
    public static func remove(_ repository: Repository) {
        try? FileManager.default.removeItem(atPath: path(gitDirectory: repository.gitDirectory))
    }

    /// Removes the marker when its merge is already in the branch's history (both sides are
    /// ancestors of the branch, which moved past `ours`): a `resolve` killed after the merge was
    /// committed and before the marker went (the journal's recovery finishes that move first).
    /// Returns true when it removed it. A marker that cannot be read is left for Sync to report.
    @discardableResult
    static func closeIfCommitted(_ repository: Repository) throws -> Bool {
        let file = path(gitDirectory: repository.gitDirectory)
        guard let data = FileManager.default.contents(atPath: file),
              let merge = try? JSONDecoder().decode(OpenMerge.self, from: data),
              let head = try repository.headCommit()?.id, head != merge.ours else { return false }
        let (ours, theirs) = (merge.ours, merge.theirs)
        guard try repository.mergeBase(ours, head) == ours, try repository.mergeBase(theirs, head) == theirs else { return false }
        try FileManager.default.removeItem(atPath: file)
        return true
    }
}
