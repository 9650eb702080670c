import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: queue, request page, votes, awards")
struct RequestPageTests {
    static let hostile = "<script>alert('x')</script>"

    @Test("the queue lists open requests newest activity first, filters them, and counts them in the navigation")
    func queue() async throws {
        let fixture = try WebFixture()
        try fixture.submit(WebFixture.caen, badge: fixture.badge, daysAgo: 10)
        try fixture.submit(WebFixture.rouen, badge: fixture.otherBadge, daysAgo: 2)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/queue")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("class=\"counter\"") && text.contains(">2</span>"))
            let rouen = try #require(text.range(of: "/cfa/\(WebFixture.rouen)/"))
            let caen = try #require(text.range(of: "/cfa/\(WebFixture.caen)/"))
            #expect(rouen.lowerBound < caen.lowerBound)
            #expect(text.contains("0/2"))
            #expect(text.contains("10 j"))
            // Hostile CFA name escaped.
            #expect(!text.contains("<script>alert(1)</script>") && text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let filtered = try await browser.get("/queue?badge=\(fixture.otherBadge)&kind=first")
            #expect(filtered.text.contains("/cfa/\(WebFixture.rouen)/") && !filtered.text.contains("/cfa/\(WebFixture.caen)/\(fixture.badge)\""))
            let byCFA = try await browser.get("/queue?cfa=\(WebFixture.caen)&state=submitted")
            #expect(byCFA.text.contains("/cfa/\(WebFixture.caen)/") && !byCFA.text.contains("href=\"/cfa/\(WebFixture.rouen)/"))
            let renewals = try await browser.get("/queue?kind=renewal")
            #expect(!renewals.text.contains("href=\"/cfa/"))
        }
    }

    @Test("a request page shows criteria, evidence, votes and the vote form; hostile text is escaped")
    func requestPage() async throws {
        let fixture = try WebFixture()
        try fixture.submit(WebFixture.rouen, badge: fixture.badge, message: Self.hostile,
                           evidence: [WebFixture.text("charte", Self.hostile, "charte.md", "# Charte")])
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")
            #expect(page.status == .ok)
            let text = page.text
            #expect(!text.contains(Self.hostile))
            #expect(text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(text.contains("action=\"/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote\""))
            #expect(text.contains("/evidence/charte"))
            for criterion in fixture.hub.catalogue.badge(fixture.badge)?.criteria ?? [] { #expect(text.contains(criterion.id)) }
            #expect(!text.contains("/award\""))
        }
    }

    @Test("a vote with the form token is recorded and shown; CSRF missing or wrong writes nothing (403)")
    func vote() async throws {
        let fixture = try WebFixture()
        let submission = try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        let url = "/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")))
            let fields = [("submission", String(submission.id ?? 0)), ("verdict", "approve"), ("message", Self.hostile)]
            #expect(try await browser.post(url, fields).status == .forbidden)
            #expect(try await browser.post(url, [("csrf", "f00")] + fields).status == .forbidden)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).isEmpty)
            let done = try await browser.post(url, [("csrf", csrf)] + fields)
            #expect(done.status == .seeOther)
            let location = try #require(done.headers[.location])
            #expect(location == "/cfa/\(WebFixture.rouen)/\(fixture.badge)?done=vote")
            #expect(try await browser.get(location).text.contains("role=\"status\">✓ Votre avis est enregistré."))
            let votes = try fixture.votes(WebFixture.rouen, fixture.badge)
            #expect(votes.count == 1 && votes.first?.memberID == "badgeons-1" && votes.first?.verdict == .approve)
            #expect(try fixture.hub.audit(uai: WebFixture.rouen).contains { $0.action == "vote-approve" && $0.actor == "badgeons-1" })
            let page = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")
            #expect(page.text.contains("&lt;script&gt;") && !page.text.contains(Self.hostile))
            // The CLI's view sees it at once (same store).
            #expect(try fixture.hub.queue(today: WebFixture.today).first { $0.uai == WebFixture.rouen }?.votes.approve == 1)
            // Withdraw.
            let withdrawn = try await browser.post("/cfa/\(WebFixture.rouen)/\(fixture.badge)/withdraw",
                                                   [("csrf", csrf), ("submission", String(submission.id ?? 0))])
            #expect(withdrawn.status == .seeOther)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).allSatisfy { $0.withdrawnAt != nil })
        }
    }

    @Test("a vote needs a message (400, nothing written)")
    func voteNeedsMessage() async throws {
        let fixture = try WebFixture()
        let submission = try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")))
            let response = try await browser.post("/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote",
                                                  [("csrf", csrf), ("submission", String(submission.id ?? 0)), ("verdict", "reject"), ("message", "  ")])
            #expect(response.status == .badRequest)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).isEmpty)
        }
    }

    @Test("a pilot CFA's member sees the recusal instead of the form, and a vote posted anyway is refused (403)")
    func recusal() async throws {
        let fixture = try WebFixture()
        let submission = try fixture.submit(WebFixture.caen, badge: fixture.badge)
        try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        try await fixture.run { browser in
            _ = try await browser.signIn("pilote-caen")
            let own = try await browser.get("/cfa/\(WebFixture.caen)/\(fixture.badge)")
            #expect(own.status == .ok)
            #expect(!own.text.contains("/vote\"") && own.text.contains("récusation"))
            let other = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")
            #expect(other.text.contains("/vote\""))
            let csrf = try #require(Browser.csrf(in: own))
            let response = try await browser.post("/cfa/\(WebFixture.caen)/\(fixture.badge)/vote",
                                                  [("csrf", csrf), ("submission", String(submission.id ?? 0)), ("verdict", "approve"), ("message", "ok")])
            #expect(response.status == .forbidden)
            #expect(response.text.contains("récusation"))
            #expect(try fixture.votes(WebFixture.caen, fixture.badge).isEmpty)
        }
    }

    @Test("a vote on a request that a newer one superseded is refused (409), nothing written")
    func superseded() async throws {
        let fixture = try WebFixture()
        let first = try fixture.submit(WebFixture.rouen, badge: fixture.badge, n: 1)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")))
            try fixture.submit(WebFixture.rouen, badge: fixture.badge, n: 2)
            let response = try await browser.post("/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote",
                                                  [("csrf", csrf), ("submission", String(first.id ?? 0)), ("verdict", "approve"), ("message", "ok")])
            #expect(response.status == .conflict)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).isEmpty)
            #expect(try fixture.hub.store.read { tx in try tx.votes(submission: first.id ?? 0) }.isEmpty)
        }
    }

    @Test("unknown CFA, badge or request: 404")
    func unknownRequest() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            #expect(try await browser.get("/cfa/9999999Z/\(fixture.badge)").status == .notFound)
            #expect(try await browser.get("/cfa/\(WebFixture.rouen)/no-such-badge").status == .notFound)
            #expect(try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)").status == .notFound)
        }
    }

    @Test("award: refused to a non-Région member (403, no award); a Région member awards once the quorum is reached")
    func award() async throws {
        let fixture = try WebFixture()
        let submission = try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        let base = "/cfa/\(WebFixture.rouen)/\(fixture.badge)"
        let id = String(submission.id ?? 0)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            var csrf = try #require(Browser.csrf(in: try await browser.get(base)))
            #expect(try await browser.post(base + "/award", [("csrf", csrf), ("submission", id)]).status == .forbidden)
            #expect(try fixture.hub.validAward(uai: WebFixture.rouen, badge: fixture.badge, on: WebFixture.today) == nil)
            #expect(try await browser.post(base + "/vote", [("csrf", csrf), ("submission", id), ("verdict", "approve"), ("message", "bien")]).status == .seeOther)

            var region = Browser(browser.client)
            _ = try await region.signIn("region-1")
            let page = try await region.get(base)
            #expect(page.text.contains(base + "/award\""))
            csrf = try #require(Browser.csrf(in: page))
            // Quorum not reached yet (1 approval from 1 role): the hub's rule refuses.
            let early = try await region.post(base + "/award", [("csrf", csrf), ("submission", id)])
            #expect(early.status == .conflict)
            #expect(early.text.contains("quorum"))
            #expect(try await region.post(base + "/vote", [("csrf", csrf), ("submission", id), ("verdict", "approve"), ("message", "ok")]).status == .seeOther)
            #expect(try await region.post(base + "/award", [("csrf", csrf), ("submission", id)]).status == .seeOther)
            let award = try #require(try fixture.hub.validAward(uai: WebFixture.rouen, badge: fixture.badge, on: WebFixture.today))
            #expect(award.awardedBy == "region-1")
            // Revoke needs a reason, then works.
            #expect(try await region.post(base + "/revoke", [("csrf", csrf), ("message", "")]).status == .badRequest)
            #expect(try await browser.post(base + "/revoke", [("csrf", try #require(Browser.csrf(in: try await browser.get(base)))), ("message", "non")]).status == .forbidden)
            #expect(try await region.post(base + "/revoke", [("csrf", csrf), ("message", "preuve retirée")]).status == .seeOther)
            #expect(try fixture.hub.validAward(uai: WebFixture.rouen, badge: fixture.badge, on: WebFixture.today) == nil)
        }
    }
}

