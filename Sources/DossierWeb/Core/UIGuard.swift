import DossierCore
import Foundation
internal import HTTPTypes
import Hummingbird
import WebLayer

/// What every request goes through before a page: it must come from this computer, name this
/// server in its `Host` header (a web page elsewhere cannot reach it through DNS rebinding), and
/// carry this run's session cookie — obtained only through the launch address. No CORS header is
/// ever sent. Errors become pages in the reader's language; security headers on every response.
struct UIGuard: RouterMiddleware {
    typealias Context = UIContext
    let app: UIApp

    func handle(_ request: Request, context: UIContext, next: (Request, UIContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        context.lang = WebLanguage.choose(request)
        context.bodyLimit = app.settings.maxFormBytes
        var response: Response
        do {
            guard Self.isLoopback(context.address) else { throw UIError.notLoopback }
            guard Self.hostsAreAllowed([request.head.authority].compactMap { $0 } + request.headers[values: Self.hostField], port: app.port.current) else {
                throw UIError.wrongHost
            }
            context.hasSession = app.session.isSession(request.cookies[UISession.cookieName]?.value)
            if !context.hasSession, !Self.isOpenPath(request.uri.path) { throw UIError.noSession }
            response = try await next(request, context)
        } catch {
            response = app.errorResponse(error, request: request, context: context)
        }
        SecurityHeaders.apply(to: &response)
        app.settings.requestLog?(RequestLog.line(request, response, since: start))
        return response
    }

    /// The `Host` header as a field: the HTTP/1 server moves the first one into `authority`, a
    /// second one stays a field.
    static let hostField = HTTPField.Name("Host")!

    /// Paths served without the session: the launch address and the style sheet.
    static func isOpenPath(_ path: String) -> Bool {
        path == "/open" || path == "/static/app.css" || path == "/static/favicon.svg"
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return true }  // a test driving the router without a socket
        return address == "127.0.0.1" || address == "::1" || address == "::ffff:127.0.0.1"
    }

    /// Every `Host` the request names (the authority, and any further `Host` field) is this server:
    /// `127.0.0.1`, `localhost` or `[::1]`, with this server's port or none. A page of another site
    /// reaching this port through DNS rebinding names its own host, and is refused.
    static func hostsAreAllowed(_ hosts: [String], port: Int) -> Bool {
        !hosts.isEmpty && hosts.allSatisfy { host in
            let host = host.lowercased()
            return ["127.0.0.1", "localhost", "[::1]"].contains { name in host == name || (port > 0 && host == "\(name):\(port)") }
        }
    }
}
