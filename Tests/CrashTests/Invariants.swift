import Foundation
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What must hold after every kill, and again after the next command: each check returns the
/// invariants broken, one line each, empty when all hold.
extension CrashLab {
    /// The repositories of the fixture, relative to `work/`: the dossiers (`a/`, `b/`), the Région's
    /// remote (`region.git`) and the hub's mirrors (`hub/mirrors/*.git`).
    var repositories: [String] {
        let fileManager = FileManager.default
        var found: [String] = []
        for name in ((try? fileManager.contentsOfDirectory(atPath: work.path)) ?? []).sorted() {
            if name.hasSuffix(".git") || fileManager.fileExists(atPath: url(name).appendingPathComponent(".git").path) {
                found.append(name)
            }
        }
        for name in ((try? fileManager.contentsOfDirectory(atPath: url("hub/mirrors").path)) ?? []).sorted() where name.hasSuffix(".git") {
            found.append("hub/mirrors/" + name)
        }
        return found
    }

    func checkInvariants() -> [String] {
        var broken: [String] = []
        for repository in repositories {
            broken += fsck(repository)
            broken += mediaObjectsWhole(repository)
        }
        broken += storeIntegrity()
        broken += savedEvidenceKept()
        broken += hubKept()
        return broken
    }

    /// `git fsck --full` is clean (dangling objects are not errors: an interrupted command may leave some).
    func fsck(_ repository: String) -> [String] {
        guard let result = try? git(["fsck", "--full", "--strict", "--no-dangling", "--no-progress"], in: repository) else {
            return ["git fsck could not run in \(repository)"]
        }
        guard result.succeeded else {
            return ["git fsck --full in \(repository): exit \(result.status): \(oneLine(result.stderr + result.stdout))"]
        }
        return []
    }

    /// Every media object under `lfs/objects` holds the bytes its name (sha256) says.
    func mediaObjectsWhole(_ repository: String) -> [String] {
        let lfs = url(repository).appendingPathComponent(repository.hasSuffix(".git") ? "lfs/objects" : ".git/lfs/objects")
        guard let walker = FileManager.default.enumerator(atPath: lfs.path) else { return [] }
        var broken: [String] = []
        while let relative = walker.nextObject() as? String {
            let file = lfs.appendingPathComponent(relative)
            let name = file.lastPathComponent
            guard name.count == 64, !isDirectory(file) else { continue }
            let sum = (try? ProcessRunner.run("/usr/bin/sha256sum", [file.path], environment: environment))?.stdout.prefix(64)
            if sum.map(String.init) != name { broken.append("media object \(repository)/…/\(name.prefix(12)) is damaged (sha256 \(sum ?? "?"))") }
        }
        return broken
    }

    /// The review store passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
    func storeIntegrity() -> [String] {
        let store = url("hub/review.sqlite")
        guard FileManager.default.fileExists(atPath: store.path) else { return [] }
        guard let result = try? ProcessRunner.run("/usr/bin/sqlite3", [store.path, "PRAGMA integrity_check;", "PRAGMA foreign_key_check;"],
                                                  environment: environment, timeout: 60) else {
            return ["sqlite3 could not run (apt-get install sqlite3)"]
        }
        let output = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.succeeded && output == "ok" ? [] : ["review store: integrity_check/foreign_key_check: \(oneLine(output + result.stderr))"]
    }

    /// Every blob of every successful save is reachable from `main`, and the working folder has every
    /// file of the last successful save.
    func savedEvidenceKept() -> [String] {
        var broken: [String] = []
        for folder in ledger.folders where exists(folder) {
            guard let reachable = objects(in: folder, from: ["refs/heads/main"]) else {
                broken.append("\(folder): main cannot be read (git rev-list --objects refs/heads/main fails)")
                continue
            }
            let lost = ledger.blobs(of: folder).subtracting(reachable)
            if !lost.isEmpty {
                let paths = ledger.lastFiles(of: folder).filter { lost.contains($0.value) }.keys.sorted()
                broken.append("\(folder): \(lost.count) blob(s) of successful saves no longer reachable from main \(paths.prefix(5))")
            }
            let missing = ledger.lastFiles(of: folder).keys.filter { !isPresent(url(folder).appendingPathComponent($0)) }.sorted()
            if !missing.isEmpty {
                broken.append("\(folder): \(missing.count) file(s) of the last successful save missing from the working folder: \(missing.prefix(5))")
            }
        }
        return broken
    }

    /// Every object the hub's mirrors held after a successful reconcile is still reachable from their refs;
    /// the operation log still holds every entry it had.
    func hubKept() -> [String] {
        var broken: [String] = []
        for (mirror, blobs) in ledger.hubBlobs.sorted(by: { $0.key < $1.key }) {
            guard let reachable = objects(in: mirror, from: ["--all"]) else {
                broken.append("\(mirror): its refs cannot be read (git rev-list --objects --all fails)")
                continue
            }
            let lost = blobs.subtracting(reachable)
            if !lost.isEmpty { broken.append("\(mirror): \(lost.count) object(s) ingested before are no longer reachable from its refs") }
        }
        if !ledger.hubLog.isEmpty {
            switch hubLogEntries() {
            case .success(let entries):
                let lost = Set(ledger.hubLog).subtracting(entries)
                if !lost.isEmpty { broken.append("hub log: \(lost.count) entry(ies) of successful commands lost: \(oneLine(lost.sorted().first ?? ""))") }
            case .failure(let error):
                broken.append("hub log --json fails: \(error)")
            }
        }
        return broken
    }

    /// Object ids reachable from `refs` (`git rev-list --objects`); nil when git cannot read them.
    func objects(in repository: String, from refs: [String]) -> Set<String>? {
        guard let result = try? git(["rev-list", "--objects"] + refs, in: repository), result.succeeded else { return nil }
        return Set(result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// The hub's operation log, each entry as canonical JSON text.
    func hubLogEntries() -> Result<[String], TestServerError> {
        guard let result = try? dossier(["hub", "log", "--json"], in: "hub"), result.succeeded else {
            return .failure(TestServerError("`hub log --json` failed"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any],
              let entries = object["entries"] as? [Any] else {
            return .failure(TestServerError("`hub log --json` printed no entries: \(oneLine(result.stdout))"))
        }
        return .success(entries.compactMap { entry in
            (try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
        })
    }

    /// Records what the hub holds now, after a successful hub command.
    func recordHub() throws {
        for mirror in repositories where mirror.hasPrefix("hub/mirrors/") {
            ledger.recordHub(mirror: mirror, blobs: objects(in: mirror, from: ["--all"]) ?? [])
        }
        if case .success(let entries) = hubLogEntries() { ledger.recordHubLog(entries) }
    }

    private func isPresent(_ file: URL) -> Bool {
        var info = stat()
        return lstat(file.path, &info) == 0
    }

    private func isDirectory(_ file: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: file.path, isDirectory: &folder) && folder.boolValue
    }
}

/// A text on one line, shortened: for the report.
func oneLine(_ text: String, limit: Int = 400) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
    return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
}
