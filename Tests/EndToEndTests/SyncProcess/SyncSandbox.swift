import Foundation
import Testing
import TestServers

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

/// One test's world for the sync tests that drive the binary (its transfers, locks, kills and
/// progress), with `ProcessRunner` and real servers: a temporary folder with a fake HOME (no ssh keys, no git credentials, no git config),
/// an empty known_hosts file named by DOSSIER_KNOWN_HOSTS, and an isolated git CLI to inspect repositories.
/// Every `dossier` run gets a minimal environment: no SSH_AUTH_SOCK, no DOSSIER_TOKEN, LANG=C.UTF-8.
final class SyncSandbox: @unchecked Sendable {
    let folder: TemporaryFolder
    let home: URL
    let knownHosts: URL
    let git: GitCLI
    let binary: String

    init() throws {
        binary = try DossierBinary.path()
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
        var environment = TestEnvironment.minimal(home: home)
        environment["DOSSIER_KNOWN_HOSTS"] = knownHosts.path
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
                       "--from", TestServers.sample(sample).path])
        return url(name)
    }

    /// A file of `size` random bytes (incompressible), named `name`, outside any dossier.
    func randomFile(_ name: String, size: Int) throws -> URL {
        let scratch = try folder.makeFolder("scratch")
        let target = scratch.appendingPathComponent(name)
        try writeRandomBytes(size, to: target)
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
