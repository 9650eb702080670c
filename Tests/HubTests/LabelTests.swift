import DossierCore
import Foundation
import Testing
@testable import Hub
@testable import HubReview

private func day(_ text: String) -> Day { Day(text)! }

/// « 10 badges dont les 5 obligatoires »: whether the label is held, when it lapses first and what
/// to renew; validity dates across leap days; expiries, revocations and the label's events.
@Suite struct LabelTests {
    private static let mandatory = ["prospection", "accessibilite", "apprentis", "tutorat", "plan-formation"]
    private static let optional = ["attractivite", "referent-numerique", "espaces-innovants", "expertise-outils",
                                   "ressources", "accompagnement-projet", "post-cfa"]
    private static let uai = ReviewFixture.caen

    private let catalogue: Catalogue

    init() throws { catalogue = try Catalogue.builtin() }

    /// An award of `badge` valid from `from` until `until` (the first day it no longer is).
    private static func award(_ badge: String, _ from: String = "2026-01-10", _ until: String = "2029-01-10",
                              revokedOn: String? = nil) -> Award {
        var award = Award(uai: uai, badge: badge, submissionID: 1, commit: String(repeating: "a", count: 40),
                          validFrom: day(from), validUntil: day(until), awardedBy: "region-1", awardedAt: ReviewFixture.moment(from))
        if let revokedOn {
            award.revokedAt = ReviewFixture.moment(revokedOn)
            award.revokedBy = "region-1"
            award.revokeReason = "Fraude"
        }
        return award
    }

    private func status(_ awards: [Award], on text: String = "2026-06-01") -> LabelStatus {
        LabelStatus(uai: Self.uai, awards: awards, catalogue: catalogue, on: day(text))
    }

    @Test func theCatalogueIsTheOneTheseTestsAssume() {
        #expect(catalogue.mandatoryBadges.map(\.id) == Self.mandatory)
        #expect(Set(catalogue.badges.map(\.id)) == Set(Self.mandatory + Self.optional))
        #expect(catalogue.label.badgesRequired == 10)
    }

    // MARK: the rule

    @Test func tenBadgesIncludingTheFiveMandatoryHoldTheLabel() {
        let label = status((Self.mandatory + Self.optional.prefix(5)).map { Self.award($0) })
        #expect(label.held)
        #expect(label.validBadges.count == 10)
        #expect(label.missingMandatory.isEmpty)
        #expect(label.lapsesOn == day("2029-01-10"))
    }

    @Test func tenBadgesMissingAMandatoryOneDoNot() {
        let label = status((Self.mandatory.dropLast() + Self.optional.prefix(6)).map { Self.award($0) })
        #expect(label.validBadges.count == 10)
        #expect(!label.held)
        #expect(label.missingMandatory == ["plan-formation"])
        #expect(label.lapsesOn == nil)
        #expect(label.renewToPrevent.isEmpty)
    }

    @Test func nineBadgesDoNot() {
        let label = status((Self.mandatory + Self.optional.prefix(4)).map { Self.award($0) })
        #expect(!label.held)
        #expect(label.missingMandatory.isEmpty)
        #expect(label.lapsesOn == nil)
    }

    @Test func awardsNotYetStartedExpiredOrRevokedDoNotCount() {
        var awards = (Self.mandatory + Self.optional.prefix(4)).map { Self.award($0) }
        awards.append(Self.award("ressources", "2026-07-01", "2028-07-01"))
        awards.append(Self.award("accompagnement-projet", "2024-01-01", "2026-06-01"))
        awards.append(Self.award("post-cfa", "2026-01-10", "2029-01-10", revokedOn: "2026-05-01"))
        let label = status(awards, on: "2026-06-01")
        #expect(label.validBadges.count == 9)
        #expect(!label.held)
        #expect(status(awards, on: "2026-07-01").held)
    }

    // MARK: when the label lapses

    @Test func aMandatoryBadgeExpiringFirstLapsesTheLabel() {
        var awards = (Self.mandatory + Self.optional).map { Self.award($0) }
        awards[Self.mandatory.firstIndex(of: "tutorat")!] = Self.award("tutorat", "2026-01-10", "2028-01-10")
        let label = status(awards)
        #expect(label.held)
        #expect(label.lapsesOn == day("2028-01-10"))
        #expect(label.renewToPrevent == ["tutorat"])
    }

