import Foundation

/// Claims already parsed in this process, by git blob id: a blob's content never changes, so
/// `diff`, `status`, `check`, the hub's reconcile and the web pages never parse the same
/// `claim.yaml` twice. Only successful reads are kept (an error is reported again, with the file
/// name of the read that asks). Bounded: when `limit` evidence entries are held, it starts over.
public final class ClaimCache: @unchecked Sendable {
    public static let shared = ClaimCache()

    private let lock = NSLock()
    private var claims: [String: Claim] = [:]
    private var evidenceCount = 0
    private var hitCount = 0
    private var storeHitCount = 0
    /// The most evidence entries held at once (a 1,000-entry claim is about 1 MB in memory).
    public let limit: Int

    public init(limit: Int = 200_000) { self.limit = limit }

    /// The claim of blob `id`, parsed with `parse` the first time only. With a `store` folder
    /// (`.git/dossier/claims` of the repository the blob is read from), the parsed form is also
    /// kept on disk (`ClaimArchive`), so that the next process reads it back instead of parsing.
    public func claim(blob id: String, store: String? = nil, parse: () throws -> Claim) rethrows -> Claim {
        let cached: Claim? = lock.withLock {
            guard let claim = claims[id] else { return nil }
            hitCount += 1
            return claim
        }
        if let cached { return cached }
        let store = store.flatMap { Self.isObjectID(id) ? $0 : nil }
        if let store, let stored = Self.load(id, from: store) {
            lock.withLock { storeHitCount += 1 }
            remember(stored, id)
            return stored
        }
        let claim = try parse()
        remember(claim, id)
        if let store { Self.save(claim, id, to: store, keeping: storeLimit) }
        return claim
    }

    private func remember(_ claim: Claim, _ id: String) {
        lock.withLock {
            if evidenceCount + claim.evidence.count > limit {
                claims.removeAll(keepingCapacity: true)
                evidenceCount = 0
            }
            if claims.updateValue(claim, forKey: id) == nil { evidenceCount += claim.evidence.count }
        }
    }

    /// How many reads were answered without parsing (for tests and measures).
    public var hits: Int { lock.withLock { hitCount } }

    /// How many of them were read back from a store on disk.
    public var storeHits: Int { lock.withLock { storeHitCount } }

    /// The most bytes a store keeps (the oldest files go first): a 1,000-entry claim takes ~190 KB,
    /// one of a few dozen entries a few KB.
    public var storeLimit = 32 << 20

    // MARK: the store on disk

    /// A git object id (40 or 64 lowercase hex digits): the only names the store reads or writes.
    static func isObjectID(_ id: String) -> Bool {
        (id.utf8.count == 40 || id.utf8.count == 64) && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The stored claim of blob `id`, or nil (absent, unreadable, damaged: the blob is parsed again).
    static func load(_ id: String, from store: String) -> Claim? {
        guard let data = FileManager.default.contents(atPath: store + "/" + id) else { return nil }
        return ClaimArchive.decode([UInt8](data))
    }

    /// Best effort: a store that cannot be written (a read-only repository, a full disk) is only
    /// slower. Written to a temporary name then renamed: a reader never sees half a file (and the
    /// checksum refuses one a crash would leave). Beyond `keeping` bytes, the oldest files are removed.
    static func save(_ claim: Claim, _ id: String, to store: String, keeping: Int) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: store, withIntermediateDirectories: true)
            try Data(ClaimArchive.encode(claim)).write(to: URL(fileURLWithPath: store + "/" + id), options: .atomic)
            let files = try manager.contentsOfDirectory(atPath: store).filter(isObjectID).map { name in
                let attributes = try? manager.attributesOfItem(atPath: store + "/" + name)
                return (name: name, date: attributes?[.modificationDate] as? Date ?? .distantPast,
                        size: (attributes?[.size] as? NSNumber)?.intValue ?? 0)
            }
            var total = files.reduce(0) { $0 + $1.size }
            for file in files.sorted(by: { $0.date < $1.date }) where total > keeping && file.name != id {
                try? manager.removeItem(atPath: store + "/" + file.name)
                total -= file.size
            }
        } catch {
            return
        }
    }

    public func removeAll() {
        lock.withLock {
            claims = [:]
            evidenceCount = 0
            hitCount = 0
            storeHitCount = 0
        }
    }
}
