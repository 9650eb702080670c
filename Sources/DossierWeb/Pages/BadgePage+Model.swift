import DossierCore
import DossierRepository
import Foundation
import Sync
import WebLayer

/// What a badge page shows besides the dossier: an outcome, a refusal, a narrative being previewed.
struct BadgePageView {
    var alert: String?
    var outcome: String?
    /// The narrative posted for a preview (shown instead of the claim's).
    var narrative: String?
    var preview = false
    /// A narrative that could not be saved (the page was stale): shown so that it is not lost.
    var unsavedNarrative: String?
}

extension UIApp {
    /// The badge page's model and title.
    func badgeModel(_ id: String, lang: Lang, view: BadgePageView) throws -> (title: String, model: [String: Any]) {
        guard let badge = catalogue.badge(id) else { throw DossierError(.unknownBadge(id)) }
        let workspace = try workspace()
        let fingerprint = BadgeFingerprint.of(workspace, badge: badge.id)
        // The check reads and validates the claim as the editor does; read it alone when the check cannot run.
        let checking = Result { try DossierCheck.badge(badge.id, in: workspace) }
        let claim = try (try? checking.get()).map { $0.claim ?? Claim() } ?? workspace.editor.claim(badge)
        let base = "/badge/" + WebPath.segment(badge.id)
        var model: [String: Any] = [
            "number": badge.number, "title": badge.title, "mandatory": badge.mandatory, "summary": badge.summary,
            "recognises": badge.recognises, "base": base, "fingerprint": fingerprint,
            "validity": lang.t("valable \(badge.validityYears) an(s)", "valid \(badge.validityYears) year(s)"),
            "requirement": badge.requirement.text(lang) { id in "« \(badge.criterion(id)?.text ?? id) »" },
            "firstAward": BadgeRulesText.rules(badge.firstAward, lang: lang), "renewal": BadgeRulesText.rules(badge.renewal, lang: lang),
            "rulesText": badge.rulesText ?? "", "hasLevels": !badge.levels.isEmpty,
            "levels": badge.levels.map { ["level": $0.level, "criterion": badge.criterion($0.criterion)?.text ?? $0.criterion] as [String: Any] },
            "alert": view.alert ?? "", "outcome": view.outcome ?? "", "isReady": claim.status == .ready,
        ]

        // The check, as `dossier check` makes it (this badge only); its problems next to what they concern.
        var checkedBadge: BadgeCheck?
        do {
            let checked = try checking.get()
            checkedBadge = checked.check
            let today = settings.today()
            let decisions = DecisionsView(checked.decisions, today: today, catalogue: catalogue)
            let requests = try workspace.repository.referenceNames(matching: SubmissionTag.pattern()).compactMap { SubmissionTag($0) }
            let state = BadgeState.of(checked.check, decisions: checked.decisions, view: decisions, requests: requests, today: today)
            model["state"] = state.text(lang)
            model["symbol"] = state.symbol
        } catch {
            model["checkError"] = Self.describe(error, lang).1
        }
        let problems = checkedBadge?.problems ?? []
        let evidenceIDs = Set(claim.evidence.map(\.id))
        func row(_ problem: Problem) -> [String: Any] {
            ["text": problem.pageText(lang, badge: badge), "advice": !problem.isBlocking,
             "class": problem.isBlocking ? "bad" : "warn"]
        }
        func placeOf(_ problem: Problem) -> String {
            if let evidence = problem.evidence, evidenceIDs.contains(evidence) { return "e:" + evidence }
            if let criterion = problem.criterion, badge.criterion(criterion) != nil { return "c:" + criterion }
            return ""
        }
        let general = problems.filter { placeOf($0).isEmpty }.map(row)
        model["problems"] = general
        model["hasProblems"] = !general.isEmpty
        model["ready"] = checkedBadge?.ready ?? false

        // Criteria with their evidence; evidence naming a criterion the badge does not have comes last.
        let choices = badge.criteria.map { ["id": $0.id, "text": $0.text] }
        var criterionIDs = badge.criteria.map(\.id)
        for evidence in claim.evidence where !criterionIDs.contains(evidence.criterion) { criterionIDs.append(evidence.criterion) }
        model["criteria"] = criterionIDs.map { criterionID -> [String: Any] in
            let evidence: [[String: Any]] = claim.evidence.filter { $0.criterion == criterionID }.map { item in
                let itemProblems = problems.filter { placeOf($0) == "e:" + item.id }.map(row)
                var entry: [String: Any] = [
                    "id": item.id, "title": item.title, "href": base + "/evidence/" + WebPath.segment(item.id),
                    "problems": itemProblems, "hasProblems": !itemProblems.isEmpty,
                    "choices": choices.map { ["id": $0["id"] ?? "", "text": $0["text"] ?? "", "selected": $0["id"] == item.criterion] as [String: Any] },
                ]
                switch item.location {
                case .file(let path, _, _): entry["file"] = path
                case .url(let url, let kind):
                    // Only an http(s) address becomes a link (a hand edit may have written anything).
                    entry["url"] = url
                    entry["link"] = Evidence.isValidURL(url) ? url : ""
                    entry["kind"] = Self.kindText(kind, lang)
                }
                return entry
            }
            let criterionProblems = problems.filter { placeOf($0) == "c:" + criterionID }.map(row)
            let known = badge.criterion(criterionID)
            return [
                "id": criterionID, "text": known?.text ?? lang.t("Critère inconnu du catalogue : \(criterionID)", "Criterion unknown to the catalogue: \(criterionID)"),
                "met": checkedBadge?.criteriaMet.contains(criterionID) ?? false,
                "evidence": evidence, "hasEvidence": !evidence.isEmpty, "problems": criterionProblems, "hasProblems": !criterionProblems.isEmpty,
            ]
        }
        model["criterionChoices"] = choices
        model["kinds"] = [Evidence.Kind.web, .lms, .video].map { ["value": $0.rawValue, "text": Self.kindText($0, lang)] }

        // Undo of the removals since the last save.
        let trash = try BadgeTrash(workspace)
        model["undo"] = trash.entries(badge: badge.id).reversed().map { entry -> [String: Any] in
            ["token": entry.token, "text": lang.t("Preuve « \(entry.title) » retirée.", "Evidence “\(entry.title)” removed.")]
        }

        // Narrative, level, coverage.
        let narrative = view.narrative ?? claim.narrative
        model["narrative"] = narrative
        if view.preview {
            model["hasPreview"] = true
            model["preview"] = BadgeMarkdown.html(narrative)
            model["previewUnsaved"] = narrative != claim.narrative
        }
        if let unsaved = view.unsavedNarrative { model["unsavedNarrative"] = unsaved }
        let rules = badge.firstAward + badge.renewal
        let minimum = rules.compactMap { rule -> Int? in if case .minLevel(let level) = rule { return level }; return nil }
        if !badge.levels.isEmpty || !minimum.isEmpty {
            let top = max(3, (badge.levels.map(\.level) + minimum).max() ?? 3)
            model["hasLevel"] = true
            model["levelChoices"] = [["value": "none", "text": lang.t("non renseigné", "not set"), "selected": claim.level == nil] as [String: Any]]
                + (0...top).map { ["value": String($0), "text": String($0), "selected": claim.level == $0] as [String: Any] }
        }
        if let of = rules.lazy.compactMap({ rule -> String? in if case .fullCoverage(let of) = rule { return of }; return nil }).first {
            model["hasCoverage"] = true
            model["coverageLabel"] = lang.t("Couverture (\(of))", "Coverage (\(of))")
            model["coverage"] = claim.coverage?.description ?? ""
        }
        return ("\(badge.number). \(badge.title)", model)
    }

    static func kindText(_ kind: Evidence.Kind, _ lang: Lang) -> String {
        switch kind {
        case .web: lang.t("page web", "web page")
        case .lms: lang.t("cours en ligne (LMS)", "online course (LMS)")
        case .video: lang.t("vidéo", "video")
        }
    }
}

/// The catalogue's rules and the check's problems in the words `dossier catalogue` and `dossier check`
/// print them.
enum BadgeRulesText {
    static func rules(_ rules: [Rule], lang: Lang) -> String {
        let text = rules.map { $0.text(lang) }.joined(separator: " ; ")
        return text.isEmpty ? lang.t("les critères suffisent", "the criteria suffice") : text
    }
}
