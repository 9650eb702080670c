import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package root, from this file's path (Tests/SyncTests/Support/SyncSandbox.swift).
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A sample dossier shipped with the package.
func sampleDossier(_ name: String) -> String { packageRoot.appendingPathComponent("sample-dossiers/\(name)").path }

/// The author of every save these tests make (no dependence on the machine's git config).
let testAuthor = "Camille Martin <camille.martin@example.fr>"

/// The `dossier` binary: `DOSSIER_BIN`, else next to the test bundle (`CommandLine.arguments[0]`),
/// else `.build/debug/dossier`.
func dossierBinary() throws -> String {
    var candidates: [String] = []
    if let override = ProcessInfo.processInfo.environment["DOSSIER_BIN"], !override.isEmpty { candidates.append(override) }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
    // On macOS the bundle executable is …/dossierPackageTests.xctest/Contents/MacOS/dossierPackageTests.
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("dossier").path)
        folder = folder.deletingLastPathComponent()
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/dossier").path)
    for candidate in candidates {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
           FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
    }
    throw TestServerError("dossier binary not found (build it with `swift build`); tried: \(candidates.joined(separator: ", "))")
}

/// A finished `dossier` run and how long it took.
struct DossierRun: CustomStringConvertible {
    let result: ProcessResult
    let seconds: TimeInterval

    var status: Int32 { result.status }
    var stdout: String { result.stdout }
    var stderr: String { result.stderr }
    /// Exited by itself with status 0.
    var succeeded: Bool { result.succeeded }
    /// Exited by itself (no signal, no timeout) with this status.
    func exited(with code: Int32) -> Bool { !result.terminatedBySignal && !result.timedOut && result.status == code }
    /// Lines of stderr (a final newline makes no extra line).
    var stderrLines: [String] { result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastEmpty() }
    var description: String { "\(result) [\(String(format: "%.2f", seconds)) s]" }
}

extension Array where Element == String {
    func dropLastEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}

/// One test's world: a temporary folder with a fake HOME (no ssh keys, no git credentials, no git config),
/// an empty known_hosts file named by DOSSIER_KNOWN_HOSTS, and an isolated git CLI to inspect repositories.
/// Every `dossier` run gets a minimal environment: no SSH_AUTH_SOCK, no DOSSIER_TOKEN, LANG=C.UTF-8.
final class SyncSandbox: @unchecked Sendable {
    let folder: TemporaryFolder
    let home: URL
    let knownHosts: URL
    let git: GitCLI
    let binary: String

    init() throws {
        binary = try dossierBinary()
        folder = try TemporaryFolder(prefix: "sync-tests")
        home = try folder.makeFolder("home")
        knownHosts = folder.appending("known_hosts")
        try Data().write(to: knownHosts)
        git = try GitCLI()
    }

    var root: URL { folder.url }
    func url(_ relative: String) -> URL { folder.appending(relative) }

