import DossierCore
import Foundation

/// A submission tag the CFA moved or deleted after the hub ingested it.
public struct RewrittenTag: Sendable, Equatable, Encodable {
    public let tag: String
    /// What the hub ingested (tag object or commit), still pinned in the mirror.
    public let ingested: String
    /// Where the CFA's tag points now; nil when deleted.
    public let upstream: String?
}

extension Review {
    /// The value kept for a tag whose deletion was accepted.
    package static let deletedTag = ""

    static func acceptedHistoryKey(_ uai: String) -> String { "history-accepted:\(uai)" }

    /// The rewritten tags the Région accepted for a CFA: tag → where it pointed when accepted
    /// (`deletedTag` when deleted). A tag that moves again fails the CFA again.
    package static func acceptedHistory(_ tx: ReviewTransaction, uai: String) throws -> [String: String] {
        guard let text = try tx.value(acceptedHistoryKey(uai)) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// The CFA's submission tags the last reconcile found moved or deleted upstream (its recorded
    /// failure), not yet accepted; `upstream` tells where a moved tag points now (the `Hub` reads
    /// it from the mirror's upstream copy, fetched by that run).
    public func rewrittenTags(uai: String, upstream: (String) throws -> String?) throws -> [RewrittenTag] {
        let (record, submissions, accepted) = try store.read { tx in
            guard let record = try tx.cfa(uai) else { throw HubError.unknownCFA(uai) }
            return (record, try tx.submissions(uai: uai, badge: nil), try Self.acceptedHistory(tx, uai: uai))
        }
        let ingested = Dictionary(submissions.map { ($0.tag, $0.tagTarget) }, uniquingKeysWith: { a, _ in a })
        var rewritten: [RewrittenTag] = []
        for reason in record.failure ?? [] {
            switch reason {
            case .tagMoved(let tag, _):
                guard let target = ingested[tag], let upstream = try upstream(tag) else { continue }
                rewritten.append(RewrittenTag(tag: tag, ingested: target, upstream: upstream))
            case .tagDeleted(let tag, _):
                guard let target = ingested[tag] else { continue }
                rewritten.append(RewrittenTag(tag: tag, ingested: target, upstream: nil))
            default:
                continue
            }
        }
        return rewritten.filter { accepted[$0.tag] != ($0.upstream ?? Self.deletedTag) }
    }

    /// Checks that `memberID` may accept a CFA's rewritten history (a Région member) with a
    /// reason; returns the reason trimmed.
    public func checkHistoryAcceptance(memberID: String, reason: String) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        let member = try store.read { tx in try Self.member(tx, memberID) }
        guard member.role == .region else { throw HubError.notRegion(memberID) }
        return reason
    }

    /// Records the Région's acceptance of rewritten tags: they stop failing the CFA, and the next
    /// reconcile looks at it again.
    public func recordHistoryAccepted(_ rewritten: [RewrittenTag], uai: String, memberID: String, reason: String, now: Date) throws {
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
    }
}
