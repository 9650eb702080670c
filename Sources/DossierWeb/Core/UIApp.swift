import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import Logging
internal import NIOCore
import ServiceLifecycle
import WebLayer

/// The CFA's own application (`dossier ui`): the dossier on a local web page. Every page calls the
/// same library functions as the command line (`DossierEditor`, `Workspace.save`, `DossierCheck`,
/// `Syncer`, `Submitter`, `ConflictResolver`), with the same locks and the same messages, so that a
/// person can switch between the page, the terminal and hand edits at any time.
public final class UIApp: Sendable {
    public let settings: UISettings
    public let session: UISession
    /// The port the server listens on: the `Host` header must name it (no DNS rebinding).
    let port = ListeningPort()
    let quitSignal = QuitSignal()
    let receivedCatalogue = ReceivedCatalogueCache()
    let badgeEdits = BadgeEdits()
    let syncJob = SyncJob()  // the sync the page started, one at a time (SyncPage)

    public init(settings: UISettings, session: UISession = UISession()) {
        self.settings = settings
        self.session = session
    }

    /// The first address to open: it carries the launch token, exchanged for the session cookie.
    public func launchURL(port: Int) -> String {
        "http://127.0.0.1:\(port)/open?token=\(session.launchToken)"
    }

    /// For tests that drive the router without a socket: the port the `Host` header must name.
    public func assumePort(_ port: Int) { self.port.set(port) }

    /// The router: the guard (loopback, `Host`, session, security headers, errors as pages), then
    /// every page's routes.
    public func router() -> Router<UIContext> {
        let router = Router(context: UIContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: UIGuard(app: self))
        StaticFiles.addRoutes(to: router, extraCSS: UIStyle.css)
        addSessionRoutes(to: router)
        addDashboardRoutes(to: router)
        addBadgeRoutes(to: router)
        addSaveRoutes(to: router)
        addStartRoutes(to: router)
        addRemoteRoutes(to: router)
        addSyncRoutes(to: router)
        addConflictsRoutes(to: router)
        addRequestRoutes(to: router)
        addHistoryRoutes(to: router)
        addProposalRoutes(to: router)
        return router
    }

    /// Serves on 127.0.0.1 (`port` 0: a free one) until Ctrl-C, SIGTERM or the page's "Quitter";
    /// then stops gracefully: requests in flight finish, each of them leaves the dossier whole.
    /// `started` receives the port.
    public func serve(port: Int, logger: Logger? = nil, started: @escaping @Sendable (Int) -> Void) async throws {
        var log = logger ?? Logger(label: "dossier.ui")
        if logger == nil { log.logLevel = .warning }
        let application = Application(
            router: router(), configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { [port = self.port] channel in
                let chosen = channel.localAddress?.port ?? 0
                port.set(chosen)
                started(chosen)
            }, logger: log)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: log))
        quitSignal.onQuit { Task { await group.triggerGracefulShutdown() } }
        try await group.run()
        // A sync started from the page runs on its own thread, not in a request: let it finish (its
        // steps are crash-safe, but a finished sync is clearer to the person than a repaired one).
        // A transfer stuck on a silent network gives up at the remote's time-out.
        let deadline = ContinuousClock.now + .seconds(max(settings.remote(.fr).timeout * 2, 60))
        while syncJob.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
    }

    /// Stops the server after the current responses (the "Quitter" button).
    func quit() { quitSignal.fire() }
}

/// The port the server listens on (0 until it does).
final class ListeningPort: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func set(_ port: Int) { lock.withLock { value = port } }
    var current: Int { lock.withLock { value } }
}

/// The "Quitter" button's signal to the server.
final class QuitSignal: @unchecked Sendable {
    fileprivate let lock = NSLock()
    private var action: (@Sendable () -> Void)?
    fileprivate var fired = false

    func onQuit(_ action: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            self.action = action
            return fired
        }
        if now { action() }
    }

    func fire() {
        let action = lock.withLock { () -> (@Sendable () -> Void)? in
            fired = true
            return self.action
        }
        action?()
    }
}

extension QuitSignal {
    /// Whether "Quitter" was asked (for tests).
    var hasFired: Bool { lock.withLock { fired } }
}
