import DossierCore
import Git

/// A dossier read from a git tree (a commit of the CFA's repository or of a hub mirror).
public final class GitTreeSource: DossierSource {
    public let repository: Repository
    public let tree: Tree

    public init(repository: Repository, tree: Tree) {
        self.repository = repository
        self.tree = tree
    }

    private func entry(_ path: String) throws -> TreeEntry? {
        path.isEmpty ? nil : try tree.entry(at: path)
    }

    public func read(_ path: String) throws -> [UInt8]? {
        guard let entry = try entry(path), entry.kind == .blob || entry.kind == .executable else { return nil }
        return try repository.blobData(entry.id)
    }

    public func kind(of path: String) throws -> SourceEntry.Kind? {
        if path.isEmpty { return .folder }
        return try entry(path).map { Self.kind($0.kind) }
    }

    public func list(_ path: String) throws -> [SourceEntry] {
        let folder = path.isEmpty ? tree : try tree.subtree(at: path)
        return (folder?.entries ?? []).map { entry in
            SourceEntry(name: entry.name, kind: Self.kind(entry.kind), isUTF8: !entry.name.contains("\u{FFFD}"))
        }
    }

    public func digest(of path: String) throws -> FileDigest? {
        try read(path).map { FileDigest(sha256: Digest.sha256($0), size: $0.count) }
    }

    public func linkTarget(of path: String) throws -> String? {
        guard let entry = try entry(path), entry.kind == .symlink else { return nil }
        return String(decoding: try repository.blobData(entry.id), as: UTF8.self)
    }

    public func version(of path: String) -> String? {
        path.isEmpty ? tree.id.hex : (try? entry(path))??.id.hex
    }

    private static func kind(_ kind: TreeEntry.Kind) -> SourceEntry.Kind {
        switch kind {
        case .blob, .executable: .file
        case .tree: .folder
        case .symlink: .symlink
        case .submodule: .other
        }
    }
}
