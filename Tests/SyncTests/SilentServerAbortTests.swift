import Foundation
import Git
import Remote
import Testing
import TestServers

/// A server that accepts the connection and never answers: at the time-out the caller's decision
/// runs, then the transfer's sockets are shut down, so the call returns (`noAnswer`) instead of
/// holding its thread — and in the CFA's application the transfer lock — until the connection dies.
@Suite("Remote: a silent server's transfer is ended at the time-out", .timeLimit(.minutes(10)))
struct SilentServerAbortTests {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// Runs `body` on a thread of its own; nil when it has not returned after `seconds` (the thread
    /// is left behind, blocked: the test fails without hanging).
    func returns<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let result = Box<T>()
        Thread {
            result.value = body()
            done.signal()
        }.start()
        return done.wait(timeout: .now() + seconds) == .success ? result.value : nil
    }

    final class Box<T>: @unchecked Sendable { var value: T? }

    @Test(arguments: ["list", "fetch"])
    func theTransferReturnsNoAnswerSoonAfterTheTimeOut(_ operation: String) throws {
        let silent = try SilentServer()
        defer { silent.stop() }
        let fixture = try TemporaryFolder()
        defer { fixture.remove() }
        let timeouts = Calls()
        let url = silent.url
        let path = fixture.path
        let start = Date()
        let outcome = returns(within: 20) { () -> String in
            do {
                let repository = try Repository.create(at: path)
                let remote = try repository.anonymousRemote(url: url)
                let transfer = RemoteTransfer(options: RemoteOptions(credentials: CredentialSource(environment: [:], home: nil),
                                                                     knownHosts: KnownHosts(path: "/dev/null"), timeout: 1,
                                                                     onTimeout: { _ in timeouts.add() }),
                                              relativeTo: "/")
                try transfer.run(remote) { callbacks in
                    if operation == "list" {
                        _ = try remote.listReferences(callbacks: callbacks)
                    } else {
                        try remote.fetch(refspecs: ["+refs/heads/*:refs/remotes/silent/*"], callbacks: callbacks)
                    }
                }
                return "returned without an error"
            } catch let error as RemoteError {
                return "\(error)"
            } catch {
                return "other error: \(error)"
            }
        }
        let text = try #require(outcome, "the transfer was still blocked 20 s after a 1 s time-out")
        #expect(text.contains("noAnswer"), "\(text)")
        #expect(timeouts.value == 1, "the caller's decision ran once")
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
