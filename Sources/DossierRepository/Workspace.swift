import DossierCore
import Foundation
import Git

/// A CFA's dossier on disk: the working folder and its git repository.
public final class Workspace {
    public let repository: Repository
    /// The working folder, without a trailing slash.
    public let root: String
    public let catalogue: Catalogue
    /// Seconds a command waits for the dossier's lock (`DossierLock`) before failing.
    public var lockWait = DossierLock.defaultWait
    /// Called once when a command starts waiting for another one to release the lock.
    public var onLockWait: (() -> Void)?
    /// What taking the lock repaired (stale git locks, an interrupted sync) and nobody was told yet.
    public var repairs = Repair()
    /// True once this workspace's lock closed the marker of a merge a killed command had already
    /// committed (kept when `repairs` is reported and reset: `resolve` answers from it).
    public internal(set) var closedCommittedMerge = false
    /// The lock while this workspace holds it (`withLock` is reentrant through it).
    var heldLock: DossierLock?

    init(repository: Repository, root: String, catalogue: Catalogue) {
        LFSFilter.register()
        self.repository = repository
        self.root = root
        self.catalogue = catalogue
    }

    /// Opens the dossier containing `path`, or fails with "not inside a dossier".
    public static func open(at path: String, catalogue: Catalogue) throws -> Workspace {
        let repository: Repository?
        do {
            repository = try Repository.discover(from: path)
        } catch let error as GitError {
            throw DossierError(.git(error.message))
        }
        guard let repository, let workdir = repository.workingDirectory else { throw DossierError(.notADossier(path)) }
        let root = String(workdir.dropLast())
        guard FileManager.default.fileExists(atPath: root + "/" + DossierIdentity.fileName) else {
            throw DossierError(.notADossier(path))
        }
        return Workspace(repository: repository, root: root, catalogue: catalogue)
    }

    /// A workspace over a repository just created or cloned, before its `dossier.yaml` exists.
    public static func adopt(repository: Repository, catalogue: Catalogue) throws -> Workspace {
        guard let workdir = repository.workingDirectory else { throw DossierError(.notADossier(repository.gitDirectory)) }
        return Workspace(repository: repository, root: String(workdir.dropLast()), catalogue: catalogue)
    }

    public var workingSource: FileSystemSource { FileSystemSource(root: root) }
    public var history: DossierHistory { DossierHistory(repository: repository, catalogue: catalogue) }
    public var editor: DossierEditor { DossierEditor(root: root, catalogue: catalogue) }

    /// The last save, or nil before the first one.
    public func head() throws -> Commit? { try repository.headCommit() }

    /// Files that differ from the last save, from git's status (stat cache, no hashing of clean files).
    public func changedFiles() throws -> [PathChange] {
        try repository.status().map { entry in
            let change: PathChange.Change
            switch entry.change {
            case .added: change = .added
            case .deleted: change = .deleted
            case .modified: change = .modified
            }
            return PathChange(path: entry.path, change: change)
        }
    }

    /// What changed since the last save, as a semantic diff.
    public func status() throws -> DossierDiff {
        let files = try changedFiles()
        let old = try head().map(history.source(at:))
        return try SemanticDiffer(catalogue: catalogue).diff(old: old, new: workingSource, files: files)
    }

    /// The semantic diff between two revisions; `to` nil means the working files.
    public func diff(from: String?, to: String?) throws -> DossierDiff {
        if let to {
            let new = try history.commit(to)
            let old = try history.commit(from ?? "HEAD")
            return try history.diff(from: old, to: new)
        }
        guard let from, from != "HEAD" else { return try status() }
        let old = try history.commit(from)
        let oldSource = try history.source(at: old)
        var files = try repository.changes(from: oldSource.tree, to: head()?.tree()).map(PathChange.init)
        files = Self.combine(files, then: try changedFiles())
        return try SemanticDiffer(catalogue: catalogue).diff(old: oldSource, new: workingSource, files: files)
    }

    /// Chains two sets of file changes (A→B then B→C) into A→C.
    static func combine(_ first: [PathChange], then second: [PathChange]) -> [PathChange] {
        var result = Dictionary(first.map { ($0.path, $0.change) }, uniquingKeysWith: { a, _ in a })
        for change in second {
            switch (result[change.path], change.change) {
            case (.added?, .deleted): result[change.path] = nil
            case (.added?, _): result[change.path] = .added
            case (.deleted?, .added): result[change.path] = .modified
            default: result[change.path] = change.change
            }
        }
        return result.map { PathChange(path: $0.key, change: $0.value) }.sorted { $0.path < $1.path }
    }
}
