import DossierCore
import Foundation
import Git

/// Moves the working files and the branch from one save to another so that a crash at any point
/// is repaired by the next dossier command: the target is written to `.git/dossier/journal.json`
/// first, and removed only once both the files and the branch are there. Callers hold the
/// dossier's lock (`Workspace.withLock`), which recovers an interrupted move before anything else.
public enum MergeJournal {
    private struct Entry: Codable {
        var from: String?
        var to: String
        var message: String
        /// Working files a person changed after the move was interrupted, as they must be once
        /// the move is finished (blob ids; "" for a file removed): written before the files move.
        var edits: [String: String]?
        /// Working files whose hand edits the target already holds (a `resolve` that took them):
        /// the target's version is theirs, they are not edits to keep.
        var absorbed: [String]?
    }

    static func path(_ repository: Repository) -> String { repository.gitDirectory + "dossier/journal.json" }

    /// True when an interrupted move waits for recovery.
    public static func isPending(_ repository: Repository) -> Bool {
        FileManager.default.fileExists(atPath: path(repository))
    }

    /// Checks out `target` and moves the current branch to it, only if the branch is still at
    /// `from` (compare-and-swap). `absorbed` names working files whose edits the target already
    /// holds (hand-resolved conflicts): they are overwritten. A working file changed since `from`
    /// that the target changes too stops the move before anything is written
    /// (`WorkspaceError.changedDuringSync`).
    public static func apply(workspace: Workspace, from: Commit?, to target: Commit, message: String, absorbed: [String] = []) throws {
        let repository = workspace.repository
        guard try repository.headCommit()?.id == from?.id else { throw WorkspaceError.branchMoved }
        let entry = Entry(from: from?.id.hex, to: target.id.hex, message: message, absorbed: absorbed.isEmpty ? nil : absorbed)
        try AtomicFile.write(try JSONEncoder().encode(entry), to: path(repository))
        do {
            if !absorbed.isEmpty { try repository.checkout(tree: try target.tree(), force: true, paths: absorbed) }
            try repository.checkout(tree: try target.tree())
        } catch let error as GitError where error.code == .conflict {
            // Safe checkout refuses before it writes anything: files changed since the checks
            // (an `add` or an editor during the sync). Nothing moved; the journal goes.
            try? FileManager.default.removeItem(atPath: path(repository))
            throw WorkspaceError.changedDuringSync
        } catch {
            // Not a crash: the files cannot be written (a name the file system refuses, a full
            // disk). Left half-written, they would be saved broken and the journal would replay
            // the same failure at every command: they go back to `from`, the branch has not moved.
            try? restore(repository, from: from, target: target, keeping: absorbed)
            throw error
        }
        try moveBranch(repository, to: target.id, expecting: from?.id, message: message)
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

    private static func moveBranch(_ repository: Repository, to target: ObjectID, expecting expected: ObjectID?, message: String) throws {
        guard target != expected else { return }
        do {
            try repository.moveCurrentBranch(to: target, expecting: expected, message: message)
        } catch let error as GitError where error.code == .modified || error.code == .exists {
            throw WorkspaceError.branchMoved
        }
    }

    /// A file the killed checkout wrote or was writing: its bytes are one of `versions`, or the
    /// beginning of one (libgit2 truncates, then writes), not someone's edit. A media version is
    /// its object in the media store (what the checkout's filter writes), or its pointer.
    private static func isCheckoutWrite(_ path: String, of versions: [ObjectID], in repository: Repository) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let store = MediaStore(gitDirectory: repository.gitDirectory)
        for id in versions {
            if try isPrefix(handle, of: .bytes(try repository.blobData(id))) { return true }
            if let pointer = try MediaInventory(repository: repository).pointer(id), store.contains(pointer),
               let object = FileHandle(forReadingAtPath: store.path(pointer.oid)) {
                defer { try? object.close() }
                if try isPrefix(handle, of: .file(object)) { return true }
            }
        }
        return false
    }

    private enum Content {
        case bytes([UInt8])
        case file(FileHandle)
    }

