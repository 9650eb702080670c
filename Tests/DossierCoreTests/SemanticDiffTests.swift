import Testing
@testable import DossierCore

@Suite("Semantic diff")
struct SemanticDiffTests {
    static let claimPath = "badges/tutorat/claim.yaml"
    static let folder = "badges/tutorat/evidence/"

    /// A complete tutorat claim: two files and a link.
    static func tutorat() -> Fixture {
        var fixture = Fixture()
        fixture.claim("tutorat", narrative: "Quatre formateurs sont missionnés.\nIls utilisent Moodle.\nLes échanges sont conservés.\n")
        fixture.file("tutorat", "personnels-identifies", id: "tuteurs", name: "tuteurs.csv", content: "nom;role\nA;tuteur\n")
        fixture.link("tutorat", "outils-distance", id: "classe-virtuelle", url: "https://lms.example.fr/tutorat", kind: .lms)
        fixture.file("tutorat", "historique-echanges", id: "procedure", name: "procedure.md", content: "Procédure v1\n")
        return fixture
    }

    func diff(_ old: Fixture?, _ new: Fixture, _ files: [PathChange]) throws -> DossierDiff {
        try SemanticDiffer(catalogue: builtinCatalogue()).diff(old: old?.source, new: new.source, files: files)
    }

    func only(_ diff: DossierDiff) throws -> BadgeDiff {
        try #require(diff.badges.count == 1, "badges: \(diff.badges.map(\.id))")
        return diff.badges[0]
    }

    func modified(_ paths: String...) -> [PathChange] { paths.map { PathChange(path: $0, change: .modified) } }

    @Test func badgeAdded() throws {
        let new = Self.tutorat()
        let files = [Self.claimPath, Self.folder + "tuteurs.csv", Self.folder + "procedure.md"]
            .map { PathChange(path: $0, change: .added) }
        let badge = try only(diff(Fixture(), new, files))
        #expect(badge.id == "tutorat")
        #expect(badge.change == .added)
        #expect(badge.evidenceAdded.map(\.id) == ["tuteurs", "classe-virtuelle", "procedure"])
        #expect(badge.evidenceAdded.first?.sha256 == sha256("nom;role\nA;tuteur\n"))
        #expect(badge.evidenceAdded[1].url == "https://lms.example.fr/tutorat")
        #expect(badge.evidenceRemoved.isEmpty && badge.evidenceChanged.isEmpty)
        #expect(badge.criteriaNewlyMet == ["personnels-identifies", "outils-distance", "historique-echanges"])
        #expect(!badge.requirementMetBefore)
        #expect(badge.requirementMetAfter)
        #expect(badge.fields.contains(FieldChange(field: "status", from: nil, to: "ready")))
        #expect(badge.files.count == 3)
    }

    @Test func badgeAddedFromNothing() throws {
        let diff = try diff(nil, Self.tutorat(), [PathChange(path: Self.claimPath, change: .added),
                                                  PathChange(path: DossierIdentity.fileName, change: .added)])
        #expect(try only(diff).change == .added)
        #expect(diff.identity.contains(FieldChange(field: "uai", from: nil, to: "0141234R")))
    }

    @Test func badgeRemoved() throws {
        let files = [Self.claimPath, Self.folder + "tuteurs.csv", Self.folder + "procedure.md"]
            .map { PathChange(path: $0, change: .deleted) }
        let badge = try only(diff(Self.tutorat(), Fixture(), files))
        #expect(badge.change == .removed)
        #expect(badge.evidenceRemoved.map(\.id) == ["tuteurs", "classe-virtuelle", "procedure"])
        #expect(badge.evidenceAdded.isEmpty)
        #expect(badge.criteriaNoLongerMet == ["personnels-identifies", "outils-distance", "historique-echanges"])
        #expect(badge.requirementMetBefore)
        #expect(!badge.requirementMetAfter)
        #expect(badge.fields.contains(FieldChange(field: "status", from: "ready", to: nil)))
    }

    @Test func statusChange() throws {
        var old = Self.tutorat()
        old.claims["tutorat"]?.status = .draft
        let badge = try only(diff(old, Self.tutorat(), modified(Self.claimPath)))
        #expect(badge.change == .modified)
        #expect(badge.fields == [FieldChange(field: "status", from: "draft", to: "ready")])
        #expect(badge.evidenceAdded.isEmpty && badge.evidenceRemoved.isEmpty && badge.evidenceChanged.isEmpty)
        #expect(badge.narrative == nil)
        #expect(badge.criteriaNewlyMet.isEmpty && badge.criteriaNoLongerMet.isEmpty)
        #expect(badge.requirementMetBefore && badge.requirementMetAfter)
    }

