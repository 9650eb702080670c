import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DossierWeb

/// `/badge/:id`: what the catalogue says, the check's problems where they belong, and every form
/// that is not an upload — each bad input answered with one clear line and nothing written.
@Suite struct BadgePageTests {
    /// The text of the criterion's `<article>` on the page.
    static func article(_ criterion: String, in text: String) -> String {
        guard let start = text.range(of: "id=\"c-\(criterion)\"") else { return "" }
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "</article>")?.lowerBound ?? rest.endIndex)])
    }

    @Test func theBadgeFromTheCatalogueWithItsRulesAndProblems() async throws {
        let fixture = try UIFixture()
        let catalogue = fixture.app.settings.catalogue
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            #expect(page.status == .ok)
            let text = page.text
            let badge = try #require(catalogue.badge("tutorat"))
            #expect(text.contains("<h1>5. Tutorat</h1>"))
            #expect(text.contains("<span class=\"mandatory\">obligatoire</span>"))
            #expect(text.contains(badge.recognises))
            for criterion in badge.criteria { #expect(text.contains(criterion.text.replacingOccurrences(of: "'", with: "&#39;"))) }
            let names = ["personnels-identifies", "outils-distance", "historique-echanges"].compactMap { badge.criterion($0)?.text }
                .map { "« \($0) »".replacingOccurrences(of: "'", with: "&#39;") }
            #expect(text.contains("Exigence : une preuve pour chacun de : " + names.joined(separator: ", ")))
            #expect(text.contains("Première attribution : les critères suffisent"))
            // Each criterion's missing evidence next to it, in words; the draft status names the page's button.
            let history = try #require(badge.criterion("historique-echanges")?.text).replacingOccurrences(of: "'", with: "&#39;")
            #expect(Self.article("historique-echanges", in: text).contains("Le critère « \(history) » n&#39;a pas encore de preuve."))
            #expect(!Self.article("outils-distance", in: text).contains("historique-echanges"))
            #expect(text.contains("encore en brouillon : « Marquer comme prêt » quand il est complet"))
            #expect(!text.contains("dossier set"))
            #expect(text.contains("Marquer comme prêt"))
            #expect(!text.contains("id=\"level\""))
            // Rules text and levels where the badge has them; coverage where its rules ask for it.
            let ressources = try await browser.get("/badge/ressources").text
            #expect(ressources.contains("Texte du label :"))
            #expect(ressources.contains("<select id=\"level\" name=\"level\">"))
            #expect(ressources.contains("Première attribution : niveau 1 au moins"))
            #expect(ressources.contains("Renouvellement : niveau 2 au moins"))
            let prospection = try await browser.get("/badge/prospection").text
            #expect(prospection.contains("id=\"coverage\""))
            // English.
            browser.cookies["lang"] = "en"
            let english = try await browser.get("/badge/tutorat").text
            #expect(english.contains("has no evidence yet."))
            #expect(english.contains("Mark as ready"))
        }
    }

    @Test func anUnknownBadgeIsNotFound() async throws {
        let fixture = try UIFixture()
        let before = fixture.snapshot()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/nope")
            #expect(page.status == .notFound)
            #expect(page.text.contains("badge inconnu : nope"))
            let tutorat = try await browser.get("/badge/tutorat")
            let post = try await browser.submit("/badge/nope/link", from: tutorat, [
                ("fingerprint", UIBrowser.hidden("fingerprint", in: tutorat) ?? ""), ("url", "https://example.fr"), ("title", "x"),
                ("kind", "web"), ("criterion", "outils-distance"),
            ])
            #expect(post.status == .notFound)
        }
        #expect(fixture.snapshot() == before)
    }

    @Test func aLinkIsAddedAndBadLinksAreRefused() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let fingerprint = try #require(UIBrowser.hidden("fingerprint", in: page))
            let before = fixture.snapshot()
            for (fields, status, message) in [
                ([("url", "javascript:alert(1)"), ("title", "x"), ("kind", "web"), ("criterion", "outils-distance")], HTTPResponse.Status.badRequest, "valeur invalide pour URL"),
                ([("url", "https://lms.example.fr/c/1"), ("title", "x"), ("kind", "web"), ("criterion", "nope")], .badRequest, "critère inconnu pour le badge tutorat : nope"),
                ([("url", "https://lms.example.fr/c/1"), ("title", "x"), ("kind", "cd-rom"), ("criterion", "outils-distance")], .badRequest, "Champ de formulaire manquant ou invalide : kind"),
                ([("url", "https://lms.example.fr/c/1"), ("title", " "), ("kind", "web"), ("criterion", "outils-distance")], .badRequest, "Champ de formulaire manquant ou invalide : title"),
            ] {
                let refused = try await browser.submit("/badge/tutorat/link", from: page, [("fingerprint", fingerprint)] + fields)
                #expect(refused.status == status)
                #expect(refused.text.contains(message), "\(fields)")
                #expect(refused.text.contains("role=\"alert\""))
                #expect(fixture.snapshot() == before)
            }
            let added = try await browser.submit("/badge/tutorat/link", from: page, [
                ("fingerprint", fingerprint), ("url", "https://lms.example.fr/c/1"), ("title", "Classe virtuelle"), ("kind", "lms"),
                ("criterion", "outils-distance"),
            ])
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/badge/tutorat?done=linked")
            let claim = try fixture.claim("tutorat")
            #expect(claim.evidence.map(\.title) == ["Classe virtuelle"])
            #expect(claim.evidence.first?.location == .url("https://lms.example.fr/c/1", kind: .lms))
            let after = try await browser.get("/badge/tutorat?done=linked").text
            #expect(after.contains("Lien ajouté."))
            #expect(Self.article("outils-distance", in: after).contains("Classe virtuelle"))
            #expect(!Self.article("outils-distance", in: after).contains("critère sans preuve"))
        }
    }

    @Test func retitleMoveRemoveAndUndo() async throws {
        let fixture = try UIFixture()
        let sample = fixture.folder + "/charte.pdf"
        try Data("%PDF charte".utf8).write(to: URL(fileURLWithPath: sample))
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        try workspace.editor.add(badge: "tutorat", files: [sample], criterion: "personnels-identifies", title: "Charte")
        try workspace.editor.link(badge: "tutorat", url: "https://example.fr/a", criterion: "outils-distance", title: "Outil", kind: .web)
        let evidenceFile = fixture.root + "/badges/tutorat/evidence/charte.pdf"
        try await fixture.run { browser in
            try await browser.open()
            var page = try await browser.get("/badge/tutorat")
            func fingerprint() -> String { UIBrowser.hidden("fingerprint", in: page) ?? "" }
            // Bad input first: nothing written.
            let before = fixture.snapshot()
            let unknown = try await browser.submit("/badge/tutorat/evidence/nope/retitle", from: page, [("fingerprint", fingerprint()), ("title", "x")])
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("aucune preuve « nope » dans le badge tutorat"))
            let badMove = try await browser.submit("/badge/tutorat/evidence/charte/move", from: page, [("fingerprint", fingerprint()), ("criterion", "nope")])
            #expect(badMove.status == .badRequest)
            let emptyTitle = try await browser.submit("/badge/tutorat/evidence/charte/retitle", from: page, [("fingerprint", fingerprint()), ("title", "")])
            #expect(emptyTitle.status == .badRequest)
            let removeUnknown = try await browser.submit("/badge/tutorat/evidence/nope/remove", from: page, [("fingerprint", fingerprint())])
            #expect(removeUnknown.status == .notFound)
            #expect(fixture.snapshot() == before)

            var response = try await browser.submit("/badge/tutorat/evidence/charte/retitle", from: page, [("fingerprint", fingerprint()), ("title", "Charte du tutorat")])
            #expect(response.status == .seeOther)
            page = try await browser.get("/badge/tutorat")
            response = try await browser.submit("/badge/tutorat/evidence/charte/move", from: page, [("fingerprint", fingerprint()), ("criterion", "historique-echanges")])
            #expect(response.status == .seeOther)
            var claim = try fixture.claim("tutorat")
            #expect(claim.evidence.first { $0.id == "charte" }?.title == "Charte du tutorat")
            #expect(claim.evidence.first { $0.id == "charte" }?.criterion == "historique-echanges")

            // Remove: entry and file gone, undo offered; undo puts both back where they were.
            page = try await browser.get("/badge/tutorat")
            let claimBefore = fixture.claimText("tutorat")
            response = try await browser.submit("/badge/tutorat/evidence/charte/remove", from: page, [("fingerprint", fingerprint())])
            #expect(response.status == .seeOther)
            #expect(!FileManager.default.fileExists(atPath: evidenceFile))
            #expect(try fixture.claim("tutorat").evidence.map(\.id) == ["outil"])
            page = try await browser.get("/badge/tutorat?done=removed")
            #expect(page.text.contains("Preuve « Charte du tutorat » retirée."))
            let token = try #require(UIBrowser.hidden("token", in: page))
            response = try await browser.submit("/badge/tutorat/undo", from: page, [("fingerprint", fingerprint()), ("token", token)])
            #expect(response.status == .seeOther)
            #expect(fixture.claimText("tutorat") == claimBefore)
            #expect(try Data(contentsOf: URL(fileURLWithPath: evidenceFile)) == Data("%PDF charte".utf8))
            page = try await browser.get("/badge/tutorat")
            #expect(!page.text.contains("name=\"token\""))
            // The same undo twice: nothing to undo.
            let again = try await browser.submit("/badge/tutorat/undo", from: page, [("fingerprint", fingerprint()), ("token", token)])
            #expect(again.status == .conflict)
            _ = claim
            claim = try fixture.claim("tutorat")
            #expect(claim.evidence.map(\.id) == ["charte", "outil"])
        }
    }

    @Test func afterASaveARemovalCanNoLongerBeUndone() async throws {
        let fixture = try UIFixture()
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        try workspace.editor.link(badge: "tutorat", url: "https://example.fr/a", criterion: "outils-distance", title: "Outil", kind: .web)
        _ = try workspace.save(message: "Lien", author: Signature(name: "Claire", email: "claire@example.fr"))
        try await fixture.run { browser in
            try await browser.open()
            var page = try await browser.get("/badge/tutorat")
            _ = try await browser.submit("/badge/tutorat/evidence/outil/remove", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? "")])
            page = try await browser.get("/badge/tutorat")
            let token = try #require(UIBrowser.hidden("token", in: page))
            let saving = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
            _ = try saving.save(message: "Retrait", author: Signature(name: "Claire", email: "claire@example.fr"))
            page = try await browser.get("/badge/tutorat")
            #expect(!page.text.contains("name=\"token\""))
            let trash = try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/.git/dossier/trash")
            #expect(trash.isEmpty)
            let before = fixture.snapshot()
            let refused = try await browser.submit("/badge/tutorat/undo", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("token", token)])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Plus rien à annuler"))
            #expect(fixture.snapshot() == before)
        }
    }

    @Test func aHandEditBetweenShowingAndPostingIsNeverOverwritten() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let fingerprint = try #require(UIBrowser.hidden("fingerprint", in: page))
            // By hand, between GET and POST.
            let path = fixture.root + "/" + Claim.path(badge: "tutorat")
            try (fixture.claimText("tutorat").replacingOccurrences(of: "narrative: ''", with: "narrative: 'écrit à la main'")
                 + "# édité à la main\n").write(toFile: path, atomically: true, encoding: .utf8)
            let before = fixture.snapshot()
            for (uri, fields) in [
                ("/badge/tutorat/link", [("url", "https://example.fr"), ("title", "x"), ("kind", "web"), ("criterion", "outils-distance")]),
                ("/badge/tutorat/narrative", [("narrative", "depuis la page"), ("action", "save")]),
                ("/badge/tutorat/status", [("status", "ready")]),
            ] {
                let refused = try await browser.submit(uri, from: page, [("fingerprint", fingerprint)] + fields)
                #expect(refused.status == .conflict, "\(uri)")
                #expect(refused.text.contains("Ce badge a été modifié en dehors de cette page"))
                #expect(refused.text.contains("rien n&#39;a été écrit ; voici la version actuelle.") || refused.text.contains("rien n'a été écrit ; voici la version actuelle."))
                // The current version is shown, with its new fingerprint.
                #expect(UIBrowser.hidden("fingerprint", in: refused) != fingerprint)
                #expect(fixture.snapshot() == before)
            }
            // The text typed on the page is not lost.
            let narrative = try await browser.submit("/badge/tutorat/narrative", from: page, [("fingerprint", fingerprint), ("narrative", "depuis la page"), ("action", "save")])
            #expect(narrative.text.contains("<pre class=\"text\">depuis la page</pre>"))
        }
    }

    @Test func aFormWithoutTheTokenWritesNothing() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let fingerprint = try #require(UIBrowser.hidden("fingerprint", in: page))
            let before = fixture.snapshot()
            for uri in ["/badge/tutorat/link", "/badge/tutorat/status", "/badge/tutorat/narrative", "/badge/tutorat/undo"] {
                let refused = try await browser.post(uri, [("fingerprint", fingerprint), ("url", "https://example.fr"), ("title", "x"), ("kind", "web"),
                                                           ("criterion", "outils-distance"), ("status", "ready"), ("narrative", "x"), ("action", "save"), ("token", "x")])
                #expect(refused.status == .forbidden, "\(uri)")
                #expect(refused.text.contains("Ce formulaire a expiré"))
                let forged = try await browser.post(uri, [("csrf", "forged"), ("fingerprint", fingerprint), ("status", "ready")])
                #expect(forged.status == .forbidden)
            }
            #expect(fixture.snapshot() == before)
        }
    }

    @Test func theNarrativeIsPreviewedSafelyThenSaved() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let fingerprint = try #require(UIBrowser.hidden("fingerprint", in: page))
            let markdown = "# Notre tutorat\r\n\r\nUn **suivi** à distance.<script>alert(1)</script>\r\n\r\n[piège](javascript:alert(1)) [site](https://cfa.example.fr) <img src=x onerror=alert(1)>\r\n"
            let before = fixture.snapshot()
            let preview = try await browser.submit("/badge/tutorat/narrative", from: page, [("fingerprint", fingerprint), ("narrative", markdown), ("action", "preview")])
            #expect(preview.status == .ok)
            let text = preview.text
            #expect(text.contains("<h4>Notre tutorat</h4>"))
            #expect(text.contains("<strong>suivi</strong>"))
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!text.contains("<script>alert"))
            #expect(!text.contains("<img src=x"))
            #expect(!text.contains("href=\"javascript"))
            #expect(text.contains("<a href=\"https://cfa.example.fr\">site</a>"))
            #expect(text.contains("Aperçu seulement"))
            #expect(fixture.snapshot() == before)
            let saved = try await browser.submit("/badge/tutorat/narrative", from: page, [("fingerprint", fingerprint), ("narrative", markdown), ("action", "save")])
            #expect(saved.status == .seeOther)
            #expect(try fixture.claim("tutorat").narrative == markdown.replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }

    @Test func levelCoverageAndStatus() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            var page = try await browser.get("/badge/ressources")
            var before = fixture.snapshot()
            for value in ["abc", "-1"] {
                let refused = try await browser.submit("/badge/ressources/level", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("level", value)])
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("valeur invalide pour level"))
            }
            #expect(fixture.snapshot() == before)
            var response = try await browser.submit("/badge/ressources/level", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("level", "2")])
            #expect(response.status == .seeOther)
            #expect(try fixture.claim("ressources").level == 2)
            page = try await browser.get("/badge/ressources")
            #expect(page.text.contains("<option value=\"2\" selected>2</option>"))

            page = try await browser.get("/badge/prospection")
            before = fixture.snapshot()
            let bad = try await browser.submit("/badge/prospection/coverage", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("coverage", "13/12")])
            #expect(bad.status == .badRequest)
            #expect(fixture.snapshot() == before)
            response = try await browser.submit("/badge/prospection/coverage", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("coverage", "8/12")])
            #expect(response.status == .seeOther)
            #expect(try fixture.claim("prospection").coverage == Coverage("8/12"))

            page = try await browser.get("/badge/tutorat")
            response = try await browser.submit("/badge/tutorat/status", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("status", "ready")])
            #expect(response.headers[.location] == "/badge/tutorat?done=ready")
            #expect(try fixture.claim("tutorat").status == .ready)
            page = try await browser.get("/badge/tutorat?done=ready")
            #expect(page.text.contains("Repasser en brouillon"))
            #expect(page.text.contains("Badge marqué comme prêt."))
            let badStatus = try await browser.submit("/badge/tutorat/status", from: page, [("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""), ("status", "done")])
            #expect(badStatus.status == .badRequest)
        }
    }

    @Test func theScriptIsServedFromTheApplication() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let script = try await browser.get("/static/ui.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("upload.addEventListener('progress'"))
            let page = try await browser.get("/badge/tutorat").text
            #expect(page.contains("<script src=\"/static/ui.js\" defer"))
            let shown = try await browser.get("/badge/tutorat")
            #expect(UIBrowser.hidden("fingerprint", in: shown) == Digest.sha256([UInt8](fixture.claimText("tutorat").utf8)))
        }
    }
}
