import DossierCore
import Foundation
internal import Git
import HubReview
import Remote

/// Pulls every registered CFA's dossier into its bare mirror and ingests new submissions, with
/// bounded parallelism: each worker opens its own repository handles (libgit2 objects are never
/// shared across threads). A CFA that fails is recorded with its reason; the others proceed.
public struct Reconciler {
    public let hub: Hub
    public var options: Options

    public struct Options {
        public var jobs: Int
        /// Credentials, host keys and the time-out, as for `dossier sync`. Its `onTimeout` is not
        /// called: on a time-out the reconciler gives up on that CFA alone and goes on.
        public var transfer: RemoteOptions
        /// Called as each CFA finishes (from a worker thread, one call at a time).
        public var onOutcome: ((CFAOutcome) -> Void)?
        public var now = Date()

        public init(jobs: Int, transfer: RemoteOptions) {
            self.jobs = max(1, jobs)
            self.transfer = transfer
        }
    }

    public init(hub: Hub, options: Options) {
        self.hub = hub
        self.options = options
    }

    /// Reconciles every CFA (or those named), in registry order.
    public func run(only: [String]? = nil) throws -> ReconcileReport {
        // The review room is reached through its one door only (`ReconcileInbox`).
        let review: any ReconcileInbox = hub
        let registered = try review.cfas()
        for uai in only ?? [] where !registered.contains(where: { $0.uai == uai }) { throw HubError.unknownCFA(uai) }
        let cfas = registered.filter { only?.contains($0.uai) ?? true }
        // One reconcile at a time: held until the report is made; what a killed one left is repaired under it.
        let lock = try ReconcileLock(hubRoot: hub.root)
        defer { withExtendedLifetime(lock) {} }
        try FileManager.default.createDirectory(atPath: hub.mirrorsFolder, withIntermediateDirectories: true)
        MirrorFolder.removeAbandonedCreations(in: hub.mirrorsFolder)
        let board = JobBoard(count: cfas.count, onOutcome: options.onOutcome)
        let digests = DigestCache()
        let (now, timeout) = (options.now, options.transfer.timeout)
        var setting = CFAReconcile.Setting(root: hub.root, catalogue: hub.catalogue, submissionsPerRun: hub.settings.submissionsPerRun,
                                           author: hub.settings.name, mirrorPath: hub.mirrorPath)
        let catalogues = try hub.catalogues
        if catalogues.hasPublications {
            // Versions published before `hub keys init` are signed now (keys that cannot be read sign
            // nothing: a CFA that holds the Région's keys then keeps the versions it had).
            if let issuer = try? hub.badgeIssuing?.issuer() { try catalogues.signUnsigned(with: issuer, now: now) }
            setting.catalogues = try catalogues.published()
            setting.catalogueSignatures = try catalogues.signatures()
            setting.schedule = try catalogues.schedule()
        }
        // Accepted badge proposals now in a published version: their decisions gain that version.
        try review.recordPublishedProposals(now: now)
        let worker: (Int) -> Bool = { [self] index in
            let cfa = cfas[index]
            let start = Date()
            var transfer = options.transfer
            transfer.onTimeout = { _ in
                var outcome = CFAOutcome(uai: cfa.uai, status: .failed)
                outcome.reasons = [.noAnswer(seconds: Int(timeout))]
                outcome.seconds = Date().timeIntervalSince(start)
                // Recorded before the job counts as done: the run (and the process) may end right after.
                let recorded = board.finish(index, outcome) {
                    try? review.recordFailure(uai: cfa.uai, reasons: outcome.reasons, now: now)
                }
                if recorded { board.spawnWorker() }
            }
            var outcome = CFAReconcile(review: review, setting: setting, cfa: cfa, transfer: transfer, digests: digests, now: options.now,
                                       abandoned: { board.isFinished(index) }).run()
            outcome.seconds = Date().timeIntervalSince(start)
            // False when the job was abandoned at a time-out and a fresh worker replaced this one: this
            // thread, given back by the transfer's aborted sockets, stops (at most `jobs` at work).
            return board.finish(index, outcome)
        }
        board.start(workers: min(options.jobs, cfas.count), work: worker)
        return ReconcileReport(cfas: board.wait())
    }
}

/// Hands out CFA indexes to worker threads and collects outcomes. A job abandoned after a time-out
/// is finished by the watchdog and replaced by a fresh worker; its thread, once the aborted transfer
/// gives it back, takes no more jobs.
final class JobBoard: @unchecked Sendable {
    private let lock = NSLock()
    private let group = DispatchGroup()
    private var next = 0
    private var outcomes: [CFAOutcome?]
    private let onOutcome: ((CFAOutcome) -> Void)?
    /// Does one job; false: this worker stops.
    private var work: ((Int) -> Bool)?

    init(count: Int, onOutcome: ((CFAOutcome) -> Void)?) {
        outcomes = Array(repeating: nil, count: count)
        self.onOutcome = onOutcome
        for _ in 0..<count { group.enter() }
    }

    func start(workers: Int, work: @escaping (Int) -> Bool) {
        lock.withLock { self.work = work }
        for _ in 0..<workers { spawnWorker() }
    }

    /// Starts one more worker thread taking jobs until none are left.
    func spawnWorker() {
        let thread = Thread { [self] in
            while let index = take(), let work = lock.withLock({ self.work }) {
                if !work(index) { break }
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func take() -> Int? {
        lock.withLock {
            guard next < outcomes.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Records the outcome of a job, once, running `then` before `wait()` can see it done;
    /// false when it was already finished (abandoned).
    @discardableResult
    func finish(_ index: Int, _ outcome: CFAOutcome, then: () -> Void = {}) -> Bool {
        let first = lock.withLock { () -> Bool in
            guard outcomes[index] == nil else { return false }
            outcomes[index] = outcome
            onOutcome?(outcome)
            return true
        }
        guard first else { return false }
        then()
        group.leave()
        return true
    }

    func isFinished(_ index: Int) -> Bool { lock.withLock { outcomes[index] != nil } }

    func wait() -> [CFAOutcome] {
        group.wait()
        return lock.withLock { outcomes.compactMap { $0 } }
    }
}
