import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: the overview and the exports")
struct OverviewPageTests {
    @Test("every CFA × the twelve badges, by symbol and text; label count; renewals due; failed reconciles with their reason")
    func overview() async throws {
        let fixture = try CFAPageTests.fixture()
        let badges = fixture.hub.catalogue.badges
        try fixture.hub.recordFailure(uai: WebFixture.rouen, reasons: [.remoteRefused(detail: "<script>alert(3)</script>")], now: WebFixture.now)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-2")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("<table class=\"matrix\">") && text.contains("<caption>"))
            #expect(text.components(separatedBy: "<th scope=\"row\">").count - 1 >= 2)
            #expect(text.components(separatedBy: "<td class=\"cell ").count - 1 == 2 * badges.count)
            // Awarded with a renewal under way; due within 90 days (symbol and words, not colour alone).
            #expect(text.contains("<span aria-hidden=\"true\">★</span><span class=\"visually-hidden\">décerné ; renouvellement : déposée</span>"))
            #expect(text.contains("<span aria-hidden=\"true\">★!</span><span class=\"visually-hidden\">décernée — à renouveler avant le \(WebFixture.today.adding(days: 65))</span>"))
            #expect(text.contains("0 CFA sur 2 détiennent le label."))
            #expect(text.contains("1 renouvellement(s) à prévoir dans les 90 jours."))
            #expect(text.contains("href=\"/cfa/\(WebFixture.caen)/\(badges[1].id)\"") && text.contains("<td>65</td>"))
            // The failed reconcile, with its reason, escaped.
            #expect(text.contains("1 CFA dont la dernière réconciliation a échoué."))
            #expect(text.contains("envoi refusé par le dépôt du CFA : &lt;script&gt;alert(3)&lt;/script&gt;"))
            #expect(!text.contains("<script>"))
            #expect(text.contains("href=\"/export.csv\"") && text.contains("href=\"/export.json\""))
            #expect(text.components(separatedBy: "<h1").count == 2 && DiffPageTests.headingsInOrder(text))
            browser.headers[.acceptLanguage] = "en-GB,en;q=0.9"
            let english = try await browser.get("/").text
            #expect(english.contains("push refused by the CFA&#39;s repository: &lt;script&gt;") || english.contains("push refused by the CFA's repository: &lt;script&gt;"))
            #expect(english.contains("1 renewal(s) due in the next 90 days."))
        }
    }

    @Test("the CSV and JSON exports are served (signed in only), as `hub export` makes them")
    func exports() async throws {
        let fixture = try CFAPageTests.fixture()
        try await fixture.run { browser in
            #expect(try await browser.get("/export.csv").status == .seeOther)
            _ = try await browser.signIn("pilote-caen")
            let csv = try await browser.get("/export.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let expected = try fixture.hub.export(on: WebFixture.today).csv()
            #expect(csv.text == expected)
            let json = try await browser.get("/export.json")
            #expect(json.status == .ok && json.headers[.contentType] == "application/json; charset=utf-8")
            let object = try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as? [String: Any]
            let cfas = object?["cfas"] as? [[String: Any]]
            #expect(cfas?.count == 2)
            #expect((cfas?.first { $0["uai"] as? String == WebFixture.caen }?["name"] as? String)?.contains("<script>") == true)
        }
    }

    @Test("signed out, the overview sends to the sign-in page")
    func signedOut() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            let page = try await browser.get("/")
            #expect(page.status == .seeOther && page.headers[.location]?.hasPrefix("/signin") == true)
        }
    }
}
