import Foundation
import TestServers

/// The folder of one scenario: `work/` is where commands run (the fixture, then each kill's copy of it),
/// `template/` the fixture kept aside so that every kill starts from the same state. Paths inside the
/// fixture (remotes, the hub's registry) name `work/`, which is why a copy is moved back there rather
/// than used where it is.
final class CrashLab: @unchecked Sendable {
    let folder: TemporaryFolder
    let home: URL
    var work: URL { folder.appending("work") }
    var template: URL { folder.appending("template") }
    /// The evidence every save that reported success recorded (kept across kills: see `Ledger`).
    var ledger = Ledger()

    init() throws {
        folder = try TemporaryFolder(prefix: "dossier-crash")
        home = try folder.makeFolder("home")
        try FileManager.default.createDirectory(at: folder.appending("work"), withIntermediateDirectories: true)
    }

    func remove() { folder.remove() }

    func url(_ relative: String) -> URL { work.appendingPathComponent(relative) }

    /// The environment of every program: English messages, a fake home, no system or global git config.
    var environment: [String: String] {
        var env = TestEnvironment.inherited(home: home)
        env["GIT_AUTHOR_NAME"] = "Git Cli"
        env["GIT_AUTHOR_EMAIL"] = "git.cli@example.fr"
        env["GIT_COMMITTER_NAME"] = "Git Cli"
        env["GIT_COMMITTER_EMAIL"] = "git.cli@example.fr"
        return env
    }

    func binary() throws -> String { try DossierBinary.path() }

    /// `dossier ARGS` in `work/<folder>`.
    @discardableResult
    func dossier(_ arguments: [String], in relative: String, timeout: TimeInterval = 120) throws -> ProcessResult {
        try ProcessRunner.run(try binary(), arguments, in: url(relative), environment: environment, timeout: timeout)
    }

    /// `dossier ARGS`, which must succeed.
    @discardableResult
    func dossierOK(_ arguments: [String], in relative: String) throws -> ProcessResult {
        let result = try dossier(arguments, in: relative)
        guard result.succeeded else { throw TestServerError("fixture command failed: \(result)") }
        return result
    }

    /// The git CLI in `work/<folder>` (any status).
    @discardableResult
    func git(_ arguments: [String], in relative: String) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/git", arguments, in: url(relative), environment: environment, timeout: 120)
    }

    /// The git CLI, which must succeed; its stdout without the final newline.
    @discardableResult
    func gitOK(_ arguments: [String], in relative: String) throws -> String {
        let result = try git(arguments, in: relative)
        guard result.succeeded else { throw TestServerError("git failed: \(result)") }
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

    /// Writes a text file (creating folders) under `work/` and returns its URL.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> URL {
        let target = url(relative)
        try writeText(text, to: target)
        return target
    }

    /// Writes `size` seeded pseudo-random bytes (media content that no compression shrinks).
    @discardableResult
    func writeRandom(_ relative: String, size: Int, seed: UInt64) throws -> URL {
        let target = url(relative)
        try writeRandomBytes(size, to: target, seed: seed)
        return target
    }

    // MARK: fixture and copies

    /// Moves the fixture built in `work/` aside as the template.
    func keepAsTemplate() throws {
        try? FileManager.default.removeItem(at: template)
        try FileManager.default.moveItem(at: work, to: template)
        try restore()
    }

    /// `work/` becomes a fresh copy of the template (`cp -a`: modes, links and times kept).
    func restore() throws {
        try removeWork()
        try ProcessRunner.run("/bin/cp", ["-a", template.path, work.path], environment: environment, check: true)
    }

    /// The ledger as it was when the template was made, for each kill.
    var templateLedger = Ledger()

    private func removeWork() throws {
        guard FileManager.default.fileExists(atPath: work.path) else { return }
        try ProcessRunner.run("/bin/rm", ["-rf", work.path], environment: environment, check: true)
    }
}

/// FNV-1a of a text: a stable per-scenario seed (Swift's `hashValue` changes from run to run).
func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return hash
}
