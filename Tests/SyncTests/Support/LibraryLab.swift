import DossierCore
import DossierRepository
import Foundation
import Git
import Remote
import Sync
import Testing
import TestServers

/// One CFA's dossier on several laptops and the Région's remote, through the Sync library only (no
/// binary, no server): a bare repository on a path made with the git CLI, a first laptop made with
/// `Workspace.create` from a sample and synced, the others made with `Cloner`. Each laptop saves
/// under its own author.
final class LibraryLab: @unchecked Sendable {
    let folder: TemporaryFolder
    let remote: BareRemote
    let catalogue: Catalogue
    private var laptops: [String: Workspace] = [:]

    static let uai = "0141234R"

    init(laptops names: [String] = ["a", "b"], sample sampleName: String = "batiment-caen") throws {
        folder = try TemporaryFolder(prefix: "sync-library")
        remote = try BareRemote.create(at: folder.appending("region.git"))
        catalogue = try Catalogue.builtin()
        let first = try #require(names.first)
        let (workspace, _) = try Workspace.create(
            at: folder.appending(first).path, identity: DossierIdentity(uai: Self.uai, name: "CFA du Bâtiment de Caen"),
            sample: sample(sampleName).path, catalogue: catalogue, message: "Création du dossier", author: author(first))
        try workspace.repository.setRemote(named: "origin", url: remote.path)
        laptops[first] = workspace
        try sync(first)
        for name in names.dropFirst() {
            laptops[name] = try Cloner.clone(url: remote.path, into: folder.appending(name).path, catalogue: catalogue,
                                             options: Self.options)
        }
    }

    /// No credentials, no trusted ssh host: a remote on a path needs none. A time-out never fires
    /// for a local transfer; if it did, the test fails.
    static var options: Syncer.Options {
        Syncer.Options(
            remote: RemoteOptions(credentials: CredentialSource(environment: [:], home: nil), knownHosts: KnownHosts(path: "/dev/null"),
                                  onTimeout: { error in Issue.record("a transfer on a path timed out: \(error)") }),
            lang: .en)
    }

    func workspace(_ name: String) throws -> Workspace { try #require(laptops[name], "no laptop \(name)") }

    func author(_ name: String) -> Signature {
        Signature(name: "Poste \(name.uppercased())", email: "poste.\(name)@cfa.example.fr")
    }

    // MARK: what a person does

    /// `dossier sync`.
    @discardableResult
    func sync(_ name: String) throws -> Syncer.Report {
        try Syncer(workspace: workspace(name), options: Self.options).sync()
    }

    /// Replaces exactly one occurrence of `old` in a file of the laptop's working folder.
    func edit(_ name: String, _ file: String, replacing old: String, with new: String,
              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: try workspace(name).root).appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try #require(text.components(separatedBy: old).count == 2, "one «\(old)» in \(file)", sourceLocation: sourceLocation)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    /// `dossier save -m MESSAGE` (it takes the dossier's lock), which must save something.
    @discardableResult
    func save(_ name: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SaveResult {
        let saved = try workspace(name).save(message: message, author: author(name))
        return try #require(saved, "nothing to save on \(name)", sourceLocation: sourceLocation)
    }

    // MARK: what the tests look at

    func head(_ name: String) throws -> Commit { try #require(try workspace(name).head(), "no save on \(name)") }

    /// The text of a file of the laptop's working folder.
    func read(_ name: String, _ file: String) throws -> String {
        try String(contentsOfFile: try workspace(name).root + "/" + file, encoding: .utf8)
    }

    /// The claim of `badge` as the laptop's working folder holds it.
    func claim(_ name: String, _ badge: String) throws -> Claim {
        let workspace = try workspace(name)
        return try #require(try DossierReader(source: workspace.workingSource, catalogue: catalogue).claim(badge))
    }

    func remoteMain() throws -> String? { try remote.commit(of: "refs/heads/main") }
}
