import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: the renewal diff page")
struct DiffPageTests {
    static let png1: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 1, count: 24)
    static let png2: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 2, count: 40)
    static let pdf1 = Array("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)
    static let pdf2 = Array("%PDF-1.7\n1 0 obj << /A 2 >> endobj\n2 0 obj << >> endobj\n%%EOF\n".utf8)
    static let hostile = "<script>alert('x')</script>"

    /// A renewal of the Caen CFA (whose name holds a script) with one change of every kind.
    static func fixture() throws -> (WebFixture, criteria: [String]) {
        let fixture = try WebFixture()
        let criteria = fixture.hub.catalogue.badge(fixture.badge)?.criteria.map(\.id) ?? []
        let (c1, c2, c3) = (criteria[0], criteria[1], criteria[2])
        try fixture.renewal(WebFixture.caen, badge: fixture.badge, before: (
            narrative: "Nous formons nos apprentis au numérique chaque mois.\nDeuxième paragraphe inchangé.\n",
            evidence: [
                .file("charte", "Charte numérique", c1, "charte.md", "# Charte\n\nLigne une.\nLes apprentis suivent un tutorat mensuel.\nLigne trois.\n"),
                .file("ancien", "Ancien plan " + hostile, c1, "ancien.txt", "plan de 2025"),
                .bytes("photo", "Photo de la salle", c2, "salle.png", png1),
                .bytes("rapport", "Rapport annuel", c2, "rapport.pdf", pdf1),
                .file("veille-doc", "Note de veille", c1, "veille.txt", "veille"),
                .file("bouge", "Fiche pratique", c1, "fiche.txt", "fiche"),
            ]), after: (
            narrative: "Nous formons nos apprentis au numérique chaque semaine, avec \(hostile).\nDeuxième paragraphe inchangé.\n",
            evidence: [
                .file("charte", "Charte numérique", c1, "charte.md", "# Charte\n\nLigne une.\nLes apprentis suivent un tutorat hebdomadaire.\nLigne trois.\n"),
                .bytes("photo", "Photo de la salle", c2, "salle.png", png2),
                .bytes("rapport", "Rapport annuel", c2, "rapport.pdf", pdf2),
                .file("veille-doc", "Note de veille <b>2026</b>", c1, "veille.txt", "veille"),
                .file("bouge", "Fiche pratique", c2, "fiche.txt", "fiche"),
                .file("nouveau", "Nouveau " + hostile, c3, "nouveau \"<x>\".txt", "Bonjour <script>alert(2)</script>"),
            ]))
        return (fixture, criteria)
    }

    var base: String { "/cfa/\(WebFixture.caen)/" }

    @Test("the page shows exactly the renewal's changes: added, removed, replaced text with its words marked, images, PDFs, retitled, moved, narrative, criteria, files")
    func changes() async throws {
        let (fixture, criteria) = try Self.fixture()
        let base = "/cfa/\(WebFixture.caen)/\(fixture.badge)"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get(base + "/diff")
            #expect(page.status == .ok)
            let text = page.text
            // Counts in the summary: 1 added, 1 removed, 3 replaced, 1 retitled, 1 moved.
            #expect(text.contains("<strong>1</strong> preuve(s) ajoutée(s)"))
            #expect(text.contains("<strong>1</strong> preuve(s) retirée(s)"))
            #expect(text.contains("<strong>3</strong> fichier(s) remplacé(s)"))
            #expect(text.contains("<strong>1</strong> preuve(s) renommée(s)"))
            #expect(text.contains("<strong>1</strong> preuve(s) déplacée(s)"))
            // Added, with a preview (escaped).
            #expect(text.contains("id=\"e-nouveau\""))
            #expect(text.contains("Nouveau &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(text.contains("Bonjour &lt;script&gt;alert(2)&lt;/script&gt;"))
            #expect(text.contains("nouveau &quot;&lt;x&gt;&quot;.txt"))
            // Removed, its old version one click away.
            #expect(text.contains("id=\"e-ancien\"") && text.contains("href=\"\(base)/diff/before/ancien\""))
            // Replaced text: side by side, the changed word struck and underlined, with screen reader markers.
            #expect(text.contains("<del><span class=\"visually-hidden\">[supprimé : </span>mensuel<span class=\"visually-hidden\"> — fin de suppression]</span></del>"))
            #expect(text.contains("<ins><span class=\"visually-hidden\">[ajouté : </span>hebdomadaire<span class=\"visually-hidden\"> — fin d&#39;ajout]</span></ins>"))
            #expect(text.components(separatedBy: "<table class=\"sbs\">").count == 2)  // the Markdown file only, not the PDF
            // Images before and after; PDFs both versions with their sizes.
            #expect(text.contains("src=\"\(base)/diff/before/photo\"") && text.contains("src=\"\(base)/evidence/photo/raw\""))
            #expect(text.contains("href=\"\(base)/diff/before/rapport\"") && text.contains("href=\"\(base)/evidence/rapport/raw\""))
            #expect(text.contains("\(Self.pdf1.count) octets") && text.contains("\(Self.pdf2.count) octets"))
            // Retitled (escaped) and moved.
            #expect(text.contains("Ancien titre") && text.contains("Note de veille &lt;b&gt;2026&lt;/b&gt;"))
            #expect(text.contains("Déplacée du critère <a href=\"#c-\(criteria[0])\">\(criteria[0])</a> vers le critère <strong>\(criteria[1])</strong>"))
            #expect(text.contains("« Fiche pratique » a été déplacée vers le critère \(criteria[1])."))
            // The narrative word by word.
            #expect(text.contains("[supprimé : </span>mois<span"))
            #expect(text.contains("[ajouté : </span>semaine, avec &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<span"))
            #expect(text.contains("Deuxième paragraphe inchangé."))
            // Criteria newly met.
            #expect(text.contains("Critères désormais remplis") && text.contains("<strong>\(criteria[2])</strong>"))
            // The raw list of files.
            #expect(text.contains("<details>") && text.contains("badges/\(fixture.badge)/evidence/ancien.txt"))
            // Nothing hostile unescaped; the CFA's hostile name escaped.
            #expect(!text.contains("<script>"))
            #expect(text.contains("CFA de Caen &lt;script&gt;alert(1)&lt;/script&gt;"))
            // One h1; headings in order.
            #expect(text.components(separatedBy: "<h1").count == 2)
            #expect(Self.headingsInOrder(text))
        }
    }

    @Test("the awarded version's bytes are served with the evidence route's checks and headers; only evidence of the base")
    func before() async throws {
        let (fixture, _) = try Self.fixture()
        let base = "/cfa/\(WebFixture.caen)/\(fixture.badge)/diff/before/"
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            let charte = try await browser.get(base + "charte")
            #expect(charte.status == .ok)
            #expect(charte.text.contains("tutorat mensuel"))
            #expect(charte.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(charte.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            #expect(charte.headers[.xContentTypeOptions] == "nosniff")
            let photo = try await browser.get(base + "photo")
            #expect(photo.headers[.contentType] == "image/png" && Array(photo.body.readableBytesView) == Self.png1)
            let pdf = try await browser.get(base + "rapport")
            #expect(pdf.headers[.contentType] == "application/pdf" && pdf.body.readableBytes == Self.pdf1.count)
            browser.headers[.range] = "bytes=0-3"
            let part = try await browser.get(base + "rapport")
            #expect(part.status == .partialContent && part.text == "%PDF")
            browser.headers[.range] = nil
            #expect(try await browser.get(base + "nouveau").status == .notFound)
            #expect(try await browser.get(base + "..%2Fclaim.yaml").status == .notFound)
            #expect(try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/diff/before/charte").status == .notFound)
        }
    }

    @Test("a first award has no diff (said plainly); signed out → sign-in; an unknown CFA or badge → 404")
    func edges() async throws {
        let (fixture, _) = try Self.fixture()
        try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        try await fixture.run { browser in
            let out = try await browser.get("/cfa/\(WebFixture.caen)/\(fixture.badge)/diff")
            #expect(out.status == .seeOther && out.headers[.location]?.hasPrefix("/signin") == true)
            #expect(try await browser.get("/cfa/\(WebFixture.caen)/\(fixture.badge)/diff/before/charte").status == .seeOther)
            _ = try await browser.signIn("pilote-caen")
            let first = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/diff")
            #expect(first.status == .ok && first.text.contains("première attribution"))
            #expect(try await browser.get("/cfa/9999999Z/\(fixture.badge)/diff").status == .notFound)
            #expect(try await browser.get("/cfa/\(WebFixture.caen)/nope/diff").status == .notFound)
            // A pilot CFA's member may read its own CFA's diff (reading is not voting); in English too.
            browser.headers[.acceptLanguage] = "en"
            let english = try await browser.get("/cfa/\(WebFixture.caen)/\(fixture.badge)/diff")
            #expect(english.status == .ok && english.text.contains("What changed since the award"))
            #expect(english.text.contains("[removed: </span>mensuel<span") && english.text.contains("<strong>1</strong> evidence added"))
        }
    }

    @Test("side by side: a removed line faces its replacement with the words marked; pure additions face nothing")
    func rows() {
        let diff = TextDiff(old: "a\nb c d\ne\n", new: "a\nb X d\nnew\ne\n")
        let rows = DiffRows.rows(diff)
        #expect(rows.contains(DiffRows.Row(left: .changed([.init(op: .same, text: "b "), .init(op: .removed, text: "c"), .init(op: .same, text: " d")]),
                                           right: .changed([.init(op: .same, text: "b "), .init(op: .added, text: "X"), .init(op: .same, text: " d")]))))
        #expect(rows.contains(DiffRows.Row(left: .empty, right: .changed([.init(op: .added, text: "new")]))))
        #expect(rows.first == DiffRows.Row(left: .kept("a"), right: .kept("a")))
    }

    @Test("the template parses")
    func template() throws {
        try WebApp.diffTemplate.check()
        try WebApp.cfaTemplate.check()
        try WebApp.overviewTemplate.check()
        try WebApp.operationsTemplate.check()
    }

    /// h1 once, then no heading level skipped going down.
    static func headingsInOrder(_ html: String) -> Bool {
        var previous = 0
        var rest = Substring(html)
        while let range = rest.range(of: "<h") {
            let after = rest[range.upperBound...]
            if let digit = after.first, let level = Int(String(digit)), (1...6).contains(level) {
                if level > previous + 1 { return false }
                previous = level
            }
            rest = after
        }
        return true
    }
}
