import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

// Helpers for the media end-to-end tests (MediaTests, MediaInteropTests, MediaBadInputTests): large
// evidence stored as git-lfs pointers, their objects under `.git/lfs/objects`, transferred by sync.
// Everything here reads the repositories with the git CLI, git-lfs and the file system, never through
// the product's code.

// MARK: - Pointers and objects

/// A git-lfs pointer (spec v1), read strictly by the tests' own parser: exactly the three lines
/// `version …`, `oid sha256:<64 hex>`, `size <n>`, each ending with a newline.
struct PointerData: Equatable, CustomStringConvertible {
    let oid: String
    let size: Int

    static let versionLine = "version https://git-lfs.github.com/spec/v1"

    /// The bytes git-lfs writes for this pointer.
    var text: String { "\(Self.versionLine)\noid sha256:\(oid)\nsize \(size)\n" }

    var description: String { "\(oid.prefix(12))… \(size) bytes" }

    static func parse(_ text: String) -> PointerData? {
        guard text.hasSuffix("\n") else { return nil }
        let lines = text.dropLast().components(separatedBy: "\n")
        guard lines.count == 3, lines[0] == versionLine, lines[1].hasPrefix("oid sha256:"), lines[2].hasPrefix("size ") else { return nil }
        let oid = String(lines[1].dropFirst("oid sha256:".count))
        guard oid.count == 64, oid.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), let size = Int(lines[2].dropFirst("size ".count)) else {
            return nil
        }
        return PointerData(oid: oid, size: size)
    }

    static func parse(_ data: Data) -> PointerData? {
        data.count <= 1024 ? String(data: data, encoding: .utf8).flatMap(parse) : nil
    }

    /// The pointer a file's content calls for (its sha256sum and size).
    static func of(_ url: URL) throws -> PointerData { PointerData(oid: try sha256sum(url), size: try fileSize(url)) }
}

/// Where git-lfs keeps an object: `<lfs>/objects/<aa>/<bb>/<oid>` (`lfs` is `.git/lfs` in a clone,
/// `lfs` in a bare repository).
func lfsObject(_ lfs: URL, _ oid: String) -> URL {
    lfs.appendingPathComponent("objects/\(oid.prefix(2))/\(oid.dropFirst(2).prefix(2))/\(oid)")
}

/// One file of a media store, as the file system sees it (to tell that nothing was rewritten).
struct StoredFile: Equatable, CustomStringConvertible {
    let size: Int
    let modified: Int  // nanoseconds
    let inode: UInt64

    var description: String { "\(size) bytes, mtime \(modified), inode \(inode)" }
}

/// Every regular file under `<lfs>/objects` (relative path → size, mtime, inode); empty when absent.
func storedObjects(_ lfs: URL) -> [String: StoredFile] {
    let objects = lfs.appendingPathComponent("objects")
    var found: [String: StoredFile] = [:]
    guard let walker = FileManager.default.enumerator(atPath: objects.path) else { return [:] }
    while let relative = walker.nextObject() as? String {
        var info = stat()
        guard lstat(objects.appendingPathComponent(relative).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
        found[relative] = StoredFile(size: Int(info.st_size), modified: info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec,
                                     inode: UInt64(info.st_ino))
    }
    return found
}

/// The `dossier-*` temporary files under `<lfs>/tmp` (a transfer or a save in progress, or its leftover).
func temporaryFiles(_ lfs: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: lfs.appendingPathComponent("tmp").path)) ?? [])
        .filter { $0.hasPrefix("dossier-") }.sorted()
}

/// The size of the largest `dossier-*` file under `<lfs>/tmp` (0 when there is none): how far a
/// transfer in progress has got.
func temporaryBytes(_ lfs: URL) -> Int {
    temporaryFiles(lfs).map { (try? fileSize(lfs.appendingPathComponent("tmp/\($0)"))) ?? 0 }.max() ?? 0
}

/// Whether the regular file at `url` exists.
func isRegularFile(_ url: URL) -> Bool {
    var info = stat()
    return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}

/// Writes `size` random bytes into a new file; returns its pointer.
@discardableResult
func writeRandomFile(_ url: URL, size: Int) throws -> PointerData {
    try writeRandomBytes(size, to: url)
    try #require(try fileSize(url) == size)
    return try PointerData.of(url)
}

/// Overwrites a file in place with as many random bytes as it holds (its size, name and inode stay).
func scramble(_ url: URL) throws {
    let size = try fileSize(url)
    let result = try Sandbox.spawn(URL(fileURLWithPath: "/bin/sh"),
                                   ["-c", "head -c \(size) /dev/urandom | dd of=\"$1\" conv=notrunc status=none", "sh", url.path],
                                   in: url.deletingLastPathComponent(), environment: ProcessInfo.processInfo.environment)
    try #require(result.status == 0, "cannot overwrite \(url.path): \(result)")
    try #require(try fileSize(url) == size)
}

