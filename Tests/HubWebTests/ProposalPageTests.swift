import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: badge proposals")
struct ProposalPageTests {
    static let hostile = "<script>alert('x')</script>"

    static func text(why: String = "Nos apprentis n'ont pas tous un ordinateur.", title: String = "Inclusion numérique") -> String {
        """
        id: inclusion-numerique
        title: "\(title)"
        summary: "Accompagnement des apprentis éloignés du numérique"
        validityYears: 2
        criteria:
          - id: diagnostic
            text: "Un diagnostic des usages est fait à l'entrée en formation"
        requirement:
          all: true
        why: |
          \(why)

        """
    }

    /// Stores a proposal as reconcile would.
    @discardableResult
    static func propose(_ fixture: WebFixture, _ uai: String, text: String = text(), n: Int = 1) throws -> ProposalSubmission {
        let proposal = ProposalSubmission(uai: uai, slug: "inclusion-numerique", tag: "proposals/inclusion-numerique/2026-02-2\(n)-1",
                                          tagTarget: String(repeating: "ab", count: 20), commit: String(repeating: "cd", count: 20),
                                          submittedAt: WebFixture.now, ingestedAt: WebFixture.now, text: text, message: "Notre proposition")
        var batch = IngestBatch(uai: uai, items: [], notes: [], refsDigest: "d\(n)", now: WebFixture.now)
        batch.proposals = [proposal]
        try fixture.hub.receive(batch)
        return try fixture.hub.proposal(uai: uai, slug: "inclusion-numerique")
    }

    @Test("the list and the page show the proposal escaped, with its criteria, why and the vote form; the nav marks Proposals")
    func pages() async throws {
        let fixture = try WebFixture()
        try Self.propose(fixture, WebFixture.rouen, text: Self.text(why: Self.hostile, title: "Inclusion \\\"<b>numérique</b>\\\""))
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let list = try await browser.get("/proposals")
            #expect(list.status == .ok)
            #expect(list.text.contains("href=\"/proposals/\(WebFixture.rouen)/inclusion-numerique\""))
            #expect(list.text.contains("<a href=\"/proposals\" aria-current=\"page\">Propositions</a>"))
            #expect(!list.text.contains("<b>numérique</b>") && list.text.contains("&lt;b&gt;numérique&lt;/b&gt;"))
            let page = try await browser.get("/proposals/\(WebFixture.rouen)/inclusion-numerique")
            #expect(page.status == .ok)
            let text = page.text
            #expect(!text.contains(Self.hostile) && text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(text.contains("diagnostic") && text.contains("Un diagnostic des usages"))
            #expect(text.contains("action=\"/proposals/\(WebFixture.rouen)/inclusion-numerique/vote\""))
            #expect(!text.contains("/accept\""), "only the Région sees accept")
            #expect(try await browser.get("/proposals/\(WebFixture.rouen)/autre").status == .notFound)
        }
    }

    @Test("the proposing CFA's pilot is recused: no form, and a posted vote is refused (403)")
    func recusal() async throws {
        let fixture = try WebFixture()
        let proposal = try Self.propose(fixture, WebFixture.caen)
        try await fixture.run { browser in
            _ = try await browser.signIn("pilote-caen")
            let page = try await browser.get("/proposals/\(WebFixture.caen)/inclusion-numerique")
            #expect(page.text.contains("récusation") && !page.text.contains("/vote\""))
            let csrf = try #require(Browser.csrf(in: page))
            let refused = try await browser.post("/proposals/\(WebFixture.caen)/inclusion-numerique/vote",
                                                 [("csrf", csrf), ("proposal", String(proposal.id ?? 0)), ("verdict", "approve"), ("message", "Oui")])
            #expect(refused.status == .forbidden)
            #expect(try fixture.hub.proposalVotes(proposal).isEmpty)
        }
    }

    @Test("votes need the form token; changes requested, then the Région accepts and the badge is in the draft")
    func voteAndAccept() async throws {
        let fixture = try WebFixture()
        let proposal = try Self.propose(fixture, WebFixture.rouen)
        let base = "/proposals/\(WebFixture.rouen)/inclusion-numerique"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let csrf = try #require(Browser.csrf(in: try await browser.get(base)))
            let fields = [("proposal", String(proposal.id ?? 0)), ("verdict", "approve"), ("message", "Utile")]
            #expect(try await browser.post(base + "/vote", fields).status == .forbidden)
            #expect(try await browser.post(base + "/vote", [("csrf", "f00")] + fields).status == .forbidden)
            #expect(try fixture.hub.proposalVotes(proposal).isEmpty)
            let done = try await browser.post(base + "/vote", [("csrf", csrf)] + fields)
            #expect(done.status == .seeOther && done.headers[.location] == base + "?done=vote")
            #expect(try await browser.get(base + "?done=vote").text.contains("role=\"status\">✓ Votre avis est enregistré."))
            // A stale form (the proposal changed since the page was shown) writes nothing.
            #expect(try await browser.post(base + "/vote", [("csrf", csrf), ("proposal", "999"), ("verdict", "reject"), ("message", "x")]).status
                    == .conflict)
        }
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            let page = try await browser.get(base)
            #expect(page.text.contains("action=\"\(base)/accept\"") && page.text.contains("action=\"\(base)/decline\""))
            let csrf = try #require(Browser.csrf(in: page))
            let id = String(proposal.id ?? 0)
            _ = try await browser.post(base + "/vote", [("csrf", csrf), ("proposal", id), ("verdict", "approve"), ("message", "Pertinent")])
            let accepted = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "Bienvenu")])
            #expect(accepted.status == .seeOther && accepted.headers[.location] == base + "?done=accept")
            #expect(try fixture.hub.proposal(uai: WebFixture.rouen, slug: "inclusion-numerique").state == .accepted)
            let draft = try #require(FileManager.default.contents(atPath: try fixture.hub.catalogues.draftPath))
            #expect(try Catalogue.load([UInt8](draft), file: "draft.yaml").badge("inclusion-numerique") != nil)
            let after = try await browser.get(base)
            #expect(after.text.contains("ajouté au brouillon") && !after.text.contains("/accept\""))
        }
    }

    @Test("accepting without the quorum is refused with the hub's reason; declining needs the Région")
    func refusals() async throws {
        let fixture = try WebFixture()
        let proposal = try Self.propose(fixture, WebFixture.rouen)
        let base = "/proposals/\(WebFixture.rouen)/inclusion-numerique"
        let id = String(proposal.id ?? 0)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-2")
            let csrf = try #require(Browser.csrf(in: try await browser.get(base)))
            #expect(try await browser.post(base + "/decline", [("csrf", csrf), ("proposal", id), ("message", "Non")]).status == .forbidden)
        }
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            let csrf = try #require(Browser.csrf(in: try await browser.get(base)))
            let early = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "Oui")])
            #expect(early.status != .seeOther && early.text.contains("quorum"))
            #expect(try fixture.hub.proposal(uai: WebFixture.rouen, slug: "inclusion-numerique").state == .submitted)
            let declined = try await browser.post(base + "/decline", [("csrf", csrf), ("proposal", id), ("message", "Déjà couvert")])
            #expect(declined.status == .seeOther)
            #expect(try fixture.hub.proposalDecisions(uai: WebFixture.rouen).first?.outcome == .declined)
        }
    }
}
