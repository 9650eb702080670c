import DossierCore
import Foundation

/// The working folder, with a stat cache (`EvidenceStatCache`) in front of its digests: an evidence file
/// whose size, times and inode are those recorded, strictly before the cache was written, is not
/// read again. Everything else is the `FileSystemSource`'s. Call `persist()` once done.
public final class CachedWorkingSource: DossierSource {
    public let files: FileSystemSource
    /// Where the cache is kept (`.git/dossier/digests`).
    public let cacheFile: String
    private var cache: EvidenceStatCache
    /// Entries to write back: those confirmed or computed by this source.
    private var fresh: [String: EvidenceStatCache.Entry] = [:]
    /// Whether an entry was computed and recorded (the file must be written back).
    private var recorded = false
    /// Files modified or changed at or after this time are not recorded: a write later in the same
    /// clock tick would leave the same times on different content.
    private let sessionStart: EvidenceStatCache.Timestamp
    /// Files read and hashed, and files answered from the cache (for tests and measures).
    public private(set) var hashed = 0, reused = 0

    /// - Parameter sessionStart: the file clock when this source starts hashing (tests pass another).
    public init(files: FileSystemSource, cacheFile: String, sessionStart: EvidenceStatCache.Timestamp = .fileClockNow()) {
        self.files = files
        self.cacheFile = cacheFile
        self.sessionStart = sessionStart
        cache = EvidenceStatCache.load(from: cacheFile)
    }

    /// The blob id git's index holds for a claim file that has not changed since it was staged
    /// (`Repository.indexBlobIfUnchanged`), so that its parsed form can come from the claim store.
    public var unchangedBlob: ((String) -> String?)?
    public var claimStore: String?

    /// A content id for `claim.yaml` files that have not changed since the index recorded them; nil
    /// for everything else (as a working folder says).
    public func version(of path: String) -> String? {
        guard path.hasSuffix("/claim.yaml") else { return nil }
        return unchangedBlob?(path)
    }

    public func read(_ path: String) throws -> [UInt8]? { try files.read(path) }
    public func kind(of path: String) throws -> SourceEntry.Kind? { try files.kind(of: path) }
    public func list(_ path: String) throws -> [SourceEntry] { try files.list(path) }
    public func linkTarget(of path: String) throws -> String? { try files.linkTarget(of: path) }

    public func digest(of path: String) throws -> FileDigest? { try facts(of: path)?.digest }

    /// The digest of the regular file at `path` and what its content is (plain, a git-lfs pointer,
    /// a malformed pointer), or nil when there is no regular file there.
    public func facts(of path: String) throws -> EvidenceStatCache.Entry? {
        // Already confirmed or computed by this source (the checker, then the media check): not
        // asked again within one command.
        if let entry = fresh[path] { return entry }
        let full = files.absolute(path)
        guard let stat = EvidenceStatCache.FileStat.of(full) else { return nil }
        if let entry = cache.trusted(path, stat: stat) {
            reused += 1
            fresh[path] = entry
            return entry
        }
        let entry = try Self.compute(full, stat: stat)
        hashed += 1
        // Recorded only when the file's times are strictly before this session's tick, and the file
        // did not change while it was read.
        if stat.latest < sessionStart, EvidenceStatCache.isStorable(path), EvidenceStatCache.FileStat.of(full) == stat {
            fresh[path] = entry
            recorded = true
        }
        return entry
    }

    /// Reads the file: small ones whole (they may be git-lfs pointers), larger ones in chunks.
    static func compute(_ full: String, stat: EvidenceStatCache.FileStat) throws -> EvidenceStatCache.Entry {
        if stat.size <= LFSPointer.maximumSize, let data = FileManager.default.contents(atPath: full) {
            let bytes = [UInt8](data)
            if let pointer = LFSPointer.parse(bytes) {
                return EvidenceStatCache.Entry(stat: stat, digest: FileDigest(sha256: pointer.oid, size: pointer.size), content: .pointer)
            }
            let content: EvidenceStatCache.Content = LFSPointer.looksLikePointer(bytes) ? .malformedPointer : .plain
            return EvidenceStatCache.Entry(stat: stat, digest: FileDigest(sha256: Digest.sha256(bytes), size: bytes.count), content: content)
        }
        return EvidenceStatCache.Entry(stat: stat, digest: try Digest.sha256(fileAt: full), content: .plain)
    }

    /// Writes the cache when it changed. With `prune`, entries this source did not look at (files
    /// no longer listed) are dropped; else they are kept as they were.
    public func persist(prune: Bool = true) {
        // Without a new record, every entry kept is one of the file's, unchanged: the file needs
        // rewriting only when pruning dropped some.
        if !recorded, !prune || fresh.count == cache.entries.count { return }
        var entries = fresh
        if !prune {
            for (path, entry) in cache.entries where entries[path] == nil { entries[path] = entry }
        }
        EvidenceStatCache(entries: entries).save(to: cacheFile)
    }
}
