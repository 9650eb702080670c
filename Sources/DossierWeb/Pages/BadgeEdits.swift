import Foundation

/// One edit of a badge at a time from this application: the fingerprint is checked and the claim
/// written under the same lock, so that two tabs posting at once cannot both pass the check.
final class BadgeEdits: @unchecked Sendable {
    private let lock = NSLock()

    func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
