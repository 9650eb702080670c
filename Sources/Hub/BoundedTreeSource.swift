import Foundation
import DossierCore
import DossierRepository
import Git

/// A git-tree source for the hub: evidence digests are computed once per blob per run, and a
/// blob larger than `maximumEvidenceSize` is refused before it is read into memory.
final class BoundedTreeSource: DossierSource {
    /// Largest evidence file hashed by the hub (large media belong in media storage).
    static let maximumEvidenceSize = 64 << 20

    struct Oversized: Error, CustomStringConvertible {
        let path: String
        let size: Int
        var description: String { "\(path) is \(size) bytes, more than the hub reads (\(BoundedTreeSource.maximumEvidenceSize))" }
    }

    let inner: GitTreeSource
    let digests: DigestCache

    init(_ inner: GitTreeSource, digests: DigestCache) {
        self.inner = inner
        self.digests = digests
    }

    func read(_ path: String) throws -> [UInt8]? { try inner.read(path) }
    func kind(of path: String) throws -> SourceEntry.Kind? { try inner.kind(of: path) }
    func list(_ path: String) throws -> [SourceEntry] { try inner.list(path) }
    func linkTarget(of path: String) throws -> String? { try inner.linkTarget(of: path) }
    func version(of path: String) -> String? { inner.version(of: path) }

    func digest(of path: String) throws -> FileDigest? {
        guard try inner.kind(of: path) == .file, let version = inner.version(of: path) else { return nil }
        if let known = digests.lookup(version) { return known }
        if let id = ObjectID(hex: version) {
            let size = try inner.repository.objectHeader(id).size
            guard size <= Self.maximumEvidenceSize else { throw Oversized(path: path, size: size) }
        }
        guard let digest = try inner.digest(of: path) else { return nil }
        digests.store(digest, for: version)
        return digest
    }
}

/// SHA-256 digests of blobs by blob id, shared by the workers of one reconcile.
final class DigestCache: @unchecked Sendable {
    private var digests: [String: FileDigest] = [:]
    private let lock = NSLock()

    func lookup(_ blob: String) -> FileDigest? { lock.withLock { digests[blob] } }
    func store(_ digest: FileDigest, for blob: String) { lock.withLock { digests[blob] = digest } }
}
