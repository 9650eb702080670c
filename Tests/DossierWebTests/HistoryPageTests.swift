import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DossierWeb

/// `/history`: the saves newest first (`dossier log`), each save's semantic diff (`dossier diff`),
/// the Région's decisions.
@Suite struct HistoryPageTests {
    static let author = Signature(name: "Yannick", email: "yannick@example.fr")

    /// Appends a note to a badge's claim and saves it.
    @discardableResult
    func save(_ workspace: Workspace, badge: String, note: String, message: String) throws -> SaveResult {
        let claim = workspace.root + "/" + Claim.path(badge: badge)
        try (try String(contentsOfFile: claim, encoding: .utf8) + "\n# \(note)\n").write(toFile: claim, atomically: true, encoding: .utf8)
        return try #require(try workspace.save(message: message, author: Self.author))
    }

    @Test func theSavesNewestFirstAndASavesDiff() async throws {
        let lab = try RemoteLab()
        let workspace = try lab.workspace()
        try lab.edit(workspace, RemoteLab.tutorat, replacing: RemoteLab.classeVirtuelle, with: "title: \"Classe virtuelle <Moodle>\"")
        let saved = try lab.save(workspace, "Titre <court> de la classe virtuelle")
        try await lab.fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/history")
            #expect(page.status == .ok)
            let text = page.text
            let newest = try #require(text.range(of: "Titre &lt;court&gt; de la classe virtuelle"))
            let first = try #require(text.range(of: "Création du dossier"))
            #expect(newest.lowerBound < first.lowerBound, "newest first")
            #expect(text.contains("href=\"/history/\(saved.commit)\""))
            #expect(text.contains("Poste A"))
            #expect(!text.contains("<court>"))
            let diff = try await browser.get("/history/\(saved.commit)")
            #expect(diff.status == .ok)
            #expect(diff.text.contains("href=\"/badge/tutorat\""))
            #expect(diff.text.contains("Classe virtuelle &lt;Moodle&gt;"), "\(diff.text)")
            #expect(diff.text.contains("Enregistrement précédent"))
            let short = try await browser.get("/history/\(saved.commit.prefix(10))")
            #expect(short.status == .ok, "a short id names the save too")
        }
    }

    @Test(arguments: ["xyz", "12", "0123456789abcdef0123456789abcdef01234567", "ＡＢＣＤ", "abcd%2F..%2Fetc", String(repeating: "a", count: 41)])
    func aBadCommitIdIsNotFound(id: String) async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/history/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id))
            #expect(page.status == .notFound, "\(id)")
            #expect(page.text.contains("Cette page n&#39;existe pas."))
        }
    }

    @Test func aCommitOutsideTheSavesIsNotFound() async throws {
        let fixture = try UIFixture()
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        // A commit this repository holds that is no save of the dossier (as the decisions ref is).
        let tree = try workspace.repository.tree(files: ["README.md": try workspace.repository.writeBlob(Array("x".utf8))])
        let other = try workspace.repository.commit(tree: tree, parents: [], message: "other\n", author: Self.author, updating: "refs/other")
        try await fixture.run { browser in
            try await browser.open()
            #expect(try await browser.get("/history/\(other.hex)").status == .notFound)
        }
    }

    @Test func fiftySavesAPage() async throws {
        let fixture = try UIFixture()
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        let badge = fixture.app.settings.catalogue.badges[0].id
        for number in 1...51 { try save(workspace, badge: badge, note: "note \(number)", message: "Enregistrement numéro \(number).") }
        try await fixture.run { browser in
            try await browser.open()
            let first = try await browser.get("/history").text
            #expect(first.components(separatedBy: "href=\"/history/").count - 1 == 50)
            #expect(first.contains("Enregistrement numéro 51.") && first.contains("Enregistrement numéro 2."))
            #expect(!first.contains("Enregistrement numéro 1.") && !first.contains("Création du dossier"))
            #expect(first.contains("href=\"/history?page=2\""))
            let second = try await browser.get("/history?page=2").text
            #expect(second.contains("Enregistrement numéro 1.") && second.contains("Création du dossier"))
            #expect(second.components(separatedBy: "href=\"/history/").count - 1 == 2)
            #expect(second.contains("href=\"/history\" rel=\"prev\""))
            #expect(!second.contains("page=3"))
            for bad in ["3", "0", "-1", "x", "1e3"] {
                #expect(try await browser.get("/history?page=\(bad)").status == .notFound, "page \(bad)")
            }
        }
    }

    @Test func theRegionsDecisionsWithDatesAndReasons() async throws {
        let fixture = try UIFixture()
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        let head = try #require(try workspace.head()).id.hex
        let decisions = [
            Decision(badge: "tutorat", submission: "submissions/tutorat/2026-01-10-1", commit: head, outcome: .changesRequested,
                     date: Day("2026-01-20")!, reasons: [Decision.Reason(member: "Badgeons <Normandie>", role: "pair", text: "La charte manque.")]),
            Decision(badge: "tutorat", submission: "submissions/tutorat/2026-02-01-1", commit: head, outcome: .awarded,
                     date: Day("2026-02-15")!, validFrom: Day("2026-02-15")!, validUntil: Day("2029-02-15")!),
        ]
        var files: [String: ObjectID] = [:]
        for decision in decisions { files[decision.path] = try workspace.repository.writeBlob(Array(try decision.yaml().utf8)) }
        let tree = try workspace.repository.tree(files: files)
        _ = try workspace.repository.commit(tree: tree, parents: [], message: "decisions\n", author: Self.author, updating: Decision.reference)
        try await fixture.run { browser in
            try await browser.open()
            let text = try await browser.get("/history").text
            let awarded = try #require(text.range(of: "badge décerné, le 15 février 2026"))
            let sentBack = try #require(text.range(of: "modifications demandées, le 20 janvier 2026"))
            #expect(awarded.lowerBound < sentBack.lowerBound, "newest first")
            #expect(text.contains("valable du 15 février 2026 jusqu&#39;au 15 février 2029 (exclu)"))
            #expect(text.contains("La charte manque.") && text.contains("Badgeons &lt;Normandie&gt; (pair)"))
        }
    }

    @Test func inEnglish() async throws {
        let fixture = try UIFixture()
        let head = try #require(try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue).head()).id.hex
        try await fixture.run { browser in
            try await browser.open()
            _ = try await browser.get("/lang?to=en&back=/history")
            let list = try await browser.get("/history").text
            #expect(list.contains("The saves, newest first") && list.contains("The Région has decided nothing on this dossier yet"))
            let save = try await browser.get("/history/\(head)").text
            #expect(save.contains("The content of the first save") && save.contains("Back to the history"))
            #expect(try await browser.get("/conflicts").text.contains("No conflict in progress: there is nothing to settle."))
            #expect(try await browser.get("/sync").text.contains("None: this dossier is linked to no server of the Région"))
        }
    }

    @Test func withoutDecisionsItSaysSo() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let text = try await browser.get("/history").text
            #expect(text.contains("La Région n&#39;a encore rien décidé sur ce dossier"))
            #expect(text.contains("Création du dossier"))
        }
    }
}
