import Foundation
import Testing
@testable import DossierCore

/// Catalogue versions (their order, the catalogue ref's paths) and the semantic diff of two catalogues.
@Suite struct CatalogueVersionsTests {
    @Test func versionsCompareNumberByNumber() throws {
        let v = { (text: String) throws -> CatalogueVersion in try #require(CatalogueVersion(text)) }
        #expect(try v("2026.1") < v("2026.2"))
        #expect(try v("2026.9") < v("2026.10"))
        #expect(try v("2026.10") < v("2027.1"))
        #expect(try v("2026.1") == v("2026.1.0"))
        #expect(try !(v("2027.1") < v("2026.12")))
        #expect(try v("2026.01").description == "2026.1")
        for bad in ["", "2026.", ".1", "2026.x", "v2026.1", "2026 .1", "1.2.3.4.5", "1234567.1", "２０２６.1", "-1.2"] {
            #expect(CatalogueVersion(bad) == nil, "\(bad)")
        }
        let encoded = try JSONEncoder().encode([v("2027.1")])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2027.1\"]")
        #expect(try JSONDecoder().decode([CatalogueVersion].self, from: encoded) == [v("2027.1")])
    }

    @Test func theCatalogueRefHasOneFilePerVersion() throws {
        let version = try #require(CatalogueVersion("2027.1"))
        #expect(CataloguePaths.path(version: version) == "versions/2027.1.yaml")
        #expect(CataloguePaths.version(path: "versions/2027.1.yaml") == version)
        for other in ["versions/2027.1.yml", "2027.1.yaml", "versions/x.yaml", "versions/sub/2027.1.yaml", "README.md"] {
            #expect(CataloguePaths.version(path: other) == nil, "\(other)")
        }
        #expect(DossierReferences.catalogue == "refs/dossier/catalogue")
        #expect(DossierReferences.incomingCatalogue == "refs/dossier/incoming/catalogue")
    }

    /// The built-in catalogue's text with replacements (each must apply), as version `version`.
    static func edited(_ replacements: [(String, String)], version: String = "2027.1", appending: String = "") throws -> Catalogue {
        var text = String(decoding: Catalogue.builtinBytes, as: UTF8.self)
        for (old, new) in replacements + [("version: \"2026.1\"", "version: \"\(version)\"")] {
            #expect(text.contains(old), "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try Catalogue.load(Array((text + appending).utf8), file: "edited.yaml")
    }

    static let inclusion = """

          - id: inclusion-numerique
            number: 13
            title: "Inclusion numérique"
            mandatory: false
            validityYears: 2
            criteria:
              - id: diagnostic
                text: "Un diagnostic des usages"
            firstAward: []

        """

    @Test func theDiffSaysWhatChangedBadgeByBadge() throws {
        let old = try Catalogue.builtin()
        #expect(CatalogueDiff(from: old, to: old).isEmpty)
        #expect(CatalogueDiff(from: old, to: old).lines(.en) == ["No change between catalogues 2026.1 and 2026.1."])

        let new = try Self.edited([
            // attractivité: validity 1 → 2 years, mandatory
            ("le cadre de vie\"\n    mandatory: false\n    validityYears: 1           # card says 1 an",
             "le cadre de vie\"\n    mandatory: true\n    validityYears: 2"),
            // prospection: a criterion reworded, one added, the requirement and the renewal rule changed
            ("text: \"Les CFA doivent être en veille et en anticipation sur les évolutions\"",
             "text: \"Veille sur les évolutions des métiers\"\n      - id: partenariats\n        text: \"Partenariats avec les branches\""),
            ("      atLeast: 1\n      among: [etudes, cas-concrets]\n    firstAward: []\n    renewal:\n      - rule: fullCoverage\n        of: \"formations concernées\"",
             "      atLeast: 2\n      among: [etudes, cas-concrets]\n    firstAward: []\n    renewal:\n      - rule: evidenceUpdatedSinceAward"),
            // post-cfa: a criterion removed
            ("      - id: enquetes\n        text: \"Enquêtes\"\n", ""),
            ("among: [offres-emploi, enquetes]", "among: [offres-emploi]"),
            ("badgesRequired: 10", "badgesRequired: 11"),
        ], appending: Self.inclusion)
        let diff = CatalogueDiff(from: old, to: new)
        #expect(diff.from == "2026.1" && diff.to == "2027.1")
        #expect(diff.badgesAdded == [.init(id: "inclusion-numerique", title: "Inclusion numérique", mandatory: false)])
        #expect(diff.badgesRemoved.isEmpty)
        #expect(diff.badgesRequired == .init(before: 10, after: 11))
        #expect(diff.badgesChanged.map(\.id) == ["prospection", "attractivite", "post-cfa"])

        let prospection = try #require(diff.badgesChanged.first { $0.id == "prospection" })
        #expect(prospection.criteriaAdded == [Criterion(id: "partenariats", text: "Partenariats avec les branches")])
        #expect(prospection.criteriaReworded == [.init(id: "veille", before: "Les CFA doivent être en veille et en anticipation sur les évolutions",
                                                        after: "Veille sur les évolutions des métiers")])
        #expect(prospection.requirement == .init(before: "required: veille, integration; atLeast 1 of: etudes, cas-concrets",
                                                 after: "required: veille, integration; atLeast 2 of: etudes, cas-concrets"))
        #expect(prospection.renewal == .init(before: ["fullCoverage (formations concernées)"], after: ["evidenceUpdatedSinceAward"]))
        #expect(prospection.validityYears == nil && prospection.mandatory == nil && prospection.firstAward == nil)

        let attractivite = try #require(diff.badgesChanged.first { $0.id == "attractivite" })
        #expect(attractivite.validityYears == .init(before: 1, after: 2))
        #expect(attractivite.mandatory == .init(before: false, after: true))
        #expect(attractivite.criteriaAdded.isEmpty && attractivite.requirement == nil)

        let postCFA = try #require(diff.badgesChanged.first { $0.id == "post-cfa" })
        #expect(postCFA.criteriaRemoved == [Criterion(id: "enquetes", text: "Enquêtes")])
        #expect(postCFA.requirement != nil)

        let english = diff.lines(.en)
        #expect(english.first == "From catalogue 2026.1 to 2027.1:")
        #expect(english.contains("  label: 10 → 11 badges required"))
        #expect(english.contains("  + badge added: inclusion-numerique « Inclusion numérique » (optional)"))
        #expect(english.contains("      + criterion partenariats: Partenariats avec les branches"))
        #expect(english.contains("      - criterion enquetes: Enquêtes"))
        #expect(english.contains("      validity: 1 → 2 year(s)"))
        #expect(english.contains("      optional → mandatory"))
        #expect(english.contains("      renewal: fullCoverage (formations concernées) → evidenceUpdatedSinceAward"))
        let french = diff.lines(.fr)
        #expect(french.first == "Du catalogue 2026.1 au 2027.1 :")
        #expect(french.contains("      durée : 1 → 2 an(s)"))
        #expect(french.contains("      au choix → obligatoire"))
        #expect(french.count == english.count)

        // The other way round: the badge removed (still valid until its award expires).
        let back = CatalogueDiff(from: new, to: old)
        #expect(back.badgesRemoved.map(\.id) == ["inclusion-numerique"] && back.badgesAdded.isEmpty)
        #expect(back.lines(.en).contains { $0.contains("badge removed: inclusion-numerique") && $0.contains("stays valid until it expires") })
        let json = String(decoding: try JSONEncoder().encode(diff), as: UTF8.self)
        #expect(json.contains("\"badgesAdded\"") && json.contains("\"criteriaReworded\""))
    }
}
