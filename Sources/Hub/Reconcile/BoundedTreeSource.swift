internal import Crypto
import DossierCore
internal import DossierRepository
import Foundation
internal import Git
import HubReview

/// A git-tree source for the hub: evidence digests are computed once per blob per run, and a
/// blob larger than `maximumEvidenceSize` is refused before it is read into memory.
final class BoundedTreeSource: DossierSource {
    /// Largest evidence file hashed by the hub (large media belong in media storage).
    static let maximumEvidenceSize = IngestLimits.maximumEvidenceSize

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
    var claimStore: String? { inner.claimStore }

    func digest(of path: String) throws -> FileDigest? {
        guard try inner.kind(of: path) == .file, let version = inner.version(of: path) else { return nil }
        if let known = digests.lookup(version) { return known }
        guard let id = ObjectID(hex: version) else { return try inner.digest(of: path) }
        let size = try inner.repository.objectHeader(id).size
        guard size <= Self.maximumEvidenceSize else { throw Oversized(path: path, size: size) }
        // Media: the pointer's oid and size stand for the content, which is never downloaded.
        if let pointer = try mediaPointer(id, size: size) {
            let digest = FileDigest(sha256: pointer.oid, size: pointer.size)
            digests.store(digest, for: version)
            return digest
        }
        // Hashed where libgit2 inflated it: one copy of the file in memory, not two.
        let digest = try inner.repository.withBlobBytes(id) { bytes in
            FileDigest(sha256: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(), size: bytes.count)
        }
        digests.store(digest, for: version)
        return digest
    }
}

extension BoundedTreeSource {
    /// The git-lfs pointer a file of the tree holds, if it is media.
    func mediaPointer(of path: String) throws -> LFSPointer? {
        guard try inner.kind(of: path) == .file, let version = inner.version(of: path), let id = ObjectID(hex: version) else { return nil }
        return try mediaPointer(id, size: inner.repository.objectHeader(id).size)
    }

    func mediaPointer(_ id: ObjectID, size: Int) throws -> LFSPointer? {
        guard size <= LFSPointer.maximumSize else { return nil }
        return LFSPointer.parse(try inner.repository.blobData(id))
    }
}

/// SHA-256 digests of blobs by blob id, shared by the workers of one reconcile.
final class DigestCache: @unchecked Sendable {
    private var digests: [String: FileDigest] = [:]
    private let lock = NSLock()

    func lookup(_ blob: String) -> FileDigest? { lock.withLock { digests[blob] } }
    func store(_ digest: FileDigest, for blob: String) { lock.withLock { digests[blob] = digest } }
}

/// Watches a fetch's progress for one object larger than `limit`: bytes keep arriving while the
/// count of received objects stands still. Such a fetch is stopped, since libgit2 maps a
/// received object's whole packed data to check it (a 200 MB file would cost 200 MB).
final class FetchSizeWatch: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var objects = -1
    private var bytesAtLastObject = 0
    private var stop = false

    init(limit: Int) { self.limit = limit }

    /// True once the fetch was told to stop.
    var stopped: Bool { lock.withLock { stop } }

    /// Records progress; true when the object being received is already larger than `limit`.
    func exceeded(by progress: TransferProgress) -> Bool {
        guard !progress.isPush else { return false }
        return lock.withLock {
            if progress.objects != objects {
                objects = progress.objects
                bytesAtLastObject = progress.bytes
            }
            if progress.bytes - bytesAtLastObject > limit { stop = true }
            return stop
        }
    }
}