    @Test func levelAndCoverageChange() throws {
        var old = Fixture()
        old.claim("ressources", level: 1)
        old.link("ressources", "niveau-1", id: "fiches")
        var new = old
        new.claims["ressources"]?.level = 2
        let levels = try only(diff(old, new, modified("badges/ressources/claim.yaml")))
        #expect(levels.fields == [FieldChange(field: "level", from: "1", to: "2")])

        var before = Fixture()
        before.claim("prospection", coverage: "5/6")
        var after = Fixture()
        after.claim("prospection", coverage: "6/6")
        let coverage = try only(diff(before, after, modified("badges/prospection/claim.yaml")))
        #expect(coverage.fields == [FieldChange(field: "coverage", from: "5/6", to: "6/6")])
        after.claims["prospection"]?.coverage = nil
        let cleared = try only(diff(before, after, modified("badges/prospection/claim.yaml")))
        #expect(cleared.fields == [FieldChange(field: "coverage", from: "5/6", to: nil)])
    }

    @Test func evidenceAdded() throws {
        var new = Self.tutorat()
        new.file("tutorat", "historique-echanges", id: "export", name: "export.csv")
        let badge = try only(diff(Self.tutorat(), new, modified(Self.claimPath) + [PathChange(path: Self.folder + "export.csv", change: .added)]))
        #expect(badge.evidenceAdded.map(\.id) == ["export"])
        #expect(badge.evidenceAdded.first?.file == "export.csv")
        #expect(badge.evidenceAdded.first?.criterion == "historique-echanges")
        #expect(badge.evidenceChanged.isEmpty && badge.evidenceRemoved.isEmpty)
        #expect(badge.criteriaNewlyMet.isEmpty, "historique-echanges was already met")
    }

    @Test func evidenceRemoved() throws {
        var new = Self.tutorat()
        new.claims["tutorat"]?.evidence.removeAll { $0.id == "procedure" }
        new.files[Self.folder + "procedure.md"] = nil
        let badge = try only(diff(Self.tutorat(), new, modified(Self.claimPath) + [PathChange(path: Self.folder + "procedure.md", change: .deleted)]))
        #expect(badge.evidenceRemoved.map(\.id) == ["procedure"])
        #expect(badge.evidenceRemoved.first?.title == "Preuve procedure")
        #expect(badge.criteriaNoLongerMet == ["historique-echanges"])
        #expect(badge.requirementMetBefore && !badge.requirementMetAfter)
    }

    @Test func fileDeletedButStillRecordedNoLongerMeetsItsCriterion() throws {
        var new = Self.tutorat()
        new.files[Self.folder + "procedure.md"] = nil
        let badge = try only(diff(Self.tutorat(), new, [PathChange(path: Self.folder + "procedure.md", change: .deleted)]))
        #expect(badge.criteriaNoLongerMet == ["historique-echanges"])
        #expect(badge.evidenceRemoved.isEmpty)
    }

    @Test func evidenceReplacedWithNewHash() throws {
        var new = Self.tutorat()
        new.file("tutorat", "historique-echanges", id: "procedure", name: "procedure.md", content: "Procédure v2\n")
        new.claims["tutorat"]?.evidence.removeAll { $0.id == "procedure" && $0.sha256 == sha256("Procédure v1\n") }
        let badge = try only(diff(Self.tutorat(), new, modified(Self.claimPath, Self.folder + "procedure.md")))
        let change = try #require(badge.evidenceChanged.first)
        #expect(badge.evidenceChanged.count == 1)
        #expect(change.id == "procedure")
        #expect(change.changes == [.replaced])
        #expect(change.before.sha256 == sha256("Procédure v1\n"))
        #expect(change.after.sha256 == sha256("Procédure v2\n"))
        #expect(badge.evidenceAdded.isEmpty && badge.evidenceRemoved.isEmpty)
    }

    @Test func evidenceReplacedWithTheHashNotYetRecorded() throws {
        // The file changed but the claim still records the old hash: the file is listed as modified.
        var new = Self.tutorat()
        new.files[Self.folder + "procedure.md"] = "Procédure v2\n"
        let badge = try only(diff(Self.tutorat(), new, modified(Self.folder + "procedure.md")))
        #expect(badge.evidenceChanged.map(\.id) == ["procedure"])
        #expect(badge.evidenceChanged.first?.changes == [.replaced])
        #expect(badge.fields.isEmpty)
    }

