import DossierCore
import Foundation

/// The review of the CFAs' badge proposals (issue 14): the same peer group and the same rules as
/// badge requests (a pilot CFA's member recused from its own CFA, reasons required, a member's
/// newer vote replacing the standing one, the quorum), then the Région accepts (the badge goes
/// into the next catalogue version's draft) or declines. Each outcome travels back to the CFA as
/// a `ProposalDecision` on its decisions ref.
extension Review {
    /// The current (newest) submission of every proposal, by CFA then slug.
    public func proposals() throws -> [ProposalSubmission] {
        try store.read { tx in
            var newest: [String: ProposalSubmission] = [:]
            for proposal in try tx.proposals(uai: nil, slug: nil) { newest["\(proposal.uai) \(proposal.slug)"] = proposal }
            return newest.values.sorted { ($0.uai, $0.slug) < ($1.uai, $1.slug) }
        }
    }

    /// The current (newest) submission of a CFA's proposal.
    public func proposal(uai: String, slug: String) throws -> ProposalSubmission {
        try store.read { tx in try Self.currentProposal(tx, uai: uai, slug: slug) }
    }

    /// Every submission of a CFA's proposal, oldest first.
    public func proposalHistory(uai: String, slug: String) throws -> [ProposalSubmission] {
        try store.read { tx in
            guard try tx.cfa(uai) != nil else { throw HubError.unknownCFA(uai) }
            let all = try tx.proposals(uai: uai, slug: slug)
            guard !all.isEmpty else { throw ProposalError.noProposal(uai: uai, slug: slug) }
            return all
        }
    }

    /// The votes cast on a proposal submission, oldest first (withdrawn ones included).
    public func proposalVotes(_ proposal: ProposalSubmission) throws -> [ProposalVote] {
        try store.read { tx in try proposal.id.map(tx.proposalVotes(proposal:)) ?? [] }
    }

    /// The standing votes of a proposal submission, counted.
    public func proposalTally(_ proposal: ProposalSubmission) throws -> Tally {
        try store.read { tx in try Self.proposalTally(tx, proposal) }
    }

    static func currentProposal(_ tx: ReviewTransaction, uai: String, slug: String) throws -> ProposalSubmission {
        guard try tx.cfa(uai) != nil else { throw HubError.unknownCFA(uai) }
        guard let newest = try tx.proposals(uai: uai, slug: slug).last else { throw ProposalError.noProposal(uai: uai, slug: slug) }
        return newest
    }

