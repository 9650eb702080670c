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

    public init(name: String = "Région Normandie", quorum: Quorum = Quorum(), jobs: Int = 4, submissionsPerRun: Int = 50) {
        self.name = name
        self.quorum = quorum
        self.jobs = jobs
        self.submissionsPerRun = submissionsPerRun
    }

    enum CodingKeys: String, CodingKey { case name, quorum, jobs, submissionsPerRun }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = HubSettings()
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? defaults.name
        quorum = try container.decodeIfPresent(Quorum.self, forKey: .quorum) ?? defaults.quorum
        jobs = try container.decodeIfPresent(Int.self, forKey: .jobs) ?? defaults.jobs
        submissionsPerRun = try container.decodeIfPresent(Int.self, forKey: .submissionsPerRun) ?? defaults.submissionsPerRun
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
        guard settings.submissionsPerRun >= 1 else { throw HubError.invalidSettings("\(path): submissionsPerRun must be at least 1") }
        return settings
    }

    package func save(_ path: String) throws {
        let text = "# Settings of the dossier hub (Région Normandie).\n" + (try YAMLEncoder().encode(self))
        try AtomicFile.write(text, to: path)
    }
}
