import DossierCore
import Foundation
import Testing
@testable import Hub
@testable import HubReview

/// The peer group's rules, through the `Hub` API, over both stores: quorum, blocking rejection,
/// changes requested, recusal, who awards, supersession, closed voting, the operation log.
@Suite struct ReviewRulesTests {
    private let caen = ReviewFixture.caen
    private let rouen = ReviewFixture.rouen
    private let now = ReviewFixture.moment("2026-02-01")
    private let awardDay = Day("2026-02-01")!

    private func approve(_ f: ReviewFixture, _ member: String, uai: String = ReviewFixture.caen, badge: String = "tutorat") throws {
        try f.hub.vote(uai: uai, badge: badge, memberID: member, verdict: .approve, reason: "Dossier complet", now: now)
    }

    @Test(arguments: StoreKind.allCases)
    func theDefaultQuorumNeedsTwoRoles(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        try approve(f, "badgeons-1")
        try approve(f, "badgeons-2")
        #expect(try f.submission(submission.id).state == .inReview)
        #expect(throws: HubError.quorumNotReached(approvals: 2, required: 2, roles: 1, requiredRoles: 2)) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        }
        // A pilot CFA of another CFA is a second role.
        try approve(f, "pilote-rouen")
        #expect(try f.submission(submission.id).state == .approved)
        let award = try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        #expect(award.validFrom == awardDay)
        #expect(award.validUntil == Day("2028-02-01"))  // tutorat: 2 years
        #expect(award.commit == submission.commit)
        #expect(try f.submission(submission.id).state == .awarded)
    }

    @Test func theQuorumIsConfigurable() throws {
        let f = try ReviewFixture(.memory, quorum: Quorum(approvals: 3, distinctRoles: 1))
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        try approve(f, "badgeons-1")
        try approve(f, "region-2")
        #expect(try f.submission(submission.id).state == .inReview)
        #expect(throws: HubError.quorumNotReached(approvals: 2, required: 3, roles: 2, requiredRoles: 1)) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        }
        try approve(f, "badgeons-2")
        #expect(try f.submission(submission.id).state == .approved)
        try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)