    static func proposalTally(_ tx: ReviewTransaction, _ proposal: ProposalSubmission) throws -> Tally {
        let members = Dictionary(try tx.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return Tally(votes: try proposal.id.map(tx.proposalVotes(proposal:))?.map(\.asVote) ?? [], members: members)
    }

    /// Records a member's vote on the current submission of a proposal: the rules of a request's
    /// vote (recusal, a reason, the member's standing vote replaced). Votes asking for changes send
    /// the proposal back to the CFA with their reasons.
    @discardableResult
    public func voteOnProposal(uai: String, slug: String, member memberID: String, verdict: Vote.Verdict, reason: String,
                               now: Date = Date()) throws -> ProposalSubmission {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        return try store.write { tx in
            var proposal = try Self.currentProposal(tx, uai: uai, slug: slug)
            let member = try Self.member(tx, memberID)
            if member.role == .cfaPilote, member.uai == uai { throw ProposalError.recused(member: memberID, uai: uai) }
            guard proposal.state.isOpen, let id = proposal.id else { throw ProposalError.closed(state: proposal.state.rawValue) }
            for var standing in try tx.proposalVotes(proposal: id) where standing.memberID == memberID && standing.withdrawnAt == nil {
                standing.withdrawnAt = now
                try tx.update(standing)
            }
            _ = try tx.insert(ProposalVote(proposalID: id, memberID: memberID, verdict: verdict, reason: reason, castAt: now))
            try Self.decisionsChanged(tx, uai: uai)
            try tx.append(AuditEntry(at: now, actor: memberID, action: "proposal-vote-\(verdict.rawValue)", uai: uai, badge: slug,
                                     commit: proposal.commit, reason: reason))
            let state = ProposalSubmission.State(try Self.proposalTally(tx, proposal).state(quorum: settings.quorum))
            // A proposal that has had votes never goes back to "submitted".
            try Self.setProposalState(tx, &proposal, state == .submitted ? .inReview : state, actor: memberID, now: now,
                                      reason: "\(verdict.rawValue): \(reason)")
            return proposal
        }
    }

    /// Accepts the current submission of a proposal: a Région member only, with a reason, the
    /// quorum and no blocking vote (as an award). `addToDraft` puts the badge entry into the next
    /// catalogue version's draft (the hub's `HubCatalogues.addBadge`) and returns the badge added;
    /// it runs last, inside the store's transaction, and throws when the id is already there.
    @discardableResult
    public func acceptProposal(uai: String, slug: String, member memberID: String, reason: String, now: Date = Date(),
                               addToDraft: (ProposalSubmission) throws -> Badge) throws -> ProposalSubmission {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        return try store.write { tx in
            var proposal = try Self.proposalToDecide(tx, uai: uai, slug: slug, member: memberID)
            try Self.proposalTally(tx, proposal).requireDecidable(settings.quorum)
            try Self.decide(tx, &proposal, .accepted, member: memberID, reason: reason, now: now)
            let badge = try addToDraft(proposal)
            // Refused when a published version already has the id (the draft's own duplicates are `addToDraft`'s).
            if schedule.catalogues.contains(where: { $0.badge(badge.id) != nil }) || catalogue.badge(badge.id) != nil {
                throw ProposalError.badgeExists(badge.id)
            }
            proposal.badge = badge.id
            try tx.update(proposal)
            try tx.append(AuditEntry(at: now, actor: memberID, action: "proposal-accept", uai: uai, badge: badge.id,
                                     commit: proposal.commit, reason: reason))
            return proposal
        }
    }

    /// Declines the current submission of a proposal: a Région member only, with a reason.
    @discardableResult
    public func declineProposal(uai: String, slug: String, member memberID: String, reason: String,
                                now: Date = Date()) throws -> ProposalSubmission {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw HubError.reasonRequired }
        return try store.write { tx in
            var proposal = try Self.proposalToDecide(tx, uai: uai, slug: slug, member: memberID)
            try Self.decide(tx, &proposal, .declined, member: memberID, reason: reason, now: now)
            try tx.append(AuditEntry(at: now, actor: memberID, action: "proposal-decline", uai: uai, badge: slug,
                                     commit: proposal.commit, reason: reason))
            return proposal
        }
    }

    /// Records, for every accepted proposal, the first catalogue version published since its
    /// acceptance that holds its badge (`ProposalDecision.catalogueVersion`); the CFA's decisions
    /// are then delivered again. Run by reconcile before it delivers. Returns how many changed.
    @discardableResult
    public func recordPublishedProposals(now: Date = Date()) throws -> Int {
        try store.write { tx in
            var changed = 0
            for var proposal in try tx.proposals(uai: nil, slug: nil)
            where proposal.state == .accepted && proposal.catalogueVersion == nil {
                guard let badge = proposal.badge, let decided = proposal.decidedAt else { continue }
                guard let entry = schedule.entries.first(where: { entry in
                    entry.catalogue.badge(badge) != nil && (entry.from.map { $0 >= Day(decided) } ?? false)
                }) else { continue }
                proposal.catalogueVersion = entry.catalogue.version
                try tx.update(proposal)
                try Self.decisionsChanged(tx, uai: proposal.uai)
                try tx.append(AuditEntry(at: now, actor: "hub", action: "proposal-published", uai: proposal.uai, badge: badge,
                                         commit: proposal.commit, reason: entry.catalogue.version))
                changed += 1
            }
            return changed
        }
    }

    /// The current submission of a proposal the Région member `memberID` is about to decide on (still open).
    static func proposalToDecide(_ tx: ReviewTransaction, uai: String, slug: String, member memberID: String) throws -> ProposalSubmission {
        let proposal = try currentProposal(tx, uai: uai, slug: slug)
        guard try member(tx, memberID).role == .region else { throw ProposalError.notRegion(memberID) }
        guard proposal.state.isOpen else { throw ProposalError.closed(state: proposal.state.rawValue) }
        return proposal
    }

