import DossierCore
import Foundation
import Hub
import Hummingbird
import Logging
internal import NIOCore
import WebLayer

/// The reviewers' web application over a hub: build its router (for tests: HummingbirdTesting's
/// `app.test(.router)`) or a whole application (for `dossier hub serve`).
///
/// Every page talks to the hub's review room through the same functions the command line calls;
/// the hub's rules decide, the pages only show and ask.
public final class WebApp: Sendable {
    public let hub: Hub
    public let settings: WebSettings
    private let refreshed = RefreshGate()
    let dummyHash = DummyHash()

    public init(hub: Hub, settings: WebSettings) {
        self.hub = hub
        self.settings = settings
    }

    /// Marks awards whose validity ended as expired (and label lapses) before states are shown, as
    /// every CLI command does; expiry depends only on the day, so once per day per server suffices.
    func refreshExpiries() throws {
        let today = settings.today()
        guard refreshed.needs(today) else { return }
        try hub.refreshExpiries(on: today, now: settings.now())
        refreshed.done(today)
    }

    /// The router: the front middleware (sessions, errors as pages, security headers, the request
    /// log), then every page's routes.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: FrontMiddleware(app: self))
        StaticFiles.addRoutes(to: router)
        addSignInRoutes(to: router)
        addInvitationRoutes(to: router)
        addOverviewRoutes(to: router)
        addQueueRoutes(to: router)
        addRequestRoutes(to: router)
        addEvidenceRoutes(to: router)
        addDiffRoutes(to: router)
        addCFARoutes(to: router)
        addOperationsRoutes(to: router)
        addProposalRoutes(to: router)
        return router
    }

    /// The application listening on `host:port`; `started` receives the port it listens on.
    public func application(host: String, port: Int, logger: Logger,
                            started: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in started(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then stops gracefully: no new connection, requests in flight
    /// finish (each store write is one transaction: nothing half-written).
    public func serve(host: String, port: Int, started: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "dossier.hub.serve")
        logger.logLevel = .warning
        try await application(host: host, port: port, logger: logger, started: started).runService()
    }
}

/// The last day expiries were refreshed.
final class RefreshGate: @unchecked Sendable {
    private let lock = NSLock()
    private var day: Day?

    func needs(_ today: Day) -> Bool { lock.withLock { day != today } }
    func done(_ today: Day) { lock.withLock { day = today } }
}

/// A bcrypt hash of nothing anyone knows, made once, to check unknown members' passwords against.
final class DummyHash: @unchecked Sendable {
    private let lock = NSLock()
    private var hash: String?

    func value(cost: UInt8) -> String {
        lock.withLock {
            if let hash { return hash }
            let made = WebAccounts.hash(Tokens.random(), cost: cost)
            hash = made
            return made
        }
    }
}
