import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import WebLayer

/// `/history`: the saves, newest first, 50 a page (`dossier log`), each linking to
/// `/history/<commit>`, that save's semantic diff against its parent (`dossier diff PARENT COMMIT`);
/// and the Région's decisions with their dates and reasons.
extension UIApp {
    func addHistoryRoutes(to router: Router<UIContext>) {
        router.get("/history") { [self] request, context -> Response in
            let lang = context.lang
            var number = 1
            if let given = request.uri.queryParameters.get("page") {
                guard given.count <= 6, given.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(given), value >= 1 else {
                    throw HTTPError(.notFound)
                }
                number = value
            }
            let model = try historyModel(page: number, lang: lang)
            return try page(request, context, title: HistoryPage.strings.table(lang)["title"] ?? "", template: HistoryPage.template,
                            strings: HistoryPage.strings, model: model, nav: .history)
        }
        router.get("/history/:commit") { [self] request, context -> Response in
            let lang = context.lang
            let given = context.parameters.get("commit") ?? ""
            guard HistoryPage.isCommitID(given) else { throw HTTPError(.notFound) }
            let workspace = try workspace()
            guard let head = try workspace.head(), let commit = try? workspace.history.commit(given.lowercased()),
                  try commit.id == head.id || workspace.repository.mergeBase(commit.id, head.id) == commit.id else {
                throw HTTPError(.notFound)
            }
            let model = try HistoryPage.saveModel(commit, workspace: workspace, lang: lang)
            return try page(request, context, title: model["heading"] as? String ?? "", template: HistoryPage.saveTemplate,
                            strings: HistoryPage.saveStrings, model: model, nav: .history)
        }
    }

    func historyModel(page number: Int, lang: Lang) throws -> [String: Any] {
        let workspace = try workspace()
        let size = HistoryPage.pageSize
        let entries = try workspace.head().map { try workspace.history.log(from: $0, limit: number * size + 1) } ?? []
        let shown = Array(entries.dropFirst((number - 1) * size).prefix(size))
        if number > 1, shown.isEmpty { throw HTTPError(.notFound) }
        let saves: [[String: Any]] = shown.map { entry in
            let lines = entry.message.split(separator: "\n", omittingEmptySubsequences: false)
            return [
                "href": "/history/" + entry.commit, "short": entry.shortCommit, "author": entry.author,
                "date": MomentFormat.shared.string(entry.date, lang), "message": lines.first.map(String.init) ?? "",
                "badges": entry.badges.map { catalogue.badge($0)?.title ?? $0 }.joined(separator: ", "),
                "merge": entry.parents.count > 1,
            ]
        }
        var model: [String: Any] = [
            "saves": saves, "hasSaves": !saves.isEmpty,
            "decisions": try HistoryPage.decisionsModel(workspace, today: settings.today(), catalogue: catalogue, lang: lang),
            "page": lang.t("Page \(number)", "Page \(number)"),
        ]
        model["hasDecisions"] = !((model["decisions"] as? [[String: Any]]) ?? []).isEmpty
        if number > 1 { model["newer"] = number == 2 ? "/history" : "/history?page=\(number - 1)" }
        if entries.count > number * size { model["older"] = "/history?page=\(number + 1)" }
        return model
    }
}

extension HistoryPage {
    static let pageSize = 50

    /// A commit id as an address may give it: 4 to 40 hexadecimal digits, nothing else.
    static func isCommitID(_ text: String) -> Bool {
        (4...40).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    /// One save: who, when, its message, and what it changed against its (first) parent.
    static func saveModel(_ commit: Commit, workspace: Workspace, lang: Lang) throws -> [String: Any] {
        let parents = try commit.parents()
        let diff = try parents.first.map { try workspace.diff(from: $0.id.hex, to: commit.id.hex) }
            ?? workspace.history.diff(from: nil, to: commit)
        let date = MomentFormat.shared.string(commit.author.date, lang)
        var model: [String: Any] = [
            "heading": lang.t("Enregistrement du \(date)", "Save of \(date)"),
            "short": commit.id.short, "author": commit.author.name, "email": commit.author.email, "date": date,
            "message": commit.message.trimmingCharacters(in: .whitespacesAndNewlines),
            "parents": parents.map { ["href": "/history/" + $0.id.hex, "short": $0.id.short, "summary": $0.summary] as [String: Any] },
            "merge": parents.count > 1, "first": parents.isEmpty, "empty": diff.isEmpty,
            "against": parents.count > 1 ? lang.t("Comparé au premier enregistrement fusionné (\(parents[0].id.short)).",
                                                  "Compared with the first save merged (\(parents[0].id.short)).") : "",
        ]
        if !diff.isEmpty { model["diff"] = try DossierDiffView.render(diff, catalogue: workspace.catalogue, lang: lang) }
        return model
    }

    /// Every decision of the Région, newest first: outcome, day, validity, the reviewers' reasons.
    static func decisionsModel(_ workspace: Workspace, today: Day, catalogue: Catalogue, lang: Lang) throws -> [[String: Any]] {
        let decisions = try Decisions.read(from: workspace.repository)
        let view = DecisionsView(decisions, today: today, catalogue: catalogue)
        let current = Dictionary(view.awards.map { ($0.commit + $0.badge, $0) }, uniquingKeysWith: { a, _ in a })
        return decisions.all.sorted { ($0.date, $0.submission) > ($1.date, $1.submission) }.map { decision in
            let (symbol, outcome): (String, String) = switch decision.outcome {
            case .awarded: ("★", lang.t("badge décerné", "badge awarded"))
            case .changesRequested: ("↺", lang.t("modifications demandées", "changes requested"))
            case .rejected: ("✘", lang.t("demande refusée", "request rejected"))
            case .revoked: ("⊘", lang.t("badge retiré", "badge revoked"))
            }
            var row: [String: Any] = [
                "badge": catalogue.badge(decision.badge)?.title ?? decision.badge, "symbol": symbol, "outcome": outcome,
                "date": decision.date.text(lang), "submission": decision.submission,
                "reasons": decision.reasons.map { ["member": $0.member, "role": $0.role, "text": $0.text] as [String: Any] },
                "hasReasons": !decision.reasons.isEmpty,
            ]
            if let from = decision.validFrom, let until = decision.validUntil {
                var validity = lang.t("valable du \(from.text(lang)) jusqu'au \(until.text(lang)) (exclu)",
                                      "valid from \(from.text(lang)) until \(until.text(lang)) (exclusive)")
                if let award = current[decision.commit + decision.badge], award.validFrom == from, decision.outcome == .awarded {
                    if award.expired {
                        validity += lang.t(" — expiré", " — expired")
                    } else if award.renewalDue {
                        validity += lang.t(" — à renouveler (moins de \(DecisionsView.renewalNoticeDays) jours)",
                                           " — renewal due (under \(DecisionsView.renewalNoticeDays) days)")
                    }
                }
                row["validity"] = validity
            }
            return row
        }
    }
}
