import DossierCore
import Foundation
import Hub
import Hummingbird
import Logging
internal import NIOCore

/// The reviewers' web application over a hub: build its router (for tests: HummingbirdTesting's
/// `app.test(.router)`) or a whole application (for `dossier hub serve`).
///
/// Every page talks to the hub's review room through the same functions the command line calls;
/// the hub's rules decide, the pages only show and ask.
public final class WebApp: Sendable {
    public let hub: Hub
    public let settings: WebSettings

    public init(hub: Hub, settings: WebSettings) {
        self.hub = hub
        self.settings = settings
    }

    /// The router: the front middleware (sessions, errors as pages, security headers, the request
    /// log), then every page's routes.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: FrontMiddleware(app: self))
        addStaticRoutes(to: router)
        addSignInRoutes(to: router)
        addInvitationRoutes(to: router)
        addOverviewRoutes(to: router)
        addQueueRoutes(to: router)
        addRequestRoutes(to: router)
        addEvidenceRoutes(to: router)
        addDiffRoutes(to: router)
        addCFARoutes(to: router)
        addOperationsRoutes(to: router)
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
