import DossierCore
import DossierRepository
import Foundation
import Git
import Remote
import Sync
import Testing
import TestServers
@testable import DossierWeb

/// The page's dossier with the Région's remote and a second laptop: the fixture's folder holds
/// laptop A (made from a sample dossier, its remote a bare repository on a path, synced once, as
/// `dossier init` + `remote set` + `sync` would), and laptop B is cloned from the remote with
/// `Cloner`. Laptop B (and A, outside the page) work through the library, as the commands do.
final class RemoteLab: @unchecked Sendable {
    let fixture: UIFixture
    let remote: BareRemote
    var catalogue: Catalogue { fixture.app.settings.catalogue }
    var app: UIApp { fixture.app }
    var root: String { fixture.root }
    private var second: Workspace?

    static let tutorat = "badges/tutorat/claim.yaml"
    static let classeVirtuelle = "title: \"Classe virtuelle du tutorat (dans Moodle)\""

    init(sample name: String = "batiment-caen") throws {
        fixture = try UIFixture(dossier: false)
        remote = try BareRemote.create(at: URL(fileURLWithPath: fixture.folder + "/region.git"))
        let (workspace, _) = try Workspace.create(
            at: fixture.root, identity: DossierIdentity(uai: UIFixture.uai, name: "CFA du Bâtiment de Caen"),
            sample: sample(name).path, catalogue: fixture.app.settings.catalogue, message: "Création du dossier", author: Self.author("a"))
        try workspace.repository.setRemote(named: "origin", url: remote.path)
        _ = try Syncer(workspace: workspace, options: Self.options).sync()
    }

    /// No credentials, no trusted ssh host: a remote on a path needs none.
    static var options: Syncer.Options {
        Syncer.Options(
            remote: RemoteOptions(credentials: CredentialSource(environment: [:], home: nil), knownHosts: KnownHosts(path: "/dev/null"),
                                  onTimeout: { error in Issue.record("a transfer on a path timed out: \(error)") }),
            lang: .en)
    }

    static func author(_ name: String) -> Signature {
        Signature(name: "Poste \(name.uppercased())", email: "poste.\(name)@cfa.example.fr")
    }

    /// Laptop A, the page's dossier, opened as a command would.
    func workspace() throws -> Workspace { try Workspace.open(at: root, catalogue: catalogue) }

    /// Laptop B, cloned from the remote the first time.
    func secondLaptop() throws -> Workspace {
        if let second { return second }
        let made = try Cloner.clone(url: remote.path, into: fixture.folder + "/laptop-b", catalogue: catalogue, options: Self.options)
        second = made
        return made
    }

    /// Replaces exactly one occurrence of `old` in a file of a laptop's working folder.
    func edit(_ workspace: Workspace, _ file: String, replacing old: String, with new: String,
              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = workspace.root + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try #require(text.components(separatedBy: old).count == 2, "one «\(old)» in \(file)", sourceLocation: sourceLocation)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path))
    }

    /// `dossier save -m MESSAGE`, which must save something.
    @discardableResult
    func save(_ workspace: Workspace, _ message: String, as name: String = "a", sourceLocation: SourceLocation = #_sourceLocation) throws -> SaveResult {
        try #require(try workspace.save(message: message, author: Self.author(name)), "nothing to save", sourceLocation: sourceLocation)
    }

    /// `dossier sync` on a laptop, through the library.
    @discardableResult
    func sync(_ workspace: Workspace) throws -> Syncer.Report {
        try Syncer(workspace: workspace, options: Self.options).sync()
    }

    /// The claim of `badge` as a laptop's working folder holds it.
    func claim(_ workspace: Workspace, _ badge: String) throws -> Claim {
        try #require(try DossierReader(source: workspace.workingSource, catalogue: catalogue).claim(badge))
    }
}

extension UIApp {
    /// Waits for the page's background sync to end (polling its state, within a deadline).
    func waitForSync(seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while syncJob.isRunning {
            try #require(Date() < deadline, "the sync did not end within \(seconds) s", sourceLocation: sourceLocation)
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Text as the pages' templates escape it (`{{x}}`).
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
}

/// The value of a hidden field of a page (`name="…" value="…"`).
func hiddenField(_ name: String, in page: String) -> String? {
    guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
}

