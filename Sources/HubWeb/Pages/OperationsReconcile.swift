import DossierCore
import Foundation
import Hub
import WebLayer

/// Reconciles started from the operations page: one at a time per hub in this process, each on a
/// thread of its own (the reconciler blocks while its workers fetch; request handling never
/// waits for it). It runs the same `Reconciler` as `dossier hub reconcile` and so holds
/// `reconcile.lock`: a reconcile from the command line at the same time is refused cleanly on
/// either side.
final class ReconcileRuns: @unchecked Sendable {
    /// What the page shows of the reconcile under way or the last one.
    struct Run: Sendable {
        var startedBy: String
        var startedAt: Date
        var total: Int
        var done = 0
        var running = true
        var finishedAt: Date?
        var report: ReconcileReport?
        /// Why the run did not happen or stopped (another reconcile held the lock, the store failed).
        var refusal: Refusal?
    }

    enum Refusal: Sendable, Equatable {
        case lockHeld
        /// The run failed as a whole (the hub's reason when it gave one).
        case failed(HubError?)
    }

    static let shared = ReconcileRuns()

    private let lock = NSLock()
    private var runs: [String: Run] = [:]
    private var options: [String: @Sendable () -> Reconciler.Options] = [:]

    /// The run under way or the last one, for the hub in `root`.
    func run(hubRoot root: String) -> Run? { lock.withLock { runs[root] } }

    func setOptions(hubRoot root: String, _ make: @escaping @Sendable () -> Reconciler.Options) {
        lock.withLock { options[root] = make }
    }

    /// Starts a reconcile of every CFA on its own thread; false when one started here is still
    /// running. `finished` is called on that thread at the end (tests wait on it).
    @discardableResult
    func start(hub: Hub, by member: String, clock: @escaping @Sendable () -> Date, today: @escaping @Sendable () -> Day,
               finished: (@Sendable () -> Void)? = nil) -> Bool {
        let root = hub.root
        let total = (try? hub.cfas().count) ?? 0
        var started = false
        var configured: (@Sendable () -> Reconciler.Options)?
        lock.withLock {
            guard runs[root]?.running != true else { return }
            runs[root] = Run(startedBy: member, startedAt: clock(), total: total)
            configured = options[root]
            started = true
        }
        guard started else { return false }
        let make = configured
        let thread = Thread { [self] in
            var report: ReconcileReport?
            var refusal: Refusal?
            do {
                var options = make?() ?? .withoutCredentials(jobs: hub.settings.jobs, knownHosts: root + "/known_hosts")
                options.now = clock()
                options.onOutcome = { [self] _ in lock.withLock { runs[root]?.done += 1 } }
                report = try Reconciler(hub: hub, options: options).run()
                try? hub.refreshExpiries(on: today())
            } catch HubError.reconcileRunning {
                refusal = .lockHeld
            } catch {
                refusal = .failed(error as? HubError)
            }
            lock.withLock {
                runs[root]?.running = false
                runs[root]?.finishedAt = clock()
                runs[root]?.report = report
                runs[root]?.refusal = refusal
            }
            finished?()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return true
    }
}

extension WebApp {
    /// How reconciles started from the operations page reach the CFAs (credentials, known hosts,
    /// parallel jobs): the executable passes what `dossier hub reconcile` would use. Unset:
    /// `Reconciler.Options.withoutCredentials` (local paths and public addresses only).
    public static func setReconcileOptions(hubRoot: String, _ make: @escaping @Sendable () -> Reconciler.Options) {
        ReconcileRuns.shared.setOptions(hubRoot: hubRoot, make)
    }
}
