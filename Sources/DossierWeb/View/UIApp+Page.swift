import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import Hummingbird
import WebLayer

extension UIApp {
    /// A whole HTML page: `template` rendered with `model` (plus `t`, the page's strings in the
    /// reader's language, and `csrf`, the form token) inside the layout. `refresh` reloads the page
    /// after that many seconds (a sync's progress, without script).
    func page(_ request: Request, _ context: UIContext, title: String, template: WebTemplate, strings: WebStrings,
              model: [String: Any], nav: UINav = .none, status: HTTPResponse.Status = .ok, refresh: Int? = nil) throws -> Response {
        var model = model
        model["t"] = strings.table(context.lang)
        model["csrf"] = session.csrfToken
        model["lang"] = context.lang.rawValue
        let content = try template.render(WebModel.pruned(model))
        let lang = context.lang
        var frame: [String: Any] = [
            "lang": lang.rawValue, "otherLang": (lang == .fr ? Lang.en : Lang.fr).rawValue, "title": title, "content": content,
            "t": UILayout.strings.table(lang), "csrf": session.csrfToken, "session": context.hasSession,
            "back": WebPath.queryEscaped(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")),
            "dossier": context.hasSession && isDossier, "cfa": (try? cfaName()) ?? "",
        ]
        if let refresh { frame["refresh"] = String(refresh) }
        if context.hasSession, status == .ok { frame["state"] = stateFingerprint() }
        for entry in [UINav.dashboard, .save, .sync, .request, .history, .proposals] {
            frame["nav" + entry.rawValue.prefix(1).uppercased() + entry.rawValue.dropFirst()] = entry == nav
        }
        return WebResponse.html(try UILayout.template.render(WebModel.pruned(frame)), status: status)
    }

    /// The posted form, checked against this run's CSRF token.
    func form(_ request: Request, _ context: UIContext) async throws -> WebForm {
        try await WebForm.read(request, limit: context.maxUploadSize, csrf: session.csrfToken)
    }
}
