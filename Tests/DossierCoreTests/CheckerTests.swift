import Foundation
import Testing
import TestServers
@testable import DossierCore

private let renewal = Checker.Options(renewal: true)

@Suite("Checker: requirements")
struct CheckerRequirementTests {
    @Test func attractiviteWebsitePlusOneIsNotEnough() throws {
        var fixture = Fixture()
        fixture.claim("attractivite")
        fixture.link("attractivite", "site-internet")
        fixture.link("attractivite", "reseaux-sociaux")
        let check = try fixture.check(builtinCatalogue()).badge("attractivite")
        #expect(check.problems == [.tooFewCriteria(
            needed: 1, met: 1, among: ["videos-metiers", "presentation-formations", "videos-cfa", "videos-apprentis"])])
        #expect(!check.ready)
        #expect(check.criteriaMet == ["site-internet", "reseaux-sociaux"])
    }

    @Test func attractiviteWebsiteAloneCountsForNothing() throws {
        var fixture = Fixture()
        fixture.claim("attractivite")
        fixture.link("attractivite", "site-internet")
        fixture.link("attractivite", "site-internet", id: "autre-page")
        let check = try fixture.check(builtinCatalogue()).badge("attractivite")
        guard case .tooFewCriteria(let needed, let met, _) = check.problems.first else {
            Issue.record("unexpected \(check.problems)")
            return
        }
        #expect(needed == 2 && met == 0)
    }

    @Test func attractiviteTwoBeyondTheWebsiteIsReady() throws {
        var fixture = Fixture()
        fixture.claim("attractivite")
        fixture.link("attractivite", "site-internet")
        fixture.link("attractivite", "reseaux-sociaux")
        fixture.file("attractivite", "videos-cfa")
        let check = try fixture.check(builtinCatalogue()).badge("attractivite")
        #expect(check.problems == [])
        #expect(check.ready)
        // Still valid without the website at all.
        var noSite = Fixture()
        noSite.claim("attractivite")
        noSite.link("attractivite", "videos-metiers")
        noSite.link("attractivite", "presentation-formations")
        #expect(try noSite.check(builtinCatalogue()).badge("attractivite").ready)
    }

    @Test func tutoratMissingOneCriterion() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.file("tutorat", "personnels-identifies")
        fixture.link("tutorat", "outils-distance")
        let check = try fixture.check(builtinCatalogue()).badge("tutorat")
        #expect(check.problems == [.criterionWithoutEvidence(criterion: "historique-echanges")])
        #expect(!check.ready)
        #expect(check.criteriaMet == ["personnels-identifies", "outils-distance"])
    }

    @Test func tutoratWithEveryCriterionIsReady() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.file("tutorat", "personnels-identifies")
        fixture.link("tutorat", "outils-distance")
        fixture.file("tutorat", "historique-echanges")
        let check = try fixture.check(builtinCatalogue()).badge("tutorat")
        #expect(check.problems == [])
        #expect(check.ready)
        #expect(check.status == .ready)
        #expect(check.mandatory)
    }

    @Test func espacesInnovantsNeedsTheRequiredCriterion() throws {
        var fixture = Fixture()
        fixture.claim("espaces-innovants")
        fixture.link("espaces-innovants", "nouveaux-mobiliers")
        fixture.link("espaces-innovants", "tableau-numerique")
        #expect(try fixture.check(builtinCatalogue()).badge("espaces-innovants").problems
            == [.criterionWithoutEvidence(criterion: "travail-engage")])
        fixture.link("espaces-innovants", "travail-engage")
        #expect(try fixture.check(builtinCatalogue()).badge("espaces-innovants").ready)
    }

    @Test func espacesInnovantsNeedsOneMoreThanTheRequiredCriterion() throws {
        var fixture = Fixture()
        fixture.claim("espaces-innovants")
        fixture.link("espaces-innovants", "travail-engage")
        let problems = try fixture.check(builtinCatalogue()).badge("espaces-innovants").problems
        #expect(problems == [.tooFewCriteria(needed: 1, met: 0, among: [
            "nouveaux-mobiliers", "outils-interaction", "disposition-salle", "dossiers-appel-offres", "tableau-numerique"])])
    }

    @Test func expertiseOutilsOneOfFive() throws {
        var fixture = Fixture()
        fixture.claim("expertise-outils", narrative: "")
        #expect(try fixture.check(builtinCatalogue()).badge("expertise-outils").problems.map(\.code) == ["tooFewCriteria"])
        fixture.link("expertise-outils", "autre-outil")
        #expect(try fixture.check(builtinCatalogue()).badge("expertise-outils").ready)
    }

    @Test func notStartedBadge() throws {
        let report = try Fixture().check(builtinCatalogue())
        let check = try report.badge("tutorat")
        #expect(check.problems == [.notStarted])
        #expect(check.status == nil)
        #expect(!check.ready)
        #expect(try report.badges.map(\.id) == builtinCatalogue().badges.map(\.id))
    }

    @Test func draftIsBlockingEvenWhenComplete() throws {
        var fixture = Fixture()
        fixture.complete(try #require(try builtinCatalogue().badge("tutorat")))
        fixture.claims["tutorat"]?.status = .draft
        let check = try fixture.check(builtinCatalogue()).badge("tutorat")
        #expect(check.problems == [.draft])
        #expect(check.status == .draft)
        #expect(!check.ready)
        #expect(check.criteriaMet.count == 3, "a draft still shows what it has")
    }

    @Test func draftAlsoListsWhatItMisses() throws {
        var fixture = Fixture()
        fixture.claim("referent-numerique", status: .draft)
        let problems = try fixture.check(builtinCatalogue()).badge("referent-numerique").problems
        #expect(problems.contains(.draft))
        #expect(problems.contains(.criterionWithoutEvidence(criterion: "referent-designe")))
    }

    @Test func requirementArithmetic() {
        let requirement = Requirement(required: ["a"], atLeast: 2, among: ["b", "c", "d"])
        #expect(requirement.unmet(satisfied: []).missingRequired == ["a"])
        #expect(requirement.unmet(satisfied: []).missingCount == 2)
        #expect(requirement.unmet(satisfied: ["a", "b"]).missingCount == 1)
        #expect(!requirement.isMet(satisfied: ["a", "b"]))
        #expect(requirement.isMet(satisfied: ["a", "b", "d"]))
        #expect(!requirement.isMet(satisfied: ["b", "c", "d"]))
        #expect(Requirement.all(["x", "y"]).isMet(satisfied: ["x", "y"]))
        #expect(!Requirement.all(["x", "y"]).isMet(satisfied: ["x"]))
    }
}

