import Testing
@testable import DossierCore

/// The CFA's pages say the check's problems in plain words: criteria by their text, the page's
/// buttons instead of commands; the command line keeps its own wording.
@Suite struct ProblemPageTextTests {
    let tutorat = try! Catalogue.builtin().badge("tutorat")!

    @Test func aCriterionIsNamedByItsText() throws {
        let text = try #require(tutorat.criterion("historique-echanges")?.text)
        let problem = Problem.criterionWithoutEvidence(criterion: "historique-echanges")
        #expect(problem.pageText(.fr, badge: tutorat) == "Le critère « \(text) » n'a pas encore de preuve.")
        #expect(problem.pageText(.en, badge: tutorat) == "The criterion « \(text) » has no evidence yet.")
        #expect(problem.text(.fr) == "critère sans preuve : historique-echanges")
    }

    @Test func noCommandIsSuggestedOnAPage() {
        let problems: [Problem] = [
            .draft, .evidenceHashChanged(evidence: "e1", path: "p"), .evidenceHashNotRecorded(evidence: "e1", path: "p"),
            .unrecordedFile(path: "p"), .levelMissing(required: 1), .coverageMissing(of: "formations"),
            .mediaNotDownloaded(evidence: "e1", path: "p"), .versionConflict(evidence: "e1", path: "p"), .awardSnapshotUnknown,
        ]
        for problem in problems {
            for lang in Lang.allCases {
                let text = problem.pageText(lang, badge: tutorat)
                #expect(!text.contains("« dossier ") && !text.contains("`dossier ") && !text.contains("--"), "\(problem) in \(lang): \(text)")
            }
        }
        #expect(Problem.draft.text(.fr, badge: "tutorat").contains("dossier set tutorat status ready"))
    }

    @Test func anUnknownCriterionIdStaysAsIs() {
        #expect(Problem.criterionWithoutEvidence(criterion: "x-y").pageText(.fr, badge: nil) == "Le critère « x-y » n'a pas encore de preuve.")
    }
}
