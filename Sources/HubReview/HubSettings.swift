import DossierCore
import Foundation
internal import Yams

/// The hub's settings (`hub.yaml`): its name and the peer group's quorum.
public struct HubSettings: Sendable, Equatable, Codable {
    public var name: String
    public var quorum: Quorum
    /// Parallel reconcile workers when `--jobs` is not given.
    public var jobs: Int
    /// New requests one reconcile ingests at most per CFA (the newest of each badge first); the
    /// others wait for the next run, with the reason recorded. Bounds what one CFA costs a run.
    public var submissionsPerRun: Int
    /// The issuer of the Open Badges credentials (docs/BADGES.md): its name, website and e-mail.
    public var issuerName: String
    public var issuerURL: String?
    public var issuerEmail: String?
    /// Where `hub publish` puts the public site: every id in a credential is under it.
    public var publicURL: String
    /// The issuer keys' folder when not `<hub>/keys` (`hub keys init --keys DIR` records it).
    public var keysFolder: String?

    public static let defaultPublicURL = "https://badges.normandie.fr"

    public init(name: String = "Région Normandie", quorum: Quorum = Quorum(), jobs: Int = 4, submissionsPerRun: Int = 50,
                issuerName: String = "Région Normandie", issuerURL: String? = "https://www.normandie.fr",
                issuerEmail: String? = nil, publicURL: String = HubSettings.defaultPublicURL, keysFolder: String? = nil) {
        self.name = name
        self.quorum = quorum
        self.jobs = jobs
        self.submissionsPerRun = submissionsPerRun
        self.issuerName = issuerName
        self.issuerURL = issuerURL
        self.issuerEmail = issuerEmail
        self.publicURL = publicURL
        self.keysFolder = keysFolder
    }

    enum CodingKeys: String, CodingKey {
        case name, quorum, jobs, submissionsPerRun, issuerName, issuerURL, issuerEmail, publicURL, keysFolder
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = HubSettings()
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? defaults.name
        quorum = try container.decodeIfPresent(Quorum.self, forKey: .quorum) ?? defaults.quorum
        jobs = try container.decodeIfPresent(Int.self, forKey: .jobs) ?? defaults.jobs
        submissionsPerRun = try container.decodeIfPresent(Int.self, forKey: .submissionsPerRun) ?? defaults.submissionsPerRun
        issuerName = try container.decodeIfPresent(String.self, forKey: .issuerName) ?? defaults.issuerName
        issuerURL = try container.decodeIfPresent(String.self, forKey: .issuerURL) ?? defaults.issuerURL
        issuerEmail = try container.decodeIfPresent(String.self, forKey: .issuerEmail)
        publicURL = try container.decodeIfPresent(String.self, forKey: .publicURL) ?? defaults.publicURL
        keysFolder = try container.decodeIfPresent(String.self, forKey: .keysFolder)
    }

    static let fileName = "hub.yaml"

    package static func load(_ path: String) throws -> HubSettings {
        guard let data = FileManager.default.contents(atPath: path) else { throw HubError.notAHub(path) }
        let settings: HubSettings
        do {
            settings = try YAMLDecoder().decode(HubSettings.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw HubError.invalidSettings("\(path): \(error)")
        }
        guard settings.quorum.approvals >= 1, settings.quorum.distinctRoles >= 1,
              settings.quorum.distinctRoles <= Member.Role.allCases.count,
              settings.quorum.distinctRoles <= settings.quorum.approvals else {
            throw HubError.invalidSettings("\(path): quorum needs approvals ≥ distinctRoles ≥ 1, distinctRoles ≤ 3")
        }
        guard settings.jobs >= 1 else { throw HubError.invalidSettings("\(path): jobs must be at least 1") }
        guard settings.publicURL.hasPrefix("https://") || settings.publicURL.hasPrefix("http://") else {
            throw HubError.invalidSettings("\(path): publicURL must be an http(s) URL")
        }
        guard settings.submissionsPerRun >= 1 else { throw HubError.invalidSettings("\(path): submissionsPerRun must be at least 1") }
        return settings
    }

    package func save(_ path: String) throws {
        let text = "# Settings of the dossier hub (Région Normandie).\n" + (try YAMLEncoder().encode(self))
        try AtomicFile.write(text, to: path)
    }
}
