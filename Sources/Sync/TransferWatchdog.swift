import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ends a transfer whose server stopped answering. libgit2 1.5 has no network time-out, and a
/// server that accepts the connection but never replies would hold `dossier sync` forever.
/// Every callback from libgit2 (progress, credentials, host key) counts as an answer; after
/// `seconds` without one the process reports the remote unreachable and exits with code 2 —
/// safe at any point, as a kill is (see MergeJournal, DossierLock and TransferLock).
final class TransferWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var lastAnswer = Date()
    private var finished = false
    private let seconds: TimeInterval
    private let message: String
    private let action: (@Sendable () -> Void)?

    /// `action` replaces the exit when given; the stuck transfer is then abandoned to it.
    init(seconds: TimeInterval, message: String, action: (@Sendable () -> Void)? = nil) {
        self.seconds = seconds
        self.message = message
        self.action = action
        let thread = Thread { [weak self] in self?.watch() }
        thread.start()
    }

    /// The server said something.
    func answered() {
        lock.withLock { lastAnswer = Date() }
    }

    /// The transfer ended, one way or the other.
    func stop() {
        lock.withLock { finished = true }
    }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: min(0.2, seconds / 4))
            let (done, silent) = lock.withLock { (finished, Date().timeIntervalSince(lastAnswer)) }
            if done { return }
            if silent >= seconds {
                if let action {
                    action()
                    return
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                _exit(SyncError.unreachable(url: "", detail: "").exitCode)
            }
        }
    }

    /// The time-out in seconds: `DOSSIER_TIMEOUT`, else 60.
    static func seconds(environment: [String: String]) -> TimeInterval {
        environment["DOSSIER_TIMEOUT"].flatMap(TimeInterval.init).flatMap { $0 > 0 ? $0 : nil } ?? 60
    }
}
