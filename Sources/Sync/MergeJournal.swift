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

    /// Checks out `target` and moves the current branch to it. `absorbed` names working files
    /// whose edits the target already holds (hand-resolved conflicts): they are overwritten.
    static func apply(workspace: Workspace, from: Commit?, to target: Commit, message: String, absorbed: [String] = []) throws {
        let repository = workspace.repository
        let entry = Entry(from: from?.id.hex, to: target.id.hex, message: message)
        try AtomicFile.write(try JSONEncoder().encode(entry), to: path(repository))
        do {
            if !absorbed.isEmpty { try repository.checkout(tree: try target.tree(), force: true, paths: absorbed) }
            try repository.checkout(tree: try target.tree())
        } catch {
            // Not a crash: the files cannot be written (a name the file system refuses, a full
            // disk). Left half-written, they would be saved broken and the journal would replay
            // the same failure at every sync: they go back to `from`, the branch has not moved.
            try? restore(repository, from: from, target: target, keeping: absorbed)
            throw error
        }
        try repository.moveCurrentBranch(to: target.id, message: message)
        try FileManager.default.removeItem(atPath: path(repository))
    }

    /// Undoes a checkout that failed part-way: the files it wrote are removed or put back as
    /// they are in `from` (the sync started from a folder with no unsaved change), then the journal
    /// goes. `kept` (hand-resolved files, whose edits only the target holds) stay as they are.
    private static func restore(_ repository: Repository, from: Commit?, target: Commit, keeping kept: [String]) throws {
        if let from {
            let fromTree = try from.tree()
            let touched = try repository.changes(from: fromTree, to: try target.tree()).map(\.path).filter { !kept.contains($0) }
            if !touched.isEmpty { try repository.checkout(tree: fromTree, force: true, paths: touched, removeUntracked: true) }
        }
        try FileManager.default.removeItem(atPath: path(repository))
    }

    /// A file the killed checkout was writing: its bytes are the beginning of a version it was
    /// writing (libgit2 truncates, then writes), not someone's edit.
    private static func isPartialWrite(_ path: String, of versions: [ObjectID], in repository: Repository) throws -> Bool {
        guard let bytes = FileManager.default.contents(atPath: path) else { return false }
        return try versions.contains { id in
            let full = try repository.blobData(id)
            return bytes.count < full.count && full.starts(with: bytes)
        }
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
            let file = workspace.root + "/" + change.path
            let current = FileManager.default.fileExists(atPath: file) ? try repository.hashFile(at: file) : nil
            let partial = try isPartialWrite(file, of: allowed.compactMap { $0 }, in: repository)
            guard allowed.contains(current) || partial else {
                throw DossierError(.io("an interrupted sync left \(change.path) changed since; save or remove it, then sync again"))
            }
        }
        try repository.checkout(tree: targetTree, force: true)
        try repository.moveCurrentBranch(to: target.id, message: entry.message)
        try FileManager.default.removeItem(atPath: path(repository))
    }
}
