import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import Hummingbird
import WebLayer

/// The badge page's routes: `/badge/:id` and its forms, `/static/ui.js`.
extension UIApp {
    func addBadgeRoutes(to router: Router<UIContext>) {
        router.get("/static/ui.js") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: UIScript.source)))
        }
        router.get("/badge/:id") { [self] request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let outcome = request.uri.queryParameters.get("done").flatMap { Self.outcomeText($0, count: request.uri.queryParameters.get("n"), context.lang) }
            do {
                return try badgePage(request, context, id: id, view: BadgePageView(outcome: outcome))
            } catch {
                return try badgeFailure(error, request, context, id: id)
            }
        }
        router.post("/badge/:id/link") { [self] request, context -> Response in
            try await badgeAction(request, context) { badge, workspace, form in
                guard let kind = Evidence.Kind(rawValue: try form.required("kind")) else { throw WebError.badForm("kind") }
                let url = try form.required("url"), title = try form.required("title"), criterion = try form.required("criterion")
                try badgeEdits.run {
                    try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                    try workspace.editor.link(badge: badge.id, url: url, criterion: criterion, title: title, kind: kind)
                }
                return "linked"
            }
        }
        router.post("/badge/:id/narrative") { [self] request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            var posted: String?
            do {
                let form = try await form(request, context)
                let text = (form["narrative"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                posted = text
                if form["action"] == "preview" {
                    return try badgePage(request, context, id: id, view: BadgePageView(narrative: text, preview: true))
                }
                guard let badge = catalogue.badge(id) else { throw DossierError(.unknownBadge(id)) }
                let workspace = try workspace()
                try badgeEdits.run {
                    try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                    try workspace.editor.set(badge: badge.id, field: .narrative, value: text)
                }
                return WebResponse.redirect("/badge/" + WebPath.segment(badge.id) + "?done=narrative#narrative-heading")
            } catch {
                return try badgeFailure(error, request, context, id: id, unsavedNarrative: posted)
            }
        }
        for (path, field) in [("level", DossierEditor.Field.level), ("coverage", .coverage), ("status", .status)] {
            router.post("/badge/:id/\(path)") { [self] request, context -> Response in
                try await badgeAction(request, context) { badge, workspace, form in
                    let value = try form.required(path)
                    try badgeEdits.run {
                        try BadgeFingerprint.check(form["fingerprint"], workspace, badge: badge.id)
                        try workspace.editor.set(badge: badge.id, field: field, value: value)
                    }
                    return field == .status ? (value == "ready" ? "ready" : "draft") : path
                }
            }
        }
        addEvidenceActions(to: router)
        addUploadRoute(to: router)
    }

    /// The badge page, with `view`'s outcome or refusal, answered with `status`.
    func badgePage(_ request: Request, _ context: UIContext, id: String, view: BadgePageView, status: HTTPResponse.Status = .ok) throws -> Response {
        let (title, model) = try badgeModel(id, lang: context.lang, view: view)
        return try page(request, context, title: title, template: BadgePage.template, strings: BadgePage.strings, model: model,
                        nav: .dashboard, status: status)
    }

    /// A form of the badge page: the CSRF-checked form, the badge and the dossier given to `body`,
    /// which returns the outcome's code; then back to the page (303), or the page with the refusal.
    func badgeAction(_ request: Request, _ context: UIContext,
                     _ body: (Badge, Workspace, WebForm) async throws -> String) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        do {
            let form = try await form(request, context)
            guard let badge = catalogue.badge(id) else { throw DossierError(.unknownBadge(id)) }
            let workspace = try workspace()
            let done = try await body(badge, workspace, form)
            return WebResponse.redirect("/badge/" + WebPath.segment(badge.id) + "?done=" + done)
        } catch {
            return try badgeFailure(error, request, context, id: id)
        }
    }

    /// A refusal: the badge page (current version) with the message and its status; an unknown badge,
    /// or a dossier that cannot be read, as an error page. Internal errors go to the guard (logged).
    func badgeFailure(_ error: Error, _ request: Request, _ context: UIContext, id: String, unsavedNarrative: String? = nil) throws -> Response {
        let lang = context.lang
        let (status, message) = Self.badgeDescribe(error, lang)
        if status == .internalServerError { throw error }
        if case .unknownBadge? = (error as? DossierError)?.reason {
            return try badgeErrorPage(request, context, status: status, message: message)
        }
        if case UIError.noDossier = error { throw error }
        do {
            return try badgePage(request, context, id: id, view: BadgePageView(alert: message, unsavedNarrative: unsavedNarrative), status: status)
        } catch {
            return try badgeErrorPage(request, context, status: status, message: message)
        }
    }

    func badgeErrorPage(_ request: Request, _ context: UIContext, status: HTTPResponse.Status, message: String) throws -> Response {
        let heading = "\(status.code) — " + WebError.statusTitle(status, context.lang)
        return try page(request, context, title: heading, template: Self.errorTemplate, strings: Self.errorStrings,
                        model: ["heading": heading, "message": message, "back": "/"], status: status)
    }

    /// The status and text of a refusal on the badge page.
    static func badgeDescribe(_ error: Error, _ lang: Lang) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as BadgePageError: return (error.status, error.text(lang))
        case let error as UploadError: return (error.status, error.text(lang))
        case let error as DossierError:
            switch error.reason {
            case .unknownBadge, .unknownEvidence: return (.notFound, error.text(lang))
            default: return (.badRequest, error.text(lang))
            }
        default: return describe(error, lang)
        }
    }

    /// The line said after a form succeeded.
    static func outcomeText(_ code: String, count: String?, _ lang: Lang) -> String? {
        let n = count.flatMap { Int($0) } ?? 1
        let line: String? = switch code {
        case "added": lang.t("\(n) fichier(s) ajouté(s).", "\(n) file(s) added.")
        case "linked": lang.t("Lien ajouté.", "Link added.")
        case "retitled": lang.t("Preuve renommée.", "Evidence renamed.")
        case "moved": lang.t("Preuve rattachée à un autre critère.", "Evidence attached to another criterion.")
        case "removed": lang.t("Preuve retirée. « Annuler » la remet, jusqu'au prochain enregistrement.",
                               "Evidence removed. “Undo” puts it back, until the next save.")
        case "restored": lang.t("Preuve remise à sa place.", "Evidence put back.")
        case "narrative": lang.t("Récit écrit.", "Narrative written.")
        case "level": lang.t("Niveau réglé.", "Level set.")
        case "coverage": lang.t("Couverture réglée.", "Coverage set.")
        case "ready": lang.t("Badge marqué comme prêt.", "Badge marked as ready.")
        case "draft": lang.t("Badge repassé en brouillon.", "Badge back to draft.")
        default: nil
        }
        return line.map { $0 + lang.t(" Ces changements sont sur cet ordinateur ; « Enregistrer » les garde dans l'historique.",
                             " These changes are on this computer; “Save” keeps them in the history.") }
    }
}