@Suite("Checker: evidence soundness")
struct CheckerEvidenceTests {
    @Test func missingFileDoesNotCount() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.file("tutorat", "personnels-identifies", id: "liste-tuteurs", name: "tuteurs.csv")
        fixture.link("tutorat", "outils-distance")
        fixture.link("tutorat", "historique-echanges")
        fixture.files["badges/tutorat/evidence/tuteurs.csv"] = nil
        let check = try fixture.check(builtinCatalogue()).badge("tutorat")
        #expect(check.problems.contains(.evidenceFileMissing(evidence: "liste-tuteurs", path: "badges/tutorat/evidence/tuteurs.csv")))
        #expect(check.problems.contains(.criterionWithoutEvidence(criterion: "personnels-identifies")))
        #expect(check.problems.count == 2)
        #expect(!check.criteriaMet.contains("personnels-identifies"))
        #expect(!check.ready)
    }

    @Test func changedHashDoesNotCount() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.file("tutorat", "personnels-identifies", id: "charte", name: "charte.md", content: "Charte du 12/03.\n")
        fixture.link("tutorat", "outils-distance")
        fixture.link("tutorat", "historique-echanges")
        #expect(try fixture.check(builtinCatalogue()).badge("tutorat").ready)
        // Same size, different bytes: only the hash shows it.
        fixture.files["badges/tutorat/evidence/charte.md"] = "Charte du 19/03.\n"
        let check = try fixture.check(builtinCatalogue()).badge("tutorat")
        #expect(check.problems == [
            .evidenceHashChanged(evidence: "charte", path: "badges/tutorat/evidence/charte.md"),
            .criterionWithoutEvidence(criterion: "personnels-identifies"),
        ])
        #expect(!check.ready)
    }

    @Test func unknownCriterionDoesNotCount() throws {
        var fixture = Fixture()
        fixture.claim("attractivite")
        fixture.link("attractivite", "reseaux-sociaux")
        fixture.link("attractivite", "podcasts", id: "podcast-apprentis")
        let check = try fixture.check(builtinCatalogue()).badge("attractivite")
        #expect(check.problems.contains(.unknownCriterion(evidence: "podcast-apprentis", criterion: "podcasts")))
        #expect(check.problems.contains { $0.code == "tooFewCriteria" })
        #expect(check.criteriaMet == ["reseaux-sociaux"])
    }

    @Test func criterionOfAnotherBadgeIsUnknown() throws {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.link("tutorat", "veille", id: "veille-hors-badge")
        let problems = try fixture.check(builtinCatalogue()).badge("tutorat").problems
        #expect(problems.contains(.unknownCriterion(evidence: "veille-hors-badge", criterion: "veille")))
    }

    @Test func faultyExtraEvidenceBlocksEvenWhenTheCriterionIsCovered() throws {
        var fixture = Fixture()
        fixture.complete(try #require(try builtinCatalogue().badge("plan-formation")))
        fixture.file("plan-formation", "formations-attestees-badges", id: "attestations-badges-2025", name: "attestations.csv")
        fixture.files["badges/plan-formation/evidence/attestations.csv"] = nil
        let check = try fixture.check(builtinCatalogue()).badge("plan-formation")
        #expect(check.problems == [.evidenceFileMissing(evidence: "attestations-badges-2025",
                                                         path: "badges/plan-formation/evidence/attestations.csv")])
        #expect(!check.ready)
        #expect(check.criteriaMet.count == 3)
    }

    @Test func hashNotRecordedIsAdviceAndCounts() throws {
        var fixture = Fixture()
        fixture.claim("referent-numerique")
        fixture.claims["referent-numerique"]?.evidence.append(
            Evidence(id: "lettre", title: "Lettre de mission", criterion: "referent-designe",
                     location: .file(path: "lettre.md", sha256: nil, size: nil)))
        fixture.files["badges/referent-numerique/evidence/lettre.md"] = "Lettre.\n"
        let check = try fixture.check(builtinCatalogue()).badge("referent-numerique")
        #expect(check.problems == [.evidenceHashNotRecorded(evidence: "lettre", path: "badges/referent-numerique/evidence/lettre.md")])
        #expect(!check.problems[0].isBlocking)
        #expect(check.ready)
        #expect(check.criteriaMet == ["referent-designe"])
    }

    @Test func unrecordedFileIsNonBlockingAdvice() throws {
        var fixture = Fixture()
        fixture.claim("referent-numerique")
        fixture.file("referent-numerique", "referent-designe", id: "lettre", name: "lettre.md")
        fixture.files["badges/referent-numerique/evidence/brouillon.docx"] = "brouillon"
        fixture.files["badges/referent-numerique/evidence/captures/ecran.png"] = "png"
        let check = try fixture.check(builtinCatalogue()).badge("referent-numerique")
        #expect(check.problems == [
            .unrecordedFile(path: "badges/referent-numerique/evidence/brouillon.docx"),
            .unrecordedFile(path: "badges/referent-numerique/evidence/captures/ecran.png"),
        ])
        #expect(check.problems.allSatisfy { !$0.isBlocking })
        #expect(check.ready)
    }

    @Test func unrecordedFileAloneDoesNotMeetACriterion() throws {
        var fixture = Fixture()
        fixture.claim("referent-numerique")
        fixture.files["badges/referent-numerique/evidence/lettre.md"] = "Lettre.\n"
        let check = try fixture.check(builtinCatalogue()).badge("referent-numerique")
        #expect(check.problems.contains(.criterionWithoutEvidence(criterion: "referent-designe")))
        #expect(check.problems.contains(.unrecordedFile(path: "badges/referent-numerique/evidence/lettre.md")))
        #expect(!check.ready)
    }

    @Test func evidenceInASubfolder() throws {
        var fixture = Fixture()
        fixture.claim("referent-numerique")
        fixture.file("referent-numerique", "referent-designe", id: "capture", name: "captures/organigramme.png")
        let check = try fixture.check(builtinCatalogue()).badge("referent-numerique")
        #expect(check.problems == [])
    }
}

