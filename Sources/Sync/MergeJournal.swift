import DossierCore
import DossierRepository
import Foundation
import Git

/// Moves the working files and the branch from one save to another so that a crash at any point
/// is repaired by the next sync: the target is written to `.git/dossier/journal.json` first, and
/// removed only once both the files and the branch are there.
enum MergeJournal {
    private struct Entry: Codable {
        var from: String?
        var to: String
        var message: String
    }

    private static func path(_ repository: Repository) -> String { repository.gitDirectory + "dossier/journal.json" }

    /// Checks out `target` and moves the current branch to it.
    static func apply(workspace: Workspace, from: Commit?, to target: Commit, message: String) throws {
        let repository = workspace.repository
        let entry = Entry(from: from?.id.hex, to: target.id.hex, message: message)
        try AtomicFile.write(try JSONEncoder().encode(entry), to: path(repository))
        try repository.checkout(tree: try target.tree())
        try repository.moveCurrentBranch(to: target.id, message: message)
        try FileManager.default.removeItem(atPath: path(repository))
    }

    /// Finishes a move a crash interrupted. Working files that are neither the old nor the new
    /// version (someone edited after the crash) stop the repair: nothing is overwritten.
    static func recover(workspace: Workspace) throws {
        let repository = workspace.repository
        guard let data = FileManager.default.contents(atPath: path(repository)) else { return }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: data), let toID = ObjectID(hex: entry.to) else {
            try? FileManager.default.removeItem(atPath: path(repository))
            return
        }
        let target = try repository.commit(toID)
        let targetTree = try target.tree()
        let fromTree = try entry.from.flatMap(ObjectID.init(hex:)).map { try repository.commit($0).tree() }
        let headTree = try repository.headCommit()?.tree()
        for change in try workspace.changedFiles() {
            let allowed = [try targetTree.entry(at: change.path)?.id, try fromTree?.entry(at: change.path)?.id,
                           try headTree?.entry(at: change.path)?.id]
            let current = FileManager.default.fileExists(atPath: workspace.root + "/" + change.path)
                ? try repository.hashFile(at: workspace.root + "/" + change.path) : nil
            guard allowed.contains(current) else {
                throw DossierError(.io("an interrupted sync left \(change.path) changed since; save or remove it, then sync again"))
            }
        }
        try repository.checkout(tree: targetTree, force: true)
        try repository.moveCurrentBranch(to: target.id, message: entry.message)
        try FileManager.default.removeItem(atPath: path(repository))
    }
}
