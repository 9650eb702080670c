import Foundation
internal import Git

/// A CFA's bare mirror on disk, opened under the reconcile lock: what a killed reconcile left
/// behind is repaired first, so a kill never makes a CFA fail on later runs.
enum MirrorFolder {
    /// Opens the mirror at `path`, creating it when missing: made in a temporary folder beside it
    /// and renamed into place, so a mirror folder is complete or absent. A folder without `HEAD`
    /// (made by an older hub that was killed while creating it) is moved aside and recreated.
    static func open(_ path: String) throws -> Repository {
        let files = FileManager.default
        if files.fileExists(atPath: path), !files.fileExists(atPath: path + "/HEAD") {
            try files.moveItem(atPath: path, toPath: path + ".incomplete-\(UUID().uuidString.prefix(8))")
        }
        if files.fileExists(atPath: path) {
            removeStaleLocks(path + "/")
            return try Repository.open(at: path)
        }
        let temporary = (path as NSString).deletingLastPathComponent + "/.creating-" + UUID().uuidString
        do {
            _ = try Repository.create(at: temporary, initialBranch: "main", bare: true)
            try files.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? files.removeItem(atPath: temporary)
            throw error
        }
        return try Repository.open(at: path)
    }

    /// Removes the temporary folders of mirrors whose creation was killed.
    static func removeAbandonedCreations(in folder: String) {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".creating-") {
            try? files.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Removes what a killed reconcile left in a mirror: `*.lock` files (HEAD, config, packed-refs,
    /// every ref) and packs libgit2 was still writing. Only under the reconcile lock.
    static func removeStaleLocks(_ gitDirectory: String) {
        let files = FileManager.default
        var candidates = ["HEAD.lock", "config.lock", "packed-refs.lock", "FETCH_HEAD.lock", "index.lock"].map { gitDirectory + $0 }
        if let walker = files.enumerator(atPath: gitDirectory + "refs") {
            for case let path as String in walker where path.hasSuffix(".lock") { candidates.append(gitDirectory + "refs/" + path) }
        }
        for name in (try? files.contentsOfDirectory(atPath: gitDirectory + "objects/pack")) ?? [] where name.hasPrefix("pack_git2_") {
            candidates.append(gitDirectory + "objects/pack/" + name)
        }
        for path in candidates where files.fileExists(atPath: path) { try? files.removeItem(atPath: path) }
    }
}
