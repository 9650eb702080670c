import DossierCore
import Foundation
import Hub
internal import HTTPTypes
import Hummingbird

/// The navigation entry a page belongs to (marked `aria-current`).
enum NavEntry: String { case overview, queue, operations, none }

extension WebApp {
    /// A whole HTML page: `template` rendered with `model` (plus `t`, the page's strings in the
    /// reader's language, and `csrf`, the session's form token) inside the layout.
    func page(_ request: Request, _ context: WebContext, title: String, template: WebTemplate, strings: WebStrings,
              model: [String: Any], nav: NavEntry = .none, status: HTTPResponse.Status = .ok) throws -> Response {
        var model = model
        model["t"] = strings.table(context.lang)
        model["csrf"] = context.csrfToken ?? ""
        model["lang"] = context.lang.rawValue
        let content = try template.render(Self.pruned(model))
        return html(try layout(request, context, title: title, content: content, nav: nav), status: status)
    }

    /// The layout around already rendered content.
    func layout(_ request: Request, _ context: WebContext, title: String, content: String, nav: NavEntry) throws -> String {
        let lang = context.lang
        let other: Lang = lang == .fr ? .en : .fr
        var model: [String: Any] = [
            "lang": lang.rawValue, "otherLang": other.rawValue, "title": title, "content": content,
            "t": Layout.strings.table(lang), "back": Self.queryEscaped(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")),
        ]
        if let member = context.member {
            let count = (try? hub.openRequestCount()) ?? 0
            model["member"] = [
                "id": member.id, "roleText": member.role.text(lang), "region": member.role == .region, "csrf": context.csrfToken ?? "",
                "queueCount": count,
                "navOverview": nav == .overview, "navQueue": nav == .queue, "navOperations": nav == .operations,
            ] as [String: Any]
        }
        return try Layout.template.render(Self.pruned(model))
    }

    /// The model without its empty strings: in Mustache an empty string opens a section
    /// (`{{#error}}…{{/error}}`), a missing key does not; `{{x}}` renders both as nothing.
    static func pruned(_ model: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in model {
            switch value {
            case let text as String where text.isEmpty: continue
            case let nested as [String: Any]: result[key] = pruned(nested)
            case let rows as [[String: Any]]: result[key] = rows.map(pruned)
            default: result[key] = value
            }
        }
        return result
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A redirect after a form (303: the browser follows with GET).
    func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// The signed-in member, or `WebError.notSignedIn`.
    func member(_ context: WebContext) throws -> Member {
        guard let member = context.member else { throw WebError.notSignedIn }
        return member
    }

    /// A local path to go back to after signing in or switching language ("/" when it is not one).
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) else { return "/" }
        return text
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// A path segment, percent-encoded.
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
