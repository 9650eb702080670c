import DossierCore
import Foundation
import Git

/// What a command found and repaired when it took the dossier's lock.
public struct Repair: Sendable, Equatable, Encodable {
    /// Git lock files a killed command left (relative to `.git/`), removed.
    public var removedLocks: [String] = []
    /// A sync interrupted while it moved the files and the branch, finished.
    public var finishedInterruptedSync = false
    /// A merge whose conflicts were settled and committed by a killed `resolve` (or sync), whose
    /// marker was left: closed (`finishedInterruptedSync` is set too).
    public var closedCommittedMerge = false

    public var isEmpty: Bool { removedLocks.isEmpty && !finishedInterruptedSync && !closedCommittedMerge }

    public init() {}
}

extension Workspace {
    /// Runs `body` holding the dossier's lock: waits up to `lockWait` seconds for another dossier
    /// command (then `WorkspaceError.busy`), removes the git lock files a killed command left,
    /// finishes an interrupted sync and closes the marker of a merge already committed
    /// before anything else. Reentrant.
    @discardableResult
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        if heldLock != nil { return try body() }
        let lock = try DossierLock(gitDirectory: repository.gitDirectory, wait: lockWait, onWait: onLockWait)
        heldLock = lock
        defer { heldLock = nil }
        repairs.removedLocks += lock.removed
        if try MergeJournal.recover(workspace: self) { repairs.finishedInterruptedSync = true }
        if try MergeMarker.closeIfCommitted(repository) {
            repairs.closedCommittedMerge = true
            closedCommittedMerge = true
            repairs.finishedInterruptedSync = true
        }
        return try body()
    }

    /// For commands that only read: repairs what a killed command left when no other command
    /// is working (true), or leaves everything as it is when one is (false: what is read may be
    /// mid-change). Never waits.
    public func repairIfIdle() throws -> Bool {
        if heldLock != nil { return true }
        let wait = lockWait
        lockWait = 0
        defer { lockWait = wait }
        do {
            try withLock {}
            return true
        } catch WorkspaceError.busy {
            return false
        }
    }

    /// True while an interrupted sync waits to be finished (by the next command that takes the lock).
    public var interruptedSyncPending: Bool { MergeJournal.isPending(repository) }
}
