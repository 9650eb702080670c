import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// An exclusive `flock` on a file, released by the system when the process dies (even by kill -9).
public final class FileLock {
    private let descriptor: Int32

    /// Takes the lock, or returns nil at once when another open file holds it.
    public init?(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WorkspaceError.lockUnavailable(path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Removes the files among `candidates` (paths relative to `gitDirectory`, `*.lock` found under
    /// `lockFolders`, and files of `partialFiles` folders whose name starts with a given prefix)
    /// that exist. Returns the relative paths removed.
    public static func removeStale(_ gitDirectory: String, files: [String], lockFolders: [String],
                            partialFiles: [(folder: String, prefix: String)] = []) -> [String] {
        let fileManager = FileManager.default
        var candidates = files
        for folder in lockFolders {
            guard let enumerator = fileManager.enumerator(atPath: gitDirectory + folder) else { continue }
            for case let path as String in enumerator where path.hasSuffix(".lock") { candidates.append(folder + "/" + path) }
        }
        for (folder, prefix) in partialFiles {
            for name in (try? fileManager.contentsOfDirectory(atPath: gitDirectory + folder)) ?? [] where name.hasPrefix(prefix) {
                candidates.append(folder + "/" + name)
            }
        }
        var removed: [String] = []
        for path in candidates where fileManager.fileExists(atPath: gitDirectory + path) {
            if (try? fileManager.removeItem(atPath: gitDirectory + path)) != nil { removed.append(path) }
        }
        return removed
    }
}

/// The dossier's lock (`.git/dossier/lock`): every command that writes the dossier (save, sync's
/// local steps, submit, resolve, remote set, media fetch) holds it. Holding it proves no other
/// dossier command is writing the branch, the index or the tags: git lock files left there are
/// then stale (a kill -9) and removed. Network transfers are not covered: see `TransferLock` in Sync.
public final class DossierLock {
    /// Seconds a command waits for another one to finish before giving up with `WorkspaceError.busy`.
    public static let defaultWait: TimeInterval = 10

    private let lock: FileLock
    /// The stale git lock files removed once the lock was held (relative to `.git/`).
    public let removed: [String]

    public static func path(gitDirectory: String) -> String { gitDirectory + "dossier/lock" }

    /// Takes the lock, waiting at most `wait` seconds (polled every 20 ms) while another command
    /// holds it; `onWait` is called once when the wait begins.
    public init(gitDirectory: String, wait: TimeInterval = DossierLock.defaultWait, onWait: (() -> Void)? = nil) throws {
        let deadline = Date().addingTimeInterval(wait)
        var waited = false
        var acquired = try FileLock(path: Self.path(gitDirectory: gitDirectory))
        while acquired == nil {
            guard Date() < deadline else { throw WorkspaceError.busy }
            if !waited { onWait?() }
            waited = true
            usleep(20_000)
            acquired = try FileLock(path: Self.path(gitDirectory: gitDirectory))
        }
        lock = acquired!
        removed = Self.removeStaleGitLocks(gitDirectory)
    }

    /// What a killed dossier command leaves: lock files of the index, HEAD, the configuration,
    /// packed references, branches and tags. (References and packs a transfer writes are the
    /// transfer lock's.)
    static func removeStaleGitLocks(_ gitDirectory: String) -> [String] {
        FileLock.removeStale(gitDirectory, files: ["index.lock", "HEAD.lock", "ORIG_HEAD.lock", "config.lock", "packed-refs.lock"],
                             lockFolders: ["refs/heads", "refs/tags"])
    }
}