    /// True when the file's bytes are `content`'s or the beginning of them (streamed by 1 MiB).
    private static func isPrefix(_ handle: FileHandle, of content: Content) throws -> Bool {
        try handle.seek(toOffset: 0)
        var offset = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { return true }
            let expected: Data
            switch content {
            case .bytes(let bytes):
                expected = offset < bytes.count ? Data(bytes[offset..<min(bytes.count, offset + chunk.count)]) : Data()
            case .file(let object):
                if offset == 0 { try object.seek(toOffset: 0) }
                expected = try object.read(upToCount: chunk.count) ?? Data()
            }
            guard expected == chunk else { return false }
            offset += chunk.count
        }
    }

    /// Finishes a move a crash interrupted; returns true when there was one. Working files a
    /// person changed since are kept: where the move changes the same file, the two are merged
    /// (the structured merge of a sync); when they conflict, nothing is touched
    /// (`WorkspaceError.interruptedSync`).
    @discardableResult
    public static func recover(workspace: Workspace) throws -> Bool {
        let repository = workspace.repository
        guard let data = FileManager.default.contents(atPath: path(repository)) else { return false }
        guard var entry = try? JSONDecoder().decode(Entry.self, from: data), let toID = ObjectID(hex: entry.to) else {
            try? FileManager.default.removeItem(atPath: path(repository))
            return true
        }
        let fromID = entry.from.flatMap(ObjectID.init(hex:))
        let branch = try repository.headCommit()?.id
        guard branch == fromID || branch == toID else {
            // Someone else moved the branch after the journal was written: their move stands
            // (the next sync merges what this one was bringing in).
            try FileManager.default.removeItem(atPath: path(repository))
            return true
        }
        let target = try repository.commit(toID)
        let targetTree = try target.tree()
        let fromTree = try fromID.map { try repository.commit($0).tree() }
        if entry.edits == nil {
            entry.edits = try personalEdits(workspace: workspace, fromTree: fromTree, targetTree: targetTree,
                                            absorbed: Set(entry.absorbed ?? []))
            if entry.edits?.isEmpty == false { try AtomicFile.write(try JSONEncoder().encode(entry), to: path(repository)) }
        }
        try repository.checkout(tree: targetTree, force: true)
        try moveBranch(repository, to: toID, expecting: branch, message: entry.message)
        for (file, blob) in entry.edits ?? [:] {
            let full = workspace.root + "/" + file
            if let id = ObjectID(hex: blob) {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(Data(try repository.blobData(id)), to: full)
            } else if FileManager.default.fileExists(atPath: full) {
                try FileManager.default.removeItem(atPath: full)
            }
        }
        try FileManager.default.removeItem(atPath: path(repository))
        return true
    }

    /// The working files changed by a person after the interruption (neither the old nor the new
    /// version, nor a partial write of one), as they must be after the move: kept as they are
    /// where the move does not change the file, merged with the incoming version where it does.
    private static func personalEdits(workspace: Workspace, fromTree: Tree?, targetTree: Tree, absorbed: Set<String>) throws -> [String: String] {
        let repository = workspace.repository
        let headTree = try repository.headCommit()?.tree()
        var edits: [String: String] = [:]
        var toMerge: [String] = []
        for change in try workspace.changedFiles() where !absorbed.contains(change.path) {
            let inTarget = try targetTree.entry(at: change.path)?.id
            let inFrom = try fromTree?.entry(at: change.path)?.id
            let allowed = [inTarget, inFrom, try headTree?.entry(at: change.path)?.id]
            let file = workspace.root + "/" + change.path
            let exists = FileManager.default.fileExists(atPath: file)
            if !exists && allowed.contains(nil) { continue }
            if exists, try isCheckoutWrite(file, of: allowed.compactMap { $0 }, in: repository) { continue }
            // A file neither version has stays untouched by the checkout (untracked).
            if inTarget == nil && inFrom == nil { continue }
            if inTarget == inFrom {
                edits[change.path] = exists ? try repository.writeBlob(Array(try Data(contentsOf: URL(fileURLWithPath: file)))).hex : ""
            } else {
                toMerge.append(change.path)
            }
        }
        guard !toMerge.isEmpty else { return edits }
        let result = try DossierMerge(catalogue: workspace.catalogue, text: LibgitTextMerger(repository: repository)).merge(
            base: fromTree.map { GitTreeSource(repository: repository, tree: $0) }, ours: workspace.workingSource,
            theirs: GitTreeSource(repository: repository, tree: targetTree), paths: toMerge)
        // Only the YAML files merge; an evidence file changed on both sides needs a person.
        let unmerged = toMerge.filter { result.files[$0] == nil && !result.deleted.contains($0) }
        guard result.conflicts.isEmpty, unmerged.isEmpty else {
            throw WorkspaceError.interruptedSync(unmerged.isEmpty ? result.conflicts.map(\.file) : unmerged)
        }
        for (file, bytes) in result.files { edits[file] = try repository.writeBlob(bytes).hex }
        for file in result.deleted { edits[file] = "" }
        for copy in result.evidenceFileCopies {
            let folder = Claim.evidenceFolder(badge: copy.badge) + "/"
            if let blob = try targetTree.entry(at: folder + copy.fromPath)?.id { edits[folder + copy.toPath] = blob.hex }
        }
        return edits
    }
}