// MARK: - git with git-lfs

/// The git CLI with git-lfs enabled in an isolated global config of the sandbox (`git lfs install
/// --skip-repo` writes the `filter.lfs` section there), so that `git add`, `git checkout` and `git
/// clone` go through the real git-lfs, as on a machine where it is installed.
struct LFSGit {
    let box: Sandbox
    let config: URL

    /// Runs `git lfs install --skip-repo` into `<home>/.gitconfig-lfs`; fails the test when git-lfs
    /// is not installed (`scripts/install-deps.sh` installs Debian's `git-lfs`).
    static func install(in box: Sandbox) throws -> LFSGit {
        let lfs = LFSGit(box: box, config: box.home.appendingPathComponent(".gitconfig-lfs"))
        let version = try lfs.run(["lfs", "version"], in: box.home)
        try #require(version.status == 0 && version.stdout.hasPrefix("git-lfs/"),
                     "git-lfs is not installed (scripts/install-deps.sh installs Debian's git-lfs): \(version)")
        try lfs.ok(["lfs", "install", "--skip-repo"], in: box.home)
        try #require(try readText(lfs.config).contains("git-lfs filter-process"), "git lfs install wrote no filter")
        return lfs
    }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        box.environment(lang: "C.UTF-8", extra: [
            "GIT_CONFIG_GLOBAL": config.path,
            "GIT_AUTHOR_NAME": "Git Lfs", "GIT_AUTHOR_EMAIL": "git.lfs@example.fr",
            "GIT_COMMITTER_NAME": "Git Lfs", "GIT_COMMITTER_EMAIL": "git.lfs@example.fr",
            "GIT_TERMINAL_PROMPT": "0",
        ].merging(extra) { _, new in new })
    }

    @discardableResult
    func run(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws -> RunResult {
        try Sandbox.spawn(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: folder, environment: environment(extra))
    }

    /// Runs git and requires it to succeed; returns its stdout without the final newline.
    @discardableResult
    func ok(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:],
            sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, in: folder, environment: extra)
        try #require(result.status == 0, "git failed: \(result)", sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    /// `git lfs ls-files -l`: path → oid.
    func listedMedia(in folder: URL) throws -> [String: String] {
        var listed: [String: String] = [:]
        for line in try ok(["lfs", "ls-files", "-l"], in: folder).split(separator: "\n") {
            // "<oid> <*|-> <path>"
            let parts = line.split(separator: " ", maxSplits: 2)
            if parts.count == 3 { listed[String(parts[2])] = String(parts[0]) }
        }
        return listed
    }
}

// MARK: - JSON shapes of the media outputs

struct MissingMediaJSON: Decodable, Equatable {
    let badge: String?
    let evidence: String?
    let path: String
    let oid: String
}

/// `dossier sync --json`, with its media fields.
struct MediaSyncJSON: Decodable {
    let fetched: Bool
    let merged: Bool
    let fastForwarded: Bool
    let pushed: Bool
    let conflicts: [ConflictJSON]
    let incoming: DiffOutput?
    let sentSaves: Int
    let mediaSent: Int
    let mediaReceived: Int
    let mediaNotDownloaded: [String]
    let mediaMissing: [MissingMediaJSON]
}

/// `dossier status --json`, the fields the media tests read.
struct MediaStatusJSON: Decodable {
    let clean: Bool
    let files: [PathChangeJSON]
    let unsyncedSaves: Int
    let mediaAbsent: [String]
}

/// `dossier media fetch --json`.
struct MediaFetchJSON: Decodable {
    let received: [String]
    let missing: [MissingMediaJSON]
}

// MARK: - A lab with media

extension SyncLab {
    /// `<remote>/lfs`: where a path remote keeps its media, as git-lfs does.
    var remoteLFS: URL { remote.appendingPathComponent("lfs") }

    /// `<clone>/.git/lfs`.
    func lfs(_ name: String) -> URL { clone(name).appendingPathComponent(".git/lfs") }

    /// Writes a random file of `size` bytes into the lab's inbox (outside the clones).
    func mediaFile(_ fileName: String, size: Int) throws -> (url: URL, pointer: PointerData) {
        let url = root.appendingPathComponent("inbox/\(fileName)")
        return (url, try writeRandomFile(url, size: size))
    }

    /// `dossier add BADGE FILE --criterion CRITERION`, which must succeed.
    func add(_ name: String, _ badge: String, _ file: URL, criterion: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try dossierOK(name, ["add", badge, file.path, "--criterion", criterion], sourceLocation: sourceLocation)
    }

