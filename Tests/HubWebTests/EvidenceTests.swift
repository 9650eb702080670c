import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: evidence served safely")
struct EvidenceTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)

    func fixture() throws -> WebFixture {
        let fixture = try WebFixture()
        try fixture.submit(WebFixture.rouen, badge: fixture.badge, evidence: [
            WebFixture.text("notes", "Notes <b>gras</b>", "notes \"<x>\".txt", "Bonjour <script>document.title='pwned'</script>"),
            WebFixture.text("guide", "Guide", "guide.md", "# Titre\n\n<script>alert(1)</script> [lien](javascript:alert(1)) [site](https://example.fr)\n"),
            WebFixture.text("page", "Page", "page.html", "<html><script>alert(1)</script></html>"),
            WebFixture.text("logo", "Logo", "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            ("fake", "", "Faux PDF", "faux.pdf", Array("<html><script>alert(1)</script></html>".utf8)),
            ("real", "", "Vrai PDF", "vrai.pdf", Self.pdf),
            ("image", "", "Photo", "photo.png", Self.png),
            ("archive", "", "Archive", "sources.zip", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]),
        ], links: [("lms", "", "Parcours", "https://lms.example.fr/cours/1"), ("bad", "", "Lien", "javascript:alert(1)")])
        try fixture.submit(WebFixture.caen, badge: fixture.badge, evidence: [WebFixture.text("secret", "Secret", "secret.txt", "caen only")])
        return fixture
    }

    @Test("text evidence is shown escaped in a page; the file name and title too")
    func textPage() async throws {
        let fixture = try fixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/notes")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>document.title") && page.text.contains("&lt;script&gt;document.title"))
            #expect(!page.text.contains("<b>gras</b>") && page.text.contains("notes &quot;&lt;x&gt;&quot;.txt"))
        }
    }

    @Test("Markdown is rendered with its HTML escaped and unsafe links dropped")
    func markdown() async throws {
        let fixture = try fixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let text = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/guide").text
            #expect(text.contains("<h3>Titre</h3>"))
            #expect(!text.contains("<script>alert(1)</script>") && text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!text.contains("href=\"javascript:"))
            #expect(text.contains("href=\"https://example.fr\""))
        }
    }

    @Test("raw bytes: checked type, nosniff, sandbox, attachment for what is not shown in place")
    func rawHeaders() async throws {
        let fixture = try fixture()
        let base = "/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let html = try await browser.get(base + "page/raw")
            #expect(html.status == .ok)
            #expect(html.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(html.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            #expect(html.headers[.xContentTypeOptions] == "nosniff")

            let svg = try await browser.get(base + "logo/raw")
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)

            let fake = try await browser.get(base + "fake/raw")
            #expect(fake.headers[.contentType] == "application/octet-stream")
            #expect(fake.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(fake.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)

            let real = try await browser.get(base + "real/raw")
            #expect(real.headers[.contentType] == "application/pdf")
            #expect(real.headers[.contentDisposition]?.hasPrefix("inline") == true)
            #expect(real.headers[.contentSecurityPolicy]?.hasPrefix("sandbox;") == true)
            #expect(real.headers[.contentSecurityPolicy]?.contains("script-src") == false)
            #expect(real.body.readableBytes == Self.pdf.count)

            let zip = try await browser.get(base + "archive/raw")
            #expect(zip.headers[.contentDisposition]?.hasPrefix("attachment") == true)

            let image = try await browser.get(base + "image/raw")
            #expect(image.headers[.contentType] == "image/png")
            let imagePage = try await browser.get(base + "image")
            #expect(imagePage.text.contains("<img class=\"evidence\" src=\"\(base)image/raw\""))

            let name = try await browser.get(base + "notes/raw?download=1")
            let disposition = name.headers[.contentDisposition] ?? ""
            #expect(disposition.hasPrefix("attachment; filename=\"notes.txt\""))
            #expect(!disposition.dropFirst(30).contains("\"<") && !disposition.contains("<x>"))
        }
    }

    @Test("byte ranges are served (206), and an impossible one is 416")
    func ranges() async throws {
        let fixture = try fixture()
        let url = "/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/real/raw"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            browser.headers[.range] = "bytes=0-3"
            let part = try await browser.get(url)
            #expect(part.status == .partialContent)
            #expect(part.text == "%PDF")
            #expect(part.headers[.contentRange] == "bytes 0-3/\(Self.pdf.count)")
            browser.headers[.range] = "bytes=9999-"
            #expect(try await browser.get(url).status == .rangeNotSatisfiable)
        }
    }

    @Test("an evidence id of another CFA's request is not found (404); links are links, unsafe ones are text")
    func otherCFA() async throws {
        let fixture = try fixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            #expect(try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/secret").status == .notFound)
            #expect(try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/secret/raw").status == .notFound)
            #expect(try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/..%2F..%2Fhub.yaml/raw").status == .notFound)
            let lms = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/lms")
            #expect(lms.text.contains("href=\"https://lms.example.fr/cours/1\""))
            let bad = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)/evidence/bad")
            #expect(!bad.text.contains("href=\"javascript:"))
        }
    }

    @Test("content types come from the bytes, not the name alone")
    func sniffing() {
        #expect(EvidenceType.classify(name: "a.pdf", head: Self.pdf) == .pdf)
        #expect(EvidenceType.classify(name: "a.pdf", head: Array("<html>%PDF-".utf8)) == .download)
        #expect(EvidenceType.classify(name: "a.png", head: Array("<svg>".utf8)) == .download)
        #expect(EvidenceType.classify(name: "a.txt", head: [0x00, 0x01]) == .download)
        #expect(EvidenceType.classify(name: "a.mp4", head: [0, 0, 0, 0x18] + Array("ftypmp42".utf8)) == .video("video/mp4"))
        #expect(EvidenceType.classify(name: "a.exe", head: Array("MZ".utf8)) == .download)
    }

    @Test("every template parses")
    func templates() throws {
        for template in [Layout.template, WebApp.errorTemplate, WebApp.signInTemplate, WebApp.invitationTemplate, WebApp.overviewTemplate,
                         WebApp.queueTemplate, WebApp.requestTemplate, WebApp.evidenceTemplate] {
            try template.check()
        }
    }
}