@Suite("Checker: award and renewal rules")
struct CheckerRuleTests {
    func ressources(level: Int?, criteria: [String]) -> Fixture {
        var fixture = Fixture()
        fixture.claim("ressources", level: level)
        for criterion in criteria { fixture.link("ressources", criterion) }
        return fixture
    }

    @Test func ressourcesLevel1IsReadyAtFirstAward() throws {
        let check = try ressources(level: 1, criteria: ["niveau-1"]).check(builtinCatalogue()).badge("ressources")
        #expect(check.problems == [])
        #expect(check.ready)
    }

    @Test func ressourcesLevel1IsTooLowAtRenewal() throws {
        let check = try ressources(level: 1, criteria: ["niveau-1"]).check(builtinCatalogue(), options: renewal).badge("ressources")
        #expect(check.problems == [.levelTooLow(level: 1, required: 2)])
        #expect(!check.ready)
    }

    @Test func ressourcesLevel2BackedByNiveau2IsReadyAtRenewal() throws {
        let check = try ressources(level: 2, criteria: ["niveau-1", "niveau-2"]).check(builtinCatalogue(), options: renewal)
            .badge("ressources")
        #expect(check.problems == [], "ressources has its own renewal rule: no award snapshot needed")
        #expect(check.ready)
    }