    /// `dossier sync --json [extra]`, which must exit 0.
    @discardableResult
    func mediaSyncOK(_ name: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> MediaSyncJSON {
        let result = try dossier(name, ["sync", "--json"] + extra)
        try #require(result.status == 0, "sync failed: \(result)", sourceLocation: sourceLocation)
        return try result.json(MediaSyncJSON.self)
    }

    func mediaStatus(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> MediaStatusJSON {
        try dossierOK(name, ["status", "--json"], sourceLocation: sourceLocation).json(MediaStatusJSON.self)
    }

    func check(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CheckOutput {
        try dossierOK(name, ["check", "--json"], sourceLocation: sourceLocation).json(CheckOutput.self)
    }

    /// The pointer git holds at `path` in `revision` of a clone (`git cat-file -p`), parsed by the tests.
    func pointer(_ name: String, _ path: String, at revision: String = "HEAD") throws -> PointerData? {
        let text = try box.gitOK(["cat-file", "-p", "\(revision):\(path)"], in: clone(name))
        return PointerData.parse(text + "\n")
    }

    /// Expects the working file `path` of a clone to hold the real content of `pointer` (not a pointer).
    func expectReal(_ name: String, _ path: String, _ pointer: PointerData, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = file(name, path)
        guard isRegularFile(url) else {
            Issue.record("\(name)/\(path) is missing", sourceLocation: sourceLocation)
            return
        }
        #expect(try PointerData.of(url) == pointer, "\(name)/\(path) does not hold the media's content", sourceLocation: sourceLocation)
    }

    /// Expects the working file `path` of a clone to be exactly the pointer file of `pointer`.
    func expectPointerFile(_ name: String, _ path: String, _ pointer: PointerData, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let data = try Data(contentsOf: file(name, path))
        #expect(PointerData.parse(data) == pointer, "\(name)/\(path) should be the pointer of \(pointer), holds \(data.count) bytes",
                sourceLocation: sourceLocation)
    }

    /// Expects an object to be in a media store, whole (its sha256sum is its oid).
    func expectStored(_ lfs: URL, _ pointer: PointerData, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let object = lfsObject(lfs, pointer.oid)
        guard isRegularFile(object) else {
            Issue.record("no object \(pointer) in \(lfs.path)", sourceLocation: sourceLocation)
            return
        }
        #expect(try PointerData.of(object) == pointer, "the object \(pointer) in \(lfs.path) is not whole", sourceLocation: sourceLocation)
    }
}

extension SyncLab {
    /// No clone holds a conflict marker and the merge left no open conflict.
    func expectConflictFree(_ names: [String] = ["a", "b"], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in names {
            try expectNoConflictMarkers(name, sourceLocation: sourceLocation)
            #expect(try conflictedBadges(name).isEmpty, sourceLocation: sourceLocation)
        }
    }
}

// MARK: - Running a command in the background

/// `dossier ARGS` started in the background (to be killed mid-way); its output goes to a log file.
func startDossier(_ box: Sandbox, _ arguments: [String], in folder: URL) throws -> RunningProcess {
    try ProcessRunner.start(try DossierBinary.path(), arguments, in: folder, environment: box.environment(lang: "C.UTF-8"),
                            log: box.url("background-\(UUID().uuidString).log"))
}

/// Kills `process` with SIGKILL as soon as `condition` holds (polled every millisecond, up to
/// `timeout` seconds). Records an issue and returns false when the process ended first or the
/// condition never held.
func killWhen(_ process: RunningProcess, timeout: TimeInterval = 60, what: String,
              sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) -> Bool {
    var exitedFirst = false
    let seen = FreePort.poll(timeout: timeout, interval: 0.001, keepTrying: {
        exitedFirst = !process.isRunning
        return !exitedFirst
    }, until: condition)
    guard seen, process.isRunning else {
        process.stop()
        Issue.record("could not kill the process while \(what): \(exitedFirst || !process.isRunning ? "it ended first" : "never seen") — \(process.output)",
                     sourceLocation: sourceLocation)
        return false
    }
    kill(process.pid, SIGKILL)
    #expect(process.waitForExit(timeout: 10), "the killed process did not end", sourceLocation: sourceLocation)
    let termination = process.termination
    #expect(termination?.bySignal == true && termination?.status == SIGKILL, "not killed by SIGKILL: \(String(describing: termination))",
            sourceLocation: sourceLocation)
    return true
}

// MARK: - Claims edited by hand

/// Appends an evidence entry to a claim.yaml, as someone editing it by hand would, in the file's own
/// indentation of its evidence list (`- id:` or `  - id:`).
func appendEvidence(to claimURL: URL, id: String, title: String, criterion: String, file: String, pointer: PointerData) throws {
    let text = try readText(claimURL)
    let indent = text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- id:") }
        .map { String($0.prefix { $0 == " " }) } ?? "  "
    var body = text.hasSuffix("\n") ? text : text + "\n"
    body += """
        \(indent)- id: \(id)
        \(indent)  title: "\(title)"
        \(indent)  criterion: \(criterion)
        \(indent)  file: \(file)
        \(indent)  sha256: "\(pointer.oid)"
        \(indent)  size: \(pointer.size)

        """
    try writeText(body, to: claimURL)
}
