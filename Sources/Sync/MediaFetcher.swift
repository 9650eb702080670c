import DossierCore
import DossierRepository
import Foundation
import Git
internal import Remote
#if canImport(Glibc)
internal import Glibc
#endif

/// Gets the media a dossier's last save names but this laptop does not have yet (after a
/// `--no-media` clone or sync), then writes their content in place of the pointer files.
public struct MediaFetcher {
    public let workspace: Workspace
    public let options: Syncer.Options

    public init(workspace: Workspace, options: Syncer.Options) {
        self.workspace = workspace
        self.options = options
    }

    /// What a fetch did.
    public struct Report: Sendable, Encodable {
        public var received: [String] = []
        public var missing: [MissingMedia] = []
    }

    /// Media of the last save (of one badge, or all) whose object is not here.
    public func absent(badge: String? = nil) throws -> [MediaEntry] {
        guard let head = try workspace.head() else { return [] }
        let store = MediaStore(gitDirectory: workspace.repository.gitDirectory)
        let folder = badge.map { "badges/\($0)" } ?? ""
        return try MediaInventory(repository: workspace.repository).entries(in: head.tree(), below: folder)
            .filter { !store.contains($0.pointer) }
    }

    /// Downloads the absent media (of one badge, or all) and writes them into the working folder
    /// where a pointer file stands (a file someone changed meanwhile is left alone).
    /// Holds the transfer lock (one sync or media fetch at a time) throughout, and the dossier's
    /// lock only to read what is missing and to write the files, not while downloading.
    public func fetch(badge: String? = nil) throws -> Report {
        if let badge, workspace.catalogue.badge(badge) == nil { throw DossierError(.unknownBadge(badge)) }
        let transferLock = try TransferLock(gitDirectory: workspace.repository.gitDirectory)
        defer { withExtendedLifetime(transferLock) {} }
        let folder = badge.map { "badges/\($0)" } ?? ""
        var report = Report()
        let wanted = try workspace.withLock { () throws -> [MediaEntry] in
            guard let head = try workspace.head() else { return [] }
            let missing = try self.absent(badge: badge)
            if missing.isEmpty {
                // Objects all here (a fetch killed before it wrote the files): finish writing them.
                try Self.materialise(try MediaInventory(repository: workspace.repository).entries(in: head.tree(), below: folder),
                                     workspace: workspace, tree: try head.tree())
            }
            return missing
        }
        guard !wanted.isEmpty else { return report }
        guard let remote = try workspace.repository.remote(named: Syncer.remoteName) else { throw SyncError.noRemote }
        let store = MediaStore(gitDirectory: workspace.repository.gitDirectory)
        store.removeTemporaryFiles()
        let media = try MediaEndpoint.remote(for: remote.url, root: workspace.root, lfsConfig: LFSConfig.text(root: workspace.root), options: options.remote, lang: options.lang)
        var seen = Set<LFSPointer>()
        let notOnRemote = Set(try media.download(wanted.map(\.pointer).filter { seen.insert($0).inserted }, into: store,
                                                 progress: options.mediaProgress))
        // Written against the last save as it is now (a save may have come in meanwhile).
        return try workspace.withLock {
            guard let head = try workspace.head() else { return report }
            let inventory = MediaInventory(repository: workspace.repository)
            let tree = try head.tree()
            for entry in wanted where notOnRemote.contains(entry.pointer) {
                report.missing.append(MissingMedia(badge: entry.badge, evidence: inventory.evidenceID(of: entry, in: tree, catalogue: workspace.catalogue),
                                                   path: entry.path, oid: entry.pointer.oid))
            }
            let received = Set(wanted.map(\.pointer)).subtracting(notOnRemote)
            try Self.materialise(try inventory.entries(in: tree, below: folder).filter { received.contains($0.pointer) },
                                 workspace: workspace, tree: tree)
            report.received = wanted.filter { !notOnRemote.contains($0.pointer) }.map(\.path)
            return report
        }
    }

    /// Rewrites, through the media filter, the working files that still hold a pointer (or are
    /// missing after an interrupted fetch) and whose object is here. libgit2 skips a file its
    /// index says is up to date, so the pointer file is removed first; checkout then writes the
    /// content and records it in the index.
    static func materialise(_ entries: [MediaEntry], workspace: Workspace, tree: Tree) throws {
        let store = MediaStore(gitDirectory: workspace.repository.gitDirectory)
        let paths = entries.filter { store.contains($0.pointer) }.map(\.path).filter { path in
            let full = workspace.root + "/" + path
            guard FileManager.default.fileExists(atPath: full) else { return true }
            return MediaCheck.smallFile(full).flatMap(LFSPointer.parse) != nil
        }
        guard !paths.isEmpty else { return }
        for path in paths { unlink(workspace.root + "/" + path) }
        try workspace.repository.checkout(tree: tree, force: true, paths: paths)
    }
}
