import Foundation
internal import Glibc
import HubReview
#if canImport(Glibc)
#endif

/// One reconcile at a time per hub: `reconcile.lock` in the hub folder, held with `flock` for the
/// whole run (the system releases it when the process dies, even by kill -9). While it is held no
/// other process writes to the mirrors, so git lock files found in them are stale by definition.
public final class ReconcileLock {
    private let descriptor: Int32

    public static let fileName = "reconcile.lock"

    /// Takes the lock, or throws `HubError.reconcileRunning` at once when another reconcile holds it.
    public init(hubRoot: String) throws {
        descriptor = open(hubRoot + "/" + Self.fileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw HubError.notAHub(hubRoot) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw HubError.reconcileRunning
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether a reconcile holds the lock of the hub in `hubRoot` right now.
    public static func isHeld(hubRoot: String) -> Bool {
        let probe = open(hubRoot + "/" + fileName, O_RDWR | O_CLOEXEC)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        guard flock(probe, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(probe, LOCK_UN)
        return false
    }
}