    @Test func ressourcesLevel2BackedByAHigherLevel() throws {
        let check = try ressources(level: 2, criteria: ["niveau-3"]).check(builtinCatalogue(), options: renewal).badge("ressources")
        #expect(check.problems == [])
    }

    @Test func ressourcesLevel2WithOnlyNiveau1EvidenceIsNotBacked() throws {
        for options in [Checker.Options(), renewal] {
            let check = try ressources(level: 2, criteria: ["niveau-1"]).check(builtinCatalogue(), options: options).badge("ressources")
            #expect(check.problems == [.levelNotBacked(level: 2, criterion: "niveau-2")])
            #expect(!check.ready)
        }
    }

    @Test func ressourcesLevelBackedOnlyByUnsoundEvidenceIsNotBacked() throws {
        var fixture = ressources(level: 2, criteria: ["niveau-1"])
        fixture.file("ressources", "niveau-2", id: "module", name: "module.md")
        fixture.files["badges/ressources/evidence/module.md"] = "modifié"
        let problems = try fixture.check(builtinCatalogue(), options: renewal).badge("ressources").problems
        #expect(problems.contains(.levelNotBacked(level: 2, criterion: "niveau-2")))
        #expect(problems.contains { $0.code == "evidenceHashChanged" })
    }

    @Test func ressourcesWithoutLevel() throws {
        let fixture = ressources(level: nil, criteria: ["niveau-1"])
        #expect(try fixture.check(builtinCatalogue()).badge("ressources").problems == [.levelMissing(required: 1)])
        #expect(try fixture.check(builtinCatalogue(), options: renewal).badge("ressources").problems == [.levelMissing(required: 2)])
    }

    @Test func ressourcesLevelAboveEveryDefinedLevelMustBeBacked() throws {
        // FORMAT.md: « a claimed level must be backed by sound evidence for that level's criterion or a
        // higher one ». Level 5 has no criterion at all, so niveau-1 evidence cannot back it.
        let check = try ressources(level: 5, criteria: ["niveau-1"]).check(builtinCatalogue(), options: renewal).badge("ressources")
        do {
            #expect(!check.ready)
            #expect(check.problems.contains { $0.code == "levelNotBacked" })
        }
    }

    func prospection(coverage: String?) -> Fixture {
        var fixture = Fixture()
        fixture.claim("prospection", coverage: coverage)
        fixture.file("prospection", "veille")
        fixture.file("prospection", "integration")
        fixture.link("prospection", "cas-concrets", kind: .video)
        return fixture
    }

    @Test func prospectionPartialCoverageIsReadyAtFirstAward() throws {
        let check = try prospection(coverage: "5/6").check(builtinCatalogue()).badge("prospection")
        #expect(check.problems == [])
        #expect(check.ready)
    }

    @Test func prospectionWithoutCoverageIsReadyAtFirstAward() throws {
        #expect(try prospection(coverage: nil).check(builtinCatalogue()).badge("prospection").problems == [])
    }

    @Test func prospectionPartialCoverageIsIncompleteAtRenewal() throws {
        let check = try prospection(coverage: "5/6").check(builtinCatalogue(), options: renewal).badge("prospection")
        #expect(check.problems == [.coverageIncomplete(coverage: try #require(Coverage("5/6")), of: "formations concernées")])
        #expect(!check.ready)
    }

    @Test func prospectionFullCoverageIsReadyAtRenewal() throws {
        let check = try prospection(coverage: "6/6").check(builtinCatalogue(), options: renewal).badge("prospection")
        #expect(check.problems == [])
        #expect(check.ready)
    }

