@testable import DossierCore
import Foundation
import Git
import Testing
@testable import DossierRepository
import TestServers

let batimentCaen = sample("batiment-caen").path

private let builtinResult = Result { try Catalogue.builtin() }
func builtinCatalogue() throws -> Catalogue { try builtinResult.get() }

func sha256(_ text: String) -> String { Digest.sha256(Array(text.utf8)) }

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
        try writeText(text, to: URL(fileURLWithPath: root + "/" + relative))
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    func claim(_ badge: String) throws -> Claim? {
        try DossierReader(source: workspace.workingSource, catalogue: builtinCatalogue()).claim(badge)
    }

    func remove() { folder.remove() }
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
