import DossierCore
import Foundation
import HubReview
import Remote
import WebLayer

/// How the web application runs: where it is reached, limits, lifetimes and clocks. Plain values
/// the executable builds from its flags (the library reads no environment).
public struct WebSettings: Sendable {
    /// The address members type (`https://revue.region.fr`), used in invitation links and to decide
    /// whether cookies are `Secure`. Nil: `http://<listen address>`.
    public var baseURL: String?
    /// Largest request body accepted (bytes); larger → 413.
    public var maxBodyBytes: Int
    public var sessionLifetime: TimeInterval
    public var invitationLifetime: TimeInterval
    public var throttle: SignInThrottle
    /// bcrypt cost (2^cost rounds): 12 in production; tests lower it.
    public var bcryptCost: UInt8
    /// Trust `X-Forwarded-For` from a reverse proxy on the loopback address (for throttling and logs).
    public var trustLoopbackProxy: Bool
    /// One line per request (method, path, status, duration, member); nil: not logged.
    public var requestLog: (@Sendable (String) -> Void)?
    /// How to reach the CFAs' media servers for the "fetch this video" button (credentials, known
    /// hosts, time-out); nil: no button, the page names the CLI command instead.
    public var mediaOptions: RemoteOptions?
    /// The clock (tests fix it).
    public var now: @Sendable () -> Date
    /// The hub's today (the executable honours its `DOSSIER_TODAY`).
    public var today: @Sendable () -> Day

    public init(baseURL: String? = nil, maxBodyBytes: Int = 64 * 1024, sessionLifetime: TimeInterval = 12 * 3600,
                invitationLifetime: TimeInterval = 7 * 24 * 3600, throttle: SignInThrottle = SignInThrottle(),
                bcryptCost: UInt8 = 12, trustLoopbackProxy: Bool = true, requestLog: (@Sendable (String) -> Void)? = nil,
                mediaOptions: RemoteOptions? = nil,
                now: @escaping @Sendable () -> Date = { Date() }, today: (@Sendable () -> Day)? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.maxBodyBytes = maxBodyBytes
        self.sessionLifetime = sessionLifetime
        self.invitationLifetime = invitationLifetime
        self.throttle = throttle
        self.bcryptCost = bcryptCost
        self.trustLoopbackProxy = trustLoopbackProxy
        self.requestLog = requestLog
        self.mediaOptions = mediaOptions
        self.now = now
        self.today = today ?? { Day(now()) }
    }

    /// Cookies carry `Secure` when members reach the hub over https.
    public var secureCookies: Bool { baseURL?.lowercased().hasPrefix("https://") ?? false }
}
