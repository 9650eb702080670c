import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import HummingbirdTesting
import Sync
import Testing
@testable import DossierWeb

/// `/proposals` and `/proposal/<id>`: a badge proposal written, checked and submitted from the
/// page, through the same library calls as `dossier propose new|check|submit`.
@Suite struct ProposalPageTests {
    static let slug = "inclusion-numerique"

    static func proposal(title: String) -> String {
        """
        id: \(slug)
        title: "\(title)"
        validityYears: 2
        criteria:
          - id: diagnostic
            text: "Un diagnostic des usages à l'entrée"
        why: |
          Un tiers de nos apprentis arrivent sans ordinateur.

        """
    }

    func tags(_ fixture: UIFixture) throws -> [String] {
        try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue).repository.referenceNames(matching: ProposalTag.pattern())
    }

    func file(_ fixture: UIFixture) -> String { fixture.root + "/" + ProposalTag.file(slug: Self.slug) }

    @Test func newWriteCheckSaveAndSubmit() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let list = try await browser.get("/proposals")
            #expect(list.status == .ok && list.text.contains(escaped("Aucune proposition pour l'instant.")), "\(list.text)")
            // New: the template, with the title typed (a script tag stays text).
            let created = try await browser.submit("/proposals", from: list, [("slug", Self.slug), ("title", "<script>alert(1)</script>")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location == "/proposal/\(Self.slug)?done=created")
            var page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(page.text.contains("Proposition créée : complétez-la ci-dessous."))
            #expect(page.text.contains("brouillon, à compléter"))
            #expect(page.text.contains("champ obligatoire manquant : text"), "the template does not pass yet")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.text.contains("<script>alert"), "\(page.text)")
            #expect(page.text.contains(escaped("# Titre court du badge.")), "the template's comments in the text area")
            // Written from the page: checked.
            let hostile = "Inclusion <b>numérique</b>"
            let written = try await browser.submit("/proposal/\(Self.slug)", from: page,
                                                   [("sha", hiddenField("sha", in: page.text) ?? ""),
                                                    ("content", Self.proposal(title: hostile).replacingOccurrences(of: "\n", with: "\r\n"))])
            #expect(written.status == .seeOther, "\(written.text)")
            page = try await browser.get("/proposal/\(Self.slug)?done=written")
            #expect(page.text.contains("Fichier écrit et vérifié."))
            #expect(page.text.contains("Valide : « \(escaped(hostile)) », 1 critère(s)."), "\(page.text)")
            #expect(!page.text.contains("<b>numérique</b>"))
            #expect(try String(contentsOfFile: file(fixture), encoding: .utf8) == Self.proposal(title: hostile), "CRLF of the form become LF")
            // Submitting with the proposal unsaved: the command line's refusal, nothing tagged.
            #expect(page.text.contains("1 fichier(s) modifié(s) pas encore enregistré(s)"))
            let refused = try await browser.submit("/proposal/\(Self.slug)/submit", from: page, [("message", "Proposition")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(escaped(SyncError.unsavedChanges(1).text(.fr))), "\(refused.text)")
            #expect(try tags(fixture).isEmpty)
            // Saved (as `dossier save` does), then submitted: a tag on the save.
            let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
            _ = try workspace.save(message: "Proposition", author: Signature(name: "Claire", email: "claire@example.fr"))
            page = try await browser.get("/proposal/\(Self.slug)")
            let submitted = try await browser.submit("/proposal/\(Self.slug)/submit", from: page, [("message", "Proposition du badge")])
            #expect(submitted.status == .seeOther)
            let after = try await browser.get(try #require(submitted.headers[.location]))
            #expect(after.text.contains("Proposition déposée : proposals/\(Self.slug)/"), "\(after.text)")
            #expect(after.text.contains("déposée, pas encore envoyée"))
            #expect(after.text.contains("Proposition du badge"))
            let listed = try await browser.get("/proposals")
            #expect(listed.text.contains("href=\"/proposal/\(Self.slug)\"") && listed.text.contains("déposée, pas encore envoyée"))
        }
        let made = try tags(fixture)
        #expect(made.count == 1 && made.first?.hasPrefix("refs/tags/proposals/\(Self.slug)/") == true, "\(made)")
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        #expect(try workspace.repository.resolveCommit(made[0]).id == (try workspace.head()?.id), "the tag is on the current save")
    }

    @Test func aFileChangedOutsideThePageIsNeverOverwritten() async throws {
        let fixture = try UIFixture()
        try Proposals(workspace: Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue))
            .create(slug: Self.slug, title: "Inclusion")
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/proposal/\(Self.slug)")
            let sha = try #require(hiddenField("sha", in: page.text))
            try Self.proposal(title: "Écrit dans un éditeur").write(toFile: file(fixture), atomically: true, encoding: .utf8)
            let refused = try await browser.submit("/proposal/\(Self.slug)", from: page,
                                                   [("sha", sha), ("content", Self.proposal(title: "Écrit dans la page"))])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("modifié en dehors de la page"), "\(refused.text)")
            #expect(refused.text.contains("Écrit dans la page"), "what was typed is kept in the text area")
        }
        #expect(try String(contentsOfFile: file(fixture), encoding: .utf8) == Self.proposal(title: "Écrit dans un éditeur"))
    }

    @Test func refusalsAsTheCommandLineSaysThem() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let list = try await browser.get("/proposals")
            let taken = try await browser.submit("/proposals", from: list, [("slug", "tutorat"), ("title", "Tutorat bis")])
            #expect(taken.status == .conflict)
            #expect(taken.text.contains(escaped(ProposeError.badgeExists(id: "tutorat", catalogue: "2026.1").text(.fr))), "\(taken.text)")
            let invalid = try await browser.submit("/proposals", from: list, [("slug", "Pas Un Id"), ("title", "X")])
            #expect(invalid.status == .conflict && invalid.text.contains("identifiant de proposition invalide"))
            #expect(try await browser.get("/proposal/absente").status == .notFound)
            #expect(try await browser.get("/proposal/..%2Fdossier").status == .notFound)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/proposals"), "nothing written")
    }
}
