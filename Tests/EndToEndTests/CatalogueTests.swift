import Foundation
import Testing
import TestServers

/// The built-in catalogue, and a 13th badge proposed with `--catalogue FILE` (docs/CATALOGUE.md).
@Suite("Catalogue")
struct CatalogueTests {
    static let thirteenthBadge = """

          - id: inclusion-numerique
            number: 13
            title: "Inclusion numérique"
            summary: "Accompagnement des apprentis éloignés du numérique"
            recognises: "Les actions du CFA pour que chaque apprenti dispose d'un équipement et des usages de base"
            mandatory: false
            validityYears: 2
            criteria:
              - id: diagnostic
                text: "Un diagnostic des usages et de l'équipement est fait à l'entrée en formation"
              - id: pret-materiel
                text: "Prêt ou aide à l'achat de matériel"
              - id: ateliers
                text: "Ateliers d'initiation aux usages numériques"
            requirement:
              required: [diagnostic]
              atLeast: 1
              among: [pret-materiel, ateliers]
            firstAward: []

        """

    /// Copies the catalogue from the sources, bumps its version and appends the 13th badge.
    func proposedCatalogue(in box: Sandbox) throws -> URL {
        let original = try readText(packageRoot.appendingPathComponent("Sources/DossierCore/Resources/catalogue.yaml"))
        #expect(original.contains("version: \"2026.1\"\n"))
        let text = original.replacingOccurrences(of: "version: \"2026.1\"\n", with: "version: \"2026.2\"\n")
        let trimmed = text.hasSuffix("\n") ? text : text + "\n"
        return try box.write(trimmed + Self.thirteenthBadge, to: "catalogue-proposition.yaml")
    }

    @Test("the built-in catalogue lists the 12 badges, 5 mandatory, text and JSON")
    func builtin() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let catalogue = try box.dossierOK(["catalogue", "--json"], in: box.root).json(CatalogueOutput.self)
        #expect(catalogue.version == "2026.1")
        #expect(catalogue.badges.map(\.id) == WorkflowTests.allBadges)
        #expect(catalogue.badges.map(\.number) == Array(1...12))
        #expect(Set(catalogue.badges.filter(\.mandatory).map(\.id)) == ["prospection", "apprentis", "plan-formation", "accessibilite", "tutorat"])
        #expect(catalogue.label.badgesRequired == 10)
        #expect(catalogue.badges.first { $0.id == "tutorat" }?.criteria.map(\.id) == ["personnels-identifies", "outils-distance", "historique-echanges"])
        #expect(catalogue.badges.first { $0.id == "attractivite" }?.validityYears == 1)

        let one = try box.dossierOK(["catalogue", "ressources", "--json"], in: box.root).json(CatalogueOutput.self)
        #expect(one.badges.map(\.id) == ["ressources"])
        let text = try box.dossierOK(["catalogue"], in: box.root).stdout
        for badge in WorkflowTests.allBadges { #expect(text.contains(badge)) }
        let detail = try box.dossierOK(["catalogue", "tutorat"], in: box.root).stdout
        #expect(detail.contains("5. Tutorat (tutorat) — mandatory, valid 2 year(s)"))
        #expect(detail.contains("- historique-echanges : L'historique des échanges est conservé"))
    }

    @Test("a 13th badge through --catalogue FILE (option after the subcommand): catalogue, add, check")
    func thirteenthBadge() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let file = try proposedCatalogue(in: box)
        let dir = try box.initDossier(from: "batiment-caen")

        let catalogue = try box.dossierOK(["catalogue", "--catalogue", file.path, "--json"], in: dir).json(CatalogueOutput.self)
        #expect(catalogue.version == "2026.2")
        #expect(catalogue.badges.count == 13)
        #expect(catalogue.badges.last?.id == "inclusion-numerique")
        #expect(catalogue.badges.last?.criteria.map(\.id) == ["diagnostic", "pret-materiel", "ateliers"])
        #expect(catalogue.label.badgesRequired == 10)

        // Without the file, the badge is unknown.
        let source = try box.write("Diagnostic d'entrée 2025 : 40 % sans ordinateur\n", to: "in/diagnostic-entree.md")
        let unknown = try box.dossier(["add", "inclusion-numerique", source.path, "--criterion", "diagnostic"], in: dir)
        #expect(unknown.status == 1)
        #expect(unknown.stderrLines == ["unknown badge: inclusion-numerique (see `dossier catalogue`)"])

