import DossierCore
import Git

/// A dossier read from a git tree (a commit of the CFA's repository or of a hub mirror).
public final class GitTreeSource: DossierSource {
    public let repository: Repository
    public let tree: Tree
    /// Folders already looked up, by path: each tree object is read and inflated once.
    private var folders: [String: Tree?] = [:]

    public init(repository: Repository, tree: Tree) {
        self.repository = repository
        self.tree = tree
    }

    /// The folder at `path` (the root for ""), or nil when there is no such folder.
    private func folder(_ path: String) throws -> Tree? {
        if path.isEmpty { return tree }
        if let cached = folders[path] { return cached }
        let (parent, name) = Self.split(path)
        var found: Tree?
        if let entry = try folder(parent)?.entry(named: name), entry.kind == .tree {
            found = try repository.tree(entry.id)
        }
        folders[path] = .some(found)
        return found
    }

    private func entry(_ path: String) throws -> TreeEntry? {
        guard !path.isEmpty else { return nil }
        let (parent, name) = Self.split(path)
        return try folder(parent)?.entry(named: name)
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
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
        return (try folder(path)?.entries ?? []).map { entry in
            SourceEntry(name: entry.name, kind: Self.kind(entry.kind), isUTF8: !entry.name.contains("\u{FFFD}"))
        }
    }

    /// The blob's SHA-256 and size; for a git-lfs pointer, its object's id and size (the media
    /// itself is never downloaded for this).
    public func digest(of path: String) throws -> FileDigest? {
        guard let bytes = try read(path) else { return nil }
        if let pointer = LFSPointer.parse(bytes) { return FileDigest(sha256: pointer.oid, size: pointer.size) }
        return FileDigest(sha256: Digest.sha256(bytes), size: bytes.count)
    }

    public func linkTarget(of path: String) throws -> String? {
        guard let entry = try entry(path), entry.kind == .symlink else { return nil }
        return String(decoding: try repository.blobData(entry.id), as: UTF8.self)
    }

    /// Parsed claims kept by blob id beside the repository's other dossier files.
    public var claimStore: String? { repository.gitDirectory + "dossier/claims" }

    public func version(of path: String) -> String? {
        path.isEmpty ? tree.id.hex : (try? entry(path))?.map(\.id.hex)
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
