import Credentials
import Foundation
import LinkedData
import Testing
import TestServers

/// The Région's side, played by the test: issuer keys made by `IssuerKeyStore` in a temporary
/// folder, credentials issued with `BadgeIssuer` directly (the hub's wiring is built elsewhere).
final class TestIssuer: @unchecked Sendable {
    let keysFolder: TemporaryFolder
    let store: IssuerKeyStore
    let layout: PublicationLayout
    let profile: IssuerProfile
    private(set) var issuer: BadgeIssuer
    var statusList = StatusList()

    init(baseURL: String = "https://badges.normandie.example") throws {
        keysFolder = try TemporaryFolder(prefix: "issuer-keys")
        store = IssuerKeyStore(folder: keysFolder.appending("keys").path)
        layout = PublicationLayout(baseURL: baseURL)
        profile = IssuerProfile(id: layout.issuerProfileURL, name: "Région Normandie", url: "https://www.normandie.fr",
                                email: "label-numerique@normandie.example")
        issuer = BadgeIssuer(profile: profile, keys: try store.initialize())
    }

    /// New keys, the previous ones retired, with the rotation statement signed by the previous key.
    func rotate() throws { issuer = BadgeIssuer(profile: profile, keys: try store.rotate()) }

    /// Keys of an impostor (or a careless re-install): a fresh key store, no rotation statement.
    func replaceKeysWithoutStatement() throws {
        let other = try TemporaryFolder(prefix: "other-keys")
        issuer = BadgeIssuer(profile: profile, keys: try IssuerKeyStore(folder: other.appending("keys").path).initialize())
        extraFolders.append(other)
    }

    private var extraFolders: [TemporaryFolder] = []

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0) }

    func issue(badge: String, name: String, index: Int, from: String = "2026-01-15T00:00:00Z",
               until: String? = "2029-01-15T00:00:00Z") throws -> BadgeIssuer.Issued {
        let label = badge == "label"
        let achievement = AchievementDefinition(
            id: try layout.achievementURL(badge), name: name, description: "Badge \(name) du label CFA numérique normand.",
            criteriaURL: try layout.criteriaURL(badge), criteriaNarrative: "## Critères\n\n- preuves du dossier",
            achievementType: label ? "QualityAssuranceCredential" : "Badge", version: "2026.1", previous: nil)
        return try issuer.issue(AwardRequest(
            uai: "0141234R", cfaName: "CFA du Bâtiment de Caen", badgeID: badge, achievement: achievement,
            validFrom: Self.date(from), validUntil: until.map(Self.date), firstAwarded: Self.date(from),
            submissionTag: "submissions/\(badge)/2026-01-10-1", submissionCommit: String(repeating: "ab", count: 20),
            statusListIndex: index), layout: layout)
    }

    func profileJSON() -> Data { Data((issuer.publicProfile().serialized(pretty: true) + "\n").utf8) }

    func statusListJSON() throws -> Data {
        Data((try issuer.statusListCredential(statusList, url: layout.statusListURL(), now: Self.date("2026-01-01T00:00:00Z"))
            .serialized(pretty: true) + "\n").utf8)
    }

    /// The decisions-ref files for these credentials (by badge id), with the Profile, the status list
    /// and the rotation statements, as notes/badges-wire.md lays them out.
    func delivery(_ credentials: [String: BadgeIssuer.Issued], rotations: Bool = true) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (badge, issued) in credentials {
            files["credentials/\(badge).json"] = Data(issued.jsonText.utf8)
            files["credentials/\(badge).jwt"] = Data((issued.jwt + "\n").utf8)
        }
        files["issuer/profile.json"] = profileJSON()
        files["issuer/status-list.json"] = try statusListJSON()
        if rotations {
            for (number, statement) in issuer.keys.rotations.enumerated() {
                // As the hub writes them (HubReview's PublishedIssuer.rotationFile).
                let file = JSONValue.object(JSONObject([("type", "KeyRotation"), ("statement", .string(statement))]))
                files["issuer/rotations/\(number + 1).json"] = Data((file.serialized(pretty: true) + "\n").utf8)
            }
        }
        return files
    }
}

