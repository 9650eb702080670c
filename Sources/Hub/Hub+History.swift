import DossierCore
import Foundation
internal import Git
import HubReview

extension Hub {
    /// The CFA's submission tags the last reconcile found moved or deleted upstream (its recorded
    /// failure), with where each points now (the mirror's upstream copy, fetched by that run).
    public func rewrittenTags(uai: String) throws -> [RewrittenTag] {
        let mirror = FileManager.default.fileExists(atPath: mirrorPath(uai) + "/HEAD") ? try Repository.open(at: mirrorPath(uai)) : nil
        return try rewrittenTags(uai: uai) { tag in try mirror?.referenceTarget(CFAReconcile.upstreamPrefix + tag)?.hex }
    }

    /// Accepts a CFA's rewritten history after review (a Région member, with a reason): its moved
    /// or deleted submission tags stop failing it; what was ingested stays pinned in the mirror
    /// and in the store. Returns the tags accepted.
    @discardableResult
    public func acceptHistory(uai: String, memberID: String, reason: String, now: Date = Date()) throws -> [RewrittenTag] {
        let reason = try checkHistoryAcceptance(memberID: memberID, reason: reason)
        // The mirror is read as the last reconcile left it: not while one is fetching.
        let lock = try ReconcileLock(hubRoot: root)
        defer { withExtendedLifetime(lock) {} }
        let rewritten = try rewrittenTags(uai: uai)
        guard !rewritten.isEmpty else { throw HubError.historyNotRewritten(uai) }
        let mirror = try Repository.open(at: mirrorPath(uai))
        for tag in rewritten {
            // Kept reachable whatever happens upstream (mirrors made before pins named tag objects).
            guard let ingested = ObjectID(hex: tag.ingested), mirror.contains(ingested) else { continue }
            if try mirror.referenceTarget(CFAReconcile.pinPrefix + tag.tag) == nil {
                try mirror.setReference(CFAReconcile.pinPrefix + tag.tag, to: ingested, message: "hub: ingested")
            }
        }
        try recordHistoryAccepted(rewritten, uai: uai, memberID: memberID, reason: reason, now: now)
        return rewritten
    }
}
