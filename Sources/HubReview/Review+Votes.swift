import DossierCore
import Foundation

extension Review {
    /// The newest submission of a badge by a CFA (the one reviewers act on).
    public func currentSubmission(uai: String, badge: String) throws -> Submission {
        try store.read { tx in try Self.current(tx, uai: uai, badge: badge, catalogue: catalogue) }
    }

    static func current(_ tx: ReviewTransaction, uai: String, badge: String, catalogue: Catalogue) throws -> Submission {
        guard try tx.cfa(uai) != nil else { throw HubError.unknownCFA(uai) }
        guard catalogue.badge(badge) != nil else { throw HubError.unknownBadge(badge) }
        guard let newest = try tx.submissions(uai: uai, badge: badge).last else { throw HubError.noSubmission(uai: uai, badge: badge) }
        return newest
    }

    /// Records a member's vote on the current submission. The member's earlier standing vote on
    /// it is withdrawn; a pilot CFA's member cannot vote on its own CFA.
    @discardableResult
    public func vote(uai: String, badge: String, memberID: String, verdict: Vote.Verdict, reason: String,
                     now: Date = Date()) throws -> Submission {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        return try store.write { tx in
            var submission = try Self.current(tx, uai: uai, badge: badge, catalogue: catalogue)
            let member = try Self.member(tx, memberID)
            if member.role == .cfaPilote, member.uai == uai { throw HubError.recused(member: memberID, uai: uai) }
            guard submission.state.isOpen else { throw HubError.votingClosed(state: submission.state.rawValue) }
            guard let id = submission.id else { throw HubError.corruptStore("submission without id") }
            for var standing in try tx.votes(submission: id) where standing.memberID == memberID && standing.withdrawnAt == nil {
                standing.withdrawnAt = now
                try tx.update(standing)
            }
            _ = try tx.insert(Vote(submissionID: id, memberID: memberID, verdict: verdict, reason: reason, castAt: now))
            try Self.decisionsChanged(tx, uai: uai)  // a reason may join the decision sent back
            try tx.append(AuditEntry(at: now, actor: memberID, action: "vote-\(verdict.rawValue)", uai: uai, badge: badge,
                                     submissionID: id, commit: submission.commit, reason: reason))
            try recomputeState(tx, &submission, actor: memberID, now: now, reason: "\(verdict.rawValue): \(reason)")
            return submission
        }
    }

    /// Withdraws a member's standing vote on the current submission (a rejection stops blocking).
    @discardableResult
    public func withdrawVote(uai: String, badge: String, memberID: String, reason: String?, now: Date = Date()) throws -> Submission {
        try store.write { tx in
            var submission = try Self.current(tx, uai: uai, badge: badge, catalogue: catalogue)
            _ = try Self.member(tx, memberID)
            guard submission.state.isOpen else { throw HubError.votingClosed(state: submission.state.rawValue) }
            guard let id = submission.id,
                  var standing = try tx.votes(submission: id).last(where: { $0.memberID == memberID && $0.withdrawnAt == nil }) else {
                throw HubError.noVoteToWithdraw(memberID)
            }
            standing.withdrawnAt = now
            try tx.update(standing)
            try Self.decisionsChanged(tx, uai: uai)
            try tx.append(AuditEntry(at: now, actor: memberID, action: "vote-withdraw", uai: uai, badge: badge,
                                     submissionID: id, commit: submission.commit, reason: reason ?? standing.verdict.rawValue))
            try recomputeState(tx, &submission, actor: memberID, now: now,
                               reason: "\(standing.verdict.rawValue) withdrawn: \(reason ?? standing.reason)")
            return submission
        }
    }

    /// The standing votes of a submission, counted.
    public func tally(_ submission: Submission) throws -> Tally {
        try store.read { tx in try Self.tally(tx, submission) }
    }