    @Test func prospectionMissingCoverageAtRenewal() throws {
        let check = try prospection(coverage: nil).check(builtinCatalogue(), options: renewal).badge("prospection")
        #expect(check.problems == [.coverageMissing(of: "formations concernées")])
    }

    func apprentis(coverage: String?) -> Fixture {
        var fixture = Fixture()
        fixture.claim("apprentis", coverage: coverage)
        for criterion in ["referencer", "suivre", "evaluer", "micro-certifications"] { fixture.file("apprentis", criterion) }
        return fixture
    }

    @Test func apprentisCoverageRules() throws {
        let catalogue = try builtinCatalogue()
        #expect(try apprentis(coverage: "3/8").check(catalogue).badge("apprentis").problems == [])
        #expect(try apprentis(coverage: nil).check(catalogue).badge("apprentis").problems == [])
        #expect(try apprentis(coverage: "3/8").check(catalogue, options: renewal).badge("apprentis").problems
            == [.coverageIncomplete(coverage: try #require(Coverage("3/8")), of: "groupes d'apprentis")])
        #expect(try apprentis(coverage: nil).check(catalogue, options: renewal).badge("apprentis").problems
            == [.coverageMissing(of: "groupes d'apprentis")])
        #expect(try apprentis(coverage: "18/18").check(catalogue, options: renewal).badge("apprentis").ready)
        #expect(try apprentis(coverage: "8/8").check(catalogue, options: renewal).badge("apprentis").ready)
    }
}

@Suite("Checker: default renewal rule (evidenceUpdatedSinceAward)")
struct CheckerDefaultRenewalTests {
    /// A complete tutorat claim with two files and a link.
    func awarded() -> Fixture {
        var fixture = Fixture()
        fixture.claim("tutorat")
        fixture.file("tutorat", "personnels-identifies", id: "tuteurs", name: "tuteurs.csv", content: "nom;role\nA;tuteur\n")
        fixture.link("tutorat", "outils-distance", id: "classe-virtuelle", url: "https://lms.example.fr/tutorat", kind: .lms)
        fixture.file("tutorat", "historique-echanges", id: "procedure", name: "procedure.md", content: "Procédure v1\n")
        return fixture
    }

    func renewalCheck(_ current: Fixture, awarded: Claim?) throws -> BadgeCheck {
        let options = Checker.Options(renewal: true, awarded: awarded.map { ["tutorat": $0] } ?? [:])
        return try current.check(builtinCatalogue(), options: options).badge("tutorat")
    }

    @Test func identicalClaimHasNoUpdate() throws {
        let before = awarded()
        let check = try renewalCheck(before, awarded: before.claims["tutorat"])
        #expect(check.problems == [.noUpdateSinceAward])
        #expect(!check.ready)
    }

    @Test func addedEvidenceIsAnUpdate() throws {
        let before = awarded()
        var now = before
        now.file("tutorat", "historique-echanges", id: "export-2026", name: "export-2026.csv")
        let check = try renewalCheck(now, awarded: before.claims["tutorat"])
        #expect(check.problems == [])
        #expect(check.ready)
    }

    @Test func changedHashIsAnUpdate() throws {
        let before = awarded()
        var now = before
        // The file is replaced and its new hash recorded (same id, same name).
        let content = "Procédure v2, révisée\n"
        now.files["badges/tutorat/evidence/procedure.md"] = content
        let index = try #require(now.claims["tutorat"]?.evidence.firstIndex { $0.id == "procedure" })
        now.claims["tutorat"]?.evidence[index].location = .file(path: "procedure.md", sha256: sha256(content), size: content.utf8.count)
        let check = try renewalCheck(now, awarded: before.claims["tutorat"])
        #expect(check.problems == [])
    }

    @Test func changedURLIsAnUpdate() throws {
        let before = awarded()
        var now = before
        let index = try #require(now.claims["tutorat"]?.evidence.firstIndex { $0.id == "classe-virtuelle" })
        now.claims["tutorat"]?.evidence[index].location = .url("https://lms.example.fr/tutorat-2026", kind: .lms)
        #expect(try renewalCheck(now, awarded: before.claims["tutorat"]).problems == [])
    }

