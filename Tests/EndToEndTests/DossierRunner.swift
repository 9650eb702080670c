import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of running a program.
struct RunResult: CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stdoutData: Data
    let stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// The lines of stderr (a final newline does not make an extra empty line).
    var stderrLines: [String] {
        var lines = stderr.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    var stdoutLines: [String] {
        var lines = stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    var description: String {
        "$ \(arguments.joined(separator: " "))\nexit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }

    /// Decodes stdout as JSON.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: stdoutData)
        } catch {
            Issue.record("cannot decode \(T.self) from the output of: \(self)\n\(error)")
            throw error
        }
    }
}

/// A fresh temporary folder for one test: a fake home (no global git config) and room for dossiers.
/// Call `remove()` at the end (use `defer`).
struct Sandbox {
    let root: URL
    let home: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-e2e-\(UUID().uuidString)", isDirectory: true)
        home = root.appendingPathComponent("home", isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        if FileManager.default.fileExists(atPath: root.path) {
            // Names that are not UTF-8 can defeat FileManager: fall back to rm.
            _ = try? Self.spawn(URL(fileURLWithPath: "/bin/rm"), ["-rf", root.path], in: URL(fileURLWithPath: "/"),
                                environment: ProcessInfo.processInfo.environment)
        }
    }

    /// A path inside the sandbox.
    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Writes a text file (creating folders) and returns its URL.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> URL {
        let url = url(relative)
        try writeText(text, to: url)
        return url
    }

    /// The environment every program runs with: the given language, no LC_ALL/LC_MESSAGES/LANGUAGE,
    /// a fake home and no system git config.
    func environment(lang: String, extra: [String: String] = [:]) -> [String: String] {
        TestEnvironment.inherited(home: home, lang: lang).merging(extra) { $1 }
    }

    /// Runs `dossier ARGS` in `folder`.
    @discardableResult
    func dossier(_ arguments: [String], in folder: URL, lang: String = "C.UTF-8", stdin: Data? = nil,
                 environment extra: [String: String] = [:]) throws -> RunResult {
        try Self.spawn(try DossierBinary.url(), arguments, in: folder, environment: environment(lang: lang, extra: extra),
                       stdin: stdin)
    }

    /// Runs the real git CLI in `folder`, with a fixed committer.
    @discardableResult
    func git(_ arguments: [String], in folder: URL) throws -> RunResult {
        try Self.spawn(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: folder, environment: environment(lang: "C.UTF-8", extra: [
            "GIT_AUTHOR_NAME": "Git Cli", "GIT_AUTHOR_EMAIL": "git.cli@example.fr",
            "GIT_COMMITTER_NAME": "Git Cli", "GIT_COMMITTER_EMAIL": "git.cli@example.fr",
        ]))
    }

    /// Runs git and requires it to succeed; returns its stdout without the final newline.
    @discardableResult
    func gitOK(_ arguments: [String], in folder: URL) throws -> String {
        let result = try git(arguments, in: folder)
        try #require(result.status == 0, "git failed: \(result)")
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    /// Runs `/bin/sh -c SCRIPT` (for arguments that a Swift String cannot carry, e.g. non-UTF-8 bytes).
    /// `$DOSSIER` names the binary.
    @discardableResult
    func shell(_ script: String, in folder: URL, lang: String = "C.UTF-8") throws -> RunResult {
        try Self.spawn(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: folder,
                       environment: environment(lang: lang, extra: ["DOSSIER": try DossierBinary.path()]))
    }

    /// Runs a dossier command that must succeed.
    @discardableResult
    func dossierOK(_ arguments: [String], in folder: URL, lang: String = "C.UTF-8", stdin: Data? = nil) throws -> RunResult {
        let result = try dossier(arguments, in: folder, lang: lang, stdin: stdin)
        try #require(result.status == 0, "command failed: \(result)")
        return result
    }

    /// `dossier init NAME` from a sample (or plain), with a fixed author; returns the dossier folder.
    func initDossier(_ name: String = "dossier", from sampleName: String? = nil, uai: String = "0141234R",
                     cfaName: String = "CFA de test") throws -> URL {
        var arguments = ["init", name, "--uai", uai, "--name", cfaName, "--author", testAuthor]
        if let sampleName { arguments += ["--from", sample(sampleName).path] }
        try dossierOK(arguments, in: root)
        return url(name)
    }

    /// Runs a program to its end (`ProcessRunner`: output captured into files, no pipe deadlock),
    /// killed after ten minutes.
    static func spawn(_ executable: URL, _ arguments: [String], in folder: URL, environment: [String: String],
                      stdin: Data? = nil) throws -> RunResult {
        let result = try ProcessRunner.run(executable.path, arguments, in: folder, environment: environment, input: stdin,
                                           timeout: 600)
        return RunResult(arguments: [executable.lastPathComponent] + arguments, status: result.status,
                         stdoutData: result.standardOutput, stderrData: result.standardError)
    }
}

// MARK: - Files

/// The SHA-256 of a file, computed by the `sha256sum` tool (independent of the product's code).
func sha256sum(_ url: URL) throws -> String {
    let result = try Sandbox.spawn(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", url.path],
                                   in: url.deletingLastPathComponent(), environment: ProcessInfo.processInfo.environment)
    try #require(result.status == 0, "sha256sum failed: \(result)")
    return String(result.stdout.prefix(while: { $0 != " " }))
}

func fileSize(_ url: URL) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? -1
}

func readText(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// Replaces exactly one occurrence of `old` in the file; fails the test if it is not found once.
func edit(_ url: URL, replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let text = try readText(url)
    let count = text.components(separatedBy: old).count - 1
    try #require(count == 1, "expected exactly one «\(old)» in \(url.lastPathComponent), found \(count)",
                 sourceLocation: sourceLocation)
    try writeText(text.replacingOccurrences(of: old, with: new), to: url)
}

/// The 1-based number of the first line of `text` that contains `needle`.
func lineNumber(of needle: String, in text: String) -> Int? {
    let lines = text.components(separatedBy: "\n")
    return lines.firstIndex(where: { $0.contains(needle) }).map { $0 + 1 }
}

/// Copies a folder tree (used to copy a sample without going through the product).
func copyTree(_ source: URL, to target: URL) throws {
    try FileManager.default.copyItem(at: source, to: target)
}

// MARK: - Raw file system (byte names)

/// Records an issue for each path that differs between two snapshots.
func expectUnchanged(_ before: [String: FileState], _ after: [String: FileState], _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    let changed = differences(before, after)
    #expect(changed.isEmpty, "\(what) changed files:\n\(changed.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// Creates a file whose name is given as raw bytes (e.g. not UTF-8), in `folder`.
func createRawFile(named name: [UInt8], in folder: URL, contents: String) throws {
    let path = Array(folder.path.utf8) + [0x2F] + name
    let fd = withCPath(path) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
    try #require(fd >= 0, "cannot create the raw-named file (errno \(errno))")
    defer { close(fd) }
    let bytes = Array(contents.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    try #require(written == bytes.count)
}

/// Creates a symbolic link at `path` pointing to `target` (like `ln -s target path`).
func createSymlink(at path: URL, to target: String) throws {
    try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: target)
}
