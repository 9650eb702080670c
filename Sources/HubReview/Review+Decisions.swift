import DossierCore
import Foundation

extension Review {
    /// The decisions a CFA should see, one per decided submission, from the store.
    public func decisions(uai: String) throws -> [Decision] {
        try store.read { tx in try Self.decisions(tx, uai: uai) }
    }

    package static func decisions(_ tx: ReviewTransaction, uai: String) throws -> [Decision] {
        let members = Dictionary(try tx.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let awards = Dictionary(try tx.awards(uai: uai).map { ($0.submissionID, $0) }, uniquingKeysWith: { _, b in b })
        var decisions: [Decision] = []
        for submission in try tx.submissions(uai: uai, badge: nil) {
            guard let id = submission.id else { continue }
            func reasons(_ verdict: Vote.Verdict) throws -> (reasons: [Decision.Reason], date: Date?) {
                let votes = try tx.votes(submission: id).filter { $0.verdict == verdict && $0.withdrawnAt == nil }
                return (votes.map { Decision.Reason(member: $0.memberID, role: members[$0.memberID]?.role.rawValue ?? "", text: $0.reason) },
                        votes.map(\.castAt).max())
            }
            var decision = Decision(badge: submission.badge, submission: submission.tag, commit: submission.commit,
                                    outcome: .awarded, date: Day(submission.ingestedAt))
            switch submission.state {
            case .changesRequested, .rejected:
                let (list, date) = try reasons(submission.state == .rejected ? .reject : .changes)
                decision.outcome = submission.state == .rejected ? .rejected : .changesRequested
                decision.reasons = list
                decision.date = Day(date ?? submission.ingestedAt)
            case .awarded, .expired, .revoked:
                guard let award = awards[id] else { continue }
                decision.validFrom = award.validFrom
                decision.validUntil = award.validUntil
                decision.date = Day(award.awardedAt)
                if let revokedAt = award.revokedAt {
                    decision.outcome = .revoked
                    decision.date = award.revokedOn ?? Day(revokedAt)
                    decision.reasons = [Decision.Reason(member: award.revokedBy ?? "", role: Member.Role.region.rawValue,
                                                        text: award.revokeReason ?? "")]
                }
            case .submitted, .inReview, .approved, .superseded:
                continue
            }
            decisions.append(decision)
        }
        return decisions
    }
}
