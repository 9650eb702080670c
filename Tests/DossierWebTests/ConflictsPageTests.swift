import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import HummingbirdTesting
import Sync
import Testing
@testable import DossierWeb

/// `/conflicts`: the same evidence retitled on two laptops; the page's sync stops on the
/// conflict, shows both sides, and settles it as `dossier resolve` does.
@Suite(.timeLimit(.minutes(5))) struct ConflictsPageTests {
    /// Laptop B retitles the evidence and syncs first; laptop A (the page) retitles it too and
    /// syncs from the page: a conflict.
    func conflicted(_ lab: RemoteLab, _ browser: inout UIBrowser) async throws {
        let other = try lab.secondLaptop()
        try lab.edit(other, RemoteLab.tutorat, replacing: RemoteLab.classeVirtuelle, with: "title: \"Classe virtuelle, poste B\"")
        try lab.save(other, "Titre B", as: "b")
        try lab.sync(other)
        let mine = try lab.workspace()
        try lab.edit(mine, RemoteLab.tutorat, replacing: RemoteLab.classeVirtuelle, with: "title: \"Classe virtuelle, poste A\"")
        try lab.save(mine, "Titre A")
        try await browser.open()
        let page = try await browser.get("/sync")
        _ = try await browser.submit("/sync", from: page, [])
        try await lab.app.waitForSync()
        let outcome = try await browser.get("/sync/progress").text
        #expect(outcome.contains("1 conflit(s) à régler (rien n&#39;a été envoyé)"), "\(outcome)")
        #expect(outcome.contains("href=\"/conflicts\""))
    }

    @Test func bothSidesShownThenTheChoiceSettlesAndMerges() async throws {
        let lab = try RemoteLab()
        let remoteBefore = try lab.remote.commit(of: "refs/heads/main")
        try await lab.fixture.run { browser in
            try await conflicted(lab, &browser)
            let page = try await browser.get("/conflicts")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("Classe virtuelle, poste A") && text.contains("Classe virtuelle, poste B"))
            #expect(text.contains("Version reçue (autre poste)") && text.contains("Votre version (cet ordinateur)"))
            #expect(text.contains("name=\"side-tutorat\" value=\"theirs\"") && text.contains("name=\"side-tutorat\" value=\"ours\""))
            let fingerprint = try #require(hiddenField("fingerprint", in: text))
            let settled = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint), ("side-tutorat", "theirs")])
            #expect(settled.status == .seeOther && settled.headers[.location] == "/conflicts?done=1")
            let done = try await browser.get("/conflicts?done=1").text
            #expect(done.contains("Conflits réglés : la fusion est enregistrée."))
            #expect(try await browser.get("/conflicts").text.contains("Aucun conflit en cours"))
        }
        let workspace = try lab.workspace()
        #expect(!MergeMarker.isOpen(workspace.repository))
        #expect(try workspace.changedFiles().isEmpty, "the dossier is clean")
        #expect(try workspace.head()?.parentIDs.count == 2, "a merge of both laptops' saves")
        #expect(try lab.claim(workspace, "tutorat").evidence.first { $0.id == "classe-virtuelle" }?.title == "Classe virtuelle, poste B")
        #expect(try lab.remote.commit(of: "refs/heads/main") != remoteBefore, "laptop B's save")
        // The merge goes out with the next sync.
        let sent = try lab.sync(workspace)
        #expect(sent.pushed && sent.conflicts.isEmpty)
    }

    @Test func keepingMineKeepsMyValue() async throws {
        let lab = try RemoteLab()
        try await lab.fixture.run { browser in
            try await conflicted(lab, &browser)
            let page = try await browser.get("/conflicts")
            let fingerprint = try #require(hiddenField("fingerprint", in: page.text))
            let settled = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint), ("side-tutorat", "ours")])
            #expect(settled.headers[.location] == "/conflicts?done=1")
        }
        let workspace = try lab.workspace()
        #expect(!MergeMarker.isOpen(workspace.repository))
        #expect(try lab.claim(workspace, "tutorat").evidence.first { $0.id == "classe-virtuelle" }?.title == "Classe virtuelle, poste A")
    }

    @Test func filesCorrectedByHandAreTaken() async throws {
        let lab = try RemoteLab()
        try await lab.fixture.run { browser in
            try await conflicted(lab, &browser)
            let page = try await browser.get("/conflicts")
            let fingerprint = try #require(hiddenField("fingerprint", in: page.text))
            try lab.edit(try lab.workspace(), RemoteLab.tutorat, replacing: "Classe virtuelle, poste A", with: "Classe virtuelle, postes A et B")
            let settled = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint), ("action", "edited")])
            #expect(settled.headers[.location] == "/conflicts?done=1")
        }
        let workspace = try lab.workspace()
        #expect(!MergeMarker.isOpen(workspace.repository))
        #expect(try lab.claim(workspace, "tutorat").evidence.first { $0.id == "classe-virtuelle" }?.title == "Classe virtuelle, postes A et B")
        #expect(try workspace.changedFiles().isEmpty)
    }

    @Test func withoutAChoiceNothingChanges() async throws {
        let lab = try RemoteLab()
        try await lab.fixture.run { browser in
            try await conflicted(lab, &browser)
            let page = try await browser.get("/conflicts")
            let fingerprint = try #require(hiddenField("fingerprint", in: page.text))
            let refused = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint)])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Choisissez la version à garder pour : Badge « "))
            let forged = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint), ("side-tutorat", "both")])
            #expect(forged.status == .badRequest)
            // Syncing again before settling: refused with the command line's words, and a way to settle.
            let sync = try await browser.get("/sync")
            #expect(sync.text.contains("1 conflit(s) de la dernière synchronisation à régler"))
            _ = try await browser.submit("/sync", from: sync, [])
            try await lab.app.waitForSync()
            let outcome = try await browser.get("/sync/progress").text
            #expect(outcome.contains(escaped(SyncError.conflictsOpen(1).text(.fr))), "\(outcome)")
            #expect(outcome.contains("href=\"/conflicts\""))
        }
        #expect(MergeMarker.isOpen(try lab.workspace().repository))
        #expect(try ConflictResolver(workspace: lab.workspace()).conflicts()?.open.count == 1)
    }

    @Test func settledElsewhereTheStalePageIsRefused() async throws {
        let lab = try RemoteLab()
        try await lab.fixture.run { browser in
            try await conflicted(lab, &browser)
            let page = try await browser.get("/conflicts")
            let fingerprint = try #require(hiddenField("fingerprint", in: page.text))
            // A changed marker (as another tab or a terminal leaves it): the page's fingerprint is stale.
            let marker = MergeMarker.path(gitDirectory: try lab.workspace().repository.gitDirectory)
            try (try String(contentsOfFile: marker, encoding: .utf8) + "\n").write(toFile: marker, atomically: true, encoding: .utf8)
            let stale = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint), ("side-tutorat", "theirs")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Les conflits ont changé depuis l&#39;affichage de cette page"))
            #expect(MergeMarker.isOpen(try lab.workspace().repository), "nothing settled")
            // Settled from a terminal: the page says so and changes nothing.
            try ConflictResolver(workspace: lab.workspace()).resolve(badge: "tutorat", side: .ours)
            let gone = try await browser.submit("/conflicts", from: page, [("fingerprint", fingerprint), ("side-tutorat", "theirs")])
            #expect(gone.status == .conflict)
            #expect(gone.text.contains("Aucun conflit en cours : ils ont été réglés ailleurs"))
        }
        #expect(try lab.claim(try lab.workspace(), "tutorat").evidence.first { $0.id == "classe-virtuelle" }?.title == "Classe virtuelle, poste A")
    }

    @Test func nothingOpenIsSaidClearly() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/conflicts")
            #expect(page.status == .ok)
            #expect(page.text.contains("Aucun conflit en cours : il n&#39;y a rien à régler."))
            #expect(!page.text.contains("action=\"/conflicts\""))
        }
    }
}