/// A CFA's dossier synced with the Région's remote (a bare repository on a path), driven through
/// the built `dossier` binary; the Région's deliveries are written to the remote's decisions ref.
final class CFALab: @unchecked Sendable {
    let folder: TemporaryFolder
    let home: URL
    let git: GitCLI
    var remote: URL { folder.appending("region.git") }
    var cfa: URL { folder.appending("cfa") }
    var gitDirectory: URL { cfa.appendingPathComponent(".git") }
    var pinFile: URL { gitDirectory.appendingPathComponent("dossier/issuer-keys.json") }

    init() throws {
        folder = try TemporaryFolder(prefix: "badges-cfa")
        home = try folder.makeFolder("home")
        git = try GitCLI.shared()
        try git.run(["init", "--quiet", "--bare", "-b", "main", remote.path])
        try ok(["init", "cfa", "--uai", "0141234R", "--name", "CFA du Bâtiment de Caen", "--from", sample("batiment-caen").path,
                "--author", testAuthor], in: folder.url)
        try ok(["remote", "set", "../region.git"])
        try ok(["sync"])
    }

    /// Runs `dossier ARGUMENTS` (in the CFA's folder by default), French unless told.
    @discardableResult
    func dossier(_ arguments: [String], in directory: URL? = nil, lang: String = "fr_FR.UTF-8") throws -> ProcessResult {
        try ProcessRunner.run(try DossierBinary.path(), arguments, in: directory ?? cfa,
                              environment: TestEnvironment.minimal(home: home, lang: lang), timeout: 120)
    }

    @discardableResult
    func ok(_ arguments: [String], in directory: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let result = try dossier(arguments, in: directory)
        try #require(result.status == 0, "dossier \(arguments.joined(separator: " ")) failed: \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// Replaces the remote's `refs/dossier/decisions` with a commit of `files` (as the hub's
    /// reconcile would push it; force-pushed, a fresh history each time).
    func deliver(_ files: [String: Data]) throws {
        let work = try TemporaryFolder(prefix: "delivery")
        defer { work.remove() }
        try git.run(["init", "--quiet", "-b", "decisions", work.path])
        try writeText("# Décisions de la Région\n", to: work.appending("README.md"))
        for (path, data) in files {
            let url = work.appending(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try git.run(["add", "-A"], in: work.url)
        try git.run(["commit", "--quiet", "-m", "decisions"], in: work.url)
        try git.run(["push", "--quiet", "--force", remote.path, "HEAD:refs/dossier/decisions"], in: work.url)
    }

    /// `dossier sync --json`: the result and the `issuerKeys` outcome it reported.
    func sync() throws -> (result: ProcessResult, issuerKeys: String?) {
        let result = try dossier(["sync", "--json"])
        let object = try? JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any]
        return (result, object?["issuerKeys"] as? String)
    }

    /// `dossier badges --json`, decoded.
    func badges(sourceLocation: SourceLocation = #_sourceLocation) throws -> BadgesOutput {
        let result = try ok(["badges", "--json"], sourceLocation: sourceLocation)
        return try JSONDecoder().decode(BadgesOutput.self, from: result.standardOutput)
    }
}

struct BadgesOutput: Decodable {
    struct Credential: Decodable {
        let badge: String
        let title: String
        let validFrom: String?
        let validUntil: String?
        let status: String
        let statusText: String
        let revocationChecked: Bool
        let checks: [String]
    }

    let credentials: [Credential]
    let issuerKeysPinned: Bool
    let untrustedIssuerKeys: Bool

    func status(_ badge: String) -> String? { credentials.first { $0.badge == badge }?.status }
}

enum Tools {
    static let testdata = packageRoot.appendingPathComponent("Tests/Reference/ob3/tools/testdata")
    static let python = packageRoot.appendingPathComponent(".build-venv/bin/python").path
    static let ob3verify = packageRoot.appendingPathComponent("Tests/Reference/ob3/tools/ob3verify.py").path

    static func xmllint() -> String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