@Suite("Web: a long queue")
struct LongQueueTests {
    @Test("the queue shows 50 requests a page, with links that keep the filters")
    func pages() async throws {
        let fixture = try WebFixture()
        let badges = fixture.hub.catalogue.badges.map(\.id)
        // 60 open requests: one per badge for each of 5 CFAs (registered here).
        var uais: [String] = []
        for n in 0..<5 {
            let digits = "050000\(n)"
            let uai = digits + String(try #require(Identifiers.uaiCheckLetter(digits)))
            _ = try fixture.hub.register(uai: uai, url: "https://git.example.fr/\(n).git", name: "CFA \(n)", now: WebFixture.now)
            uais.append(uai)
        }
        for uai in uais { for badge in badges { try fixture.submit(uai, badge: badge) } }
        let total = uais.count * badges.count
        try #require(total > WebApp.queuePageSize)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let first = try await browser.get("/queue?kind=first")
            #expect(first.text.components(separatedBy: "<tr>").count - 2 == WebApp.queuePageSize)
            #expect(first.text.contains("href=\"/queue?kind=first&amp;page=2\""))
            let last = try await browser.get("/queue?kind=first&page=2")
            #expect(last.text.components(separatedBy: "<tr>").count - 2 == total - WebApp.queuePageSize)
            #expect(last.text.contains("page=1\"") && !last.text.contains("page=3"))
            #expect(try await browser.get("/queue?page=999").status == .ok)
        }
    }
}
