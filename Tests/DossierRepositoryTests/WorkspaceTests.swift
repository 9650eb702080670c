@testable import DossierCore
import Foundation
import Git
import Testing
import TestServers
@testable import DossierRepository

@Suite("Workspace: create, save, status, diff, log")
struct WorkspaceTests {
    static let tuteurs = "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"

    @Test func createFromTheSample() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let root = sample.root
        // One commit on main, holding every file of the sample plus .gitignore.
        #expect(try git("symbolic-ref", "HEAD", in: root).trimmed == "refs/heads/main")
        #expect(try git("rev-list", "--count", "HEAD", in: root).trimmed == "1")
        #expect(try git("log", "-1", "--format=%s|%an|%ae", in: root).trimmed
            == "Création du dossier|Claire Lemonnier|direction@cfa-batiment-caen.example.fr")
        #expect(try git("rev-parse", "HEAD", in: root).trimmed == sample.created.commit)
        #expect(sample.created.shortCommit == String(sample.created.commit.prefix(7)))
        let expected = (files(below: batimentCaen) + [".gitignore"]).sorted()
        #expect(try git("ls-files", in: root).lines.sorted() == expected)
        #expect(sample.created.files.map(\.path) == expected)
        #expect(sample.created.files.allSatisfy { $0.change == .added })
        #expect(sample.created.recordedHashes.isEmpty, "the sample's hashes are already right")
        #expect(expected.contains("badges/accessibilite/evidence/captures/tableau-de-bord-avancement.png"))
        #expect(try git("status", "--porcelain", in: root).trimmed == "")
        let fsck = try git("fsck", "--strict", in: root)
        #expect(fsck.status == 0, "\(fsck.stderr)")
        // Binary evidence is stored byte for byte.
        let png = "badges/espaces-innovants/evidence/plan-salle-12.png"
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/" + png))
            == Data(contentsOf: URL(fileURLWithPath: batimentCaen + "/" + png)))
        // The identity is completed from the sample and dated with the catalogue version.
        let identity = try DossierReader(source: sample.workspace.workingSource, catalogue: builtinCatalogue()).identity()
        #expect(identity.uai == "0141234R")
        #expect(identity.siret == "78345612200010")
        #expect(identity.contact?.name == "Claire Lemonnier")
        #expect(identity.catalogueVersion == "2026.1")
        // And it is the label-worthy sample.
        let catalogue = try builtinCatalogue()
        let dossier = try DossierReader(source: sample.workspace.workingSource, catalogue: catalogue).loadValid()
        let report = try Checker(catalogue: catalogue).check(dossier, source: sample.workspace.workingSource)
        #expect(report.label.eligible)
    }

    @Test func createWithoutSampleWritesADraftPerBadge() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (workspace, result) = try Workspace.create(at: folder.path + "/neuf", identity: caenIdentity, sample: nil,
                                                       catalogue: builtinCatalogue(), message: "Nouveau dossier", author: author())
        let reader = DossierReader(source: workspace.workingSource, catalogue: try builtinCatalogue())
        #expect(try reader.badgeIDs() == builtinCatalogue().badges.map(\.id))
        for badge in try builtinCatalogue().badges {
            #expect(try reader.claim(badge.id) == Claim(status: .draft), "\(badge.id)")
        }
        #expect(result.files.count == 14)
        #expect(try workspace.history.log(from: #require(try workspace.head())).count == 1)
        #expect(try git("status", "--porcelain", in: workspace.root).trimmed == "")
    }

    @Test func createRefusesAnInvalidIdentityAndLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/faux"
        let error = #expect(throws: DossierError.self) {
            try Workspace.create(at: path, identity: DossierIdentity(uai: "0141234S", name: "CFA"), sample: nil,
                                 catalogue: builtinCatalogue(), message: "m", author: author())
        }
        #expect(error?.reason == .invalidUAI("0141234S"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func createRefusesANonEmptyFolderOrAnExistingDossier() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let again = #expect(throws: DossierError.self) {
            try Workspace.create(at: sample.root, identity: caenIdentity, sample: nil, catalogue: builtinCatalogue(),
                                 message: "m", author: author())
        }
        #expect(again?.reason == .alreadyADossier(sample.root))
        let other = sample.folder.path + "/autre"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: other + "/notes.txt"))
        let notEmpty = #expect(throws: DossierError.self) {
            try Workspace.create(at: other, identity: caenIdentity, sample: nil, catalogue: builtinCatalogue(),
                                 message: "m", author: author())
        }
        #expect(notEmpty?.reason == .folderNotEmpty(other))
        #expect(try FileManager.default.contentsOfDirectory(atPath: other) == ["notes.txt"])
    }

    @Test func createInAnExistingEmptyFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (workspace, _) = try Workspace.create(at: folder.path, identity: caenIdentity, sample: batimentCaen,
                                                  catalogue: builtinCatalogue(), message: "Création", author: author())
        #expect(workspace.root == folder.path)
        #expect(try git("rev-list", "--count", "HEAD", in: folder.path).trimmed == "1")
    }

    @Test func createRefusesAnInvalidSampleAndLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sample = folder.path + "/echantillon"
        try FileManager.default.copyItem(atPath: batimentCaen, toPath: sample)
        try Data("status: pret\n".utf8).write(to: URL(fileURLWithPath: sample + "/badges/tutorat/claim.yaml"))
        let target = folder.path + "/dossier"
        #expect(throws: DossierErrors.self) {
            try Workspace.create(at: target, identity: caenIdentity, sample: sample, catalogue: builtinCatalogue(),
                                 message: "m", author: author())
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        let missing = #expect(throws: DossierError.self) {
            try Workspace.create(at: target, identity: caenIdentity, sample: folder.path + "/absent", catalogue: builtinCatalogue(),
                                 message: "m", author: author())
        }
        #expect(missing?.reason == .fileNotFound(folder.path + "/absent/dossier.yaml"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func openFindsTheDossierFromASubfolder() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let opened = try Workspace.open(at: sample.root + "/badges/tutorat/evidence", catalogue: builtinCatalogue())
        #expect(opened.root == sample.root)
        #expect(try opened.head()?.id.hex == sample.created.commit)
        let elsewhere = try TemporaryFolder()
        defer { elsewhere.remove() }
        let error = #expect(throws: DossierError.self) { try Workspace.open(at: elsewhere.path, catalogue: builtinCatalogue()) }
        #expect(error?.reason == .notADossier(elsewhere.path))
    }

    @Test func saveWithNothingToSave() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        #expect(try sample.workspace.save(message: "rien", author: author(1)) == nil)
        #expect(try git("rev-list", "--count", "HEAD", in: sample.root).trimmed == "1")
        #expect(try sample.workspace.status().isEmpty)
    }

    @Test func saveRecordsTheHashOfAReplacedEvidenceFile() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let content = "nom;role;periode\nClaire;tutrice;2025-2026\nThomas;tuteur;2025-2026\nNadia;tutrice;2026\n"
        try sample.write(content, to: Self.tuteurs)

        // Before the save: the check sees a changed hash, the status a replaced evidence.
        let status = try sample.workspace.status()
        #expect(status.files == [PathChange(path: Self.tuteurs, change: .modified)])
        let pending = try #require(status.badges.first)
        #expect(status.badges.map(\.id) == ["tutorat"])
        #expect(pending.evidenceChanged.map(\.id) == ["tuteurs-missionnes"])
        #expect(pending.evidenceChanged.first?.changes == [.replaced])

        let result = try #require(try sample.workspace.save(message: "Liste des tuteurs 2026", author: author(1)))
        #expect(result.recordedHashes == ["tutorat/tuteurs-missionnes"])
        #expect(result.files == [PathChange(path: "badges/tutorat/claim.yaml", change: .modified),
                                 PathChange(path: Self.tuteurs, change: .modified)])
        // The claim on disk and in the commit records the new hash and size.
        let evidence = try #require(try sample.claim("tutorat")?.evidence("tuteurs-missionnes"))
        #expect(evidence.location == .file(path: "tuteurs-distance-2025-2026.csv", sha256: sha256(content), size: content.utf8.count))
        let committed = try git("show", "HEAD:badges/tutorat/claim.yaml", in: sample.root).stdout
        #expect(committed.contains(sha256(content)))
        #expect(committed == (try sample.read("badges/tutorat/claim.yaml")))
        // Visible to git itself.
        #expect(try git("log", "--format=%s", in: sample.root).lines == ["Liste des tuteurs 2026", "Création du dossier"])
        #expect(try git("rev-parse", "HEAD", in: sample.root).trimmed == result.commit)
        #expect(try git("show", "--name-only", "--format=", "HEAD", in: sample.root).lines
            == ["badges/tutorat/claim.yaml", Self.tuteurs])
        #expect(try git("status", "--porcelain", in: sample.root).trimmed == "")
        let fsck = try git("fsck", "--strict", in: sample.root)
        #expect(fsck.status == 0, "\(fsck.stderr)")
        // The other evidence keeps its recorded values.
        let other = try #require(try sample.claim("tutorat")?.evidence("procedure-historique"))
        #expect(other.sha256 == "9f301dc102d53bbe59421d2da7c39906d820af0cbf1de6cc7ee64d16fab2012d")
        // And the badge is sound again.
        let catalogue = try builtinCatalogue()
        let check = try Checker(catalogue: catalogue).check(
            badge: try #require(catalogue.badge("tutorat")), claim: try sample.claim("tutorat"), source: sample.workspace.workingSource)
        #expect(check.problems == [])
        #expect(try sample.workspace.status().isEmpty)
    }

    @Test func saveRecordsTheHashOfAnEntryAddedByHand() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let content = "Export des échanges, mars 2026.\n"
        try sample.write(content, to: "badges/tutorat/evidence/export-2026.md")
        var claim = try #require(try sample.claim("tutorat"))
        claim.evidence.append(Evidence(id: "export-2026", title: "Export des échanges", criterion: "historique-echanges",
                                       location: .file(path: "export-2026.md", sha256: nil, size: nil)))
        try sample.write(try claim.yaml(), to: "badges/tutorat/claim.yaml")
        let result = try #require(try sample.workspace.save(message: "Export", author: author(1)))
        #expect(result.recordedHashes == ["tutorat/export-2026"])
        #expect(try sample.claim("tutorat")?.evidence("export-2026")?.location
            == .file(path: "export-2026.md", sha256: sha256(content), size: content.utf8.count))
        #expect(try git("status", "--porcelain", in: sample.root).trimmed == "")
    }

    @Test func saveKeepsRecordedEvidenceThatAnIgnoreRuleHides() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        // `*.tmp` is in the .gitignore every dossier gets.
        #expect(try sample.read(".gitignore").contains("*.tmp"))
        let outside = try TemporaryFolder()
        defer { outside.remove() }
        try Data("mesures\n".utf8).write(to: outside.url.appendingPathComponent("mesures.tmp"))
        try sample.workspace.editor.add(badge: "tutorat", files: [outside.path + "/mesures.tmp"],
                                        criterion: "historique-echanges", title: "Mesures")
        try Data("brouillon\n".utf8).write(to: URL(fileURLWithPath: sample.root + "/badges/tutorat/evidence/brouillon.tmp"))
        let result = try #require(try sample.workspace.save(message: "Mesures", author: author(1)))
        #expect(result.files.contains(PathChange(path: "badges/tutorat/evidence/mesures.tmp", change: .added)))
        let tracked = try git("ls-files", "badges/tutorat", in: sample.root).lines
        #expect(tracked.contains("badges/tutorat/evidence/mesures.tmp"))
        #expect(!tracked.contains("badges/tutorat/evidence/brouillon.tmp"), "an unrecorded ignored file stays out")
        #expect(try git("show", "HEAD:badges/tutorat/evidence/mesures.tmp", in: sample.root).stdout == "mesures\n")
    }

    @Test func saveRefusesAMalformedClaimAndChangesNothing() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let broken = "status: ready\nevidence:\n  - id: a\n    title: [\n"
        try sample.write(broken, to: "badges/tutorat/claim.yaml")
        try sample.write("nouveau\n", to: Self.tuteurs)
        #expect(throws: DossierErrors.self) { try sample.workspace.save(message: "m", author: author(1)) }
        #expect(try git("rev-list", "--count", "HEAD", in: sample.root).trimmed == "1")
        #expect(try sample.read("badges/tutorat/claim.yaml") == broken)
        #expect(try sample.read(Self.tuteurs) == "nouveau\n")
    }

    @Test func saveRefusesAnUnknownBadgeFolder() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        try sample.write("status: draft\n", to: "badges/inclusion-numerique/claim.yaml")
        let error = #expect(throws: DossierErrors.self) { try sample.workspace.save(message: "m", author: author(1)) }
        #expect(error?.errors.map(\.reason) == [.unknownBadge("inclusion-numerique")])
        #expect(try git("rev-list", "--count", "HEAD", in: sample.root).trimmed == "1")
    }

    @Test func saveAfterEditorChanges() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let editor = sample.workspace.editor
        try editor.remove(badge: "tutorat", evidence: "procedure-historique")
        try editor.link(badge: "post-cfa", url: "https://anciens.cfa-batiment-caen.example.fr", criterion: "plateforme-lien",
                        title: "Plateforme des anciens", kind: .web)
        try editor.set(badge: "post-cfa", field: .status, value: "ready")
        let status = try sample.workspace.status()
        #expect(status.badges.map(\.id) == ["tutorat", "post-cfa"])
        let tutorat = try #require(status.badges.first)
        #expect(tutorat.evidenceRemoved.map(\.id) == ["procedure-historique"])
        #expect(tutorat.criteriaNoLongerMet == ["historique-echanges"])
        let postCFA = try #require(status.badges.last)
        #expect(postCFA.criteriaNewlyMet == ["plateforme-lien"])
        #expect(postCFA.fields == [FieldChange(field: "status", from: "draft", to: "ready")])
        #expect(!postCFA.requirementMetBefore && postCFA.requirementMetAfter)

        let result = try #require(try sample.workspace.save(message: "Post-CFA prêt", author: author(1)))
        #expect(result.files.contains(PathChange(path: "badges/tutorat/evidence/procedure-historique-echanges.md", change: .deleted)))
        #expect(try git("ls-tree", "-r", "--name-only", "HEAD", "badges/tutorat", in: sample.root).lines
            == ["badges/tutorat/claim.yaml", "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"])
        #expect(try git("status", "--porcelain", in: sample.root).trimmed == "")
    }

    @Test func diffBetweenRevisionsAndWithTheWorkingFiles() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        try sample.workspace.editor.set(badge: "accompagnement-projet", field: .status, value: "ready")
        try sample.workspace.save(message: "Accompagnement prêt", author: author(1))
        try sample.workspace.editor.set(badge: "ressources", field: .level, value: "3")

        let saved = try sample.workspace.diff(from: "HEAD~1", to: "HEAD")
        #expect(saved.badges.map(\.id) == ["accompagnement-projet"])
        #expect(saved.badges.first?.fields == [FieldChange(field: "status", from: "draft", to: "ready")])
        // `to` omitted: from HEAD~1 to the working files, through the last save.
        let working = try sample.workspace.diff(from: "HEAD~1", to: nil)
        #expect(working.badges.map(\.id) == ["ressources", "accompagnement-projet"], "catalogue order")
        #expect(working.badges.first?.fields == [FieldChange(field: "level", from: "2", to: "3")])
        #expect(working.badges.last?.fields == [FieldChange(field: "status", from: "draft", to: "ready")])
        #expect(working.files.map(\.path) == ["badges/accompagnement-projet/claim.yaml", "badges/ressources/claim.yaml"])
        // Both omitted: the status.
        let pending = try sample.workspace.diff(from: nil, to: nil)
        #expect(pending.badges.map(\.id) == ["ressources"])
        // `from` omitted: from HEAD.
        #expect(try sample.workspace.diff(from: nil, to: "HEAD~1").badges.first?.fields
            == [FieldChange(field: "status", from: "ready", to: "draft")])
        let unknown = #expect(throws: DossierError.self) { try sample.workspace.diff(from: "v9", to: nil) }
        #expect(unknown?.reason == .unknownRevision("v9"))
    }

    @Test func logListsSavesNewestFirstWithTheBadgesTouched() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        try sample.write("nouveau\n", to: Self.tuteurs)
        try sample.workspace.save(message: "Tuteurs", author: author(1))
        try sample.workspace.editor.set(badge: "post-cfa", field: .narrative, value: "Texte.\n")
        try sample.workspace.editor.set(badge: "prospection", field: .coverage, value: "11/12")
        try sample.workspace.save(message: "Prospection et post-CFA", author: author(2))
        let log = try sample.workspace.history.log(from: #require(try sample.workspace.head()))
        #expect(log.map(\.message) == ["Prospection et post-CFA", "Tuteurs", "Création du dossier"])
        #expect(log.map(\.badges) == [["prospection", "post-cfa"], ["tutorat"], try builtinCatalogue().badges.map(\.id)])
        #expect(log.map(\.commit) == (try git("rev-list", "HEAD", in: sample.root).lines))
        #expect(log[0].parents == [log[1].commit])
        #expect(log[2].parents.isEmpty)
        #expect(log[0].author == "Claire Lemonnier")
        #expect(log[0].date == Date(timeIntervalSince1970: 1_750_000_002))
        #expect(try sample.workspace.history.log(from: #require(try sample.workspace.head()), limit: 1).count == 1)
    }

    @Test func authorOfASave() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let given = try sample.workspace.author("Thomas Hébert <referent@cfa.example.fr>")
        #expect(given.name == "Thomas Hébert" && given.email == "referent@cfa.example.fr")
        #expect(throws: DossierError.self) { try sample.workspace.author("Thomas Hébert") }
        try git("config", "user.name", "Nadia", in: sample.root)
        try git("config", "user.email", "nadia@example.fr", in: sample.root)
        let configured = try Workspace.open(at: sample.root, catalogue: builtinCatalogue()).author(nil)
        #expect(configured.name == "Nadia" && configured.email == "nadia@example.fr")
        #expect(Workspace.parseAuthor("A <a@b.fr> en trop") == nil)
        #expect(Workspace.parseAuthor(" <a@b.fr>") == nil)
        #expect(Workspace.parseAuthor("A <>") == nil)
    }

    @Test func combiningTwoSetsOfChanges() {
        let first = [PathChange(path: "a", change: .added), PathChange(path: "b", change: .added),
                     PathChange(path: "c", change: .deleted), PathChange(path: "d", change: .modified),
                     PathChange(path: "e", change: .modified)]
        let second = [PathChange(path: "a", change: .deleted), PathChange(path: "b", change: .modified),
                      PathChange(path: "c", change: .added), PathChange(path: "d", change: .deleted),
                      PathChange(path: "f", change: .added)]
        #expect(Workspace.combine(first, then: second) == [
            PathChange(path: "b", change: .added),
            PathChange(path: "c", change: .modified),
            PathChange(path: "d", change: .deleted),
            PathChange(path: "e", change: .modified),
            PathChange(path: "f", change: .added),
        ])
    }
}
