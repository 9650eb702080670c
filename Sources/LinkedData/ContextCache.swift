internal import Foundation

/// Processed pinned contexts, by URL list (from an empty active context).
final class ContextCache: @unchecked Sendable {
    static let shared = ContextCache()
    private let lock = NSLock()
    private var entries: [[String]: ActiveContext] = [:]

    func get(_ key: [String]) -> ActiveContext? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func set(_ key: [String], _ value: ActiveContext) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count < 64 { entries[key] = value }
    }
}
