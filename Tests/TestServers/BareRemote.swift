import Foundation

/// A bare repository made with the git CLI, with the checks a test wants on what a client pushed.
public struct BareRemote: Sendable {
    /// The repository folder (e.g. `…/repos/x.git`).
    public let url: URL
    public var path: String { url.path }
    /// The isolated git used for every command on this repository.
    public let git: GitCLI

    /// Runs `git init --bare -b main` in `url` (created if missing), with `gc.autoDetach false`: an
    /// automatic gc after a push then runs before receive-pack ends, instead of in a detached process
    /// that would outlive the server and touch a repository the test is removing.
    public static func create(at url: URL, git: GitCLI? = nil) throws -> BareRemote {
        let git = try git ?? GitCLI()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git.run(["init", "--quiet", "--bare", "-b", "main", url.path])
        let remote = BareRemote(existingAt: url, git: git)
        try remote.setConfig("gc.autoDetach", "false")
        return remote
    }

    /// An existing bare repository.
    public init(existingAt url: URL, git: GitCLI) {
        self.url = url
        self.git = git
    }

    /// Runs `git --git-dir=<path> <arguments>`; returns standard output as is.
    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        try git.run(["--git-dir=\(path)"] + arguments, environment: environment)
    }

    /// `git config key value` in this repository.
    public func setConfig(_ key: String, _ value: String) throws {
        try run(["config", key, value])
    }

    /// Every ref (`git for-each-ref`): full ref name → object id. Empty for a new repository.
    public func refs() throws -> [String: String] {
        let output = try run(["for-each-ref", "--format=%(refname) %(objectname)"])
        var refs: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { refs[String(parts[0])] = String(parts[1]) }
        }
        return refs
    }

    /// The object id `ref` resolves to (`git rev-parse --verify --quiet ref^{commit}`), nil if it does not.
    public func commit(of ref: String) throws -> String? {
        let result = try git.result(["--git-dir=\(path)", "rev-parse", "--verify", "--quiet", "\(ref)^{commit}"])
        guard result.succeeded else { return nil }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The bytes of `filePath` at `ref` (`git show ref:filePath`).
    public func data(at ref: String, path filePath: String) throws -> Data {
        let arguments = ["--git-dir=\(path)", "show", "\(ref):\(filePath)"]
        let result = try git.result(arguments)
        guard result.succeeded else { throw GitCLIError(arguments: arguments, directory: nil, result: result) }
        return result.standardOutput
    }

    /// The text of `filePath` at `ref` (`git show ref:filePath`), exactly as stored.
    public func contents(at ref: String, path filePath: String) throws -> String {
        String(decoding: try data(at: ref, path: filePath), as: UTF8.self)
    }

    /// Paths of the files at `ref` (`git ls-tree -r --name-only`), sorted.
    public func files(at ref: String) throws -> [String] {
        try run(["ls-tree", "-r", "--name-only", ref]).split(separator: "\n").map(String.init).sorted()
    }

    /// Number of commits reachable from `ref`.
    public func commitCount(_ ref: String) throws -> Int {
        Int(try run(["rev-list", "--count", ref]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// `git fsck --full --strict --no-dangling`; throws `GitCLIError` when the repository is corrupt.
    /// Returns fsck's output (warnings).
    @discardableResult
    public func fsck() throws -> String {
        let arguments = ["--git-dir=\(path)", "fsck", "--full", "--strict", "--no-dangling", "--no-progress"]
        let result = try git.result(arguments)
        guard result.succeeded else { throw GitCLIError(arguments: arguments, directory: nil, result: result) }
        return result.stdout + result.stderr
    }
}
