import Foundation
import Testing
@testable import DossierCore

/// A CFA's badge proposal, `proposals/<slug>.yaml`: the catalogue's own schema, plus `why` and
/// `examples`, with every mistake at its `file:line`.
@Suite("Proposal: the format of a CFA's badge proposal")
struct ProposalTests {
    static let file = "proposals/inclusion-numerique.yaml"

    /// A valid proposal; `extra` lines are appended, `replacing` swaps one line for another.
    static func text(extra: [String] = [], replacing: (String, String)? = nil) -> String {
        var lines = [
            "# Proposition du CFA",
            "id: inclusion-numerique",
            "title: \"Inclusion numérique\"",
            "summary: \"Accompagnement des apprentis éloignés du numérique\"",
            "recognises: \"Les actions du CFA pour que chaque apprenti dispose d'un équipement\"",
            "validityYears: 2",
            "criteria:",
            "  - id: diagnostic",
            "    text: \"Un diagnostic des usages est fait à l'entrée en formation\"",
            "  - id: pret-materiel",
            "    text: \"Prêt ou aide à l'achat de matériel\"",
            "  - id: ateliers",
            "    text: \"Ateliers d'initiation\"",
            "requirement:",
            "  required: [diagnostic]",
            "  atLeast: 1",
            "  among: [pret-materiel, ateliers]",
            "why: |",
            "  Nos apprentis n'ont pas tous un ordinateur.",
            "  Ce badge reconnaîtrait *le travail* fait pour eux.",
            "examples:",
            "  - badges/tutorat/evidence/charte.pdf",
        ]
        if let (old, new) = replacing {
            let index = lines.firstIndex(of: old)!
            lines[index] = new
        }
        return (lines + extra).joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String, file: String = file) throws -> Proposal {
        try Proposal.parse(Array(text.utf8), file: file, catalogue: try builtinCatalogue())
    }

    /// The error parsing `text` throws, in English.
    static func failure(_ text: String, file: String = file) -> DossierError? {
        dossierError { _ = try parse(text, file: file) }
    }

    @Test("a valid proposal: the badge, why, validity, examples, bytes")
    func valid() throws {
        let proposal = try Self.parse(Self.text())
        #expect(proposal.slug == "inclusion-numerique")
        #expect(proposal.badge.id == "inclusion-numerique")
        #expect(proposal.badge.title == "Inclusion numérique")
        #expect(proposal.badge.criteria.map(\.id) == ["diagnostic", "pret-materiel", "ateliers"])
        #expect(proposal.badge.requirement == Requirement(required: ["diagnostic"], atLeast: 1, among: ["pret-materiel", "ateliers"]))
        #expect(!proposal.badge.mandatory)
        #expect(proposal.validityYears == 2 && proposal.badge.validityYears == 2)
        #expect(proposal.why == "Nos apprentis n'ont pas tous un ordinateur.\nCe badge reconnaîtrait *le travail* fait pour eux.\n")
        #expect(proposal.examples == ["badges/tutorat/evidence/charte.pdf"])
        #expect(proposal.exampleLines == [22])
        #expect(proposal.bytes == Array(Self.text().utf8))
    }

