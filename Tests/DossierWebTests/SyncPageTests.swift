import DossierCore
import DossierRepository
import Foundation
@testable import Git
import Hummingbird
import HummingbirdTesting
import Sync
import TestServers
import Testing
@testable import DossierWeb

/// `/sync`: a real sync in the background to a bare remote on a path, its progress page, its
/// outcomes in words (sent, received, offline, time-out, conflicts).
@Suite(.timeLimit(.minutes(5))) struct SyncPageTests {
    @Test func aSaveIsSentAndTheOutcomeSaysSo() async throws {
        let lab = try RemoteLab()
        let workspace = try lab.workspace()
        try lab.edit(workspace, RemoteLab.tutorat, replacing: "Quatre formateurs", with: "Cinq formateurs")
        let saved = try lab.save(workspace, "Un formateur de plus")
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/sync")
            #expect(page.status == .ok)
            #expect(page.text.contains("<code>\(lab.remote.path)</code>"))
            #expect(page.text.contains("1 enregistrement(s) et 0 demande(s) de badge pas encore envoyé(s)."))
            let started = try await browser.submit("/sync", from: page, [])
            #expect(started.status == .seeOther)
            #expect(started.headers[.location] == "/sync/progress")
            try await lab.app.waitForSync()
            let outcome = try await browser.get("/sync/progress")
            #expect(outcome.status == .ok)
            #expect(outcome.text.contains("Envoyé à la Région : 1 enregistrement(s), 0 demande(s)."), "\(outcome.text)")
            #expect(!outcome.text.contains("http-equiv=\"refresh\""), "the page stops reloading once the sync has ended")
            let after = try await browser.get("/sync")
            #expect(after.text.contains("0 enregistrement(s) et 0 demande(s)"))
        }
        #expect(try lab.remote.commit(of: "refs/heads/main") == saved.commit)
    }

    @Test func aSecondLaptopsChangeIsReceivedAndShown() async throws {
        let lab = try RemoteLab()
        let other = try lab.secondLaptop()
        try lab.edit(other, RemoteLab.tutorat, replacing: RemoteLab.classeVirtuelle, with: "title: \"Classe virtuelle <poste B>\"")
        try lab.save(other, "Titre changé sur le poste B", as: "b")
        try lab.sync(other)
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/sync")
            _ = try await browser.submit("/sync", from: page, [])
            try await lab.app.waitForSync()
            let outcome = try await browser.get("/sync/progress").text
            #expect(outcome.contains("Reçu de la Région et des autres postes"), "\(outcome)")
            #expect(outcome.contains("href=\"/badge/tutorat\""))
            #expect(outcome.contains("Classe virtuelle &lt;poste B&gt;"), "the received change, escaped")
            #expect(!outcome.contains("<poste B>"))
        }
        let title = try lab.claim(try lab.workspace(), "tutorat").evidence.first { $0.id == "classe-virtuelle" }?.title
        #expect(title == "Classe virtuelle <poste B>")
    }

    @Test func anEvidenceFileChangedOnBothLaptopsKeepsBothVersionsAndSaysSo() async throws {
        let lab = try RemoteLab()
        let file = "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"
        let other = try lab.secondLaptop()
        for (workspace, line) in [(other, "poste B"), (try lab.workspace(), "poste A")] {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: workspace.root + "/" + file))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\(line)\n".utf8))
            try handle.close()
        }
        try lab.save(other, "Liste B", as: "b")
        try lab.sync(other)
        try lab.save(try lab.workspace(), "Liste A")
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/sync")
            _ = try await browser.submit("/sync", from: page, [])
            try await lab.app.waitForSync()
            let outcome = try await browser.get("/sync/progress").text
            #expect(outcome.contains("Deux versions gardées : tutorat/"), "\(outcome)")
            #expect(outcome.contains("Vos changements et ceux reçus ont été fusionnés et enregistrés."))
            #expect(outcome.contains("Envoyé à la Région : "))
        }
        #expect(try lab.workspace().head()?.parentIDs.count == 2)
    }

    @Test func offlineTheSavesStayAndTheSentenceSaysSo() async throws {
        let fixture = try UIFixture()
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        try workspace.repository.setRemote(named: "origin", url: fixture.folder + "/nowhere.git")
        let head = try workspace.head()?.id
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/sync")
            _ = try await browser.submit("/sync", from: page, [])
            try await fixture.app.waitForSync()
            let outcome = try await browser.get("/sync/progress").text
            #expect(outcome.contains("Pas de connexion : vos enregistrements restent sur cet ordinateur et partiront à la prochaine synchronisation."), "\(outcome)")
            #expect(!outcome.contains("http-equiv=\"refresh\""))
            let again = try await browser.get("/sync").text
            #expect(again.contains("1 enregistrement(s) et 0 demande(s)"), "nothing lost: the save is still to send")
            _ = try await browser.get("/lang?to=en&back=/sync/progress")
            let english = try await browser.get("/sync/progress").text
            #expect(english.contains("No connection: your saves stay on this computer and will go at the next sync."))
        }
        #expect(try workspace.head()?.id == head)
        #expect(try workspace.changedFiles().isEmpty)
    }

    @Test func aTimeOutIsReportedAndTheServerGoesOn() async throws {
        let fixture = try UIFixture()
        let silent = try SilentServer()
        defer { silent.stop() }
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        try workspace.repository.setRemote(named: "origin", url: silent.url)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/sync")
            _ = try await browser.submit("/sync", from: page, [])
            let running = try await browser.get("/sync/progress")
            if fixture.app.syncJob.isRunning {
                #expect(running.text.contains("http-equiv=\"refresh\" content=\"1\""))
            }
            try await fixture.app.waitForSync(seconds: 40)
            let outcome = try await browser.get("/sync/progress").text
            #expect(outcome.contains("Pas de connexion"), "\(outcome)")
            #expect(outcome.contains("aucune réponse depuis 10 s"))
            #expect(try await browser.get("/").status == .ok, "the server goes on")
            // The silent transfer was ended with the job: the next sync is not refused as busy (the
            // transfer lock is free), it tries the server again and times out in its turn.
            let again = try await browser.get("/sync")
            _ = try await browser.submit("/sync", from: again, [])
            try await fixture.app.waitForSync(seconds: 40)
            let second = try await browser.get("/sync/progress").text
            #expect(fixture.app.syncJob.current?.number == 2)
            #expect(second.contains("aucune réponse depuis 10 s"), "\(second)")
            #expect(!second.contains(escaped(SyncError.busy.text(.fr))), "\(second)")
        }
    }

    @Test func aRunningSyncIsShownAndItsPageReloadsUntilItEnds() async throws {
        let fixture = try UIFixture()
        let release = DispatchSemaphore(value: 0)
        #expect(fixture.app.syncJob.start { reporter in
            reporter.transfer(TransferProgress(objects: 3, totalObjects: 12, bytes: 2048, isPush: false))
            release.wait()
            throw SyncError.noRemote
        })
        try await fixture.run { browser in
            try await browser.open()
            let running = try await browser.get("/sync/progress")
            #expect(running.text.contains("<meta http-equiv=\"refresh\" content=\"1\">"))
            #expect(running.text.contains("Réception : 3/12 objets, 2.0 KiB"), "\(running.text)")
            let page = try await browser.get("/sync")
            #expect(page.text.contains("Une synchronisation est en cours."))
            #expect(!page.text.contains("action=\"/sync\""), "no second button while one runs")
            // A second click (from an older page) shows the running sync; nothing else starts.
            let again = try await browser.post("/sync", [("csrf", UIBrowser.csrf(in: page) ?? "")])
            #expect(again.status == .seeOther && again.headers[.location] == "/sync/progress")
            #expect(fixture.app.syncJob.current?.number == 1)
            release.signal()
            try await fixture.app.waitForSync()
            let ended = try await browser.get("/sync/progress").text
            #expect(!ended.contains("http-equiv=\"refresh\""))
            #expect(ended.contains(escaped(SyncError.noRemote.text(.fr))))
        }
    }

    @Test func withoutARemoteThereIsNoButton() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/sync").text
            #expect(page.contains("ce dossier n&#39;est relié à aucun serveur"))
            #expect(!page.contains("action=\"/sync\""))
            #expect(try await browser.get("/sync/progress").headers[.location] == "/sync", "no sync yet: back to /sync")
        }
    }

    @Test func aForgedPostStartsNothing() async throws {
        let lab = try RemoteLab()
        try await lab.fixture.run { browser in
            try await browser.open()
            let refused = try await browser.post("/sync", [("csrf", "forged")])
            #expect(refused.status == .forbidden)
        }
        #expect(lab.app.syncJob.current == nil)
    }

    /// A proposal submitted but not sent: the dashboard says it will go at the next sync, the sync's
    /// outcome says it went, and the dashboard stops saying it.
    @Test func aProposalWaitingToBeSentIsShownThenSent() async throws {
        let lab = try RemoteLab()
        let workspace = try lab.workspace()
        let slug = ProposalPageTests.slug
        try Proposals(workspace: workspace).create(slug: slug, title: "Inclusion")
        try ProposalPageTests.proposal(title: "Inclusion numérique")
            .write(toFile: lab.root + "/" + ProposalTag.file(slug: slug), atomically: true, encoding: .utf8)
        _ = try lab.save(workspace, "Proposition")
        let tag = try ProposalSubmitter(workspace: workspace).submit(slug: slug, message: "Proposition", tagger: RemoteLab.author("a"))
        try await lab.fixture.run { browser in
            try await browser.open()
            let before = try await browser.get("/")
            #expect(before.text.contains("1 proposition(s) de badge partiront à la prochaine synchronisation."), "\(before.text)")
            let page = try await browser.get("/sync")
            _ = try await browser.submit("/sync", from: page, [])
            try await lab.app.waitForSync()
            let outcome = try await browser.get("/sync/progress")
            #expect(outcome.text.contains("Proposition(s) de badge envoyée(s) : 1."), "\(outcome.text)")
            let after = try await browser.get("/")
            #expect(!after.text.contains("partiront à la prochaine synchronisation"))
        }
        #expect(try lab.remote.commit(of: tag.reference) != nil)
    }
}