    @Test func sameHashAndFileNotModifiedIsNotReplaced() throws {
        var new = Self.tutorat()
        new.claims["tutorat"]?.evidence[2].title = "Procédure d'archivage"
        let badge = try only(diff(Self.tutorat(), new, modified(Self.claimPath)))
        #expect(badge.evidenceChanged.first?.changes == [.retitled])
    }

    @Test func fileModifiedOutsideTheEvidenceFolderIsNotAReplacement() throws {
        // `archives/` has as many characters as `evidence/`: a working file kept next to the claim.
        var old = Self.tutorat()
        old.files["badges/tutorat/archives/procedure.md"] = "brouillon 1\n"
        var new = old
        new.files["badges/tutorat/archives/procedure.md"] = "brouillon 2\n"
        let badge = try only(diff(old, new, modified("badges/tutorat/archives/procedure.md")))
        do {
            #expect(badge.evidenceChanged.isEmpty)
        }
    }

    @Test func evidenceRetitled() throws {
        var new = Self.tutorat()
        new.claims["tutorat"]?.evidence[0].title = "Liste des tuteurs 2026"
        let change = try #require(try only(diff(Self.tutorat(), new, modified(Self.claimPath))).evidenceChanged.first)
        #expect(change.id == "tuteurs")
        #expect(change.changes == [.retitled])
        #expect(change.title == "Liste des tuteurs 2026")
        #expect(change.before.title == "Preuve tuteurs")
    }

    @Test func evidenceMovedToAnotherCriterion() throws {
        var old = Self.tutorat()
        old.link("tutorat", "outils-distance", id: "messagerie")
        var new = old
        let index = try #require(new.claims["tutorat"]?.evidence.firstIndex { $0.id == "procedure" })
        new.claims["tutorat"]?.evidence[index].criterion = "personnels-identifies"
        let badge = try only(diff(old, new, modified(Self.claimPath)))
        let change = try #require(badge.evidenceChanged.first)
        #expect(change.changes == [.moved])
        #expect(change.before.criterion == "historique-echanges")
        #expect(change.after.criterion == "personnels-identifies")
        #expect(badge.criteriaNoLongerMet == ["historique-echanges"])
        #expect(badge.criteriaNewlyMet.isEmpty)
        #expect(badge.requirementMetBefore && !badge.requirementMetAfter)
    }

    @Test func moveThatMeetsANewCriterion() throws {
        var old = Fixture()
        old.claim("tutorat")
        old.link("tutorat", "outils-distance", id: "a")
        old.link("tutorat", "outils-distance", id: "b")
        var new = old
        new.claims["tutorat"]?.evidence[1].criterion = "historique-echanges"
        let badge = try only(diff(old, new, modified(Self.claimPath)))
        #expect(badge.criteriaNewlyMet == ["historique-echanges"])
        #expect(badge.criteriaNoLongerMet.isEmpty)
    }

    @Test func evidenceRelinked() throws {
        var new = Self.tutorat()
        new.claims["tutorat"]?.evidence[1].location = .url("https://lms.example.fr/tutorat-2026", kind: .lms)
        let change = try #require(try only(diff(Self.tutorat(), new, modified(Self.claimPath))).evidenceChanged.first)
        #expect(change.id == "classe-virtuelle")
        #expect(change.changes == [.relinked])
        #expect(change.before.url == "https://lms.example.fr/tutorat")
        #expect(change.after.url == "https://lms.example.fr/tutorat-2026")

        var kind = Self.tutorat()
        kind.claims["tutorat"]?.evidence[1].location = .url("https://lms.example.fr/tutorat", kind: .video)
        #expect(try only(diff(Self.tutorat(), kind, modified(Self.claimPath))).evidenceChanged.first?.changes == [.relinked])
    }

    @Test func evidenceRenamed() throws {
        var new = Self.tutorat()
        let content = "Procédure v1\n"
        new.files[Self.folder + "procedure.md"] = nil
        new.files[Self.folder + "procedure-historique.md"] = content
        new.claims["tutorat"]?.evidence[2].location = .file(path: "procedure-historique.md", sha256: sha256(content), size: content.utf8.count)
        let files = modified(Self.claimPath) + [PathChange(path: Self.folder + "procedure.md", change: .deleted),
                                                PathChange(path: Self.folder + "procedure-historique.md", change: .added)]
        let badge = try only(diff(Self.tutorat(), new, files))
        let change = try #require(badge.evidenceChanged.first)
        #expect(change.changes == [.renamed])
        #expect(change.before.file == "procedure.md")
        #expect(change.after.file == "procedure-historique.md")
        #expect(badge.evidenceAdded.isEmpty && badge.evidenceRemoved.isEmpty)
        #expect(badge.criteriaNoLongerMet.isEmpty && badge.criteriaNewlyMet.isEmpty)
    }