    @Test func withExactlyTenAnOptionalBadgeExpiringBreaksTheCount() {
        var awards = (Self.mandatory + Self.optional.prefix(5)).map { Self.award($0) }
        awards[5] = Self.award("attractivite", "2026-01-10", "2027-01-10")
        let label = status(awards)
        #expect(label.lapsesOn == day("2027-01-10"))
        #expect(label.renewToPrevent == ["attractivite"])
    }

    @Test func withElevenTheFirstOptionalExpiryDoesNotBreakItTheNextDoes() {
        var awards = (Self.mandatory + Self.optional.prefix(6)).map { Self.award($0) }
        awards[5] = Self.award("attractivite", "2026-01-10", "2027-01-10")
        awards[6] = Self.award("referent-numerique", "2026-03-01", "2027-03-01")
        let label = status(awards)
        #expect(label.validBadges.count == 11)
        #expect(label.lapsesOn == day("2027-03-01"))
        #expect(label.renewToPrevent == ["referent-numerique"])
    }

    @Test func badgesExpiringTogetherAreAllNamed() {
        var awards = (Self.mandatory + Self.optional.prefix(5)).map { Self.award($0) }
        awards[0] = Self.award("prospection", "2026-01-10", "2028-05-01")
        awards[9] = Self.award("ressources", "2026-05-01", "2028-05-01")
        let label = status(awards)
        #expect(label.lapsesOn == day("2028-05-01"))
        #expect(label.renewToPrevent == ["prospection", "ressources"])
    }

    @Test func anEarlyRenewalExtendsTheChain() {
        var awards = (Self.mandatory + Self.optional.prefix(5)).map { Self.award($0, "2026-01-10", "2030-01-10") }
        awards.append(contentsOf: [Self.award("tutorat", "2026-01-10", "2028-01-10"), Self.award("tutorat", "2027-11-01", "2029-11-01")])
        awards.removeAll { $0.badge == "tutorat" && $0.validUntil == day("2030-01-10") }
        let label = status(awards, on: "2027-12-01")
        let tutorat = label.validBadges.first { $0.badge == "tutorat" }
        #expect(tutorat?.validFrom == day("2026-01-10"))
        #expect(tutorat?.validUntil == day("2029-11-01"))
        #expect(label.lapsesOn == day("2029-11-01"))
        #expect(label.renewToPrevent == ["tutorat"])

        // A renewal starting after a gap does not extend it.
        awards[awards.count - 1] = Self.award("tutorat", "2028-02-01", "2030-02-01")
        #expect(status(awards, on: "2027-12-01").lapsesOn == day("2028-01-10"))
    }

    @Test func aRevokedAwardCountsUntilItsRevocationDay() {
        var awards = (Self.mandatory + Self.optional.prefix(5)).map { Self.award($0) }
        awards[3] = Self.award("tutorat", "2026-01-10", "2029-01-10", revokedOn: "2026-09-15")
        let before = status(awards, on: "2026-09-14")
        #expect(before.held)
        #expect(before.validBadges.first { $0.badge == "tutorat" }?.validUntil == day("2026-09-15"))
        #expect(before.lapsesOn == day("2026-09-15"))
        #expect(before.renewToPrevent == ["tutorat"])
        #expect(!status(awards, on: "2026-09-15").held)
    }

    // MARK: validity dates, through the hub

    @Test(arguments: [
        ("attractivite", "2028-02-29", "2029-02-28"),   // 1 year from a leap day
        ("prospection", "2028-02-29", "2031-02-28"),    // 3 years from a leap day
        ("tutorat", "2028-02-29", "2030-02-28"),        // 2 years
        ("attractivite", "2027-03-01", "2028-03-01"),   // across a leap day
        ("referent-numerique", "2027-02-28", "2028-02-28"),
        ("apprentis", "2029-12-31", "2032-12-31"),
    ])
    func anAwardIsValidForItsBadgesValidity(_ badge: String, _ from: String, _ until: String) throws {
        let f = try ReviewFixture()
        defer { f.remove() }
        let award = try f.award(Self.uai, badge, on: from)
        #expect(award.validFrom == day(from))
        #expect(award.validUntil == day(until))
        #expect(award.isValid(on: day(until).adding(days: -1)))
        #expect(!award.isValid(on: day(until)))
    }

    // MARK: expiries, revocations and the label's events

    /// Awards the 5 mandatory badges and 5 optional ones (two of them valid 1 year) on `on`.
    private func earnTheLabel(_ f: ReviewFixture, on text: String = "2026-01-15") throws {
        for badge in Self.mandatory + ["attractivite", "referent-numerique", "espaces-innovants", "expertise-outils", "ressources"] {
            try f.award(Self.uai, badge, on: text)
        }
    }

