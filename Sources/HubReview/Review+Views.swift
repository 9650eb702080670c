import DossierCore
import Foundation

/// A submission awaiting a decision, as the queue lists it.
public struct QueueEntry: Sendable, Encodable {
    public let uai: String
    public let name: String?
    public let badge: String
    public let kind: Submission.Kind
    public let state: Submission.State
    public let commit: String
    public let tag: String
    /// The catalogue's check verdict at ingest.
    public let ready: Bool
    public let renewalRulesMet: Bool?
    public let votes: VoteCount
    public let submittedAt: Date
    public let ageDays: Int

    public struct VoteCount: Sendable, Encodable {
        public let approve: Int
        public let reject: Int
        public let changes: Int
    }
}

/// Everything a reviewer sees of one submission.
public struct SubmissionView: Sendable, Encodable {
    public let submission: Submission
    public let cfaName: String?
    public let evidence: [EvidenceRecord]
    public let votes: [Vote]
    public let quorum: Quorum
    public let quorumReached: Bool
    public let award: Award?
    /// For a renewal: what changed since the awarded snapshot.
    public let renewal: BadgeRenewalDiff?
}

extension Review {
    /// Submissions awaiting a decision (not awarded, rejected for good, superseded or expired), oldest first.
    public func queue(today: Day) throws -> [QueueEntry] {
        try store.read { tx in
            let names = Dictionary(try tx.cfas().map { ($0.uai, $0.name) }, uniquingKeysWith: { a, _ in a })
            return try tx.submissions(uai: nil, badge: nil)
                .filter { [.submitted, .inReview, .changesRequested, .approved, .rejected].contains($0.state) }
                .map { submission in
                    let tally = try Self.tally(tx, submission)
                    return QueueEntry(
                        uai: submission.uai, name: names[submission.uai] ?? nil, badge: submission.badge, kind: submission.kind,
                        state: submission.state, commit: submission.commit, tag: submission.tag, ready: submission.ready,
                        renewalRulesMet: submission.renewalRulesMet,
                        votes: .init(approve: tally.approvals.count, reject: tally.rejections.count, changes: tally.changes.count),
                        submittedAt: submission.submittedAt, ageDays: max(0, Day(submission.submittedAt).days(until: today)))
                }
        }
    }

    /// The current submission of a badge with its inventory, votes and award; `renewal` gives
    /// what a renewal changed since its base (the `Hub` computes it from the CFA's mirror).
    public func view(uai: String, badge: String, renewal: (Submission) throws -> BadgeRenewalDiff?) throws -> SubmissionView {
        let (submission, name, evidence, votes, tally, award) = try store.read { tx in
            let submission = try Self.current(tx, uai: uai, badge: badge, catalogue: catalogue)
            let id = submission.id ?? 0
            return (submission, try tx.cfa(uai)?.name, try tx.evidence(submission: id), try tx.votes(submission: id),
                    try Self.tally(tx, submission), try tx.awards(uai: uai).last { $0.submissionID == id })
        }
        return SubmissionView(submission: submission, cfaName: name, evidence: evidence, votes: votes, quorum: settings.quorum,
                              quorumReached: tally.reaches(settings.quorum), award: award, renewal: try renewal(submission))
    }

    /// The operation log, oldest first, for one CFA or all.
    public func audit(uai: String?) throws -> [AuditEntry] {
        try store.read { tx in try tx.audit(uai: uai) }
    }
}
