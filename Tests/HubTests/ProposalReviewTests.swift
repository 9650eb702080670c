import DossierCore
import Foundation
import Testing
@testable import Hub
@testable import HubReview

/// The review of the CFAs' badge proposals, through the `Hub` API, over both stores: recusal,
/// reasons, the quorum, changes requested and the decision sent back, acceptance into the next
/// catalogue version's draft (an id already there refused), declining, publication.
@Suite struct ProposalReviewTests {
    private let caen = ReviewFixture.caen
    private let rouen = ReviewFixture.rouen
    private let now = ReviewFixture.moment("2026-03-02")

    /// A valid proposal file of `slug` (the same shape as docs/CATALOGUE.md's example).
    static func proposalText(_ slug: String = "inclusion-numerique", title: String = "Inclusion numérique",
                             why: String = "Nos apprentis n'ont pas tous un ordinateur.") -> String {
        """
        id: \(slug)
        title: "\(title)"
        summary: "Accompagnement des apprentis éloignés du numérique"
        validityYears: 2
        criteria:
          - id: diagnostic
            text: "Un diagnostic des usages est fait à l'entrée en formation"
          - id: ateliers
            text: "Ateliers d'initiation"
        requirement:
          all: true
        why: |
          \(why)

        """
    }

    /// Ingests a proposal submission the way reconcile does (through the review room's one door).
    @discardableResult
    static func propose(_ f: ReviewFixture, _ uai: String, slug: String = "inclusion-numerique", n: Int = 1, day: String = "2026-03-01",
                        text: String = proposalText(), state: ProposalSubmission.State = .submitted,
                        refusal: ProposalRefusal? = nil) throws -> ProposalSubmission {
        let at = ReviewFixture.moment(day)
        let commit = ReviewFixture.commit(uai, slug, n)
        let proposal = ProposalSubmission(uai: uai, slug: slug, tag: "proposals/\(slug)/\(day)-\(n)", tagTarget: commit, commit: commit,
                                          submittedAt: at, ingestedAt: at, text: text, message: "Proposition", state: state, refusal: refusal)
        var batch = IngestBatch(uai: uai, items: [], notes: [], refsDigest: "digest-\(n)", now: at)
        batch.proposals = [proposal]
        try f.hub.receive(batch)
        return try f.hub.proposal(uai: uai, slug: slug)
    }

    private func approveByQuorum(_ f: ReviewFixture, uai: String = ReviewFixture.caen) throws {
        try f.hub.voteOnProposal(uai: uai, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve, reason: "Utile", now: now)
        try f.hub.voteOnProposal(uai: uai, slug: "inclusion-numerique", member: "region-2", verdict: .approve, reason: "Pertinent", now: now)
    }

