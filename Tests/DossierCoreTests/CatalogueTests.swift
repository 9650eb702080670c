import Foundation
import Testing
@testable import DossierCore

@Suite("Catalogue: the built-in catalogue")
struct BuiltinCatalogueTests {
    @Test func loadsWithVersionAndLabelRule() throws {
        let catalogue = try builtinCatalogue()
        #expect(catalogue.version == "2026.1")
        #expect(catalogue.label.id == "cfa-numerique-normand")
        #expect(catalogue.label.badgesRequired == 10)
    }

    @Test func hasExactlyTheTwelveBadgesInCardOrder() throws {
        let catalogue = try builtinCatalogue()
        #expect(catalogue.badges.map(\.id) == [
            "prospection", "attractivite", "accessibilite", "apprentis", "tutorat", "plan-formation",
            "referent-numerique", "espaces-innovants", "expertise-outils", "ressources",
            "accompagnement-projet", "post-cfa",
        ])
        #expect(catalogue.badges.map(\.number) == Array(1...12))
    }

    @Test func fiveMandatoryBadges() throws {
        let catalogue = try builtinCatalogue()
        #expect(Set(catalogue.mandatoryBadges.map(\.id))
            == ["prospection", "apprentis", "plan-formation", "accessibilite", "tutorat"])
        #expect(catalogue.mandatoryBadges.count == 5)
    }

    @Test(arguments: [
        ("prospection", 3), ("attractivite", 1), ("accessibilite", 2), ("apprentis", 3), ("tutorat", 2),
        ("plan-formation", 3), ("referent-numerique", 1), ("espaces-innovants", 2), ("expertise-outils", 2),
        ("ressources", 2), ("accompagnement-projet", 2), ("post-cfa", 3),
    ])
    func validityFollowsEachCard(badge: String, years: Int) throws {
        let found = try #require(try builtinCatalogue().badge(badge))
        #expect(found.validityYears == years)
    }

    @Test func criterionIDsAreUniqueWithinEachBadgeAndScopedToIt() throws {
        let catalogue = try builtinCatalogue()
        for badge in catalogue.badges {
            #expect(Set(badge.criteria.map(\.id)).count == badge.criteria.count, "\(badge.id)")
            #expect(badge.criteria.allSatisfy { Evidence.isValidID($0.id) && !$0.text.isEmpty }, "\(badge.id)")
        }
        // Same id, two different criteria.
        #expect(catalogue.badge("espaces-innovants")?.criterion("tableau-numerique") != nil)
        #expect(catalogue.badge("expertise-outils")?.criterion("tableau-numerique") != nil)
        #expect(catalogue.badge("tutorat")?.criterion("tableau-numerique") == nil)
    }

    @Test func tutoratAndOtherUnnumberedCardsNeedAllCriteria() throws {
        let catalogue = try builtinCatalogue()
        for id in ["tutorat", "accessibilite", "apprentis", "plan-formation", "referent-numerique"] {
            let badge = try #require(catalogue.badge(id))
            #expect(badge.requirement == Requirement(required: badge.criteria.map(\.id)), "\(id)")
            #expect(badge.requirement.atLeast == 0 && badge.requirement.among.isEmpty, "\(id)")
        }
        #expect(catalogue.badge("tutorat")?.requirement.required
            == ["personnels-identifies", "outils-distance", "historique-echanges"])
        #expect(catalogue.badge("apprentis")?.requirement.required
            == ["referencer", "suivre", "evaluer", "micro-certifications"])
    }

    @Test func attractiviteNeedsTwoBeyondTheWebsite() throws {
        let badge = try #require(try builtinCatalogue().badge("attractivite"))
        #expect(badge.criterion("site-internet") != nil, "the website stays a criterion")
        #expect(badge.requirement.required.isEmpty)
        #expect(badge.requirement.atLeast == 2)
        #expect(badge.requirement.among
            == ["videos-metiers", "presentation-formations", "videos-cfa", "videos-apprentis", "reseaux-sociaux"])
        #expect(!badge.requirement.among.contains("site-internet"))
    }

    @Test func espacesInnovantsNeedsTravailEngagePlusOne() throws {
        let badge = try #require(try builtinCatalogue().badge("espaces-innovants"))
        #expect(badge.requirement == Requirement(
            required: ["travail-engage"], atLeast: 1,
            among: ["nouveaux-mobiliers", "outils-interaction", "disposition-salle", "dossiers-appel-offres", "tableau-numerique"]))
    }

    @Test func expertiseOutilsNeedsOneOfFive() throws {
        let badge = try #require(try builtinCatalogue().badge("expertise-outils"))
        #expect(badge.requirement == Requirement(
            required: [], atLeast: 1,
            among: ["visioconference", "realite-virtuelle", "robotique", "tableau-numerique", "autre-outil"]))
    }

    @Test func otherRequirementShapes() throws {
        let catalogue = try builtinCatalogue()
        #expect(catalogue.badge("prospection")?.requirement
            == Requirement(required: ["veille", "integration"], atLeast: 1, among: ["etudes", "cas-concrets"]))
        #expect(catalogue.badge("post-cfa")?.requirement
            == Requirement(required: ["plateforme-lien"], atLeast: 1, among: ["offres-emploi", "enquetes"]))
        #expect(catalogue.badge("accompagnement-projet")?.requirement
            == Requirement(required: [], atLeast: 1, among: ["eportfolio", "badges-numeriques", "cv-numerique", "employabilite"]))
        #expect(catalogue.badge("ressources")?.requirement
            == Requirement(required: [], atLeast: 1, among: ["niveau-1", "niveau-2", "niveau-3"]))
    }

    @Test func ressourcesLevelsAndRules() throws {
        let badge = try #require(try builtinCatalogue().badge("ressources"))
        #expect(badge.levels == [
            LevelCriterion(level: 1, criterion: "niveau-1"),
            LevelCriterion(level: 2, criterion: "niveau-2"),
            LevelCriterion(level: 3, criterion: "niveau-3"),
        ])
        #expect(badge.firstAward == [.minLevel(1)])
        #expect(badge.renewal == [.minLevel(2)])
    }

    @Test func prospectionAndApprentisNeedFullCoverageOnlyAtRenewal() throws {
        let catalogue = try builtinCatalogue()
        #expect(catalogue.badge("prospection")?.firstAward == [])
        #expect(catalogue.badge("prospection")?.renewal == [.fullCoverage(of: "formations concernées")])
        #expect(catalogue.badge("apprentis")?.firstAward == [])
        #expect(catalogue.badge("apprentis")?.renewal == [.fullCoverage(of: "groupes d'apprentis")])
    }

    @Test func otherBadgesRenewWithTheDefaultRule() throws {
        let catalogue = try builtinCatalogue()
        let own: Set = ["prospection", "apprentis", "ressources"]
        let others = catalogue.badges.filter { !own.contains($0.id) }
        #expect(others.count == 9)
        for badge in others {
            #expect(badge.firstAward == [], "\(badge.id)")
            #expect(badge.renewal == [.evidenceUpdatedSinceAward], "\(badge.id)")
            #expect(badge.levels.isEmpty, "\(badge.id)")
        }
    }

    @Test func builtinIsTheSourceFile() throws {
        let fromFile = try Catalogue.load(Array(catalogueSourceText().utf8), file: "catalogue.yaml")
        let builtin = try builtinCatalogue()
        #expect(fromFile.badges.map(\.id) == builtin.badges.map(\.id))
        #expect(fromFile.version == builtin.version)
    }
}

