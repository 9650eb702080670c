import Foundation

/// What the harness knows was saved: for each dossier folder (`a`, `b`…), the tree of every `save` that
/// reported success (path → blob id), read with the git CLI right after it. Nothing a successful save
/// recorded may disappear: its blobs stay reachable from `main` (and from the hub's refs once a reconcile
/// succeeded), and the working folder keeps every file of the last successful save (a later successful
/// save is the only thing that may remove one, and it then becomes the last).
struct Ledger: Sendable {
    struct Save: Sendable {
        let commit: String
        let files: [String: String]
    }

    private(set) var saves: [String: [Save]] = [:]
    /// Per hub mirror (`hub/mirrors/<UAI>.git`), the blobs its refs reached after a reconcile succeeded.
    private(set) var hubBlobs: [String: Set<String>] = [:]
    /// The hub's operation log entries (JSON text) after each successful hub command.
    private(set) var hubLog: [String] = []

    /// Records the current `HEAD` of `work/<folder>` as a successful save.
    mutating func recordSave(of folder: String, in lab: CrashLab) throws {
        let commit = try lab.gitOK(["rev-parse", "HEAD"], in: folder)
        saves[folder, default: []].append(Save(commit: commit, files: try Ledger.tree(commit, in: folder, lab: lab)))
    }

    mutating func recordHub(mirror: String, blobs: Set<String>) { hubBlobs[mirror, default: []].formUnion(blobs) }

    mutating func recordHubLog(_ entries: [String]) { hubLog = entries }

    /// Every blob saved in `folder`.
    func blobs(of folder: String) -> Set<String> { Set((saves[folder] ?? []).flatMap(\.files.values)) }

    /// The files of the last successful save in `folder`.
    func lastFiles(of folder: String) -> [String: String] { saves[folder]?.last?.files ?? [:] }

    var folders: [String] { saves.keys.sorted() }

    /// `git ls-tree -r` of a commit: path → blob id (regular files only).
    static func tree(_ revision: String, in folder: String, lab: CrashLab) throws -> [String: String] {
        var files: [String: String] = [:]
        let listing = try lab.gitOK(["-c", "core.quotePath=false", "ls-tree", "-r", "-z", revision], in: folder)
        for record in listing.split(separator: "\0") {
            // "<mode> blob <id>\t<path>"
            let parts = record.split(separator: "\t", maxSplits: 1)
            let head = parts.first?.split(separator: " ") ?? []
            if parts.count == 2, head.count == 3, head[1] == "blob" { files[String(parts[1])] = String(head[2]) }
        }
        return files
    }
}