    private func draft(_ f: ReviewFixture) throws -> String? {
        try FileManager.default.contents(atPath: f.hub.catalogues.draftPath).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: StoreKind.allCases)
    func thePilotOfTheProposingCFAIsRecusedAndEveryVoteNeedsAReason(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try Self.propose(f, caen)
        #expect(throws: ProposalError.recused(member: "pilote-caen", uai: caen)) {
            try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "pilote-caen", verdict: .approve, reason: "Oui", now: now)
        }
        #expect(throws: HubError.reasonRequired) {
            try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve, reason: "  ", now: now)
        }
        #expect(throws: ProposalError.noProposal(uai: rouen, slug: "inclusion-numerique")) {
            try f.hub.voteOnProposal(uai: rouen, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve, reason: "Oui", now: now)
        }
        // Another CFA's pilot votes; a member's newer vote replaces the standing one.
        try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "pilote-rouen", verdict: .changes, reason: "Préciser", now: now)
        let proposal = try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "pilote-rouen", verdict: .approve,
                                                reason: "Précisé", now: now)
        #expect(proposal.state == .inReview)
        let votes = try f.hub.proposalVotes(proposal)
        #expect(votes.count == 2 && votes[0].withdrawnAt != nil && votes[1].withdrawnAt == nil)
        #expect(try f.hub.proposalTally(proposal).approvals.map(\.memberID) == ["pilote-rouen"])
    }

    @Test(arguments: StoreKind.allCases)
    func acceptingNeedsTheRegionAndTheQuorumAndPutsTheBadgeIntoTheDraft(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try Self.propose(f, caen)
        try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve, reason: "Utile", now: now)
        try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-2", verdict: .approve, reason: "Utile", now: now)
        #expect(throws: HubError.quorumNotReached(approvals: 2, required: 2, roles: 1, requiredRoles: 2)) {
            try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "Oui", now: now)
        }
        #expect(try draft(f) == nil, "a refused acceptance leaves no draft behind")
        try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "pilote-rouen", verdict: .approve, reason: "Utile", now: now)
        #expect(try f.hub.proposal(uai: caen, slug: "inclusion-numerique").state == .approved)
        #expect(throws: ProposalError.notRegion("badgeons-3")) {
            try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-3", reason: "Oui", now: now)
        }
        #expect(throws: HubError.reasonRequired) {
            try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "", now: now)
        }
        let accepted = try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "Bienvenu", now: now)
        #expect(accepted.state == .accepted && accepted.badge == "inclusion-numerique" && accepted.decidedBy == "region-1")
        let draft = try #require(try draft(f))
        let loaded = try Catalogue.load(Array(draft.utf8), file: "draft.yaml")
        #expect(loaded.badge("inclusion-numerique")?.title == "Inclusion numérique")
        #expect(loaded.badges.count == f.catalogue.badges.count + 1)
        #expect(loaded.badge("inclusion-numerique")?.number == 13, "numbered after the catalogue's last badge")
        // The decision travels back: accepted, with the Région's reason; no version until one is published.
        let decision = try #require(try f.hub.proposalDecisions(uai: caen).first)
        #expect(decision.outcome == .accepted && decision.badge == "inclusion-numerique" && decision.catalogueVersion == nil)
        #expect(decision.reasons == [Decision.Reason(member: "region-1", role: "region", text: "Bienvenu")])
        #expect(decision.path == "proposals/inclusion-numerique/2026-03-01-1.yaml")
        #expect(try f.hub.decisions(uai: caen).isEmpty, "a proposal is never a badge decision")
        // Closed: no more votes.
        #expect(throws: ProposalError.closed(state: "accepted")) {
            try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-3", verdict: .reject, reason: "Non", now: now)
        }
        #expect(try f.audit().contains { $0.action == "proposal-accept" && $0.actor == "region-1" && $0.uai == caen })
    }

    @Test(arguments: StoreKind.allCases)
    func changesSendTheProposalBackWithTheirReasonsAndAnAmendmentStartsAfresh(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try Self.propose(f, caen)
        try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve, reason: "Utile", now: now)
        let sent = try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "pilote-rouen", verdict: .changes,
                                            reason: "Ajoutez un critère sur le prêt de matériel", now: now)
        #expect(sent.state == .changesRequested)
        #expect(throws: HubError.changesPending(by: ["pilote-rouen"])) {
            try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "Oui", now: now)
        }
        let decisions = try f.hub.proposalDecisions(uai: caen)
        #expect(decisions.map(\.outcome) == [.changesRequested])
        #expect(decisions.first?.reasons == [Decision.Reason(member: "pilote-rouen", role: "cfa-pilote", text: "Ajoutez un critère sur le prêt de matériel")])
        // The decision file reads back as written.
        let yaml = try #require(try decisions.first?.yaml())
        #expect(try ProposalDecision.parse(Array(yaml.utf8), file: "x.yaml") == decisions.first)
        // The CFA amends: the new submission supersedes the old one, its votes do not carry over.
        let amended = try Self.propose(f, caen, n: 2, day: "2026-03-05", text: Self.proposalText(why: "Avec le prêt de matériel."))
        #expect(amended.state == .submitted && amended.tag == "proposals/inclusion-numerique/2026-03-05-2")
        let history = try f.hub.proposalHistory(uai: caen, slug: "inclusion-numerique")
        #expect(history.map(\.state) == [.superseded, .submitted])
        #expect(try f.hub.proposalTally(amended).approvals.isEmpty)
        #expect(try f.hub.proposals().map(\.tag) == [amended.tag])
        // The old decision (changes requested) no longer travels: the superseded submission is not decided.
        #expect(try f.hub.proposalDecisions(uai: caen).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func anIdAlreadyInTheCatalogueOrTheDraftIsRefusedAndTheDraftUnchanged(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        // Two CFAs propose the same badge; the first accepted takes the id.
        try Self.propose(f, caen)
        try Self.propose(f, rouen)
        try approveByQuorum(f, uai: caen)
        try approveByQuorum(f, uai: rouen)
        try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "Oui", now: now)
        let before = try draft(f)
        #expect(throws: ProposalError.badgeExists("inclusion-numerique")) {
            try f.hub.acceptProposal(uai: rouen, slug: "inclusion-numerique", member: "region-1", reason: "Oui", now: now)
        }
        #expect(try draft(f) == before)
        #expect(try f.hub.proposal(uai: rouen, slug: "inclusion-numerique").state == .approved, "nothing changed in the store")
        // An edited entry reusing a catalogue badge's id: refused too.
        let edited = Array(Self.proposalText().replacingOccurrences(of: "id: inclusion-numerique", with: "id: tutorat")
            .components(separatedBy: "why:").first!.utf8)
        #expect(throws: ProposalError.badgeExists("tutorat")) {
            try f.hub.acceptProposal(uai: rouen, slug: "inclusion-numerique", member: "region-1", reason: "Oui", entry: edited, now: now)
        }
        #expect(try draft(f) == before)
    }

    @Test(arguments: StoreKind.allCases)
    func anEditedEntryGoesIntoTheDraftUnderItsOwnId(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try Self.propose(f, caen)
        try approveByQuorum(f)
        let edited = Array(Self.proposalText().replacingOccurrences(of: "id: inclusion-numerique", with: "id: inclusion")
            .replacingOccurrences(of: "validityYears: 2", with: "validityYears: 3").components(separatedBy: "why:").first!.utf8)
        let accepted = try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "Retouché",
                                                entry: edited, file: "inclusion.yaml", now: now)
        #expect(accepted.badge == "inclusion")
        let loaded = try Catalogue.load(Array(try #require(try draft(f)).utf8), file: "draft.yaml")
        #expect(loaded.badge("inclusion")?.validityYears == 3 && loaded.badge("inclusion-numerique") == nil)
        #expect(try f.hub.proposalDecisions(uai: caen).first?.badge == "inclusion")
    }

    @Test(arguments: StoreKind.allCases)
    func theRegionDeclinesWithItsReason(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try Self.propose(f, caen)
        #expect(throws: ProposalError.notRegion("badgeons-1")) {
            try f.hub.declineProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-1", reason: "Non", now: now)
        }
        let declined = try f.hub.declineProposal(uai: caen, slug: "inclusion-numerique", member: "region-2",
                                                 reason: "Déjà couvert par le badge tutorat", now: now)
        #expect(declined.state == .declined)
        let decision = try #require(try f.hub.proposalDecisions(uai: caen).first)
        #expect(decision.outcome == .declined && decision.badge == nil)
        #expect(decision.reasons == [Decision.Reason(member: "region-2", role: "region", text: "Déjà couvert par le badge tutorat")])
        #expect(throws: ProposalError.closed(state: "declined")) {
            try f.hub.declineProposal(uai: caen, slug: "inclusion-numerique", member: "region-2", reason: "Encore", now: now)
        }
        #expect(try draft(f) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func aProposalRefusedAtIngestTravelsBackDeclinedWithTheHubsReason(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let refused = try Self.propose(f, caen, state: .refused, refusal: .noFile(path: "proposals/inclusion-numerique.yaml"))
        #expect(refused.state == .refused)
        #expect(throws: ProposalError.closed(state: "refused")) {
            try f.hub.voteOnProposal(uai: caen, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve, reason: "Oui", now: now)
        }
        let decision = try #require(try f.hub.proposalDecisions(uai: caen).first)
        #expect(decision.outcome == .declined && decision.reasons.first?.member == "hub")
        #expect(decision.reasons.first?.text.contains("the tagged save holds no proposals/inclusion-numerique.yaml") == true)
    }

    @Test func anAcceptedProposalGainsTheVersionThatPublishedIt() throws {
        let f = try ReviewFixture(.sqlite)
        defer { f.remove() }
        try Self.propose(f, caen)
        try approveByQuorum(f)
        try f.hub.acceptProposal(uai: caen, slug: "inclusion-numerique", member: "region-1", reason: "Oui", now: now)
        #expect(try f.hub.recordPublishedProposals(now: now) == 0, "nothing published yet")
        try f.hub.publishCatalogue(version: "2027.1", message: "Un nouveau badge", memberID: "region-1", now: now)
        // The publication records it at once; a hub opened afterwards (as reconcile is) finds nothing left to do.
        #expect(try f.hub.proposalDecisions(uai: caen).first?.catalogueVersion == "2027.1")
        #expect(try f.hub.store.read { try $0.audit(uai: caen) }.filter { $0.action == "proposal-published" }.count == 1)
        let reopened = try Hub.open(at: f.hub.root, catalogue: try f.hub.catalogues.newest())
        #expect(try reopened.recordPublishedProposals(now: now) == 0, "recorded once")
    }

    @Test(arguments: StoreKind.allCases)
    func bothStoresKeepEveryFieldAndTheirKeys(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let at = ReviewFixture.moment("2026-03-01")
        var record = ProposalSubmission(uai: caen, slug: "x-badge", tag: "proposals/x-badge/2026-03-01-1", tagTarget: String(repeating: "a", count: 40),
                                        commit: String(repeating: "b", count: 40), submittedAt: at, ingestedAt: at, text: "id: x-badge\n",
                                        message: "m", state: .refused,
                                        refusal: .invalid([DossierError(.proposal(.mandatory), file: "proposals/x-badge.yaml", line: 3)]))
        record.decidedBy = "region-1"
        record.decidedAt = at
        record.decisionReason = "r"
        record.badge = "x"
        record.entry = "id: x\n"
        record.catalogueVersion = "2027.1"
        let stored = try f.store.write { try $0.insert(record) }
        record.id = stored.id
        #expect(try f.store.read { try $0.proposal(try #require(stored.id)) } == record)
        #expect(try f.store.read { try $0.proposal(uai: caen, tag: record.tag) } == record)
        #expect(try f.store.read { try $0.proposals(uai: caen, slug: "x-badge") } == [record])
        #expect(try f.store.read { try $0.proposals(uai: rouen, slug: nil) }.isEmpty)
        let vote = try f.store.write { try $0.insert(ProposalVote(proposalID: try #require(stored.id), memberID: "badgeons-1", verdict: .changes,
                                                                  reason: "r", castAt: at)) }
        #expect(try f.store.read { try $0.proposalVotes(proposal: try #require(stored.id)) } == [vote])
        // The same keys in both: the (uai, tag) pair, the CFA, the member, the proposal.
        #expect(throws: (any Error).self) { try f.store.write { _ = try $0.insert(record) } }
        var unknown = record
        unknown.id = nil
        unknown.tag = "proposals/x-badge/2026-03-01-2"
        unknown.uai = "0509999Z"
        #expect(throws: (any Error).self) { try f.store.write { _ = try $0.insert(unknown) } }
        #expect(throws: (any Error).self) {
            try f.store.write { _ = try $0.insert(ProposalVote(proposalID: 999, memberID: "badgeons-1", verdict: .approve, reason: "r", castAt: at)) }
        }
        #expect(throws: (any Error).self) {
            try f.store.write { _ = try $0.insert(ProposalVote(proposalID: try #require(stored.id), memberID: "nobody", verdict: .approve,
                                                               reason: "r", castAt: at)) }
        }
    }
}