/// The 13th badge of docs/CATALOGUE.md, appended to a copy of the catalogue with no code change.
let thirteenthBadge = """
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

func catalogueWithThirteenthBadge() throws -> Catalogue {
    var text = try catalogueSourceText().replacingOccurrences(of: "version: \"2026.1\"", with: "version: \"2026.2\"")
    if !text.hasSuffix("\n") { text += "\n" }
    return try Catalogue.load(Array((text + thirteenthBadge).utf8), file: "catalogue-proposition.yaml")
}

@Suite("Catalogue: a 13th badge needs no code change")
struct ThirteenthBadgeTests {
    @Test func loadsFromBytes() throws {
        let catalogue = try catalogueWithThirteenthBadge()
        #expect(catalogue.version == "2026.2")
        #expect(catalogue.badges.count == 13)
        let badge = try #require(catalogue.badges.last)
        #expect(badge.id == "inclusion-numerique")
        #expect(badge.number == 13)
        #expect(!badge.mandatory)
        #expect(badge.criteria.map(\.id) == ["diagnostic", "pret-materiel", "ateliers"])
        #expect(badge.requirement == Requirement(required: ["diagnostic"], atLeast: 1, among: ["pret-materiel", "ateliers"]))
        #expect(badge.renewal == [.evidenceUpdatedSinceAward], "without renewal:, the default applies")
        // Adding a badge changes neither the label rule nor the mandatory list.
        #expect(catalogue.label.badgesRequired == 10)
        #expect(catalogue.mandatoryBadges.count == 5)
    }

    @Test func checkReportsTheNewBadgeAndAppliesItsRequirement() throws {
        let catalogue = try catalogueWithThirteenthBadge()
        var fixture = Fixture()
        fixture.identity.catalogueVersion = "2026.2"
        fixture.claim("inclusion-numerique")
        fixture.file("inclusion-numerique", "diagnostic")
        fixture.link("inclusion-numerique", "ateliers")
        let report = try fixture.check(catalogue)
        #expect(report.badges.map(\.id).last == "inclusion-numerique")
        #expect(report.badges.count == 13)
        let check = try report.badge("inclusion-numerique")
        #expect(check.problems == [])
        #expect(check.ready)
        #expect(check.criteriaMet == ["diagnostic", "ateliers"])
        #expect(report.label.readyBadges == 1)
        #expect(report.problems.isEmpty, "catalogueVersion 2026.2 matches")
    }

    @Test func missingRequiredCriterionOfTheNewBadge() throws {
        let catalogue = try catalogueWithThirteenthBadge()
        var fixture = Fixture()
        fixture.claim("inclusion-numerique")
        fixture.link("inclusion-numerique", "pret-materiel")
        let check = try fixture.check(catalogue).badge("inclusion-numerique")
        #expect(check.problems == [.criterionWithoutEvidence(criterion: "diagnostic")])
        #expect(!check.ready)
    }

    @Test func tooFewOptionalCriteriaOfTheNewBadge() throws {
        let catalogue = try catalogueWithThirteenthBadge()
        var fixture = Fixture()
        fixture.claim("inclusion-numerique")
        fixture.link("inclusion-numerique", "diagnostic")
        let check = try fixture.check(catalogue).badge("inclusion-numerique")
        #expect(check.problems == [.tooFewCriteria(needed: 1, met: 0, among: ["pret-materiel", "ateliers"])])
    }

    @Test func builtinCatalogueRefusesTheNewBadgeFolder() throws {
        var fixture = Fixture()
        fixture.claim("inclusion-numerique")
        fixture.link("inclusion-numerique", "diagnostic")
        let error = dossierError { _ = try DossierReader(source: fixture.source, catalogue: builtinCatalogue()).badgeIDs() }
        #expect(error?.reason == .unknownBadge("inclusion-numerique"))
        let ids = try DossierReader(source: fixture.source, catalogue: catalogueWithThirteenthBadge()).badgeIDs()
        #expect(ids == ["inclusion-numerique"])
    }
}

@Suite("Catalogue: loading errors carry file:line")
struct CatalogueErrorTests {
    /// A small valid catalogue; `badge` replaces the badge entry's body lines after `id`.
    static func catalogue(badgeBody: String, extraBadges: String = "") -> String {
        """
        version: "t1"
        label:
          id: test
          title: "Test"
          badgesRequired: 1
        defaults:
          renewal:
            - rule: evidenceUpdatedSinceAward
        badges:
          - id: essai
            number: 1
            title: "Essai"
            mandatory: false
        \(badgeBody)
        \(extraBadges)
        """
    }

    static let validBody = """
            validityYears: 2
            criteria:
              - id: un
                text: "Un"
              - id: deux
                text: "Deux"
            requirement:
              atLeast: 1
              among: [un, deux]
            firstAward: []
        """

    func loadError(_ text: String) -> DossierError? {
        dossierError { _ = try Catalogue.load(Array(text.utf8), file: "proposition.yaml") }
    }

    @Test func minimalCatalogueLoads() throws {
        let catalogue = try Catalogue.load(Array(Self.catalogue(badgeBody: Self.validBody).utf8), file: "proposition.yaml")
        #expect(catalogue.badges.map(\.id) == ["essai"])
        #expect(catalogue.badge("essai")?.renewal == [.evidenceUpdatedSinceAward])
        #expect(catalogue.badge("essai")?.requirement == Requirement(required: [], atLeast: 1, among: ["un", "deux"]))
    }

    @Test func requirementOmittedMeansAllCriteria() throws {
        let body = Self.validBody.replacingOccurrences(of: "    requirement:\n      atLeast: 1\n      among: [un, deux]\n", with: "")
        let catalogue = try Catalogue.load(Array(Self.catalogue(badgeBody: body).utf8), file: "p.yaml")
        #expect(catalogue.badge("essai")?.requirement == Requirement(required: ["un", "deux"]))
    }

    @Test func unknownRuleName() throws {
        let body = Self.validBody.replacingOccurrences(of: "firstAward: []", with: "firstAward:\n      - rule: niveauMinimum\n        level: 1")
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        #expect(error.file == "proposition.yaml")
        #expect(error.line == line(of: "rule: niveauMinimum", in: text))
        guard case .invalidValue(let field, let value, _) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(field == "rule" && value == "niveauMinimum")
        #expect(error.description.hasPrefix("proposition.yaml:\(error.line ?? -1): "))
    }

    @Test func unknownRuleInDefaults() throws {
        let text = Self.catalogue(badgeBody: Self.validBody)
            .replacingOccurrences(of: "- rule: evidenceUpdatedSinceAward", with: "- rule: toujours")
        let error = try #require(loadError(text))
        #expect(error.line == line(of: "rule: toujours", in: text))
    }

    @Test func requirementNamingAnUnknownCriterion() throws {
        let body = Self.validBody.replacingOccurrences(of: "among: [un, deux]", with: "among: [un, trois]")
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        #expect(error.file == "proposition.yaml")
        guard case .catalogue(let message) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(message.contains("trois"))
        // The line points into the requirement block.
        let start = try #require(line(of: "requirement:", in: text))
        let end = try #require(line(of: "among: [un, trois]", in: text))
        let reported = try #require(error.line)
        #expect((start...end).contains(reported))
    }

    @Test func requiredNamingAnUnknownCriterion() throws {
        let body = Self.validBody.replacingOccurrences(of: "      atLeast: 1\n", with: "      required: [zero]\n      atLeast: 1\n")
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        guard case .catalogue(let message) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(message.contains("zero"))
        #expect(error.line != nil)
    }

    @Test func levelNamingAnUnknownCriterion() throws {
        let body = Self.validBody + "\n    levels:\n      - level: 1\n        criterion: un\n      - level: 2\n        criterion: cinq"
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        #expect(error.line == line(of: "- level: 2", in: text))
        guard case .catalogue(let message) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(message.contains("cinq"))
    }

    @Test func unknownKeyInABadge() throws {
        let body = Self.validBody + "\n    couleur: or"
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        #expect(error.reason == .unknownField("couleur"))
        #expect(error.line == line(of: "couleur: or", in: text))
    }

    @Test func duplicateBadgeID() throws {
        let second = "  - id: essai\n    number: 2\n    title: \"Bis\"\n" + Self.validBody
        let text = Self.catalogue(badgeBody: Self.validBody, extraBadges: second)
        let error = try #require(loadError(text))
        #expect(error.line == line(of: "- id: essai", in: text, after: try #require(line(of: "- id: essai", in: text))))
        guard case .catalogue(let message) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(message.contains("essai"))
    }

    @Test func duplicateCriterion() throws {
        let body = Self.validBody.replacingOccurrences(of: "- id: deux", with: "- id: un")
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        let first = try #require(line(of: "- id: un", in: text))
        #expect(error.line == line(of: "- id: un", in: text, after: first))
    }

    @Test(arguments: ["0", "6", "deux"])
    func validityOutOfRange(value: String) throws {
        let body = Self.validBody.replacingOccurrences(of: "validityYears: 2", with: "validityYears: \(value)")
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        #expect(error.line == line(of: "validityYears:", in: text))
    }

    @Test func atLeastLargerThanAmong() throws {
        let body = Self.validBody.replacingOccurrences(of: "atLeast: 1", with: "atLeast: 3")
        let text = Self.catalogue(badgeBody: body)
        let error = try #require(loadError(text))
        #expect(error.line == line(of: "atLeast: 3", in: text))
    }

    @Test func yamlSyntaxError() throws {
        let text = Self.catalogue(badgeBody: Self.validBody).replacingOccurrences(of: "among: [un, deux]", with: "among: [un, deux")
        let error = try #require(loadError(text))
        guard case .yamlSyntax = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(error.file == "proposition.yaml")
        let reported = try #require(error.line)
        let syntaxLine = try #require(line(of: "among: [un, deux", in: text))
        #expect(reported >= syntaxLine)
    }

    @Test func missingVersion() throws {
        let text = Self.catalogue(badgeBody: Self.validBody).replacingOccurrences(of: "version: \"t1\"\n", with: "")
        #expect(loadError(text)?.reason == .missingField("version"))
    }

    @Test func noBadges() throws {
        let text = "version: \"1\"\nlabel:\n  id: x\n  title: X\nbadges: []\n"
        #expect(loadError(text)?.reason == .missingField("badges"))
    }
}
