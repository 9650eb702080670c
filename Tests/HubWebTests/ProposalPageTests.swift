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

    /// badgeons-1 and region-1 approve (the quorum: two approvals from two roles; voting through the
    /// page is `voteAndAccept`'s); returns the form token of region-1's page, signed in.
    static func reachQuorum(_ browser: inout Browser, _ fixture: WebFixture, base: String, signIn: Bool = true) async throws -> String {
        try fixture.hub.voteOnProposal(uai: WebFixture.rouen, slug: "inclusion-numerique", member: "badgeons-1", verdict: .approve,
                                       reason: "Utile", now: WebFixture.now)
        try fixture.hub.voteOnProposal(uai: WebFixture.rouen, slug: "inclusion-numerique", member: "region-1", verdict: .approve,
                                       reason: "Pertinent", now: WebFixture.now)
        if signIn { _ = try await browser.signIn("region-1") }
        return try #require(Browser.csrf(in: try await browser.get(base)))
    }

    @Test("the Région's accept form holds the proposal's catalogue entry; a mistake in the edited text is shown at its line, the text kept, nothing written; the edited text then goes into the draft")
    func acceptEdited() async throws {
        let fixture = try WebFixture()
        let proposal = try Self.propose(fixture, WebFixture.rouen)
        let base = "/proposals/\(WebFixture.rouen)/inclusion-numerique"
        let id = String(proposal.id ?? 0)
        let asWritten = String(decoding: try #require(proposal.parsed(label: fixture.hub.catalogue)).catalogueEntry(), as: UTF8.self)
        let draftPath = try fixture.hub.catalogues.draftPath
        try await fixture.run { browser in
            let csrf = try await Self.reachQuorum(&browser, fixture, base: base)
            let page = try await browser.get(base)
            #expect(page.text.contains("<label for=\"a-entry\">Texte du badge accepté</label>"))
            #expect(page.text.contains("Laissé tel quel, la proposition est acceptée telle que le CFA l&#39;a écrite")
                    || page.text.contains("Laissé tel quel, la proposition est acceptée telle que le CFA l'a écrite"))
            #expect(page.text.contains("name=\"entry\"") && page.text.contains("id: inclusion-numerique\n")
                    && page.text.contains("- id: diagnostic"), "the text area holds the proposal's catalogue entry")
            let before = FileManager.default.contents(atPath: draftPath)

            // A mistake (and hostile text): the line is said, the text kept escaped, nothing written.
            let broken = asWritten.replacingOccurrences(of: "validityYears: 2", with: "validityYears: deux")
                .replacingOccurrences(of: "title: Inclusion numérique", with: "title: \"\(Self.hostile)\"")
            let line = try #require(broken.components(separatedBy: "\n").firstIndex { $0.hasPrefix("validityYears:") }) + 1
            let refused = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "Avec retouches"),
                                                                    ("entry", broken.replacingOccurrences(of: "\n", with: "\r\n"))])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("id=\"a-entry-error\" class=\"error\" role=\"alert\">Ligne \(line) :"), "\(refused.text)")
            #expect(refused.text.contains("aria-invalid=\"true\""))
            #expect(refused.text.contains("validityYears: deux") && !refused.text.contains(Self.hostile)
                    && refused.text.contains("&lt;script&gt;"), "the typed text is kept, escaped")
            #expect(refused.text.contains(">Avec retouches</textarea>"), "the reason typed is kept")
            #expect(FileManager.default.contents(atPath: draftPath) == before, "the draft is unchanged")
            #expect(try fixture.hub.proposal(uai: WebFixture.rouen, slug: "inclusion-numerique").state.isOpen)

            // An empty text is refused at the field too.
            let empty = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "x"), ("entry", " \r\n")])
            #expect(empty.status == .badRequest && empty.text.contains("id=\"a-entry-error\""))

            // The edited title goes into the draft.
            let edited = asWritten.replacingOccurrences(of: "title: Inclusion numérique", with: "title: Inclusion et équipement numériques")
            #expect(edited != asWritten)
            let accepted = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "Titre précisé"),
                                                                     ("entry", edited.replacingOccurrences(of: "\n", with: "\r\n"))])
            #expect(accepted.status == .seeOther && accepted.headers[.location] == base + "?done=accept-edited")
            let draft = try #require(FileManager.default.contents(atPath: draftPath))
            #expect(try Catalogue.load([UInt8](draft), file: "draft.yaml").badge("inclusion-numerique")?.title == "Inclusion et équipement numériques")
            let after = try await browser.get(base + "?done=accept-edited")
            #expect(after.text.contains("acceptée avec votre texte") && after.text.contains("(« Inclusion et équipement numériques »)"))
            #expect(try fixture.hub.proposalDecisions(uai: WebFixture.rouen).first?.badge == "inclusion-numerique")
        }
    }

    @Test("the text left as proposed (the browser's CRLF) accepts the proposal as written")
    func acceptUnchanged() async throws {
        let fixture = try WebFixture()
        let proposal = try Self.propose(fixture, WebFixture.rouen)
        let base = "/proposals/\(WebFixture.rouen)/inclusion-numerique"
        let asWritten = String(decoding: try #require(proposal.parsed(label: fixture.hub.catalogue)).catalogueEntry(), as: UTF8.self)
        try await fixture.run { browser in
            let csrf = try await Self.reachQuorum(&browser, fixture, base: base)
            let accepted = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", String(proposal.id ?? 0)), ("message", "Bienvenu"),
                                                                     ("entry", asWritten.replacingOccurrences(of: "\n", with: "\r\n"))])
            #expect(accepted.status == .seeOther && accepted.headers[.location] == base + "?done=accept")
            #expect(try await browser.get(base + "?done=accept").text.contains("acceptée telle que le CFA l"))
        }
        let draft = try #require(FileManager.default.contents(atPath: try fixture.hub.catalogues.draftPath))
        #expect(try Catalogue.load([UInt8](draft), file: "draft.yaml").badge("inclusion-numerique")?.title == "Inclusion numérique")
    }

    @Test("an edited id the catalogue already has is refused at the field (409); before the quorum, the refusal is above the form, the text kept")
    func acceptRefusedKeepsText() async throws {
        let fixture = try WebFixture()
        let proposal = try Self.propose(fixture, WebFixture.rouen)
        let base = "/proposals/\(WebFixture.rouen)/inclusion-numerique"
        let id = String(proposal.id ?? 0)
        let asWritten = String(decoding: try #require(proposal.parsed(label: fixture.hub.catalogue)).catalogueEntry(), as: UTF8.self)
        let taken = asWritten.replacingOccurrences(of: "id: inclusion-numerique", with: "id: \(fixture.badge)")
        let draftPath = try fixture.hub.catalogues.draftPath
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            var csrf = try #require(Browser.csrf(in: try await browser.get(base)))
            let early = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "Oui"), ("entry", taken)])
            #expect(early.status == .conflict)
            #expect(early.text.contains("id=\"a-error\"") && early.text.contains("quorum") && early.text.contains("id: \(fixture.badge)\n"))
            csrf = try await Self.reachQuorum(&browser, fixture, base: base, signIn: false)
            let before = FileManager.default.contents(atPath: draftPath)
            let duplicate = try await browser.post(base + "/accept", [("csrf", csrf), ("proposal", id), ("message", "Oui"), ("entry", taken)])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains("id=\"a-entry-error\"") && duplicate.text.contains(fixture.badge))
            #expect(FileManager.default.contents(atPath: draftPath) == before)
            #expect(try fixture.hub.proposal(uai: WebFixture.rouen, slug: "inclusion-numerique").state.isOpen)
        }
    }

    @Test("the overview counts proposals awaiting votes and a decision, linked to /proposals; the CFA page's audit says proposal actions in words")
    func overviewAndAudit() async throws {
        let fixture = try WebFixture()
        try Self.propose(fixture, WebFixture.rouen)
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            var overview = try await browser.get("/")
            #expect(overview.text.contains("<a href=\"/proposals\">Propositions de badges : 1 en attente d&#39;avis, 0 en attente de la décision de la Région.</a>"),
                    "\(overview.text)")
            _ = try await Self.reachQuorum(&browser, fixture, base: "/proposals/\(WebFixture.rouen)/inclusion-numerique", signIn: false)
            overview = try await browser.get("/")
            #expect(overview.text.contains("Propositions de badges : 0 en attente d&#39;avis, 1 en attente de la décision de la Région."))
            let cfa = try await browser.get("/cfa/\(WebFixture.rouen)")
            #expect(cfa.text.contains("<td>proposition de badge reçue</td>"))
            #expect(cfa.text.contains("<td>proposition : avis favorable</td>"))
            #expect(cfa.text.contains("changement d&#39;état d&#39;une proposition : en examen → approuvée par les pairs"), "\(cfa.text)")
            #expect(!cfa.text.contains("<td>proposal-"), "no raw proposal code")
            browser.headers[.acceptLanguage] = "en"
            let english = try await browser.get("/cfa/\(WebFixture.rouen)")
            #expect(english.text.contains("<td>badge proposal received</td>") && english.text.contains("<td>proposal: approval</td>"))
            #expect(try await browser.get("/").text.contains("Badge proposals: 0 awaiting votes, 1 awaiting the Région&#39;s decision."))
        }
    }
}