    @Test func renamedAndReplacedAndRetitled() throws {
        var new = Self.tutorat()
        let content = "Procédure v2\n"
        new.files[Self.folder + "procedure.md"] = nil
        new.files[Self.folder + "procedure-2026.md"] = content
        new.claims["tutorat"]?.evidence[2].location = .file(path: "procedure-2026.md", sha256: sha256(content), size: content.utf8.count)
        new.claims["tutorat"]?.evidence[2].title = "Procédure 2026"
        let change = try #require(try only(diff(Self.tutorat(), new, modified(Self.claimPath))).evidenceChanged.first)
        #expect(Set(change.changes) == [.replaced, .renamed, .retitled])
    }

    @Test func evidenceRetyped() throws {
        var new = Self.tutorat()
        new.claims["tutorat"]?.evidence[0].location = .url("https://cfa.example.fr/tuteurs", kind: .web)
        let change = try #require(try only(diff(Self.tutorat(), new, modified(Self.claimPath))).evidenceChanged.first)
        #expect(change.changes == [.retyped])
    }

    @Test func narrativeChange() throws {
        var new = Self.tutorat()
        new.claims["tutorat"]?.narrative = "Quatre formateurs sont missionnés.\nIls utilisent Moodle et la visio.\nLes échanges sont conservés.\n"
        let badge = try only(diff(Self.tutorat(), new, modified(Self.claimPath)))
        let narrative = try #require(badge.narrative)
        #expect(narrative.lines.contains(TextDiff.Line(op: "-", text: "Ils utilisent Moodle.")))
        #expect(narrative.lines.contains(TextDiff.Line(op: "+", text: "Ils utilisent Moodle et la visio.")))
        #expect(narrative.lines.contains(TextDiff.Line(op: " ", text: "Quatre formateurs sont missionnés.")))
        #expect(badge.fields.isEmpty)
        #expect(badge.evidenceChanged.isEmpty)
    }

    @Test func identityFieldChange() throws {
        var new = Fixture()
        new.identity.name = "CFA du Bâtiment de Caen"
        new.identity.contact = .init(name: "Nadia Martin", email: "n.martin@cfa.example.fr")
        let diff = try diff(Fixture(), new, modified(DossierIdentity.fileName))
        #expect(diff.identity == [
            FieldChange(field: "name", from: "CFA de test", to: "CFA du Bâtiment de Caen"),
            FieldChange(field: "contact", from: "Claire Lemonnier, direction@cfa.example.fr", to: "Nadia Martin, n.martin@cfa.example.fr"),
        ])
        #expect(diff.badges.isEmpty)
        #expect(diff.files == modified(DossierIdentity.fileName))
    }

    @Test func identityIsOnlyReadWhenDossierYAMLChanged() throws {
        var new = Fixture()
        new.identity.name = "Autre nom"
        let diff = try diff(Fixture(), new, [])
        #expect(diff.identity.isEmpty)
        #expect(diff.isEmpty)
    }

    @Test func onlyBadgesWithChangedFilesAreRead() throws {
        var old = Self.tutorat()
        old.rawClaims["attractivite"] = "status: [pas fermé\n"
        var new = old
        new.claims["tutorat"]?.status = .draft
        let diff = try diff(old, new, modified(Self.claimPath))
        #expect(diff.badges.map(\.id) == ["tutorat"])
        // The same malformed claim is read, and refused, once one of its files changed.
        #expect(throws: DossierError.self) {
            try self.diff(old, new, modified(Self.claimPath, "badges/attractivite/claim.yaml"))
        }
    }

    @Test func badgesComeInCatalogueOrder() throws {
        var old = Fixture()
        for id in ["post-cfa", "tutorat", "prospection"] { old.claim(id, status: .draft) }
        var new = Fixture()
        for id in ["post-cfa", "tutorat", "prospection"] { new.claim(id, status: .ready) }
        let files = modified("badges/post-cfa/claim.yaml", "badges/tutorat/claim.yaml", "badges/prospection/claim.yaml")
        let diff = try diff(old, new, files)
        #expect(diff.badges.map(\.id) == ["prospection", "tutorat", "post-cfa"])
        #expect(diff.files.map(\.path) == files.map(\.path).sorted())
    }

    @Test func noChangeNoDiff() throws {
        let diff = try diff(Self.tutorat(), Self.tutorat(), [])
        #expect(diff.isEmpty)
        #expect(diff.badges.isEmpty)
    }
}
