import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// What every request goes through: language, session, the page's answer (errors become pages
/// in the reader's language), security headers, one log line.
struct FrontMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        context.bodyLimit = app.settings.maxBodyBytes
        context.lang = WebLanguage.choose(request)
        if app.settings.trustLoopbackProxy, let forwarded = WebLanguage.forwardedAddress(request, peer: context.address) {
            context.address = forwarded
        }
        var response: Response
        do {
            if let token = request.cookies[SessionCookie.name]?.value, Tokens.isWellFormed(token),
               let found = try app.hub.sessionMember(tokenHash: Tokens.hash(token), now: app.settings.now()) {
                context.member = found.1
                context.sessionToken = token
            }
            response = try await next(request, context)
        } catch {
            response = app.errorResponse(error, request: request, context: context)
        }
        SecurityHeaders.apply(to: &response)
        app.settings.requestLog?(RequestLog.line(request, response, since: start, extra: context.member?.id ?? "-"))
        return response
    }
}
