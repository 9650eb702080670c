/// Where a dossier is read from: the working folder or a git tree, behind one interface, so that
/// loading, checks and the semantic diff run the same on a laptop and on the hub's bare mirrors.
/// Paths are relative to the dossier's root and use `/`.
public protocol DossierSource {
    /// The content of a file, or nil when there is none at `path`.
    func read(_ path: String) throws -> [UInt8]?
    /// What is at `path`, or nil when nothing is.
    func kind(of path: String) throws -> SourceEntry.Kind?
    /// The entries of a folder (empty when there is no such folder).
    func list(_ path: String) throws -> [SourceEntry]
    /// SHA-256 (lowercase hex) and size of a file, read in chunks; nil when there is no file.
    func digest(of path: String) throws -> FileDigest?
    /// Where a symbolic link points, as stored.
    func linkTarget(of path: String) throws -> String?
    /// A content id that changes whenever anything below `path` changes (a git tree or blob id),
    /// or nil when the source cannot tell cheaply. Equal versions let readers skip a subtree.
    func version(of path: String) -> String?
    /// A folder where parsed claims may be kept by blob id (`ClaimCache`), when `version` gives
    /// blob ids: a git repository's `.git/dossier/claims`. Nil: none.
    var claimStore: String? { get }
}

/// One name in a folder of a source.
public struct SourceEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, folder, symlink, other }

    public let name: String
    public let kind: Kind
    /// False when the name on disk is not valid UTF-8 (`name` then holds a repaired form).
    public let isUTF8: Bool

    public init(name: String, kind: Kind, isUTF8: Bool = true) {
        self.name = name
        self.kind = kind
        self.isUTF8 = isUTF8
    }
}

/// A file's SHA-256 and size.
public struct FileDigest: Sendable, Equatable {
    public let sha256: String
    public let size: Int

    public init(sha256: String, size: Int) {
        self.sha256 = sha256
        self.size = size
    }
}

/// Relative paths inside a dossier.
public enum SourcePath {
    /// Joins a folder and a name with `/` (the root folder is the empty path).
    public static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }
}

extension DossierSource {
    /// Sources that cannot tell a content id cheaply say nothing.
    public func version(of path: String) -> String? { nil }

    public var claimStore: String? { nil }
}
