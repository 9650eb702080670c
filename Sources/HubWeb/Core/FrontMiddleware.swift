import DossierCore
import Foundation
import Hub
internal import HTTPTypes
import Hummingbird

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
        if let log = app.settings.requestLog {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            log("\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", ms))ms \(context.member?.id ?? "-")")
        }
        return response
    }
}

/// Headers sent with every response. Evidence responses set their own stricter policy first.
enum SecurityHeaders {
    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
        + "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static func apply(to response: inout Response) {
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = pagePolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.xFrameOptions] == nil { response.headers[.xFrameOptions] = "DENY" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let referrerPolicy = Self("Referrer-Policy")!
}

/// The reader's language: the `lang` cookie (the switch), then `Accept-Language`, then French.
enum WebLanguage {
    static let cookie = "lang"

    static func choose(_ request: Request) -> Lang {
        if let chosen = request.cookies[cookie]?.value, let lang = Lang(rawValue: chosen) { return lang }
        guard let header = request.headers[.acceptLanguage] else { return .fr }
        var best: (Lang, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let lang: Lang? = tag.hasPrefix("fr") ? .fr : tag.hasPrefix("en") ? .en : nil
            if let lang, quality > (best?.1 ?? 0) { best = (lang, quality) }
        }
        return best?.0 ?? .fr
    }

    /// The client's address given by a reverse proxy on the loopback address (the last hop it added).
    static func forwardedAddress(_ request: Request, peer: String?) -> String? {
        guard let peer, peer == "127.0.0.1" || peer == "::1", let header = request.headers[.xForwardedFor] else { return nil }
        return header.split(separator: ",").last.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
