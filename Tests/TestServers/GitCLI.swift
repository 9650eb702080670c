import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A git command that failed: its arguments, folder, status and output.
public struct GitCLIError: Error, CustomStringConvertible {
    public let arguments: [String]
    public let directory: String?
    public let result: ProcessResult
    public var status: Int32 { result.status }
    public var stderr: String { result.stderr }
    public var stdout: String { result.stdout }
    public var description: String {
        "git \(arguments.joined(separator: " "))" + (directory.map { " (in \($0))" } ?? "") + " failed: \(result)"
    }
}

/// The git command-line tool, isolated from the machine's and the user's configuration:
/// HOME (and XDG_CONFIG_HOME) is a temporary folder of its own holding a small .gitconfig
/// (user, `init.defaultBranch main`), GIT_CONFIG_NOSYSTEM=1, GIT_TERMINAL_PROMPT=0 (a missing or
/// wrong credential fails instead of waiting for a terminal), LC_ALL=C (stable messages), fixed author
/// and committer; every inherited GIT_* and SSH_ASKPASS variable is dropped.
public final class GitCLI: Sendable {
    public let executable: String
    /// The isolated HOME.
    public let home: TemporaryFolder
    /// The environment every command gets (before the per-call additions).
    public let environment: [String: String]

    public init(
        executable: String = "/usr/bin/git",
        userName: String = "Test Author",
        userEmail: String = "test@example.invalid",
        environment extra: [String: String] = [:]
    ) throws {
        self.executable = executable
        home = try TemporaryFolder(prefix: "git-home")
        try home.write("""
            [user]
            \tname = \(userName)
            \temail = \(userEmail)
            [init]
            \tdefaultBranch = main
            [advice]
            \tdetachedHead = false
            [protocol "file"]
            \tallow = always

            """, to: ".gitconfig")
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("GIT_") && $0.key != "SSH_ASKPASS" && $0.key != "DISPLAY"
        }
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appending(".config").path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_AUTHOR_NAME"] = userName
        environment["GIT_AUTHOR_EMAIL"] = userEmail
        environment["GIT_COMMITTER_NAME"] = userName
        environment["GIT_COMMITTER_EMAIL"] = userEmail
        environment["LC_ALL"] = "C"
        environment["LANG"] = "C"
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        environment.merge(extra) { $1 }
        self.environment = environment
    }

    /// Runs `git <arguments>` in `directory` (default: the caller's) with `environment` added to the
    /// isolated one and `input` as standard input (default: none); returns standard output as is
    /// (trailing newline included). Throws `GitCLIError` (with stderr) when the status is not 0, or
    /// when it did not end within `timeout` seconds.
    @discardableResult
    public func run(
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:],
        input: Data? = nil,
        timeout: TimeInterval = 120
    ) throws -> String {
        let result = try result(arguments, in: directory, environment: environment, input: input, timeout: timeout)
        guard result.succeeded else {
            throw GitCLIError(arguments: arguments, directory: directory?.path, result: result)
        }
        return result.stdout
    }

    /// `run(["a", "b"])` written `run("a", "b")`.
    @discardableResult
    public func run(_ arguments: String..., in directory: URL? = nil, environment: [String: String] = [:]) throws -> String {
        try run(arguments, in: directory, environment: environment)
    }

    /// Runs `git <arguments>` and returns the result whatever the status (for expected failures).
    public func result(
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:],
        input: Data? = nil,
        timeout: TimeInterval = 120
    ) throws -> ProcessResult {
        try ProcessRunner.run(executable, arguments, in: directory,
                              environment: self.environment.merging(environment) { $1 }, input: input,
                              timeout: timeout)
    }
}

extension GitCLI {
    /// One isolated git CLI for the whole test process, made on first use; its home folder is
    /// removed when the process exits.
    public static func shared() throws -> GitCLI { try sharedGit.get() }
}

private let sharedGit = Result { () throws -> GitCLI in
    let git = try GitCLI()
    atexit(removeSharedGitHome)
    return git
}

private func removeSharedGitHome() { (try? sharedGit.get())?.home.remove() }

/// `git ARGUMENTS` in `directory` with the process's shared isolated git CLI; the result whatever its status.
@discardableResult
public func git(_ arguments: [String], in directory: String) throws -> ProcessResult {
    try GitCLI.shared().result(arguments, in: URL(fileURLWithPath: directory))
}

/// `git(["a", "b"], in:)` written `git("a", "b", in:)`.
@discardableResult
public func git(_ arguments: String..., in directory: String) throws -> ProcessResult {
    try git(arguments, in: directory)
}
