import Foundation
import Testing
import TestServers
@testable import DossierCore

/// A dossier folder on disk with an editor, plus a separate folder for the files to add.
struct EditorFixture {
    let root: TemporaryFolder
    let outside: TemporaryFolder
    let editor: DossierEditor

    init() throws {
        root = try TemporaryFolder()
        outside = try TemporaryFolder()
        try root.write(try Fixture.identity.yaml(), to: DossierIdentity.fileName)
        editor = DossierEditor(root: root.path, catalogue: try builtinCatalogue())
    }

    func claim(_ badge: String) throws -> Claim? {
        try DossierReader(source: FileSystemSource(root: root.path), catalogue: builtinCatalogue()).claim(badge)
    }

    /// Writes a file outside the dossier and returns its absolute path.
    func outsideFile(_ name: String, _ content: String) throws -> String {
        try outside.write(content, to: name)
        return outside.url.appendingPathComponent(name).path
    }

    func remove() {
        root.remove()
        outside.remove()
    }
}

@Suite("DossierEditor")
struct DossierEditorTests {
    // MARK: add

    @Test func addCopiesTheFileAndRecordsItsHashAndSize() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let content = "nom;role\nClaire;tutrice\nThomas;tuteur\n"
        let path = try fixture.outsideFile("Tuteurs à distance.csv", content)
        let added = try fixture.editor.add(badge: "tutorat", files: [path], criterion: "personnels-identifies",
                                           title: "Liste des tuteurs")
        #expect(added.count == 1)
        let evidence = try #require(added.first)
        #expect(evidence.id == "tuteurs-a-distance")
        #expect(evidence.title == "Liste des tuteurs")
        #expect(evidence.criterion == "personnels-identifies")
        #expect(evidence.location == .file(path: "Tuteurs à distance.csv", sha256: sha256(content), size: content.utf8.count))
        // The copy is byte for byte, and the original stays where it was.
        #expect(try fixture.root.read("badges/tutorat/evidence/Tuteurs à distance.csv") == content)
        #expect(FileManager.default.fileExists(atPath: path))
        // The claim on disk records it, as a new draft.
        let claim = try #require(try fixture.claim("tutorat"))
        #expect(claim.status == .draft)
        #expect(claim.evidence == [evidence])
        // And the checker agrees with the recorded hash.
        let source = FileSystemSource(root: fixture.root.path)
        let check = try Checker(catalogue: builtinCatalogue()).check(
            badge: try #require(try builtinCatalogue().badge("tutorat")), claim: claim, source: source)
        #expect(!check.problems.contains { ["evidenceHashChanged", "evidenceFileMissing", "evidenceHashNotRecorded"].contains($0.code) })
        #expect(check.criteriaMet == ["personnels-identifies"])
    }

