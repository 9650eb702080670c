import DossierCore
import Foundation
import HubReview
import Hummingbird
internal import NIOCore
import WebLayer

/// The request context of the web application: who is signed in, in which language.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in member (set by `SessionMiddleware`).
    public var member: Member?
    /// The session cookie's token (never stored: the store keeps its hash).
    public var sessionToken: String?
    public var lang: Lang = .fr
    /// The peer's address (or the proxy's `X-Forwarded-For` on loopback).
    public var address: String?
    var bodyLimit: Int = 64 * 1024

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { bodyLimit }

    /// The CSRF token of this session (derived from the session token: nothing to store).
    var csrfToken: String? { sessionToken.map { Tokens.csrf(for: $0, purpose: "session") } }
}