    private func events(_ f: ReviewFixture) throws -> [LabelEvent] {
        try f.store.read { try $0.labelEvents(uai: Self.uai) }
    }

    @Test(arguments: StoreKind.allCases)
    func theLabelIsRecordedWhenTheTenthBadgeIsAwarded(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try earnTheLabel(f)
        #expect(try events(f).map(\.kind) == [.awarded])
        #expect(try events(f).map(\.day) == [day("2026-01-15")])
        let label = try f.hub.label(uai: Self.uai, on: day("2026-06-01"))
        #expect(label.held)
        #expect(label.lapsesOn == day("2027-01-15"))
        #expect(label.renewToPrevent == ["attractivite", "referent-numerique"])
        #expect(try f.audit().filter { $0.action == "label-awarded" }.map(\.reason) == ["2026-01-15"])
    }

    @Test(arguments: StoreKind.allCases)
    func anExpiryLapsesTheLabelOnTheExpiryDay(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try earnTheLabel(f)
        let refreshed = ReviewFixture.moment("2027-03-10")
        try f.hub.refreshExpiries(on: day("2026-12-31"), now: refreshed)
        #expect(try events(f).map(\.kind) == [.awarded])

        try f.hub.refreshExpiries(on: day("2027-03-10"), now: refreshed)
        let expired = try f.store.read { try $0.submissions(uai: Self.uai, badge: nil) }.filter { $0.state == .expired }
        #expect(expired.map(\.badge).sorted() == ["attractivite", "referent-numerique"])
        for submission in expired {
            let change = try #require(try f.stateChanges(submission.id).last)
            #expect(change.actor == "hub")
            #expect(change.fromState == "awarded")
            #expect(change.toState == "expired")
            #expect(change.reasonText(.en) == "validity ended on 2027-01-15")
        }
        let recorded = try events(f)
        #expect(recorded.map(\.kind) == [.awarded, .lapsed])
        #expect(recorded.map(\.day) == [day("2026-01-15"), day("2027-01-15")])
        #expect(recorded.last?.recordedAt == refreshed)
        #expect(try !f.hub.label(uai: Self.uai, on: day("2027-03-10")).held)

        // A second run changes nothing.
        let audit = try f.audit()
        try f.hub.refreshExpiries(on: day("2027-03-10"), now: refreshed + 60)
        #expect(try f.audit() == audit)
        #expect(try events(f) == recorded)
    }

    @Test(arguments: StoreKind.allCases)
    func aRevocationLapsesTheLabelOnTheRevocationDay(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        try earnTheLabel(f)
        try f.hub.revoke(uai: Self.uai, badge: "tutorat", memberID: "region-1", reason: "Preuve falsifiée",
                         now: ReviewFixture.moment("2026-06-10"))
        #expect(try events(f).map(\.kind) == [.awarded, .lapsed])
        #expect(try events(f).map(\.day) == [day("2026-01-15"), day("2026-06-10")])
        #expect(try f.hub.label(uai: Self.uai, on: day("2026-06-09")).held)
        let after = try f.hub.label(uai: Self.uai, on: day("2026-06-10"))
        #expect(!after.held)
        #expect(after.missingMandatory == ["tutorat"])

        // Awarding the badge again restores the label, on that day.
        try f.award(Self.uai, "tutorat", on: "2026-07-01", n: 2)
        #expect(try events(f).map(\.kind) == [.awarded, .lapsed, .awarded])
        #expect(try events(f).last?.day == day("2026-07-01"))
    }

    @Test func aRenewalAwardedEarlyKeepsTheLabel() throws {
        let f = try ReviewFixture()
        defer { f.remove() }
        try earnTheLabel(f)
        try f.award(Self.uai, "attractivite", on: "2026-12-01", n: 2)
        try f.award(Self.uai, "referent-numerique", on: "2026-12-01", n: 2)
        try f.hub.refreshExpiries(on: day("2027-03-10"), now: ReviewFixture.moment("2027-03-10"))
        #expect(try events(f).map(\.kind) == [.awarded])
        let label = try f.hub.label(uai: Self.uai, on: day("2027-03-10"))
        #expect(label.held)
        #expect(label.lapsesOn == day("2027-12-01"))
        let awards = try f.store.read { try $0.awards(uai: Self.uai) }.filter { $0.badge == "attractivite" }
        #expect(awards.count == 2)
        #expect(awards.first?.replacedBy == awards.last?.id)
    }
}
