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
    /// The queue with quorum roles and last activity, newest activity first.
    public func reviewQueue(today: Day) throws -> [ReviewQueueItem] {
        let entries = try queue(today: today)
        return try store.read { tx in
            let members = Dictionary(try tx.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var items: [ReviewQueueItem] = []
            for entry in entries {
                guard let submission = try tx.submission(uai: entry.uai, tag: entry.tag), let id = submission.id else { continue }
                let votes = try tx.votes(submission: id)
                let tally = Tally(votes: votes, members: members)
                let moments = [submission.ingestedAt, submission.submittedAt] + votes.map(\.castAt) + votes.compactMap(\.withdrawnAt)
                items.append(ReviewQueueItem(entry: entry, submissionID: id, approvalRoles: tally.approvalRoles,
                                             lastActivity: moments.max() ?? submission.ingestedAt))
            }
            return items.sorted { $0.lastActivity != $1.lastActivity ? $0.lastActivity > $1.lastActivity : $0.submissionID > $1.submissionID }
        }
    }
}

extension Review {
    /// The CFA's award of a badge valid on `day` (not revoked, not expired), if any.
    public func validAward(uai: String, badge: String, on day: Day) throws -> Award? {
        try store.read { tx in try tx.awards(uai: uai) }.last { $0.badge == badge && $0.revokedAt == nil && $0.validUntil > day }
    }
}
