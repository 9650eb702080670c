@testable import DossierCore
import Foundation
import Git
import Testing
@testable import DossierRepository

/// The package root, found from this file's path (Tests/DossierRepositoryTests/…).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let batimentCaen = packageRoot.appendingPathComponent("sample-dossiers/batiment-caen").path

private let builtinResult = Result { try Catalogue.builtin() }
func builtinCatalogue() throws -> Catalogue { try builtinResult.get() }

func sha256(_ text: String) -> String { Digest.sha256(Array(text.utf8)) }

/// A temporary folder, removed by `cleanUp()`.
struct TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-repo-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

struct ProcessResult {
    let status: Int32
    let output: String
    let error: String
    var trimmed: String { output.trimmingCharacters(in: .whitespacesAndNewlines) }
    var lines: [String] { output.split(separator: "\n").map(String.init) }
}

/// Runs /usr/bin/git, isolated from the user's and system's configuration.
@discardableResult
func git(_ arguments: String..., in directory: String) throws -> ProcessResult {
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

func author(_ second: Int = 0) -> Signature {
    Signature(name: "Claire Lemonnier", email: "direction@cfa-batiment-caen.example.fr",
              date: Date(timeIntervalSince1970: TimeInterval(1_750_000_000 + second)), timeZoneOffset: 60)
}

let caenIdentity = DossierIdentity(uai: "0141234R", name: "CFA du Bâtiment de Caen")

/// A workspace created from the batiment-caen sample in a temporary folder.
struct SampleWorkspace {
    let folder: TemporaryFolder
    let workspace: Workspace
    let created: SaveResult
    var root: String { workspace.root }

    init() throws {
        folder = try TemporaryFolder()
        (workspace, created) = try Workspace.create(at: folder.path + "/caen", identity: caenIdentity, sample: batimentCaen,
                                                    catalogue: builtinCatalogue(), message: "Création du dossier", author: author())
    }

    func write(_ text: String, to relative: String) throws {
        let target = URL(fileURLWithPath: root + "/" + relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    func claim(_ badge: String) throws -> Claim? {
        try DossierReader(source: workspace.workingSource, catalogue: builtinCatalogue()).claim(badge)
    }

    func cleanUp() { folder.cleanUp() }
}

/// Every regular file below `root`, relative, sorted (the .git folder excluded).
func files(below root: String) -> [String] {
    var result: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
        if relative == ".git" { enumerator?.skipDescendants(); continue }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
            result.append(relative)
        }
    }
    return result.sorted()
}

extension CheckReport {
    func badge(_ id: String) throws -> BadgeCheck {
        try #require(badges.first { $0.id == id }, "no badge \(id) in the report")
    }
}
