import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a dossier for the duration of a sync (`.git/dossier/lock`, held with
/// `flock`, so the system releases it when a process dies, even by kill -9). Holding it proves no
/// other dossier command is writing: git lock files left behind are then stale and removed.
final class RepositoryLock {
    private let descriptor: Int32

    /// Takes the lock, or fails at once when another dossier command holds it.
    init(gitDirectory: String) throws {
        let folder = gitDirectory + "dossier"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        descriptor = open(folder + "/lock", O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw SyncError.remoteRefused("cannot open \(folder)/lock") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SyncError.busy
        }
        RepositoryLock.removeStaleGitLocks(gitDirectory)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Removes what a killed process left in the git folder: `*.lock` files (index, HEAD, refs)
    /// and half-written packs.
    static func removeStaleGitLocks(_ gitDirectory: String) {
        let fileManager = FileManager.default
        var candidates = ["index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "FETCH_HEAD.lock"].map { gitDirectory + $0 }
        if let enumerator = fileManager.enumerator(atPath: gitDirectory + "refs") {
            for case let path as String in enumerator where path.hasSuffix(".lock") {
                candidates.append(gitDirectory + "refs/" + path)
            }
        }
        // Packs a killed fetch was still writing (libgit2 names them pack_git2_*).
        for name in (try? fileManager.contentsOfDirectory(atPath: gitDirectory + "objects/pack")) ?? [] where name.hasPrefix("pack_git2_") {
            candidates.append(gitDirectory + "objects/pack/" + name)
        }
        for path in candidates where fileManager.fileExists(atPath: path) {
            try? fileManager.removeItem(atPath: path)
        }
    }
}