    @Test("missing why: file:line, in both languages")
    func missingWhy() throws {
        var text = Self.text()
        text = text.replacingOccurrences(of: "why: |\n  Nos apprentis n'ont pas tous un ordinateur.\n  Ce badge reconnaîtrait *le travail* fait pour eux.\n", with: "")
        let error = try #require(Self.failure(text))
        #expect(error.file == Self.file && error.line == 2)
        #expect(error.text(.en) == "proposals/inclusion-numerique.yaml:2: missing required field: why")
        #expect(error.text(.fr) == "proposals/inclusion-numerique.yaml:2: champ obligatoire manquant : why")
        // Written but empty: at its own line.
        let empty = try #require(Self.failure(Self.text(replacing: ("why: |", "why: \"  \""))
            .replacingOccurrences(of: "  Nos apprentis n'ont pas tous un ordinateur.\n  Ce badge reconnaîtrait *le travail* fait pour eux.\n", with: "")))
        #expect(empty.line == 18, "\(empty)")
    }

    @Test("mandatory: true is refused at its line; mandatory: false is accepted")
    func mandatory() throws {
        let error = try #require(Self.failure(Self.text(extra: ["mandatory: true"])))
        #expect(error.reason == .proposal(.mandatory))
        #expect(error.line == 23)
        #expect(error.text(.en).hasPrefix("proposals/inclusion-numerique.yaml:23: a proposal is never mandatory"))
        #expect(error.text(.fr).hasPrefix("proposals/inclusion-numerique.yaml:23: une proposition n'est jamais obligatoire"))
        #expect(try !Self.parse(Self.text(extra: ["mandatory: false"])).badge.mandatory)
    }

    @Test("number is the Région's to assign")
    func number() throws {
        let error = try #require(Self.failure(Self.text(extra: ["number: 13"])))
        #expect(error.reason == .proposal(.number) && error.line == 23)
        #expect(error.text(.fr).contains("attribué par la Région"))
    }

    @Test("an id that is already a badge of the catalogue in use is refused at the id's line")
    func existingBadge() throws {
        let text = Self.text(replacing: ("id: inclusion-numerique", "id: tutorat"))
        let error = try #require(Self.failure(text, file: "proposals/tutorat.yaml"))
        #expect(error.reason == .proposal(.existingBadge(id: "tutorat", catalogue: "2026.1")))
        #expect(error.text(.en) == "proposals/tutorat.yaml:2: badge tutorat already exists in catalogue 2026.1: choose another id (and rename the file)")
        #expect(error.text(.fr).hasPrefix("proposals/tutorat.yaml:2: le badge tutorat existe déjà dans le catalogue 2026.1"))
    }

    @Test("a slug different from the file name is refused")
    func slugMismatch() throws {
        let error = try #require(Self.failure(Self.text(), file: "proposals/inclusion.yaml"))
        #expect(error.reason == .proposal(.slugMismatch(id: "inclusion-numerique", file: "inclusion")))
        #expect(error.file == "proposals/inclusion.yaml" && error.line == 2)
        #expect(error.text(.en).contains("differs from the file's name (proposals/inclusion.yaml)"))
    }

    @Test("an unknown field is refused at its line")
    func unknownField() throws {
        let error = try #require(Self.failure(Self.text(extra: ["pourquoi: parce que"])))
        #expect(error.reason == .unknownField("pourquoi") && error.line == 23)
        #expect(error.text(.fr) == "proposals/inclusion-numerique.yaml:23: champ inconnu : pourquoi")
    }

    @Test("a requirement naming an unknown criterion, or asking for nothing, is refused at its line")
    func badRequirement() throws {
        let unknown = try #require(Self.failure(Self.text(replacing: ("  required: [diagnostic]", "  required: [inconnu]"))))
        #expect(unknown.line == 15, "\(unknown)")
        #expect(unknown.text(.en).contains("requirement names unknown criterion inconnu"))
        let tooMany = try #require(Self.failure(Self.text(replacing: ("  atLeast: 1", "  atLeast: 5"))))
        #expect(tooMany.line == 16 && tooMany.reason == .invalidValue(field: "atLeast", value: "5", expected: .range(0, 2)), "\(tooMany)")
    }

    @Test("the catalogue's other rules hold: validity 1 to 5, criteria required, ids shaped, paths contained")
    func catalogueRules() throws {
        let validity = try #require(Self.failure(Self.text(replacing: ("validityYears: 2", "validityYears: 9"))))
        #expect(validity.line == 6 && validity.reason == .invalidValue(field: "validityYears", value: "9", expected: .range(1, 5)))
        let slug = try #require(Self.failure(Self.text(replacing: ("id: inclusion-numerique", "id: Inclusion")), file: "proposals/Inclusion.yaml"))
        #expect(slug.line == 2 && slug.reason == .invalidValue(field: "id", value: "Inclusion", expected: "a-z, 0-9, -"))
        let escape = try #require(Self.failure(Self.text(replacing: ("  - badges/tutorat/evidence/charte.pdf", "  - ../secret.pdf"))))
        #expect(escape.line == 22 && escape.reason == .pathEscapes("../secret.pdf"))
        let syntax = try #require(Self.failure("id: [unclosed\n"))
        #expect(syntax.file == Self.file && syntax.line != nil)
    }

    @Test("the accepted entry loads in a catalogue: catalogueEntry() round-trips through Catalogue.load")
    func roundTrip() throws {
        // Every field a badge may have, with texts YAML could misread.
        let text = Self.text(extra: [
            "levels:",
            "  - level: 1",
            "    criterion: diagnostic",
            "firstAward:",
            "  - rule: minLevel",
            "    level: 1",
            "renewal:",
            "  - rule: fullCoverage",
            "    of: \"groupes d'apprentis\"",
            "  - rule: evidenceUpdatedSinceAward",
            "rulesText: \"no\"",
        ], replacing: ("summary: \"Accompagnement des apprentis éloignés du numérique\"", "summary: \"2026-12-07: « oui » # pas un commentaire\\nsur deux lignes\""))
        let proposal = try Self.parse(text)
        let entry = String(decoding: proposal.catalogueEntry(), as: UTF8.self)
        #expect(!entry.contains("why") && !entry.contains("examples") && !entry.contains("number") && !entry.contains("mandatory"), "\(entry)")
        // Appended to the built-in catalogue's badges as `hub catalogue add-badge` does.
        var catalogueText = try catalogueSourceText()
        if !catalogueText.hasSuffix("\n") { catalogueText += "\n" }
        var first = true
        for line in entry.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            catalogueText += (first ? "  - " : "    ") + line + "\n"
            first = false
        }
        let catalogue = try Catalogue.load(Array(catalogueText.utf8), file: "catalogue.yaml")
        let badge = try #require(catalogue.badge("inclusion-numerique"))
        #expect(catalogue.badges.count == 13)
        #expect(badge.title == proposal.badge.title && badge.summary == proposal.badge.summary)
        #expect(badge.summary == "2026-12-07: « oui » # pas un commentaire\nsur deux lignes")
        #expect(badge.recognises == proposal.badge.recognises)
        #expect(badge.criteria == proposal.badge.criteria)
        #expect(badge.requirement == proposal.badge.requirement)
        #expect(badge.levels == proposal.badge.levels)
        #expect(badge.firstAward == proposal.badge.firstAward && badge.renewal == proposal.badge.renewal)
        #expect(badge.rulesText == "no")
        #expect(badge.validityYears == 2 && !badge.mandatory)
        // And the entry is itself a valid proposal of the same badge.
        let again = try Proposal.parse(Array((entry + "why: encore\n").utf8), file: Self.file, catalogue: try builtinCatalogue())
        #expect(again.badge.criteria == proposal.badge.criteria && again.badge.requirement == proposal.badge.requirement)
    }

    @Test("requirement all: a proposal without one needs every criterion, and so does its entry")
    func requirementAll() throws {
        let text = Self.text().replacingOccurrences(of: "requirement:\n  required: [diagnostic]\n  atLeast: 1\n  among: [pret-materiel, ateliers]\n", with: "")
        let proposal = try Self.parse(text)
        #expect(proposal.badge.requirement == .all(["diagnostic", "pret-materiel", "ateliers"]))
        let entry = String(decoding: proposal.catalogueEntry(), as: UTF8.self)
        #expect(entry.contains("all: true"), "\(entry)")
        let again = try Proposal.parse(Array((entry + "why: encore\n").utf8), file: Self.file, catalogue: try builtinCatalogue())
        #expect(again.badge.requirement == proposal.badge.requirement)
        // No renewal rules of its own: the entry has none, so the catalogue's default applies.
        #expect(!entry.contains("renewal"))
    }

    @Test("the slug of a proposal file's path")
    func slugOfFile() {
        #expect(Proposal.slug(ofFile: "proposals/inclusion-numerique.yaml") == "inclusion-numerique")
        #expect(Proposal.slug(ofFile: "proposals/a/b.yaml") == nil)
        #expect(Proposal.slug(ofFile: "proposals/.yaml") == nil)
        #expect(Proposal.slug(ofFile: "badges/x.yaml") == nil)
    }
}
