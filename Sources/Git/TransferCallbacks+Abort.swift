internal import Clibgit2
import Foundation
internal import GitSocketStream

/// Ends a running transfer from any thread (`TransferCallbacks.aborter`): its sockets are shut down,
/// so a libgit2 call blocked reading from a silent server fails at once (libgit2 1.5 has no network
/// time-out), and a later transfer with the same callbacks fails before it starts. For a watchdog
/// that gave up on the server.
public final class TransferAborter: @unchecked Sendable {
    private let lock = NSLock()
    /// The thread whose sockets carry the transfer running now (0: none).
    private var owner: Int32 = 0
    private var aborted = false

    init() {}

    /// Whether `abort()` was called.
    public var wasAborted: Bool { lock.withLock { aborted } }

    /// Shuts the running transfer's sockets down; returns how many.
    @discardableResult
    public func abort() -> Int {
        lock.withLock {
            aborted = true
            return owner == 0 ? 0 : Int(dossier_socket_stream_abort(owner))
        }
    }

    /// A transfer starts on this thread: its sockets become the ones `abort()` ends.
    func begin() throws {
        let thread = dossier_socket_stream_owner()
        let refused = lock.withLock { () -> Bool in
            owner = thread
            return aborted
        }
        if refused {
            throw GitError(code: .generic, errorClass: Int32(GIT_ERROR_NET.rawValue), message: "transfer aborted: the server stopped answering")
        }
    }

    /// The transfer ended: nothing left to abort.
    func end() {
        lock.withLock { owner = 0 }
    }
}