    /// Records the Région's decision on a proposal: who, when, why, and the state it leads to.
    static func decide(_ tx: ReviewTransaction, _ proposal: inout ProposalSubmission, _ state: ProposalSubmission.State,
                       member memberID: String, reason: String, now: Date) throws {
        proposal.decidedBy = memberID
        proposal.decidedAt = now
        proposal.decisionReason = reason
        try setProposalState(tx, &proposal, state, actor: memberID, now: now, reason: reason)
    }

    /// Changes a proposal's state with its audit row.
    static func setProposalState(_ tx: ReviewTransaction, _ proposal: inout ProposalSubmission, _ state: ProposalSubmission.State,
                                 actor: String, now: Date, reason: String?) throws {
        guard state != proposal.state else {
            try tx.update(proposal)
            return
        }
        let previous = proposal.state
        proposal.state = state
        try tx.update(proposal)
        try decisionsChanged(tx, uai: proposal.uai)
        try tx.append(AuditEntry(at: now, actor: actor, action: "proposal-state", uai: proposal.uai, badge: proposal.slug,
                                 commit: proposal.commit, fromState: previous.rawValue, toState: state.rawValue, reason: reason))
    }

    // MARK: reconcile

    /// Stores the proposals one reconcile of a CFA ingested (inside `receive`'s transaction): an
    /// older open submission of the same proposal is superseded; a refused one is recorded with
    /// its reason (its decision, declined, goes back to the CFA).
    static func receiveProposals(_ tx: ReviewTransaction, _ proposals: [ProposalSubmission], uai: String, now: Date) throws {
        for proposal in proposals {
            for var older in try tx.proposals(uai: uai, slug: proposal.slug) where older.state.isOpen {
                try setProposalState(tx, &older, .superseded, actor: "hub", now: now, reason: proposal.tag)
            }
            let stored = try tx.insert(proposal)
            try decisionsChanged(tx, uai: uai)
            try tx.append(AuditEntry(at: now, actor: "hub", action: stored.state == .refused ? "proposal-refused" : "proposal-ingest",
                                     uai: uai, badge: proposal.slug, commit: proposal.commit, toState: stored.state.rawValue,
                                     reason: [proposal.tag, proposal.refusal?.text(.en)].compactMap { $0 }.joined(separator: ": ")))
        }
    }

    // MARK: decisions

    /// The proposal decisions a CFA should see, one per decided proposal submission.
    public func proposalDecisions(uai: String) throws -> [ProposalDecision] {
        try store.read { tx in try Self.proposalDecisions(tx, uai: uai) }
    }

    package static func proposalDecisions(_ tx: ReviewTransaction, uai: String) throws -> [ProposalDecision] {
        let members = Dictionary(try tx.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var decisions: [ProposalDecision] = []
        for proposal in try tx.proposals(uai: uai, slug: nil) {
            guard let id = proposal.id else { continue }
            var decision = ProposalDecision(slug: proposal.slug, proposal: proposal.tag, commit: proposal.commit, outcome: .declined,
                                            date: Day(proposal.decidedAt ?? proposal.ingestedAt))
            let region = proposal.decidedBy.map { member in
                [Decision.Reason(member: member, role: Member.Role.region.rawValue, text: proposal.decisionReason ?? "")]
            } ?? []
            switch proposal.state {
            case .changesRequested:
                let votes = try tx.proposalVotes(proposal: id).filter { $0.verdict == .changes && $0.withdrawnAt == nil }
                decision.outcome = .changesRequested
                decision.reasons = votes.map { Decision.Reason(member: $0.memberID, role: members[$0.memberID]?.role.rawValue ?? "", text: $0.reason) }
                decision.date = Day(votes.map(\.castAt).max() ?? proposal.ingestedAt)
            case .accepted:
                decision.outcome = .accepted
                decision.reasons = region
                decision.badge = proposal.badge ?? proposal.slug
                decision.catalogueVersion = proposal.catalogueVersion
            case .declined:
                decision.reasons = region
            case .refused:
                // Refused at ingest: the hub's reason, in both languages (the CFA reads it offline).
                let text = proposal.refusal.map { "\($0.text(.fr)) / \($0.text(.en))" } ?? ""
                decision.reasons = [Decision.Reason(member: "hub", role: "hub", text: text)]
            case .submitted, .inReview, .approved, .rejected, .superseded:
                continue
            }
            decisions.append(decision)
        }
        return decisions
    }
}
