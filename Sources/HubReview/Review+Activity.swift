import DossierCore
import Foundation

/// A queue entry with what a reviewers' page adds: the roles that approved, and when the request
/// last moved (ingest or vote).
public struct ReviewQueueItem: Sendable {
    public let entry: QueueEntry
    public let submissionID: Int64
    public let approvalRoles: Set<Member.Role>
    public let lastActivity: Date
}

extension Review {
    /// The queue (what `queue(today:)` lists) with quorum roles and last activity, newest activity
    /// first; read in one transaction, the peer group once.
    public func reviewQueue(today: Day) throws -> [ReviewQueueItem] {
        try store.read { tx in
            let names = Dictionary(try tx.cfas().map { ($0.uai, $0.name) }, uniquingKeysWith: { a, _ in a })
            let members = Dictionary(try tx.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var items: [ReviewQueueItem] = []
            let submissions = try tx.queueRecords(states: Self.queued)
            let votesBySubmission = Dictionary(grouping: try tx.votes(submissions: submissions.map(\.id)), by: \.submissionID)
            for submission in submissions {
                let id = submission.id
                let votes = votesBySubmission[id] ?? []
                let tally = Tally(votes: votes, members: members)
                let entry = QueueEntry(
                    uai: submission.uai, name: names[submission.uai] ?? nil, badge: submission.badge, kind: submission.kind,
                    state: submission.state, commit: submission.commit, tag: submission.tag, ready: submission.ready,
                    renewalRulesMet: submission.renewalRulesMet,
                    votes: .init(approve: tally.approvals.count, reject: tally.rejections.count, changes: tally.changes.count),
                    submittedAt: submission.submittedAt, ageDays: max(0, Day(submission.submittedAt).days(until: today)))
                let moments = [submission.ingestedAt, submission.submittedAt] + votes.map(\.castAt) + votes.compactMap(\.withdrawnAt)
                items.append(ReviewQueueItem(entry: entry, submissionID: id, approvalRoles: tally.approvalRoles,
                                             lastActivity: moments.max() ?? submission.ingestedAt))
            }
            return items.sorted { $0.lastActivity != $1.lastActivity ? $0.lastActivity > $1.lastActivity : $0.submissionID > $1.submissionID }
        }
    }

    /// The states of requests awaiting a decision (the queue).
    static let queued: [Submission.State] = [.submitted, .inReview, .changesRequested, .approved, .rejected]
}

extension Review {
    /// How many requests await a decision (the queue's length, counted without reading them).
    public func openRequestCount() throws -> Int {
        try store.read { tx in try tx.submissionCount(states: Self.queued) }
    }

    /// The CFA's award of a badge valid on `day` (not revoked, not expired), if any.
    public func validAward(uai: String, badge: String, on day: Day) throws -> Award? {
        try store.read { tx in try tx.awards(uai: uai) }.last { $0.badge == badge && $0.revokedAt == nil && $0.validUntil > day }
    }
}
