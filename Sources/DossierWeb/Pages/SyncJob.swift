import DossierCore
import Foundation
import Git
import Remote
import Sync

/// The sync the page started, run in the background: one at a time, on its own thread (libgit2
/// wants one repository handle per thread: the work opens the dossier there), its progress and its
/// outcome kept for the progress page. A transfer abandoned on a time-out ends the job at once
/// (libgit2 cannot cancel it): the server goes on, and whatever the abandoned thread does later is
/// ignored.
final class SyncJob: @unchecked Sendable {
    /// How the job ended.
    enum Outcome {
        /// `Syncer.sync()` returned (conflicts, if any, are in the report).
        case finished(Syncer.Report)
        /// It threw (or the remote stopped answering): the error, with its own `text(lang)`.
        case failed(any Error)
    }

    /// What the progress page shows.
    struct State {
        /// Counts the jobs started by this run of the application.
        var number: Int
        var started: Date
        var ended: Date?
        /// The last transfer progress libgit2 gave, receiving and sending.
        var received: TransferProgress?
        var sent: TransferProgress?
        /// The last media progress, downloading and uploading.
        var mediaReceived: MediaProgressState?
        var mediaSent: MediaProgressState?
        var outcome: Outcome?

        var isRunning: Bool { outcome == nil }
    }

    /// Where the work reports its progress; each call is ignored once its job has ended.
    struct Reporter: Sendable {
        let job: SyncJob
        let number: Int

        func transfer(_ progress: TransferProgress) {
            job.update(number) { state in
                if progress.isPush { state.sent = progress } else { state.received = progress }
            }
        }

        func media(_ progress: MediaProgressState) {
            job.update(number) { state in
                if progress.isUpload { state.mediaSent = progress } else { state.mediaReceived = progress }
            }
        }

        /// Ends the job now (a time-out): the work's own end, later, is ignored.
        func end(_ outcome: Outcome) { job.end(number, outcome) }
    }

    private let lock = NSLock()
    private var state: State?

    /// The running job, or the last one that ended; nil before the first.
    var current: State? { lock.withLock { state } }

    var isRunning: Bool { lock.withLock { state?.isRunning ?? false } }

    /// Starts `work` on a thread of its own, unless a job is running: then nothing starts and false
    /// is returned (the page shows the running one). The work's result or error ends the job.
    @discardableResult
    func start(now: Date = Date(), _ work: @escaping @Sendable (Reporter) throws -> Syncer.Report) -> Bool {
        let number: Int? = lock.withLock {
            if state?.isRunning == true { return nil }
            let number = (state?.number ?? 0) + 1
            state = State(number: number, started: now)
            return number
        }
        guard let number else { return false }
        let reporter = Reporter(job: self, number: number)
        let thread = Thread {
            do {
                reporter.end(.finished(try work(reporter)))
            } catch {
                reporter.end(.failed(error))
            }
        }
        thread.name = "dossier-ui-sync-\(number)"
        thread.stackSize = 8 << 20
        thread.start()
        return true
    }

    private func update(_ number: Int, _ change: (inout State) -> Void) {
        lock.withLock {
            guard var current = state, current.number == number, current.isRunning else { return }
            change(&current)
            state = current
        }
    }

    private func end(_ number: Int, _ outcome: Outcome) {
        update(number) { state in
            state.outcome = outcome
            state.ended = Date()
        }
    }
}
