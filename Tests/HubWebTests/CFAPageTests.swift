import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: a CFA's page and its timeline")
struct CFAPageTests {
    /// Caen: the first badge awarded a year ago (renewal under way), the second awarded 300 days
    /// ago for one year (due in 65 days), the third awarded then revoked.
    static func fixture() throws -> WebFixture {
        let (fixture, _) = try DiffPageTests.fixture()
        let badges = fixture.hub.catalogue.badges
        try fixture.award(WebFixture.caen, badge: badges[1].id, daysAgo: 300, years: 1)
        try fixture.award(WebFixture.caen, badge: badges[2].id, daysAgo: 200, years: 3, revokedDaysAgo: 20)
        return fixture
    }

    @Test("the timeline draws one bar per award with its dates, today, the renewal due; the same facts in a table; escaped")
    func timeline() async throws {
        let fixture = try Self.fixture()
        let badges = fixture.hub.catalogue.badges
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/cfa/\(WebFixture.caen)")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("<svg class=\"timeline\"") && text.contains("role=\"img\"") && text.contains("aria-labelledby=\"timeline-title timeline-desc\""))
            #expect(text.contains("<title id=\"timeline-title\">Frise des badges de CFA de Caen &lt;script&gt;alert(1)&lt;/script&gt;</title>"))
            #expect(!text.contains("<script>"))
            let awardedFirst = WebFixture.today.adding(days: -365)
            #expect(text.contains("class=\"bar bar-valid\"") && text.contains("data-badge=\"\(badges[0].id)\" data-from=\"\(awardedFirst)\""))
            let dueFrom = WebFixture.today.adding(days: -300)
            #expect(text.contains("class=\"bar bar-due\"") && text.contains("data-badge=\"\(badges[1].id)\" data-from=\"\(dueFrom)\" data-until=\"\(dueFrom.adding(years: 1))\""))
            #expect(text.contains("class=\"bar bar-revoked\"") && text.contains("data-until=\"\(WebFixture.today.adding(days: -20))\""))
            #expect(text.components(separatedBy: "<rect class=\"bar").count == 4)
            #expect(text.contains("class=\"today\""))
            // The table.
            #expect(text.contains("du \(dueFrom) au \(dueFrom.adding(years: 1)) (exclu) — valable, à renouveler dans les 90 jours"))
            #expect(text.contains("jamais décerné"))
            // Label, requests (newest first, the renewal linked to its diff), audit.
            #expect(text.contains("ne détient pas le label"))
            #expect(text.contains("/cfa/\(WebFixture.caen)/\(badges[0].id)/diff"))
            #expect(text.contains("Journal") && text.contains(">inscription au hub<"))
            #expect(text.components(separatedBy: "Badges obligatoires qui manquent").count == 2)
            #expect(text.components(separatedBy: "<h1").count == 2 && DiffPageTests.headingsInOrder(text))
        }
    }

    @Test("an unknown CFA is 404; signed out → sign-in; English")
    func edges() async throws {
        let fixture = try Self.fixture()
        try await fixture.run { browser in
            #expect(try await browser.get("/cfa/\(WebFixture.caen)").status == .seeOther)
            _ = try await browser.signIn("pilote-caen")
            #expect(try await browser.get("/cfa/9999999Z").status == .notFound)
            browser.headers[.acceptLanguage] = "en"
            let page = try await browser.get("/cfa/\(WebFixture.rouen)")
            #expect(page.status == .ok && page.text.contains("does not hold the") && page.text.contains("never awarded"))
        }
    }

    @Test("bars: kinds from the dates (valid, due within 90 days, ended, revoked, later)")
    func bars() throws {
        let catalogue = try Catalogue.builtin()
        let today = WebFixture.today
        func award(_ badge: Int, _ from: Int, _ until: Int, revoked: Int? = nil) -> Award {
            var award = Award(uai: WebFixture.caen, badge: catalogue.badges[badge].id, submissionID: 1, commit: "c", validFrom: today.adding(days: from),
                              validUntil: today.adding(days: until), awardedBy: "r", awardedAt: WebFixture.now)
            award.revokedOn = revoked.map { today.adding(days: $0) }
            return award
        }
        let timeline = CFATimeline(badges: catalogue.badges, awards: [award(0, -100, 500), award(1, -300, 30), award(2, -900, -10),
                                                                      award(3, -100, 500, revoked: -5), award(4, 10, 400)], today: today)
        #expect(timeline.bars.map(\.kind) == [.valid, .due, .past, .revoked, .future])
        let svg = timeline.svg(title: "<t>", description: "\"d\" & e", lang: .fr)
        #expect(svg.contains("<title id=\"timeline-title\">&lt;t&gt;</title>") && svg.contains("&quot;d&quot; &amp; e"))
    }
}

extension WebFixture {
    /// A request of `badge` awarded `daysAgo` for `years` (revoked `revokedDaysAgo` if given).
    func award(_ uai: String, badge: String, daysAgo: Int, years: Int, revokedDaysAgo: Int? = nil) throws {
        let at = Self.now.addingTimeInterval(-Double(daysAgo) * 86400)
        let commit = try commitBadge(uai, badge: badge, narrative: "Récit", evidence: [], date: at)
        try hub.store.write { tx in
            var submission = Submission(uai: uai, badge: badge, tag: "submissions/\(badge)/\(Day(at))-1", tagTarget: commit, commit: commit, kind: .first,
                                        submittedAt: at, ingestedAt: at, ready: true, problems: [], message: "")
            submission.state = revokedDaysAgo == nil ? .awarded : .revoked
            submission = try tx.insert(submission, evidence: [])
            var award = Award(uai: uai, badge: badge, submissionID: submission.id ?? 0, commit: commit, validFrom: Day(at),
                              validUntil: Day(at).adding(years: years), awardedBy: "region-1", awardedAt: at)
            if let revokedDaysAgo {
                award.revokedAt = Self.now.addingTimeInterval(-Double(revokedDaysAgo) * 86400)
                award.revokedOn = Self.today.adding(days: -revokedDaysAgo)
                award.revokedBy = "region-1"
                award.revokeReason = "<script>x</script>"
            }
            _ = try tx.insert(award)
        }
    }
}
