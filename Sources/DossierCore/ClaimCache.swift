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
    /// The most evidence entries held at once (a 1,000-entry claim is about 1 MB in memory).
    public let limit: Int

    public init(limit: Int = 200_000) { self.limit = limit }

    /// The claim of blob `id`, parsed with `parse` the first time only.
    public func claim(blob id: String, parse: () throws -> Claim) rethrows -> Claim {
        let cached: Claim? = lock.withLock {
            guard let claim = claims[id] else { return nil }
            hitCount += 1
            return claim
        }
        if let cached { return cached }
        let claim = try parse()
        lock.withLock {
            if evidenceCount + claim.evidence.count > limit {
                claims.removeAll(keepingCapacity: true)
                evidenceCount = 0
            }
            if claims.updateValue(claim, forKey: id) == nil { evidenceCount += claim.evidence.count }
        }
        return claim
    }

    /// How many reads were answered without parsing (for tests and measures).
    public var hits: Int { lock.withLock { hitCount } }

    public func removeAll() {
        lock.withLock {
            claims = [:]
            evidenceCount = 0
            hitCount = 0
        }
    }
}
