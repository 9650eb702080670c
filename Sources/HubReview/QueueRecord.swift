import Foundation

/// What the queue shows of a request: the columns of `Submission` it needs, without the check's
/// problems or the renewal diff (JSON a queue of a thousand requests would otherwise decode on
/// every page). Read by `ReviewTransaction.queueRecords(states:)`.
public struct QueueRecord: Sendable, Equatable {
    public let id: Int64
    public let uai: String
    public let badge: String
    public let tag: String
    public let commit: String
    public let kind: Submission.Kind
    public let state: Submission.State
    public let submittedAt: Date
    public let ingestedAt: Date
    public let ready: Bool
    public let renewalRulesMet: Bool?

    /// The projection of a stored request (nil when it was never stored: no id).
    public init?(_ submission: Submission) {
        guard let id = submission.id else { return nil }
        self.id = id
        uai = submission.uai
        badge = submission.badge
        tag = submission.tag
        commit = submission.commit
        kind = submission.kind
        state = submission.state
        submittedAt = submission.submittedAt
        ingestedAt = submission.ingestedAt
        ready = submission.ready
        renewalRulesMet = submission.renewalRulesMet
    }

    public init(id: Int64, uai: String, badge: String, tag: String, commit: String, kind: Submission.Kind,
                state: Submission.State, submittedAt: Date, ingestedAt: Date, ready: Bool, renewalRulesMet: Bool?) {
        self.id = id
        self.uai = uai
        self.badge = badge
        self.tag = tag
        self.commit = commit
        self.kind = kind
        self.state = state
        self.submittedAt = submittedAt
        self.ingestedAt = ingestedAt
        self.ready = ready
        self.renewalRulesMet = renewalRulesMet
    }
}