    @Test func changingOnlyTheKindOfALinkIsNotAnUpdate() throws {
        // FORMAT.md: an update is a new id, or a changed file, hash, size or URL; `kind` is not listed.
        let before = awarded()
        var now = before
        let index = try #require(now.claims["tutorat"]?.evidence.firstIndex { $0.id == "classe-virtuelle" })
        now.claims["tutorat"]?.evidence[index].location = .url("https://lms.example.fr/tutorat", kind: .web)
        let problems = try renewalCheck(now, awarded: before.claims["tutorat"]).problems
        do {
            #expect(problems == [.noUpdateSinceAward])
        }
    }

    @Test func retitleOrMoveIsNotAnUpdate() throws {
        let before = awarded()
        var now = before
        now.claims["tutorat"]?.evidence[0].title = "Nouveau titre"
        now.claims["tutorat"]?.narrative = "Un tout autre texte.\n"
        #expect(try renewalCheck(now, awarded: before.claims["tutorat"]).problems == [.noUpdateSinceAward])
        // Moving an evidence to another criterion does not count either.
        now.link("tutorat", "outils-distance", id: "messagerie")
        var moved = now
        moved.claims["tutorat"]?.evidence[1].criterion = "historique-echanges"
        var movedAwarded = now.claims["tutorat"]!
        movedAwarded.evidence[1].criterion = "outils-distance"
        #expect(try renewalCheck(moved, awarded: movedAwarded).problems == [.noUpdateSinceAward])
    }

    @Test func removedEvidenceIsNotAnUpdate() throws {
        var before = awarded()
        before.link("tutorat", "outils-distance", id: "messagerie")
        var now = before
        now.claims["tutorat"]?.evidence.removeAll { $0.id == "messagerie" }
        #expect(try renewalCheck(now, awarded: before.claims["tutorat"]).problems == [.noUpdateSinceAward])
    }

    @Test func withoutAwardedSnapshot() throws {
        let check = try renewalCheck(awarded(), awarded: nil)
        #expect(check.problems == [.awardSnapshotUnknown])
        #expect(!check.ready)
    }

    @Test func firstAwardIgnoresRenewalRules() throws {
        let check = try awarded().check(builtinCatalogue()).badge("tutorat")
        #expect(check.problems == [])
    }

    @Test func awardedSnapshotOfAnotherBadgeDoesNotHelp() throws {
        let before = awarded()
        let options = Checker.Options(renewal: true, awarded: ["plan-formation": before.claims["tutorat"]!])
        #expect(try before.check(builtinCatalogue(), options: options).badge("tutorat").problems == [.awardSnapshotUnknown])
    }
}

@Suite("Checker: label progress and dossier problems")
struct CheckerLabelTests {
    static let optional = ["attractivite", "referent-numerique", "espaces-innovants", "expertise-outils", "ressources",
                           "accompagnement-projet", "post-cfa"]
    static let mandatory = ["prospection", "accessibilite", "apprentis", "tutorat", "plan-formation"]

