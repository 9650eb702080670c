import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package root, found from this file's path (Tests/EndToEndTests/DossierRunner.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A sample dossier shipped with the package.
func sample(_ name: String) -> URL { packageRoot.appendingPathComponent("sample-dossiers/\(name)") }

/// The author passed to every save, so that no assertion depends on the machine's git config.
let testAuthor = "Camille Martin <camille.martin@example.fr>"

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

enum RunnerError: Error, CustomStringConvertible {
    case binaryNotFound([String])
    var description: String {
        switch self {
        case .binaryNotFound(let tried): "dossier binary not found; tried: \(tried.joined(separator: ", "))"
        }
    }
}

/// Where the `dossier` binary is: `DOSSIER_BIN`, else next to the test bundle, else `.build/debug`.
let dossierBinary: Result<URL, RunnerError> = {
    let fileManager = FileManager.default
    var candidates: [String] = []
    if let override = ProcessInfo.processInfo.environment["DOSSIER_BIN"], !override.isEmpty { candidates.append(override) }
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    var folder = bundle.deletingLastPathComponent()
    // On macOS the bundle executable is …/dossierPackageTests.xctest/Contents/MacOS/dossierPackageTests.
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("dossier").path)
        folder = folder.deletingLastPathComponent()
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/dossier").path)
    for candidate in candidates {
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
           fileManager.isExecutableFile(atPath: candidate) {
            return .success(URL(fileURLWithPath: candidate))
        }
    }
    return .failure(.binaryNotFound(candidates))
}()

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
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The environment every program runs with: the given language, no LC_ALL/LC_MESSAGES/LANGUAGE,
    /// a fake home and no system git config.
    func environment(lang: String, extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "DOSSIER_BIN"] {
            env[key] = nil
        }
        env["LANG"] = lang
        env["HOME"] = home.path
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs `dossier ARGS` in `folder`.
    @discardableResult
    func dossier(_ arguments: [String], in folder: URL, lang: String = "C.UTF-8", stdin: Data? = nil,
                 environment extra: [String: String] = [:]) throws -> RunResult {
        try Self.spawn(try dossierBinary.get(), arguments, in: folder, environment: environment(lang: lang, extra: extra),
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
                       environment: environment(lang: lang, extra: ["DOSSIER": try dossierBinary.get().path]))
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

    /// Spawns a program with stdout and stderr captured into files (no pipe deadlock).
    static func spawn(_ executable: URL, _ arguments: [String], in folder: URL, environment: [String: String],
                      stdin: Data? = nil) throws -> RunResult {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-e2e-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out")
        let errURL = capture.appendingPathComponent("err")
        let inURL = capture.appendingPathComponent("in")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        try (stdin ?? Data()).write(to: inURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        try input.close()
        return RunResult(arguments: [executable.lastPathComponent] + arguments, status: process.terminationStatus,
                         stdoutData: try Data(contentsOf: outURL), stderrData: try Data(contentsOf: errURL))
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

func writeText(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

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

/// What is at one path of a snapshot.
enum FileState: Equatable, CustomStringConvertible {
    case file(Data, mode: UInt32)
    case directory(mode: UInt32)
    case symlink(target: [UInt8])
    case other(mode: UInt32)

    var description: String {
        switch self {
        case .file(let data, let mode): "file \(data.count) bytes, mode \(String(mode, radix: 8))"
        case .directory(let mode): "directory, mode \(String(mode, radix: 8))"
        case .symlink(let target): "symlink → \(String(decoding: target, as: UTF8.self))"
        case .other(let mode): "other \(String(mode, radix: 8))"
        }
    }
}

/// A path as text: UTF-8 when it is, bytes escaped as \xHH otherwise (lossless either way).
func displayPath(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    return bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }.joined()
}

private func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    let terminated = bytes + [0]
    return terminated.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: terminated.count) { body($0) }
    }
}

private func readAll(_ path: [UInt8]) throws -> Data {
    let fd = withCPath(path) { open($0, O_RDONLY) }
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if count == 0 { break }
        data.append(contentsOf: buffer[0..<count])
    }
    return data
}

/// Every entry under `root` (the dossier and its `.git/`, nothing excluded): path → type, mode and bytes.
/// Names are read as raw bytes, so names that are not UTF-8 are included too.
func snapshot(_ root: URL) throws -> [String: FileState] {
    var result: [String: FileState] = [:]
    let rootBytes = Array(root.path.utf8)
    func walk(_ relative: [UInt8]) throws {
        let folder = relative.isEmpty ? rootBytes : rootBytes + [0x2F] + relative
        guard let dir = withCPath(folder, { opendir($0) }) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { bytes in
                    Array(UnsafeBufferPointer(start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        for name in names {
            let childRelative = relative.isEmpty ? name : relative + [0x2F] + name
            let childFull = rootBytes + [0x2F] + childRelative
            var info = stat()
            guard withCPath(childFull, { lstat($0, &info) }) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            let type = UInt32(info.st_mode) & UInt32(S_IFMT)
            let mode = UInt32(info.st_mode) & 0o7777
            let key = displayPath(childRelative)
            if type == UInt32(S_IFDIR) {
                result[key] = .directory(mode: mode)
                try walk(childRelative)
            } else if type == UInt32(S_IFLNK) {
                var target = [UInt8](repeating: 0, count: 4096)
                let count = withCPath(childFull) { path in
                    target.withUnsafeMutableBufferPointer { buffer in
                        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { readlink(path, $0, buffer.count) }
                    }
                }
                result[key] = .symlink(target: Array(target.prefix(max(count, 0))))
            } else if type == UInt32(S_IFREG) {
                result[key] = .file(try readAll(childFull), mode: mode)
            } else {
                result[key] = .other(mode: mode)
            }
        }
    }
    try walk([])
    return result
}

/// Records an issue for each path that differs between two snapshots.
func expectUnchanged(_ before: [String: FileState], _ after: [String: FileState], _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    var differences: [String] = []
    for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
        differences.append("\(key): \(before[key].map(\.description) ?? "absent") → \(after[key].map(\.description) ?? "absent")")
    }
    #expect(differences.isEmpty, "\(what) changed files:\n\(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
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
