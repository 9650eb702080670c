import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DossierWeb

@Suite struct DashboardTests {
    @Test func everyBadgeIsACardWithItsStateAndTheLabelProgress() async throws {
        let fixture = try UIFixture()
        let catalogue = fixture.app.settings.catalogue
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let text = page.text
            for badge in catalogue.badges {
                #expect(text.contains("href=\"/badge/\(badge.id)\""), "card for \(badge.id)")
            }
            #expect(text.components(separatedBy: "<span class=\"mandatory\">").count - 1 == catalogue.mandatoryBadges.count)
            #expect(text.contains("0 badge(s) prêt(s) sur 10, dont 0 obligatoire(s) sur 5 — il manque :"))
            #expect(text.contains("<progress id=\"label-progress\" max=\"10\" value=\"0\">"))
            #expect(text.contains("relié à aucun serveur"))
            // `init` made an empty draft claim per badge: none of them is started yet.
            #expect(text.components(separatedBy: "pas commencé").count - 1 == catalogue.badges.count)
        }
    }

    @Test func aBadgeWithEvidenceIsInProgressThenReady() async throws {
        let fixture = try UIFixture()
        let editor = DossierEditor(root: fixture.root, catalogue: fixture.app.settings.catalogue)
        let file = fixture.folder + "/lettre.txt"
        try "Lettre de mission".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try editor.add(badge: "referent-numerique", files: [file], criterion: "referent-designe", title: "Lettre de mission")
        try await fixture.run { browser in
            try await browser.open()
            let card = try #require(try await browser.get("/").text.firstMatch(of: /<li class="card st-[a-z-]+">\s*<h3><a href="\/badge\/referent-numerique">[\s\S]*?<\/li>/))
            #expect(card.output.contains("en cours"))
        }
        try editor.set(badge: "referent-numerique", field: .status, value: "ready")
        try await fixture.run { browser in
            try await browser.open()
            let text = try await browser.get("/").text
            let card = try #require(text.firstMatch(of: /<li class="card st-[a-z-]+">\s*<h3><a href="\/badge\/referent-numerique">[\s\S]*?<\/li>/))
            #expect(card.output.contains("prêt à demander"))
            #expect(text.contains("1 badge(s) prêt(s) sur 10, dont 0 obligatoire(s) sur 5"))
        }
    }

    @Test func theCFAsNameIsEscaped() async throws {
        let fixture = try UIFixture(name: "CFA <script>alert(1)</script> & co")
        try await fixture.run { browser in
            try await browser.open()
            let text = try await browser.get("/").text
            #expect(!text.contains("<script>alert(1)"))
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        }
    }

    @Test func anUnsavedHandEditIsShown() async throws {
        let fixture = try UIFixture()
        let badge = fixture.app.settings.catalogue.badges[0].id
        let claim = fixture.root + "/" + Claim.path(badge: badge)
        try (try String(contentsOfFile: claim, encoding: .utf8) + "\n# note\n").write(toFile: claim, atomically: true, encoding: .utf8)
        try await fixture.run { browser in
            try await browser.open()
            let text = try await browser.get("/").text
            #expect(text.contains("1 fichier(s) modifié(s) pas encore enregistré(s)."))
        }
    }

    @Test func outsideADossierTheDashboardSendsToTheFirstSteps() async throws {
        let fixture = try UIFixture(dossier: false)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/start")
        }
    }
}

@Suite struct OutsideEditTests {
    /// A page carries the fingerprint of what it showed; `/state` answers another one once a file
    /// changed by hand, which the page's script turns into a notice.
    @Test func aHandEditChangesTheStateThePageCompares() async throws {
        let fixture = try UIFixture()
        let claim = fixture.root + "/" + Claim.path(badge: fixture.app.settings.catalogue.badges[1].id)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/")
            let shown = try #require(page.text.firstMatch(of: /name="dossier-state" content="([0-9a-f]+)"/)?.1)
            #expect(try await browser.get("/state").text == String(shown))
            try (try String(contentsOfFile: claim, encoding: .utf8) + "# edited by hand\n").write(toFile: claim, atomically: true, encoding: .utf8)
            let now = try await browser.get("/state").text
            #expect(now != String(shown))
            #expect(page.text.contains("id=\"outside-change\""))
            #expect(page.text.contains("/static/ui-watch.js"))
        }
    }
}
