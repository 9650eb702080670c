import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// The navigation entry a page belongs to (marked `aria-current`).
enum NavEntry: String { case overview, queue, operations, proposals, none }

extension WebApp {
    /// A whole HTML page: `template` rendered with `model` (plus `t`, the page's strings in the
    /// reader's language, and `csrf`, the session's form token) inside the layout.
    func page(_ request: Request, _ context: WebContext, title: String, template: WebTemplate, strings: WebStrings,
              model: [String: Any], nav: NavEntry = .none, status: HTTPResponse.Status = .ok) throws -> Response {
        var model = model
        model["t"] = strings.table(context.lang)
        model["csrf"] = context.csrfToken ?? ""
        model["lang"] = context.lang.rawValue
        let content = try template.render(WebModel.pruned(model))
        return html(try layout(request, context, title: title, content: content, nav: nav), status: status)
    }

    /// The layout around already rendered content.
    func layout(_ request: Request, _ context: WebContext, title: String, content: String, nav: NavEntry) throws -> String {
        let lang = context.lang
        let other: Lang = lang == .fr ? .en : .fr
        var model: [String: Any] = [
            "lang": lang.rawValue, "otherLang": other.rawValue, "title": title, "content": content,
            "t": Layout.strings.table(lang), "back": WebPath.queryEscaped(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")),
        ]
        if let member = context.member {
            let count = (try? hub.openRequestCount()) ?? 0
            model["member"] = [
                "id": member.id, "roleText": member.role.text(lang), "region": member.role == .region, "csrf": context.csrfToken ?? "",
                "queueCount": count,
                "navOverview": nav == .overview, "navQueue": nav == .queue, "navOperations": nav == .operations, "navProposals": nav == .proposals,
            ] as [String: Any]
        }
        return try Layout.template.render(WebModel.pruned(model))
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response { WebResponse.html(text, status: status) }

    func redirect(_ location: String, cookies: [String] = []) -> Response { WebResponse.redirect(location, cookies: cookies) }

    /// The signed-in member, or `WebError.notSignedIn`.
    func member(_ context: WebContext) throws -> Member {
        guard let member = context.member else { throw WebError.notSignedIn }
        return member
    }
}