        try box.dossierOK(["add", "inclusion-numerique", source.path, "--criterion", "diagnostic",
                           "--title", "Diagnostic d'entrée", "--catalogue", file.path], in: dir)
        let claim = try readText(dir.appendingPathComponent("badges/inclusion-numerique/claim.yaml"))
        #expect(claim.contains(try sha256sum(dir.appendingPathComponent("badges/inclusion-numerique/evidence/diagnostic-entree.md"))))

        let draft = try box.dossierOK(["check", "--catalogue", file.path, "--json"], in: dir).json(CheckOutput.self)
        #expect(draft.catalogueVersion == "2026.2")
        #expect(draft.badges.count == 13)
        let badge = try #require(draft.badge("inclusion-numerique"))
        #expect(badge.started)
        #expect(badge.status == "draft")
        #expect(badge.criteriaMet == ["diagnostic"])
        #expect(badge.codes == ["tooFewCriteria", "draft"])
        #expect(draft.problems.map(\.code) == ["catalogueVersionMismatch"], "the dossier says 2026.1")

        try box.dossierOK(["link", "inclusion-numerique", "https://www.cfa.example.fr/ateliers-numeriques", "--criterion", "ateliers",
                           "--title", "Ateliers", "--catalogue", file.path], in: dir)
        try box.dossierOK(["set", "inclusion-numerique", "status", "ready", "--catalogue", file.path], in: dir)
        let ready = try box.dossierOK(["check", "--catalogue", file.path, "--json"], in: dir).json(CheckOutput.self)
        #expect(ready.badge("inclusion-numerique")?.ready == true)
        #expect(ready.label.readyBadges == 11)
        #expect(ready.label.badgesRequired == 10)
        let text = try box.dossierOK(["check", "--catalogue", file.path], in: dir).stdout
        #expect(text.contains("✔ inclusion-numerique"))

        let status = try box.dossierOK(["status", "--catalogue", file.path, "--json"], in: dir).json(StatusOutput.self)
        #expect(status.badge("inclusion-numerique")?.change == "added")
        try box.dossierOK(["save", "-m", "Inclusion numérique", "--author", testAuthor, "--catalogue", file.path], in: dir)
        #expect(try box.gitOK(["ls-files", "badges/inclusion-numerique"], in: dir).split(separator: "\n").count == 2)

        // The built-in catalogue now refuses the unknown badge folder, naming it.
        let builtin = try box.dossier(["check"], in: dir)
        #expect(builtin.status == 1)
        #expect(builtin.stderrLines.count == 1)
        #expect(builtin.stderr.contains("badges/inclusion-numerique"))
    }

    /// CATALOGUE.md: "Run any command with `--catalogue catalogue-proposition.yaml`"; the brief writes
    /// it before the subcommand: `dossier --catalogue FILE catalogue --json`.
    @Test("--catalogue FILE before the subcommand")
    func catalogueOptionBeforeSubcommand() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let file = try proposedCatalogue(in: box)
        let run = try box.dossier(["--catalogue", file.path, "catalogue", "--json"], in: box.root)
        do {
            #expect(run.status == 0, "\(run)")
            let catalogue = try run.json(CatalogueOutput.self)
            #expect(catalogue.badges.count == 13)
        }
    }

    @Test("a catalogue file with an error is refused with file:line")
    func brokenCatalogue() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let good = try proposedCatalogue(in: box)
        let text = try readText(good)
        let broken = text.replacingOccurrences(of: "      atLeast: 1\n      among: [pret-materiel, ateliers]",
                                               with: "      atLeast: 1\n      among: [pret-materiel, ateliers, podcasts]")
        #expect(broken != text)
        let file = try box.write(broken, to: "catalogue-cassee.yaml")
        let line = try #require(lineNumber(of: "among: [pret-materiel, ateliers, podcasts]", in: broken))
        let run = try box.dossier(["catalogue", "--catalogue", file.path], in: box.root)
        #expect(run.status == 1)
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("catalogue-cassee.yaml:"))
        #expect(run.stderr.contains("podcasts"))
        let reported = run.stderr.split(separator: ":").dropFirst().first.flatMap { Int($0) }
        #expect(reported.map { abs($0 - line) <= 2 } == true, "reported line \(String(describing: reported)), expected about \(line)")

        let missing = try box.dossier(["catalogue", "--catalogue", box.url("nope.yaml").path], in: box.root)
        #expect(missing.status == 1)
        #expect(missing.stderrLines == ["file not found: \(box.url("nope.yaml").path)"])
    }
}