    func fixture(ready ids: [String]) throws -> Fixture {
        var fixture = Fixture()
        for id in ids { fixture.complete(try #require(try builtinCatalogue().badge(id))) }
        return fixture
    }

    @Test func tenReadyIncludingTheFiveMandatoryIsEligible() throws {
        let report = try fixture(ready: Self.mandatory + Self.optional.prefix(5)).check(builtinCatalogue())
        #expect(report.badges.filter(\.ready).count == 10)
        #expect(report.label.readyBadges == 10)
        #expect(report.label.badgesRequired == 10)
        #expect(report.label.mandatoryReady == 5)
        #expect(report.label.mandatoryTotal == 5)
        #expect(report.label.missingMandatory == [])
        #expect(report.label.eligible)
        #expect(report.label.badgesStillNeeded == 0)
        #expect(report.problems.isEmpty)
    }

    @Test func tenReadyMissingOneMandatoryIsNotEligible() throws {
        let ids = Self.mandatory.filter { $0 != "tutorat" } + Self.optional.prefix(6)
        let report = try fixture(ready: ids).check(builtinCatalogue())
        #expect(report.label.readyBadges == 10)
        #expect(report.label.mandatoryReady == 4)
        #expect(report.label.missingMandatory == ["tutorat"])
        #expect(!report.label.eligible)
        #expect(report.label.badgesStillNeeded == 1)
    }

    @Test func aDraftMandatoryBadgeIsMissing() throws {
        var fixture = try fixture(ready: Self.mandatory + Self.optional)
        fixture.claims["apprentis"]?.status = .draft
        let report = try fixture.check(builtinCatalogue())
        #expect(report.label.readyBadges == 11)
        #expect(report.label.missingMandatory == ["apprentis"])
        #expect(!report.label.eligible)
    }

    @Test func nineReadyIsNotEnough() throws {
        let report = try fixture(ready: Self.mandatory + Self.optional.prefix(4)).check(builtinCatalogue())
        #expect(report.label.readyBadges == 9)
        #expect(report.label.missingMandatory == [])
        #expect(!report.label.eligible)
        #expect(report.label.badgesStillNeeded == 1)
    }

    @Test func allTwelveReadyAtFirstAward() throws {
        let report = try fixture(ready: Self.mandatory + Self.optional).check(builtinCatalogue())
        #expect(report.badges.allSatisfy { $0.ready })
        #expect(report.label.eligible)
        #expect(!report.renewal)
        #expect(report.catalogueVersion == "2026.1")
    }

    @Test func identityAdvice() throws {
        var fixture = Fixture()
        fixture.identity.contact = nil
        fixture.identity.referentNumerique = nil
        fixture.identity.catalogueVersion = "2025.9"
        let report = try fixture.check(builtinCatalogue())
        #expect(report.problems == [.contactMissing, .referentMissing,
                                    .catalogueVersionMismatch(dossier: "2025.9", catalogue: "2026.1")])
        #expect(report.problems.allSatisfy { !$0.isBlocking })
    }
}

@Suite("Checker: the sample dossiers")
struct SampleDossierCheckTests {
    func report(_ sample: String, options: Checker.Options = .init()) throws -> CheckReport {
        let source = FileSystemSource(root: packageRoot.appendingPathComponent("sample-dossiers/\(sample)").path)
        let catalogue = try builtinCatalogue()
        let dossier = try DossierReader(source: source, catalogue: catalogue).loadValid()
        return try Checker(catalogue: catalogue).check(dossier, source: source, options: options)
    }

    @Test func batimentCaenMeetsTheLabel() throws {
        let report = try report("batiment-caen")
        #expect(report.label.readyBadges == 10)
        #expect(report.label.eligible)
        #expect(try report.badge("accompagnement-projet").problems == [.draft])
        #expect(try report.badge("post-cfa").problems.contains(.criterionWithoutEvidence(criterion: "plateforme-lien")))
        #expect(try report.badge("ressources").ready)
        #expect(report.problems.isEmpty)
    }

    @Test func boulangerieRouenIsPartial() throws {
        let report = try report("boulangerie-rouen")
        #expect(report.label.readyBadges == 4)
        #expect(Set(report.badges.filter(\.ready).map(\.id)) == ["prospection", "accessibilite", "attractivite", "ressources"])
        #expect(!report.label.eligible)
        for id in ["espaces-innovants", "expertise-outils", "accompagnement-projet", "post-cfa"] {
            #expect(try report.badge(id).problems == [.notStarted])
        }
        let renewal = try self.report("boulangerie-rouen", options: .init(renewal: true))
        #expect(try renewal.badge("prospection").problems.contains { $0.code == "coverageIncomplete" })
        #expect(try renewal.badge("ressources").problems.contains(.levelTooLow(level: 1, required: 2)))
    }

    @Test func multiMetiersEvreuxHasFiveFaultyBadges() throws {
        let report = try report("multi-metiers-evreux")
        #expect(report.label.readyBadges == 5)
        #expect(!report.label.eligible)
        #expect(Set(report.label.missingMandatory) == ["tutorat", "plan-formation"])
        #expect(try report.badge("tutorat").problems.map(\.code) == ["evidenceHashChanged"])
        #expect(try report.badge("tutorat").problems.first?.evidence == "charte-tutorat")
        #expect(try report.badge("plan-formation").problems.map(\.code) == ["evidenceFileMissing"])
        #expect(try report.badge("plan-formation").problems.first?.evidence == "attestations-badges-2025")
        #expect(try report.badge("attractivite").problems.contains(.unknownCriterion(evidence: "podcast-apprentis", criterion: "podcasts")))
        #expect(try report.badge("post-cfa").problems.contains(.criterionWithoutEvidence(criterion: "plateforme-lien")))
        #expect(try report.badge("ressources").problems.contains(.levelNotBacked(level: 2, criterion: "niveau-2")))
    }
}