    static func tally(_ tx: ReviewTransaction, _ submission: Submission) throws -> Tally {
        let members = Dictionary(try tx.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return Tally(votes: try submission.id.map(tx.votes(submission:)) ?? [], members: members)
    }

    /// Awards the current submission: a Région member only, with the quorum and no blocking vote.
    /// Valid from `day` until `day` plus the badge's validity in the catalogue version the request
    /// was checked against; an earlier award of the badge is replaced.
    @discardableResult
    public func award(uai: String, badge: String, memberID: String, day: Day, now: Date = Date()) throws -> Award {
        guard let definition = catalogue.badge(badge) else { throw HubError.unknownBadge(badge) }
        return try store.write { tx in
            var submission = try Self.current(tx, uai: uai, badge: badge, catalogue: catalogue)
            let member = try Self.member(tx, memberID)
            guard member.role == .region else { throw HubError.notRegion(memberID) }
            guard submission.state.isOpen, let id = submission.id else { throw HubError.votingClosed(state: submission.state.rawValue) }
            try Self.tally(tx, submission).requireDecidable(settings.quorum)
            let years = catalogue(version: submission.catalogueVersion).badge(badge)?.validityYears ?? definition.validityYears
            var record = Award(uai: uai, badge: badge, submissionID: id, commit: submission.commit, validFrom: day,
                               validUntil: day.adding(years: years), awardedBy: memberID, awardedAt: now)
            record.catalogueVersion = submission.catalogueVersion
            var award = try tx.insert(record)
            for var earlier in try tx.awards(uai: uai) where earlier.badge == badge && earlier.id != award.id
                && earlier.revokedAt == nil && earlier.replacedBy == nil {
                earlier.replacedBy = award.id
                try tx.update(earlier)
            }
            try setState(tx, &submission, .awarded, actor: memberID, now: now, reason: nil,
                         codes: [.validity(from: award.validFrom, until: award.validUntil)])
            award = try tx.awards(uai: uai).first { $0.id == award.id } ?? award
            try updateLabel(tx, uai: uai, day: day, now: now)
            // The Open Badges credentials (badge, label, status list) in the same transaction.
            try updateBadgeCredentials(tx, uai: uai, day: day, now: now, source: IssuerSource(badgeIssuing))
            return award
        }
    }

    /// Revokes the CFA's valid award of a badge, with the Région's reason.
    @discardableResult
    public func revoke(uai: String, badge: String, memberID: String, reason: String, day: Day? = nil,
                       now: Date = Date()) throws -> Award {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        guard catalogue.badge(badge) != nil else { throw HubError.unknownBadge(badge) }
        let today = day ?? Day(now)
        return try store.write { tx in
            guard try tx.cfa(uai) != nil else { throw HubError.unknownCFA(uai) }
            let member = try Self.member(tx, memberID)
            guard member.role == .region else { throw HubError.notRegion(memberID) }
            let valid = try tx.awards(uai: uai).filter { $0.badge == badge && $0.revokedAt == nil && $0.validUntil > today }
            guard let current = valid.last else { throw HubError.notAwarded(uai: uai, badge: badge) }
            for var award in valid {
                award.revokedAt = now
                award.revokedOn = today
                award.revokedBy = memberID
                award.revokeReason = reason
                try tx.update(award)
            }
            if var submission = try tx.submission(current.submissionID) {
                try setState(tx, &submission, .revoked, actor: memberID, now: now, reason: reason)
            }
            try updateLabel(tx, uai: uai, day: today, now: now)
            // Status bits of the badge's credential and, when the label is lost by it, of the label's.
            try updateBadgeCredentials(tx, uai: uai, day: today, now: now, source: IssuerSource(badgeIssuing))
            return try tx.awards(uai: uai).first { $0.id == current.id } ?? current
        }
    }

    /// Marks awards whose validity ended by `day` as expired and records label lapses. Run by
    /// every command that reads states, so they never show a stale one.
    public func refreshExpiries(on day: Day, now: Date = Date()) throws {
        try store.write { tx in
            // Only CFAs with awards can have one expire or a label to lapse: one query finds them.
            let byCFA = Dictionary(grouping: try tx.awards(uai: nil), by: \.uai)
            for (uai, awards) in byCFA.sorted(by: { $0.key < $1.key }) {
                for award in awards where award.revokedAt == nil && award.validUntil <= day {
                    guard var submission = try tx.submission(award.submissionID), submission.state == .awarded else { continue }
                    try setState(tx, &submission, .expired, actor: "hub", now: now, reason: nil,
                                 codes: [.validityEnded(on: award.validUntil)])
                }
                try updateLabel(tx, uai: uai, day: day, now: now)
            }
        }
    }

    /// The label status of a CFA on a day.
    public func label(uai: String, on day: Day) throws -> LabelStatus {
        try store.read { tx in
            guard try tx.cfa(uai) != nil else { throw HubError.unknownCFA(uai) }
            return LabelStatus(uai: uai, awards: try tx.awards(uai: uai), catalogues: schedule, on: day)
        }
    }

    // MARK: state changes

    static func member(_ tx: ReviewTransaction, _ id: String) throws -> Member {
        guard let member = try tx.member(id) else { throw HubError.unknownMember(id) }
        return member
    }

    /// Sets an open submission's state from its standing votes; `reason` is the vote that changed it.
    func recomputeState(_ tx: ReviewTransaction, _ submission: inout Submission, actor: String, now: Date, reason: String) throws {
        let state = try Self.tally(tx, submission).state(quorum: settings.quorum)
        guard state != submission.state else { return }
        // A request that has had votes never goes back to "submitted".
        try setState(tx, &submission, state == .submitted ? .inReview : state, actor: actor, now: now, reason: reason)
    }

    /// Changes a submission's state with its audit row.
    func setState(_ tx: ReviewTransaction, _ submission: inout Submission, _ state: Submission.State, actor: String,
                  now: Date, reason: String?, codes: [HubReason]? = nil) throws {
        guard state != submission.state else { return }
        let previous = submission.state
        submission.state = state
        try tx.update(submission)
        try Self.decisionsChanged(tx, uai: submission.uai)
        try tx.append(AuditEntry(at: now, actor: actor, action: "state", uai: submission.uai, badge: submission.badge,
                                 submissionID: submission.id, commit: submission.commit, fromState: previous.rawValue,
                                 toState: state.rawValue, reason: reason, codes: codes))
    }

    /// Counts a change that may alter a CFA's decisions, so that reconcile rebuilds and delivers
    /// them only when one happened.
    static func decisionsChanged(_ tx: ReviewTransaction, uai: String) throws {
        let key = decisionsEpochKey(uai)
        try tx.setValue(String((try tx.value(key).flatMap(Int.init) ?? 0) + 1), for: key)
    }

    static func decisionsEpochKey(_ uai: String) -> String { "decisions-epoch:\(uai)" }
    static func deliveredEpochKey(_ uai: String) -> String { "decisions-delivered-epoch:\(uai)" }

    /// Records the label as awarded when its rule becomes true, and as lapsed (on the day it
    /// stopped being true) when it no longer is.
    func updateLabel(_ tx: ReviewTransaction, uai: String, day: Day, now: Date) throws {
        let awards = try tx.awards(uai: uai)
        let events = try tx.labelEvents(uai: uai)
        let heldNow = LabelStatus(uai: uai, awards: awards, catalogues: schedule, on: day).held
        let wasHeld = events.last?.kind == .awarded
        guard heldNow != wasHeld else { return }
        var eventDay = day
        if !heldNow, let since = events.last?.day {
            // The first day after it was awarded on which the rule broke: an expiry or a revocation…
            // …or a catalogue version whose rule asks for more coming into force.
            let candidates = Set(awards.map(\.validUntil) + awards.compactMap(\.revocationDay) + schedule.entries.compactMap(\.from))
                .filter { $0 > since && $0 <= day }.sorted()
            eventDay = candidates.first { !LabelStatus(uai: uai, awards: awards, catalogues: schedule, on: $0).held } ?? day
        }
        let kind: LabelEvent.Kind = heldNow ? .awarded : .lapsed
        try tx.insert(LabelEvent(uai: uai, kind: kind, day: eventDay, recordedAt: now))
        try tx.append(AuditEntry(at: now, actor: "hub", action: "label-\(kind.rawValue)", uai: uai, reason: "\(eventDay)"))
    }
}