    @Test func addWithoutTitleUsesTheFileName() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let path = try fixture.outsideFile("charte-tutorat.md", "# Charte\n")
        let evidence = try #require(try fixture.editor.add(badge: "tutorat", files: [path], criterion: "outils-distance", title: nil).first)
        #expect(evidence.title == "charte-tutorat")
        #expect(evidence.id == "charte-tutorat")
    }

    @Test func addSeveralFilesAndKeepIDsUnique() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let first = try fixture.outsideFile("a/plan.md", "plan A\n")
        let second = try fixture.outsideFile("b/plan.pdf", "plan B\n")
        let added = try fixture.editor.add(badge: "plan-formation", files: [first, second],
                                           criterion: "competences-identifiees", title: "Plan")
        #expect(added.map(\.id) == ["plan", "plan-2"])
        #expect(added.map(\.title) == ["Plan (plan.md)", "Plan (plan.pdf)"])
        #expect(try fixture.claim("plan-formation")?.evidence.map(\.id) == ["plan", "plan-2"])
        #expect(try fixture.root.read("badges/plan-formation/evidence/plan.pdf") == "plan B\n")
    }

    @Test func addKeepsExistingClaimFields() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.set(badge: "ressources", field: .status, value: "ready")
        try fixture.editor.set(badge: "ressources", field: .level, value: "2")
        try fixture.editor.link(badge: "ressources", url: "https://lms.example.fr/module", criterion: "niveau-2",
                                title: "Module interactif", kind: .lms)
        let path = try fixture.outsideFile("catalogue.csv", "niveau;ressource\n")
        try fixture.editor.add(badge: "ressources", files: [path], criterion: "niveau-1", title: "Catalogue")
        let claim = try #require(try fixture.claim("ressources"))
        #expect(claim.status == .ready)
        #expect(claim.level == 2)
        #expect(claim.evidence.map(\.id) == ["module-interactif", "catalogue"])
    }

    @Test func addAFileAlreadyInTheEvidenceFolderRecordsItInPlace() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.root.write("capture", to: "badges/accessibilite/evidence/captures/ecran.png")
        let path = fixture.root.url.appendingPathComponent("badges/accessibilite/evidence/captures/ecran.png").path
        let evidence = try #require(try fixture.editor.add(badge: "accessibilite", files: [path],
                                                           criterion: "acces-avancement", title: "Capture").first)
        #expect(evidence.filePath == "captures/ecran.png")
        #expect(evidence.sha256 == sha256("capture"))
        #expect(try fixture.root.read("badges/accessibilite/evidence/captures/ecran.png") == "capture")
    }

    @Test func addWithUnknownCriterionChangesNothing() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.link(badge: "tutorat", url: "https://lms.example.fr", criterion: "outils-distance", title: "LMS", kind: .lms)
        let before = try fixture.root.snapshot()
        let path = try fixture.outsideFile("a.md", "a\n")
        let error = dossierError { try fixture.editor.add(badge: "tutorat", files: [path], criterion: "veille", title: nil) }
        #expect(error?.reason == .unknownCriterion(badge: "tutorat", criterion: "veille"))
        #expect(try fixture.root.snapshot() == before)
    }

    @Test func addWithUnknownBadgeChangesNothing() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let before = try fixture.root.snapshot()
        let path = try fixture.outsideFile("a.md", "a\n")
        let error = dossierError { try fixture.editor.add(badge: "inclusion-numerique", files: [path], criterion: "diagnostic", title: nil) }
        #expect(error?.reason == .unknownBadge("inclusion-numerique"))
        #expect(try fixture.root.snapshot() == before)
        #expect(!fixture.root.exists("badges"))
    }

    @Test func addWithMissingFileChangesNothing() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let existing = try fixture.outsideFile("present.md", "présent\n")
        try fixture.editor.add(badge: "tutorat", files: [existing], criterion: "outils-distance", title: nil)
        let before = try fixture.root.snapshot()
        let other = try fixture.outsideFile("autre.md", "autre\n")
        let missing = fixture.outside.url.appendingPathComponent("absent.md").path
        let error = dossierError {
            try fixture.editor.add(badge: "tutorat", files: [other, missing], criterion: "historique-echanges", title: nil)
        }
        #expect(error?.reason == .fileNotFound(missing))
        #expect(try fixture.root.snapshot() == before, "the first file was not copied either")
    }

    @Test func addOnAFreshBadgeWithMissingFileCreatesNoFolder() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let before = try fixture.root.snapshot()
        let missing = fixture.outside.url.appendingPathComponent("absent.md").path
        #expect(throws: DossierError.self) {
            try fixture.editor.add(badge: "tutorat", files: [missing], criterion: "outils-distance", title: nil)
        }
        #expect(try fixture.root.snapshot() == before)
    }

    @Test func addRefusesAFolderAndAnExistingName() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let first = try fixture.outsideFile("x/preuve.md", "v1\n")
        try fixture.editor.add(badge: "tutorat", files: [first], criterion: "outils-distance", title: nil)
        let before = try fixture.root.snapshot()
        let second = try fixture.outsideFile("y/preuve.md", "v2\n")
        let exists = dossierError { try fixture.editor.add(badge: "tutorat", files: [second], criterion: "outils-distance", title: nil) }
        #expect(exists?.reason == .evidenceFileExists("badges/tutorat/evidence/preuve.md"))
        let folder = dossierError {
            try fixture.editor.add(badge: "tutorat", files: [fixture.outside.url.appendingPathComponent("x").path],
                                   criterion: "outils-distance", title: nil)
        }
        guard case .notAFile = folder?.reason else {
            Issue.record("unexpected \(String(describing: folder))")
            return
        }
        #expect(try fixture.root.snapshot() == before)
        #expect(try fixture.root.read("badges/tutorat/evidence/preuve.md") == "v1\n")
    }

    // MARK: link

    @Test func linkRecordsAnOnlineEvidence() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let evidence = try fixture.editor.link(badge: "attractivite", url: "https://videos.example.fr/metiers",
                                               criterion: "videos-metiers", title: "Vidéo « Les métiers du bâtiment »", kind: .video)
        #expect(evidence.id == "video-les-metiers-du-batiment")
        #expect(evidence.location == .url("https://videos.example.fr/metiers", kind: .video))
        let claim = try #require(try fixture.claim("attractivite"))
        #expect(claim.evidence == [evidence])
        #expect(!fixture.root.exists("badges/attractivite/evidence"), "a link needs no evidence folder")
    }

    @Test(arguments: ["ftp://files.example.fr/a", "pas une adresse", "https://", "/chemin/local", "javascript:alert(1)"])
    func linkRefusesInvalidURLs(url: String) throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let before = try fixture.root.snapshot()
        let error = dossierError {
            try fixture.editor.link(badge: "attractivite", url: url, criterion: "videos-metiers", title: "Vidéo", kind: .video)
        }
        guard case .invalidValue(let field, _, _) = error?.reason else {
            Issue.record("unexpected \(String(describing: error)) for \(url)")
            return
        }
        #expect(field == "URL")
        #expect(try fixture.root.snapshot() == before)
    }

    @Test func linkRefusesABlankTitleAndUnknownCriterion() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let before = try fixture.root.snapshot()
        #expect(dossierError {
            try fixture.editor.link(badge: "attractivite", url: "https://x.fr", criterion: "videos-metiers", title: "  ", kind: .web)
        }?.reason == .missingField("--title"))
        #expect(dossierError {
            try fixture.editor.link(badge: "attractivite", url: "https://x.fr", criterion: "podcasts", title: "Podcast", kind: .web)
        }?.reason == .unknownCriterion(badge: "attractivite", criterion: "podcasts"))
        #expect(try fixture.root.snapshot() == before)
    }

    @Test(arguments: ["Compte rendu : réunion du 12/03", "- tiret", "# dièse", "'apostrophes'", "\"guillemets\"", "2025", "oui", "null", "~"])
    func titlesSurviveTheRoundTrip(title: String) throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.link(badge: "attractivite", url: "https://x.fr/a", criterion: "videos-metiers", title: title, kind: .web)
        let reread = dossierError { _ = try fixture.claim("attractivite") }
        let readTitle = (try? fixture.claim("attractivite"))??.evidence.first?.title
        if title == "~" {
            do {
                #expect(reread == nil)
                #expect(readTitle == title)
            }
        } else {
            #expect(reread == nil)
            #expect(readTitle == title)
        }
    }

    @Test func addAFileNamedNullGivesAReadableClaim() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let path = try fixture.outsideFile("null.md", "contenu\n")
        try fixture.editor.add(badge: "tutorat", files: [path], criterion: "outils-distance", title: "Note")
        // The id derived from « null.md » is `null`, written plain: it must still read back as text.
        let claim = try fixture.claim("tutorat")
        #expect(claim?.evidence.first?.id == "null")
        #expect(claim?.evidence.first?.filePath == "null.md")
    }

    // MARK: remove

    @Test func removeDeletesTheEntryAndItsFile() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let a = try fixture.outsideFile("a.md", "a\n")
        let b = try fixture.outsideFile("b.md", "b\n")
        try fixture.editor.add(badge: "tutorat", files: [a, b], criterion: "outils-distance", title: nil)
        try fixture.editor.remove(badge: "tutorat", evidence: "a")
        #expect(try fixture.claim("tutorat")?.evidence.map(\.id) == ["b"])
        #expect(!fixture.root.exists("badges/tutorat/evidence/a.md"))
        #expect(fixture.root.exists("badges/tutorat/evidence/b.md"))
    }

    @Test func removeALinkLeavesFilesAlone() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let a = try fixture.outsideFile("a.md", "a\n")
        try fixture.editor.add(badge: "tutorat", files: [a], criterion: "outils-distance", title: nil)
        let link = try fixture.editor.link(badge: "tutorat", url: "https://x.fr", criterion: "outils-distance", title: "Lien", kind: .web)
        try fixture.editor.remove(badge: "tutorat", evidence: link.id)
        #expect(try fixture.claim("tutorat")?.evidence.map(\.id) == ["a"])
        #expect(fixture.root.exists("badges/tutorat/evidence/a.md"))
    }

    @Test func removeKeepsAFileAnotherEntryStillUses() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let content = "partagé\n"
        try fixture.root.write(content, to: "badges/tutorat/evidence/commun.md")
        var claim = Claim(status: .draft)
        for (id, criterion) in [("un", "outils-distance"), ("deux", "historique-echanges")] {
            claim.evidence.append(Evidence(id: id, title: id, criterion: criterion,
                                           location: .file(path: "commun.md", sha256: sha256(content), size: content.utf8.count)))
        }
        try fixture.root.write(try claim.yaml(), to: "badges/tutorat/claim.yaml")
        try fixture.editor.remove(badge: "tutorat", evidence: "un")
        #expect(try fixture.claim("tutorat")?.evidence.map(\.id) == ["deux"])
        #expect(fixture.root.exists("badges/tutorat/evidence/commun.md"))
    }

    @Test func removeUnknownEvidenceChangesNothing() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let a = try fixture.outsideFile("a.md", "a\n")
        try fixture.editor.add(badge: "tutorat", files: [a], criterion: "outils-distance", title: nil)
        let before = try fixture.root.snapshot()
        #expect(dossierError { try fixture.editor.remove(badge: "tutorat", evidence: "b") }?.reason
            == .unknownEvidence(badge: "tutorat", evidence: "b"))
        #expect(dossierError { try fixture.editor.remove(badge: "tutora", evidence: "a") }?.reason == .unknownBadge("tutora"))
        #expect(try fixture.root.snapshot() == before)
    }

    // MARK: set

    @Test func setStatus() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.set(badge: "tutorat", field: .status, value: "ready")
        #expect(try fixture.claim("tutorat")?.status == .ready)
        try fixture.editor.set(badge: "tutorat", field: .status, value: "draft")
        #expect(try fixture.claim("tutorat")?.status == .draft)
    }

    @Test func setLevel() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.set(badge: "ressources", field: .level, value: "2")
        #expect(try fixture.claim("ressources")?.level == 2)
        try fixture.editor.set(badge: "ressources", field: .level, value: "none")
        #expect(try fixture.claim("ressources")?.level == nil)
    }

    @Test func setCoverage() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.set(badge: "prospection", field: .coverage, value: "5/6")
        #expect(try fixture.claim("prospection")?.coverage == Coverage("5/6"))
        try fixture.editor.set(badge: "prospection", field: .coverage, value: "none")
        #expect(try fixture.claim("prospection")?.coverage == nil)
    }

    @Test func setNarrative() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let text = "Le CFA suit l'arrivée du BIM : « maquette numérique ».\n\nDeuxième paragraphe, 100 % des formations.\n"
        try fixture.editor.set(badge: "prospection", field: .narrative, value: text)
        #expect(try fixture.claim("prospection")?.narrative == text)
        try fixture.editor.set(badge: "prospection", field: .narrative, value: "Une ligne")
        #expect(try fixture.claim("prospection")?.narrative.trimmingCharacters(in: .newlines) == "Une ligne")
    }

    @Test(arguments: [
        "  Première ligne en retrait.\nSuite.\n",
        "Texte suivi de lignes vides.\n\n\n",
        "# Pas un commentaire\n- pas une liste\nclé: valeur\n",
        "Guillemets « français » et \"anglais\", apostrophe ’ et 100 %.\n",
        "Ligne avec espaces en fin   \nsuite\n",
        "\tTabulation au début\n",
    ])
    func narrativesSurviveTheRoundTrip(text: String) throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.set(badge: "prospection", field: .narrative, value: text)
        #expect(try fixture.claim("prospection")?.narrative == text)
    }

    @Test func setKeepsEvidence() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        let link = try fixture.editor.link(badge: "tutorat", url: "https://x.fr", criterion: "outils-distance", title: "Lien", kind: .lms)
        try fixture.editor.set(badge: "tutorat", field: .status, value: "ready")
        try fixture.editor.set(badge: "tutorat", field: .narrative, value: "Texte.\n")
        #expect(try fixture.claim("tutorat")?.evidence == [link])
    }

    @Test(arguments: [
        (DossierEditor.Field.status, "pret"), (.status, "READY"), (.level, "-1"), (.level, "deux"), (.level, "1.5"),
        (.coverage, "7/6"), (.coverage, "6"), (.coverage, "0/0"),
    ])
    func setRefusesInvalidValues(field: DossierEditor.Field, value: String) throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.editor.set(badge: "ressources", field: .narrative, value: "Texte.\n")
        let before = try fixture.root.snapshot()
        let error = dossierError { try fixture.editor.set(badge: "ressources", field: field, value: value) }
        guard case .invalidValue(let name, let bad, _) = error?.reason else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(name == field.rawValue && bad == value)
        #expect(try fixture.root.snapshot() == before)
    }

    @Test func setOnUnknownBadge() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        #expect(dossierError { try fixture.editor.set(badge: "inconnu", field: .status, value: "ready") }?.reason == .unknownBadge("inconnu"))
        #expect(!fixture.root.exists("badges"))
    }

    @Test func malformedClaimIsNotOverwritten() throws {
        let fixture = try EditorFixture()
        defer { fixture.remove() }
        try fixture.root.write("status: [\n", to: "badges/tutorat/claim.yaml")
        let before = try fixture.root.snapshot()
        #expect(throws: DossierError.self) { try fixture.editor.set(badge: "tutorat", field: .status, value: "ready") }
        #expect(throws: DossierError.self) {
            try fixture.editor.link(badge: "tutorat", url: "https://x.fr", criterion: "outils-distance", title: "L", kind: .web)
        }
        #expect(try fixture.root.snapshot() == before)
    }
}
