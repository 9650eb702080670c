import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import Hummingbird
import Sync
import WebLayer

/// `/request`: the badges that pass the check (to tick), a message, one button —
/// `Submitter.submit`, as `dossier submit` does: a submission tag on the current save, sent by the
/// next sync. Badges that do not pass say why; requests already made and waiting say so. With
/// unsaved changes the request is refused with the command line's own message.
extension UIApp {
    func addRequestRoutes(to router: Router<UIContext>) {
        router.get("/request") { [self] request, context -> Response in
            var made: [String] = []
            if let given = request.uri.queryParameters.get("made") {
                let workspace = try workspace()
                made = try given.split(separator: ",").compactMap { SubmissionTag(String($0)) }.filter { tag in
                    try workspace.repository.referenceTarget(tag.reference) != nil
                }.map(\.name)
            }
            return try requestPage(request, context, made: made)
        }
        router.post("/request") { [self] request, context -> Response in
            let form = try await form(request, context)
            let lang = context.lang
            let workspace = try workspace()
            let chosen = catalogue.badges.map(\.id).filter { form["badge-" + $0] != nil }
            guard !chosen.isEmpty else {
                return try requestPage(request, context, error: lang.t("Cochez au moins un badge à demander. Rien n'a été demandé.",
                                                                       "Tick at least one badge to request. Nothing was requested."), status: .badRequest)
            }
            let message = form["message"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            let tags: [String]
            do {
                tags = try Submitter(workspace: workspace).submit(badges: chosen, message: message?.isEmpty == false ? message : nil,
                                                                  tagger: workspace.author(nil), date: settings.now())
            } catch {
                // The command line's own refusal (unsaved changes, a badge not ready, busy), on the page.
                guard error is any Localized else { throw error }
                let (status, text) = Self.describe(error, lang)
                return try requestPage(request, context, error: text, status: status)
            }
            return WebResponse.redirect("/request?made=" + WebPath.queryEscaped(tags.joined(separator: ",")))
        }
    }

    func requestPage(_ request: Request, _ context: UIContext, made: [String] = [], error: String? = nil,
                     status: HTTPResponse.Status = .ok) throws -> Response {
        let lang = context.lang
        var model = try requestModel(lang)
        if let error { model["error"] = error }
        model["made"] = made.map { tag in
            lang.t("Demande enregistrée : \(tag). Elle partira à la Région à la prochaine synchronisation.",
                   "Request recorded: \(tag). It goes to the Région at the next sync.")
        }
        model["hasMade"] = !made.isEmpty
        return try page(request, context, title: RequestPage.strings.table(lang)["title"] ?? "", template: RequestPage.template,
                        strings: RequestPage.strings, model: model, nav: .request, status: status)
    }

    func requestModel(_ lang: Lang) throws -> [String: Any] {
        let workspace = try workspace()
        let checked = try DossierCheck.run(workspace)
        let today = settings.today()
        let view = DecisionsView(checked.decisions, today: today, catalogue: catalogue)
        let requests = try workspace.repository.referenceNames(matching: SubmissionTag.pattern()).compactMap { SubmissionTag($0) }
        let unsent = Set(try syncer(workspace, lang: lang).unpushedSubmissions())
        var ready: [[String: Any]] = [], waiting: [[String: Any]] = [], notReady: [[String: Any]] = []
        for badge in checked.report.badges {
            let state = BadgeState.of(badge, claim: checked.dossier.claims[badge.id], decisions: checked.decisions, view: view, requests: requests, today: today)
            let number = catalogue.badge(badge.id)?.number ?? 0
            var row: [String: Any] = ["id": badge.id, "title": "\(number). \(badge.title)", "mandatory": badge.mandatory,
                                      "state": state.text(lang), "href": "/badge/" + WebPath.segment(badge.id)]
            if case .requested = state, let tag = requests.filter({ $0.badge == badge.id }).max() {
                row["tag"] = tag.name
                row["sent"] = unsent.contains(tag.name)
                    ? lang.t("pas encore envoyée : elle partira à la prochaine synchronisation", "not sent yet: it goes at the next sync")
                    : lang.t("envoyée, en attente de la décision de la Région", "sent, waiting for the Région's decision")
                waiting.append(row)
            } else if badge.ready {
                ready.append(row)
            } else {
                row["problems"] = badge.problems.filter(\.isBlocking).map { RequestPage.problemText($0, badge: badge.id, lang) }
                notReady.append(row)
            }
        }
        var model: [String: Any] = [
            "ready": ready, "hasReady": !ready.isEmpty, "waiting": waiting, "hasWaiting": !waiting.isEmpty,
            "notReady": notReady, "hasNotReady": !notReady.isEmpty,
        ]
        let unsaved = try workspace.changedFiles().count
        if unsaved > 0 {
            model["unsaved"] = lang.t("\(unsaved) fichier(s) modifié(s) pas encore enregistré(s) : une demande porte sur le dernier enregistrement, enregistrez d'abord.",
                                      "\(unsaved) changed file(s) not saved yet: a request is about the last save, save first.")
        }
        return model
    }
}

extension RequestPage {
    /// A check problem in words (the command line's, naming the badge where it says `BADGE`).
    static func problemText(_ problem: Problem, badge: String, _ lang: Lang) -> String {
        problem.text(lang).replacingOccurrences(of: "dossier set BADGE", with: "dossier set \(badge)")
    }
}
