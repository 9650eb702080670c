import Foundation
import Testing
@testable import Git

/// A temporary folder, removed by `cleanUp()`.
struct TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("git-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ text: String, to relative: String) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relative))
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

struct ProcessResult {
    let status: Int32
    let output: String
    let error: String
    /// Output without the final line break.
    var trimmed: String { output.trimmingCharacters(in: .whitespacesAndNewlines) }
    var lines: [String] { output.split(separator: "\n").map(String.init) }
}

/// Runs the git command-line tool, isolated from the user's and system's configuration.
@discardableResult
func git(_ arguments: [String], in directory: String) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = ["-C", directory] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_AUTHOR_NAME"] = "Test"
    environment["GIT_AUTHOR_EMAIL"] = "test@example.fr"
    environment["GIT_COMMITTER_NAME"] = "Test"
    environment["GIT_COMMITTER_EMAIL"] = "test@example.fr"
    environment["LC_ALL"] = "C"
    process.environment = environment
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         output: String(decoding: outData, as: UTF8.self),
                         error: String(decoding: errData, as: UTF8.self))
}

func git(_ arguments: String..., in directory: String) throws -> ProcessResult {
    try git(arguments, in: directory)
}

/// A fixed author, one second later per save so that the history has a clear order.
func author(_ second: Int = 0) -> Signature {
    Signature(name: "Claire Lemonnier", email: "claire@cfa.example.fr",
              date: Date(timeIntervalSince1970: TimeInterval(1_750_000_000 + second)), timeZoneOffset: 120)
}

/// A working repository in a temporary folder, with helpers to save its files.
struct RepositoryFixture {
    let folder: TemporaryFolder
    let repository: Repository
    var path: String { folder.path }

    init() throws {
        folder = try TemporaryFolder()
        repository = try Repository.create(at: folder.path)
    }

    /// Stages the given paths (removing those that no longer exist) and commits them on HEAD.
    @discardableResult
    func commit(_ message: String, adding paths: [String] = [], removing removed: [String] = [], second: Int = 0) throws -> ObjectID {
        let index = try repository.index()
        for path in paths { try index.add(path: path) }
        for path in removed { try index.remove(path: path) }
        let tree = try index.writeTree()
        try index.write()
        let parents = try repository.headCommit().map { [$0] } ?? []
        return try repository.commit(tree: tree, parents: parents, message: message, author: author(second))
    }

    func cleanUp() { folder.cleanUp() }
}