    /// The environment of every `dossier` run, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
            "LANG": "C.UTF-8",
            "DOSSIER_KNOWN_HOSTS": knownHosts.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "TMPDIR": FileManager.default.temporaryDirectory.path,
        ]
        environment.merge(extra) { $1 }
        return environment.filter { $0.value != Self.unset }
    }

    /// As a value in `environment(_:)`: leave the variable out.
    static let unset = "\u{0}unset"

    /// Runs `dossier ARGS` in `directory` (default: the sandbox root); killed after `timeout` seconds.
    @discardableResult
    func dossier(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:],
                 timeout: TimeInterval = 60) throws -> DossierRun {
        let start = Date()
        let result = try ProcessRunner.run(binary, arguments, in: directory ?? root, environment: environment(extra), timeout: timeout)
        return DossierRun(result: result, seconds: Date().timeIntervalSince(start))
    }

    /// Runs a `dossier` command that must succeed.
    @discardableResult
    func dossierOK(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:],
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> DossierRun {
        let run = try dossier(arguments, in: directory, environment: extra)
        try #require(run.succeeded, "dossier \(arguments.joined(separator: " ")) failed: \(run)", sourceLocation: sourceLocation)
        return run
    }

    /// Starts `dossier ARGS` without waiting (stdout and stderr go to `log`).
    func start(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:], log: URL) throws -> RunningProcess {
        try ProcessRunner.start(binary, arguments, in: directory, environment: environment(extra), log: log)
    }

    /// `dossier init NAME --from sample-dossiers/batiment-caen`; returns the dossier folder.
    func initDossier(_ name: String = "dossier", sample: String = "batiment-caen") throws -> URL {
        try dossierOK(["init", name, "--uai", "0141234R", "--name", "CFA du bâtiment de Caen", "--author", testAuthor,
                       "--from", sampleDossier(sample)])
        return url(name)
    }

    /// A file of `size` random bytes (incompressible), named `name`, outside any dossier.
    func randomFile(_ name: String, size: Int) throws -> URL {
        let scratch = try folder.makeFolder("scratch")
        let target = scratch.appendingPathComponent(name)
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
        defer { try? input.close() }
        var data = Data()
        while data.count < size { data.append(try input.read(upToCount: size - data.count) ?? Data()) }
        try data.write(to: target)
        return target
    }

    /// `dossier add BADGE FILE --criterion C` then `dossier save`.
    func addAndSave(_ file: URL, badge: String, criterion: String, in dossier: URL, message: String) throws {
        try dossierOK(["add", badge, file.path, "--criterion", criterion], in: dossier)
        try dossierOK(["save", "-m", message, "--author", testAuthor], in: dossier)
    }

    // MARK: git inspection (the git CLI, independent of the product)

    /// `git rev-parse --verify REV` in a working repository; nil when it does not resolve.
    func revParse(_ revision: String, in repository: URL) throws -> String? {
        let result = try git.result(["rev-parse", "--verify", "--quiet", revision], in: repository)
        return result.succeeded ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// `git fsck --full --strict --no-dangling` in a working repository.
    func fsck(_ repository: URL) throws -> ProcessResult {
        try git.result(["fsck", "--full", "--strict", "--no-dangling", "--no-progress"], in: repository)
    }
}

/// Where a server repository's `main` is, or nil.
func serverMain(_ remote: BareRemote) throws -> String? { try remote.commit(of: "refs/heads/main") }

/// The tree of a server repository's `main`.
func serverTree(_ remote: BareRemote) throws -> String? {
    let result = try remote.git.result(["--git-dir=\(remote.path)", "rev-parse", "--verify", "--quiet", "main^{tree}"])
    return result.succeeded ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
}

// MARK: - Snapshots

/// Every entry under `root` (files with their bytes, folders, links), by relative path, except the
/// relative paths in `excluded` and what is under them.
func snapshot(_ root: URL, excluding excluded: [String] = [".git/dossier"]) throws -> [String: String] {
    var result: [String: String] = [:]
    let fileManager = FileManager.default
    func walk(_ relative: String) throws {
        let full = relative.isEmpty ? root.path : root.path + "/" + relative
        for name in try fileManager.contentsOfDirectory(atPath: full) {
            let child = relative.isEmpty ? name : relative + "/" + name
            if excluded.contains(child) { continue }
            let path = root.path + "/" + child
            var info = stat()
            guard lstat(path, &info) == 0 else { throw TestServerError("lstat \(path): errno \(errno)") }
            let type = UInt32(info.st_mode) & UInt32(S_IFMT)
            let mode = String(UInt32(info.st_mode) & 0o7777, radix: 8)
            if type == UInt32(S_IFDIR) {
                result[child] = "folder \(mode)"
                try walk(child)
            } else if type == UInt32(S_IFLNK) {
                result[child] = "link → " + ((try? fileManager.destinationOfSymbolicLink(atPath: path)) ?? "?")
            } else {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                result[child] = "file \(mode) \(data.count) bytes \(data.base64EncodedString())"
            }
        }
    }
    try walk("")
    return result
}

/// The paths whose entry differs between two snapshots (empty: identical).
func differences(_ before: [String: String], _ after: [String: String]) -> [String] {
    Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }.map { key in
        let describe: (String?) -> String = { $0.map { String($0.prefix(40)) } ?? "absent" }
        return "\(key): \(describe(before[key])) → \(describe(after[key]))"
    }
}
