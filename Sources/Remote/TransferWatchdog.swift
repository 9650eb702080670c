internal import Foundation

/// Ends a transfer whose server stopped answering. libgit2 1.5 has no network time-out, and a
/// server that accepts the connection but never replies would hold `dossier sync` forever.
/// Every callback from libgit2 (progress, credentials, host key) counts as an answer; after
/// `seconds` without one the transfer is abandoned to `action`, the caller's decision (the CLI
/// reports the remote unreachable and exits with code 2 — safe at any point, as a kill is, see
/// MergeJournal, DossierLock and TransferLock; the hub gives up on that CFA alone).
final class TransferWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var lastAnswer = Date()
    private var finished = false
    private let seconds: TimeInterval
    private let action: @Sendable () -> Void

    /// `action` is called once, from the watchdog's thread, when the server stayed silent `seconds`.
    init(seconds: TimeInterval, action: @escaping @Sendable () -> Void) {
        self.seconds = seconds
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
                action()
                return
            }
        }
    }
}
