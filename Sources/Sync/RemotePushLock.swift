import DossierRepository
import Foundation
internal import Remote
#if canImport(Glibc)
internal import Glibc
#endif

/// For a remote on a path, libgit2 writes the remote repository itself (objects, then each
/// reference under its `.lock`): a push killed there leaves the lock files, and every later push
/// of those references is refused. Every dossier client takes this flock
/// (`<remote repository>/dossier/push.lock`) around its push; holding it proves no other dossier
/// push is writing. A ref lock file found then belongs to a dead dossier push, or to another
/// program (a `git push` by hand) writing right now: git holds a ref lock only for the update
/// itself and waits at most 100 ms for one (`core.filesRefLockTimeout`), so a lock file is
/// removed only once it is `staleAfter` seconds old (waiting for it to go or to age meanwhile).
final class RemotePushLock {
    /// A lock file at least this old, found while the flock is held, is stale.
    static let staleAfter: TimeInterval = 5
    /// How long a push waits for another dossier client's push to the same remote.
    static let wait: TimeInterval = 60

    /// The remote repository (bare, or a working copy's `.git/`), ending with "/".
    let gitDirectory: String
    private let lock: FileLock

    /// Takes the remote's push lock; nil when the remote is not a repository on a path.
    init?(address: RemoteAddress) throws {
        guard address.transport == .local, let directory = Self.repositoryDirectory(address.url) else { return nil }
        gitDirectory = directory
        let path = directory + "dossier/push.lock"
        let deadline = Date().addingTimeInterval(Self.wait)
        var acquired = try FileLock(path: path)
        while acquired == nil {
            guard Date() < deadline else { throw SyncError.remotePushBusy }
            usleep(50_000)
            acquired = try FileLock(path: path)
        }
        lock = acquired!
    }

    /// The repository a local URL names: a bare repository, or a working copy's `.git/`.
    static func repositoryDirectory(_ url: String) -> String? {
        var path = url.hasPrefix("file://") ? (URL(string: url)?.path ?? String(url.dropFirst(7))) : url
        if !path.hasSuffix("/") { path += "/" }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path + "HEAD"), fileManager.fileExists(atPath: path + "objects") { return path }
        if fileManager.fileExists(atPath: path + ".git/HEAD") { return path + ".git/" }
        return nil
    }

    /// The lock file of `reference` (relative to the remote repository).
    static func lockFile(of reference: String) -> String { reference + ".lock" }

    /// Removes the stale lock files of `references` (and `packed-refs.lock`, and libgit2's
    /// unfinished packs): those at least `staleAfter` old, waiting up to `staleAfter` (+1 s) for a
    /// younger one to go or to age. Returns those removed.
    @discardableResult
    func removeStaleLocks(of references: [String], now: () -> Date = Date.init) -> [String] {
        let fileManager = FileManager.default
        var candidates = references.map(Self.lockFile(of:)) + ["packed-refs.lock"]
        for name in (try? fileManager.contentsOfDirectory(atPath: gitDirectory + "objects/pack")) ?? [] where name.hasPrefix("pack_git2_") {
            candidates.append("objects/pack/" + name)
        }
        var removed: [String] = []
        // Bounded even for a file dated in the future (another machine's clock on a shared drive).
        let deadline = now().addingTimeInterval(Self.staleAfter + 1)
        for file in candidates {
            let path = gitDirectory + file
            while let modified = (try? fileManager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now().timeIntervalSince(modified) < Self.staleAfter, now() < deadline {
                usleep(50_000)
            }
            // Still young at the deadline (dated in the future): not provably stale, left alone.
            guard let modified = (try? fileManager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now().timeIntervalSince(modified) >= Self.staleAfter else { continue }
            if (try? fileManager.removeItem(atPath: path)) != nil { removed.append(file) }
        }
        return removed
    }

    /// The lock file of the first of `references` locked now (by another program), if any.
    func lockedReference(among references: [String]) -> String? {
        references.map(Self.lockFile(of:)).first { FileManager.default.fileExists(atPath: gitDirectory + $0) }
    }
}
