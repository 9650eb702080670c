import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DossierWeb

@Suite struct SavePageTests {
    @Test func showsTheChangesThenSavesThemWithTheMessage() async throws {
        let fixture = try UIFixture()
        let badge = fixture.app.settings.catalogue.badges[0]
        let claim = fixture.root + "/" + Claim.path(badge: badge.id)
        _ = claim
        try DossierEditor(root: fixture.root, catalogue: fixture.app.settings.catalogue).set(badge: badge.id, field: .narrative, value: "Notre <b>charte</b>.")
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/save")
            #expect(page.status == .ok)
            #expect(page.text.contains("Ce qui a changé depuis le dernier enregistrement"))
            #expect(page.text.contains(badge.title.replacingOccurrences(of: "'", with: "&#39;")) || page.text.contains(badge.id))
            #expect(page.text.contains("&lt;b&gt;charte&lt;/b&gt;"))
            let saved = try await browser.submit("/save", from: page, [("message", "Récit du badge"), ("author", "")])
            #expect(saved.status == .seeOther)
            let location = saved.headers[.location] ?? ""
            #expect(location.hasPrefix("/save?saved="))
            let after = try await browser.get(location)
            #expect(after.text.contains("Enregistré ("))
            #expect(after.text.contains("Tout est enregistré"))
        }
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        #expect(try workspace.head()?.message.hasPrefix("Récit du badge") == true)
        #expect(try workspace.changedFiles().isEmpty)
    }

    @Test func anEmptyMessageSavesNothing() async throws {
        let fixture = try UIFixture()
        let badge = fixture.app.settings.catalogue.badges[0]
        let claim = fixture.root + "/" + Claim.path(badge: badge.id)
        try (try String(contentsOfFile: claim, encoding: .utf8) + "# note\n").write(toFile: claim, atomically: true, encoding: .utf8)
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        let head = try workspace.head()?.id
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/save")
            let refused = try await browser.submit("/save", from: page, [("message", "   ")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("message"))
        }
        #expect(try workspace.head()?.id == head)
        #expect(try workspace.changedFiles().count == 1)
    }

    @Test func aMalformedClaimIsShownAsItsFileAndLineAndNothingIsSaved() async throws {
        let fixture = try UIFixture()
        let claim = fixture.root + "/" + Claim.path(badge: fixture.app.settings.catalogue.badges[0].id)
        try (try String(contentsOfFile: claim, encoding: .utf8) + "status: ready\n").write(toFile: claim, atomically: true, encoding: .utf8)
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        let head = try workspace.head()?.id
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/save")
            #expect(page.status == .badRequest)
            #expect(page.text.contains("claim.yaml:"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Des fichiers du dossier sont mal formés"))
            #expect(home.text.contains("claim.yaml:"))
            let refused = try await browser.submit("/save", from: home, [("message", "x")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("claim.yaml:"))
        }
        #expect(try workspace.head()?.id == head)
    }

    @Test func aBadAuthorIsRefusedInWords() async throws {
        let fixture = try UIFixture()
        let claim = fixture.root + "/" + Claim.path(badge: fixture.app.settings.catalogue.badges[0].id)
        try (try String(contentsOfFile: claim, encoding: .utf8) + "# note\n").write(toFile: claim, atomically: true, encoding: .utf8)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/save")
            let refused = try await browser.submit("/save", from: page, [("message", "x"), ("author", "no mail here")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("(attendu : Nom &lt;courriel@exemple.fr&gt;)"), "in the page's language: \(refused.text)")
        }
    }
}

@Suite struct StartPageTests {
    @Test func createsADossierWithAValidUAI() async throws {
        let fixture = try UIFixture(dossier: false)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/start")
            #expect(page.status == .ok)
            #expect(page.text.contains("Premiers pas"))
            let created = try await browser.submit("/start/create", from: page, [("uai", "0141234r"), ("name", "CFA de Lisieux"), ("siret", "")])
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("CFA de Lisieux"))
        }
        let identity = try DossierReader(source: FileSystemSource(root: fixture.root), catalogue: fixture.app.settings.catalogue).identity()
        #expect(identity.uai == "0141234R")
    }

    @Test(arguments: [("0141234A", "pour 0141234, c'est « R »"), ("014123", "7 chiffres puis une lettre de contrôle")])
    func aWrongUAISaysWhyAndCreatesNothing(uai: String, reason: String) async throws {
        let fixture = try UIFixture(dossier: false)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/start")
            let refused = try await browser.submit("/start/create", from: page, [("uai", uai), ("name", "CFA"), ("siret", "")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains(reason.replacingOccurrences(of: "'", with: "&#39;")))
            #expect(refused.text.contains("aria-invalid=\"true\""))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root).isEmpty)
    }

    @Test func aWrongSIRETSaysWhyAndCreatesNothing() async throws {
        let fixture = try UIFixture(dossier: false)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/start")
            let refused = try await browser.submit("/start/create", from: page, [("uai", "0141234R"), ("name", "CFA"), ("siret", "12345678901234")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("la clé de contrôle ne correspond pas"))
            #expect(refused.text.contains("value=\"12345678901234\""))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root).isEmpty)
    }

    @Test func getsTheDossierFromTheRégion() async throws {
        // A dossier on a bare remote, as the Région prepares it.
        let source = try UIFixture()
        let remote = source.folder + "/remote.git"
        let repository = try Repository.create(at: remote, bare: true)
        _ = repository
        let workspace = try Workspace.open(at: source.root, catalogue: source.app.settings.catalogue)
        try workspace.repository.setRemote(named: "origin", url: remote)
        guard let origin = try workspace.repository.remote(named: "origin") else { Issue.record("no remote"); return }
        try origin.push(refspecs: ["refs/heads/main:refs/heads/main"], callbacks: TransferCallbacks())

        let fixture = try UIFixture(dossier: false)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/start")
            let cloned = try await browser.submit("/start/clone", from: page, [("url", remote), ("user", ""), ("password", "")])
            #expect(cloned.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.text.contains("CFA du Bâtiment de Caen"))
        }
    }

    @Test func aDossierFolderSkipsTheFirstSteps() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            #expect(try await browser.get("/start").headers[.location] == "/")
        }
    }
}

@Suite struct RemotePageTests {
    @Test func recordsTheRégionsAddressAsRemoteSetDoes() async throws {
        let fixture = try UIFixture()
        let remote = fixture.folder + "/region.git"
        try await fixture.run { browser in
            try await browser.open()
            let home = try await browser.get("/")
            #expect(home.text.contains("href=\"/remote\""))
            let page = try await browser.get("/remote")
            #expect(page.text.contains("relié à aucun serveur"))
            let set = try await browser.submit("/remote", from: page, [("url", remote)])
            #expect(set.status == .seeOther)
            let after = try await browser.get(set.headers[.location] ?? "/remote")
            #expect(after.text.contains("Adresse enregistrée"))
        }
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        #expect(try workspace.repository.remote(named: "origin")?.url == remote)
    }

    @Test func aMalformedAddressIsRefusedAndNothingIsRecorded() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/remote")
            let refused = try await browser.submit("/remote", from: page, [("url", "gopher://")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("aria-invalid=\"true\""))
            #expect(refused.text.contains("value=\"gopher://\""))
        }
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        #expect(try workspace.repository.remote(named: "origin") == nil)
    }
}