        // One role suffices with this quorum: three Badgeons approvals.
        let other = try f.submit(caen, "apprentis")
        for member in ["badgeons-1", "badgeons-2", "badgeons-3"] { try approve(f, member, badge: "apprentis") }
        #expect(try f.submission(other.id).state == .approved)
    }

    @Test(arguments: StoreKind.allCases)
    func aRejectionBlocksTheAwardUntilWithdrawn(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        try approve(f, "badgeons-1")
        try approve(f, "region-2")
        try f.hub.vote(uai: caen, badge: "tutorat", memberID: "badgeons-2", verdict: .reject, reason: "Preuves datées de 2019", now: now)
        #expect(try f.submission(submission.id).state == .rejected)
        #expect(throws: HubError.blocked(by: ["badgeons-2"])) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        }
        let decision = try #require(try f.hub.decisions(uai: caen).first)
        #expect(decision.outcome == .rejected)
        #expect(decision.reasons == [Decision.Reason(member: "badgeons-2", role: "badgeons", text: "Preuves datées de 2019")])

        // Someone else cannot withdraw it; its author can.
        #expect(throws: HubError.noVoteToWithdraw("badgeons-3")) {
            try f.hub.withdrawVote(uai: caen, badge: "tutorat", memberID: "badgeons-3", reason: nil, now: now)
        }
        try f.hub.withdrawVote(uai: caen, badge: "tutorat", memberID: "badgeons-2", reason: "Preuves récentes reçues", now: now)
        #expect(try f.submission(submission.id).state == .approved)
        #expect(try f.hub.decisions(uai: caen).isEmpty)
        try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        #expect(try f.submission(submission.id).state == .awarded)
    }

    @Test(arguments: StoreKind.allCases)
    func changesSendTheRequestBackWithTheReasons(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        try approve(f, "badgeons-1")
        try approve(f, "region-2")
        try f.hub.vote(uai: caen, badge: "tutorat", memberID: "pilote-rouen", verdict: .changes,
                       reason: "Ajouter le livret de tutorat signé", now: now)
        #expect(try f.submission(submission.id).state == .changesRequested)
        #expect(throws: HubError.changesPending(by: ["pilote-rouen"])) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        }
        let decisions = try f.hub.decisions(uai: caen)
        #expect(decisions.count == 1)
        let decision = try #require(decisions.first)
        #expect(decision.outcome == .changesRequested)
        #expect(decision.badge == "tutorat")
        #expect(decision.submission == submission.tag)
        #expect(decision.commit == submission.commit)
        #expect(decision.date == Day(now))
        #expect(decision.reasons == [Decision.Reason(member: "pilote-rouen", role: "cfa-pilote", text: "Ajouter le livret de tutorat signé")])
        #expect(try f.hub.decisions(uai: rouen).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func aPilotCannotVoteOnItsOwnCFA(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        let auditBefore = try f.audit()
        for verdict in Vote.Verdict.allCases {
            #expect(throws: HubError.recused(member: "pilote-caen", uai: caen)) {
                try f.hub.vote(uai: caen, badge: "tutorat", memberID: "pilote-caen", verdict: verdict, reason: "Notre dossier", now: now)
            }
        }
        #expect(try f.votes(submission.id).isEmpty)
        #expect(try f.audit() == auditBefore)
        #expect(try f.submission(submission.id) == submission)
        // The same member votes on another CFA.
        let rouenRequest = try f.submit(rouen, "tutorat")
        try approve(f, "pilote-caen", uai: rouen)
        #expect(try f.votes(rouenRequest.id).map(\.memberID) == ["pilote-caen"])
    }

    @Test(arguments: StoreKind.allCases)
    func onlyARegionMemberAwardsOrRevokes(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        try approve(f, "badgeons-1")
        try approve(f, "region-2")
        for member in ["badgeons-2", "pilote-rouen"] {
            #expect(throws: HubError.notRegion(member)) {
                try f.hub.award(uai: caen, badge: "tutorat", memberID: member, day: awardDay, now: now)
            }
        }
        #expect(throws: HubError.unknownMember("nobody")) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "nobody", day: awardDay, now: now)
        }
        #expect(try f.submission(submission.id).state == .approved)
        #expect(try f.store.read { try $0.awards(uai: nil) }.isEmpty)
        try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        #expect(throws: HubError.notRegion("badgeons-1")) {
            try f.hub.revoke(uai: caen, badge: "tutorat", memberID: "badgeons-1", reason: "Fraude", now: now)
        }
        #expect(try f.store.read { try $0.awards(uai: nil) }.map(\.revokedAt) == [nil])
    }

    @Test(arguments: StoreKind.allCases)
    func aMembersNewVoteReplacesTheirPreviousOne(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        let later = now + 3600
        try approve(f, "badgeons-1")
        try approve(f, "badgeons-1")
        #expect(try f.hub.tally(f.submission(submission.id)).approvals.map(\.memberID) == ["badgeons-1"])
        try f.hub.vote(uai: caen, badge: "tutorat", memberID: "badgeons-1", verdict: .reject, reason: "Finalement non", now: later)
        let votes = try f.votes(submission.id)
        #expect(votes.map(\.verdict) == [.approve, .approve, .reject])
        #expect(votes.map(\.withdrawnAt) == [now, later, nil])
        let tally = try f.hub.tally(f.submission(submission.id))
        #expect(tally.approvals.isEmpty)
        #expect(tally.rejections.map(\.memberID) == ["badgeons-1"])
        #expect(try f.submission(submission.id).state == .rejected)
    }

    @Test(arguments: StoreKind.allCases)
    func aNewerSubmissionSupersedesTheOldOneAndItsVotes(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let old = try f.submit(caen, "tutorat", n: 1)
        try approve(f, "badgeons-1")
        try approve(f, "region-2")
        #expect(try f.submission(old.id).state == .approved)
        let new = try f.submit(caen, "tutorat", n: 2, on: "2026-02-03")
        // Another badge's request is untouched.
        let other = try f.submit(caen, "apprentis")

        #expect(try f.submission(old.id).state == .superseded)
        #expect(try f.submission(other.id).state == .submitted)
        let change = try #require(try f.stateChanges(old.id).last)
        #expect(change.actor == "hub")
        #expect(change.fromState == "approved")
        #expect(change.toState == "superseded")
        #expect(change.commit == old.commit)
        #expect(change.reasonText(.en) == "superseded by \(new.tag)")
        #expect(change.reasonText(.fr) == "remplacée par \(new.tag)")

        // Reviewers act on the newest request, which starts with no votes.
        #expect(try f.hub.currentSubmission(uai: caen, badge: "tutorat") == new)
        #expect(try f.votes(new.id).isEmpty)
        #expect(throws: HubError.quorumNotReached(approvals: 0, required: 2, roles: 0, requiredRoles: 2)) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        }
        try approve(f, "badgeons-1")
        #expect(try f.submission(new.id).state == .inReview)
        // The old request's votes stay where they were cast.
        #expect(try f.votes(old.id).map(\.memberID) == ["badgeons-1", "region-2"])
        #expect(try f.votes(new.id).map(\.memberID) == ["badgeons-1"])
    }

    @Test(arguments: StoreKind.allCases)
    func votingIsClosedOnAwardedOrSupersededRequests(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try f.award(caen, "tutorat", on: "2026-02-01")
        let votesBefore = try f.store.read { tx in try tx.submissions(uai: nil, badge: nil).flatMap { try tx.votes(submission: $0.id!) } }
        #expect(throws: HubError.votingClosed(state: "awarded")) {
            try f.hub.vote(uai: caen, badge: "tutorat", memberID: "badgeons-2", verdict: .reject, reason: "Trop tard", now: now)
        }
        #expect(throws: HubError.votingClosed(state: "awarded")) {
            try f.hub.withdrawVote(uai: caen, badge: "tutorat", memberID: "badgeons-1", reason: nil, now: now)
        }
        #expect(throws: HubError.votingClosed(state: "awarded")) {
            try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now)
        }

        var superseded = try f.submit(rouen, "tutorat")
        try f.store.write { tx in
            try f.hub.setState(tx, &superseded, .superseded, actor: "hub", now: now, reason: "superseded by a newer request")
        }
        #expect(throws: HubError.votingClosed(state: "superseded")) {
            try f.hub.vote(uai: rouen, badge: "tutorat", memberID: "badgeons-2", verdict: .approve, reason: "Bien", now: now)
        }
        let votesAfter = try f.store.read { tx in try tx.submissions(uai: nil, badge: nil).flatMap { try tx.votes(submission: $0.id!) } }
        #expect(votesAfter == votesBefore)
    }

    @Test(arguments: StoreKind.allCases)
    func everyStateChangeIsAnAuditRow(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        var states: [Submission.State] = [.submitted]
        let record = {
            let state = try f.submission(submission.id).state
            if state != states.last { states.append(state) }
        }
        try approve(f, "badgeons-1"); try record()                                     // in review
        try f.hub.vote(uai: caen, badge: "tutorat", memberID: "region-2", verdict: .changes, reason: "Livret manquant", now: now)
        try record()                                                                     // changes requested
        try approve(f, "region-2"); try record()                                        // approved
        try f.hub.vote(uai: caen, badge: "tutorat", memberID: "badgeons-2", verdict: .reject, reason: "Doublon", now: now)
        try record()                                                                     // rejected
        try f.hub.withdrawVote(uai: caen, badge: "tutorat", memberID: "badgeons-2", reason: "Erreur", now: now)
        try record()                                                                     // approved
        try f.hub.award(uai: caen, badge: "tutorat", memberID: "region-1", day: awardDay, now: now); try record()
        try f.hub.revoke(uai: caen, badge: "tutorat", memberID: "region-1", reason: "Preuve falsifiée", now: now + 60); try record()
        #expect(states == [.submitted, .inReview, .changesRequested, .approved, .rejected, .approved, .awarded, .revoked])

        let rows = try f.stateChanges(submission.id)
        #expect(rows.map(\.fromState) == states.dropLast().map(\.rawValue))
        #expect(rows.map(\.toState) == states.dropFirst().map(\.rawValue))
        #expect(rows.map(\.actor) == ["badgeons-1", "region-2", "region-2", "badgeons-2", "badgeons-2", "region-1", "region-1"])
        for row in rows {
            #expect(row.commit == submission.commit)
            #expect(row.uai == caen)
            #expect(row.badge == "tutorat")
            #expect(!(row.reasonText(.en) ?? "").isEmpty, "state change \(row.fromState ?? "") → \(row.toState ?? "") has no reason")
        }
        #expect(rows.last?.reason == "Preuve falsifiée")
        #expect(rows.last?.at == now + 60)
    }

    @Test(arguments: StoreKind.allCases)
    func aVoteOrARevocationNeedsAReason(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let submission = try f.submit(caen, "tutorat")
        for reason in ["", "  \n\t "] {
            #expect(throws: HubError.reasonRequired) {
                try f.hub.vote(uai: caen, badge: "tutorat", memberID: "badgeons-1", verdict: .approve, reason: reason, now: now)
            }
        }
        #expect(try f.votes(submission.id).isEmpty)
        try f.award(caen, "apprentis", on: "2026-02-01")
        #expect(throws: HubError.reasonRequired) {
            try f.hub.revoke(uai: caen, badge: "apprentis", memberID: "region-1", reason: " ", now: now)
        }
        #expect(try f.store.read { try $0.awards(uai: caen) }.map(\.revokedAt) == [nil])
    }

    @Test func votesNameAKnownCFABadgeAndMember() throws {
        let f = try ReviewFixture()
        defer { f.remove() }
        try f.submit(caen, "tutorat")
        #expect(throws: HubError.unknownCFA("0000001A")) {
            try f.hub.vote(uai: "0000001A", badge: "tutorat", memberID: "badgeons-1", verdict: .approve, reason: "ok", now: now)
        }
        #expect(throws: HubError.unknownBadge("licornes")) {
            try f.hub.vote(uai: caen, badge: "licornes", memberID: "badgeons-1", verdict: .approve, reason: "ok", now: now)
        }
        #expect(throws: HubError.noSubmission(uai: caen, badge: "apprentis")) {
            try f.hub.vote(uai: caen, badge: "apprentis", memberID: "badgeons-1", verdict: .approve, reason: "ok", now: now)
        }
        #expect(throws: HubError.unknownMember("nobody")) {
            try f.hub.vote(uai: caen, badge: "tutorat", memberID: "nobody", verdict: .approve, reason: "ok", now: now)
        }
    }
}
