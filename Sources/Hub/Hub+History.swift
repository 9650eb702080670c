import DossierCore
import Foundation
import Git

/// A submission tag the CFA moved or deleted after the hub ingested it.
public struct RewrittenTag: Sendable, Equatable, Encodable {
    public let tag: String
    /// What the hub ingested (tag object or commit), still pinned in the mirror.
    public let ingested: String
    /// Where the CFA's tag points now; nil when deleted.
    public let upstream: String?
}

extension Hub {
    /// The value kept for a tag whose deletion was accepted.
    static let deletedTag = ""

    static func acceptedHistoryKey(_ uai: String) -> String { "history-accepted:\(uai)" }

    /// The rewritten tags the Région accepted for a CFA: tag → where it pointed when accepted
    /// (`deletedTag` when deleted). A tag that moves again fails the CFA again.
    static func acceptedHistory(_ tx: ReviewTransaction, uai: String) throws -> [String: String] {
        guard let text = try tx.value(acceptedHistoryKey(uai)) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// The CFA's submission tags the last reconcile found moved or deleted upstream (its recorded
    /// failure), with where each points now (the mirror's upstream copy, fetched by that run).
    public func rewrittenTags(uai: String) throws -> [RewrittenTag] {
        let (record, submissions, accepted) = try store.read { tx in
            guard let record = try tx.cfa(uai) else { throw HubError.unknownCFA(uai) }
            return (record, try tx.submissions(uai: uai, badge: nil), try Self.acceptedHistory(tx, uai: uai))
        }
        let ingested = Dictionary(submissions.map { ($0.tag, $0.tagTarget) }, uniquingKeysWith: { a, _ in a })
        let mirror = FileManager.default.fileExists(atPath: mirrorPath(uai) + "/HEAD") ? try Repository.open(at: mirrorPath(uai)) : nil
        var rewritten: [RewrittenTag] = []
        for reason in record.failure ?? [] {
            switch reason {
            case .tagMoved(let tag, _):
                guard let target = ingested[tag], let upstream = try mirror?.referenceTarget(CFAReconcile.upstreamPrefix + tag) else { continue }
                rewritten.append(RewrittenTag(tag: tag, ingested: target, upstream: upstream.hex))
            case .tagDeleted(let tag, _):
                guard let target = ingested[tag] else { continue }
                rewritten.append(RewrittenTag(tag: tag, ingested: target, upstream: nil))
            default:
                continue
            }
        }
        return rewritten.filter { accepted[$0.tag] != ($0.upstream ?? Self.deletedTag) }
    }

    /// Accepts a CFA's rewritten history after review (a Région member, with a reason): its moved
    /// or deleted submission tags stop failing it; what was ingested stays pinned in the mirror
    /// and in the store. Returns the tags accepted.
    @discardableResult
    public func acceptHistory(uai: String, memberID: String, reason: String, now: Date = Date()) throws -> [RewrittenTag] {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        let member = try store.read { tx in try Self.member(tx, memberID) }
        guard member.role == .region else { throw HubError.notRegion(memberID) }
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
        try store.write { tx in
            var accepted = try Self.acceptedHistory(tx, uai: uai)
            for tag in rewritten { accepted[tag.tag] = tag.upstream ?? Self.deletedTag }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try tx.setValue(String(decoding: try encoder.encode(accepted), as: UTF8.self), for: Self.acceptedHistoryKey(uai))
            if var record = try tx.cfa(uai) {
                record.refsDigest = nil  // the next reconcile looks again
                try tx.update(record)
            }
            try tx.append(AuditEntry(at: now, actor: memberID, action: "history-accepted", uai: uai, reason: reason,
                                     codes: [.historyAccepted(tags: rewritten.map(\.tag))]))
        }
        return rewritten
    }
}
