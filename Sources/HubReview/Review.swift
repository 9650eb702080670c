import DossierCore
import Foundation

/// The review room of a hub: the registry, the peer group, submissions as data, votes, awards,
/// the label and the decisions each CFA should see. No git and no network: what the command
/// line, the web application and the credentials talk to. Reconcile (the `Hub` module) feeds it
/// through `ReconcileInbox` only.
open class Review: @unchecked Sendable {
    public let settings: HubSettings
    public let store: ReviewStore
    /// The newest catalogue version: what commands list and what new requests are checked against
    /// when no version is in force on their day.
    public let catalogue: Catalogue
    /// Every published version with the day it came into force (`catalogue` alone when the hub has
    /// published nothing, or a command was given `--catalogue FILE`).
    public let schedule: CatalogueSchedule
    /// How awards become signed Open Badges credentials (nil: no credential is issued).
    public let badgeIssuing: BadgeIssuing?

    public init(settings: HubSettings, store: ReviewStore, catalogue: Catalogue, catalogues: CatalogueSchedule? = nil,
                badgeIssuing: BadgeIssuing? = nil) {
        self.settings = settings
        self.store = store
        self.catalogue = catalogue
        // A schedule whose newest version is not `catalogue` (a catalogue given by file) is not this one's.
        if let catalogues, catalogues.catalogues.last?.version == catalogue.version {
            self.schedule = catalogues
        } else {
            self.schedule = CatalogueSchedule(only: catalogue)
        }
        self.badgeIssuing = badgeIssuing
    }

    /// The catalogue version in force on `day` (the rules of that day).
    public func catalogue(inForceOn day: Day) -> Catalogue { schedule.inForce(on: day) ?? catalogue }

    /// The catalogue version a request was checked against (recorded at ingestion), else the newest.
    public func catalogue(version: String?) -> Catalogue {
        version.flatMap { schedule.catalogue(version: $0) } ?? catalogue
    }

    /// The review store's file in a hub folder.
    public static func storePath(root: String) -> String { root + "/review.sqlite" }
    /// The settings file in a hub folder.
    public static func settingsPath(root: String) -> String { root + "/" + HubSettings.fileName }

    /// Reads the settings and opens the store of the hub folder `root` (what a review room needs;
    /// nothing of the mirrors).
    public static func openFiles(at root: String) throws -> (HubSettings, SQLiteReviewStore) {
        guard FileManager.default.fileExists(atPath: settingsPath(root: root)) else { throw HubError.notAHub(root) }
        let settings = try HubSettings.load(settingsPath(root: root))
        return (settings, try SQLiteReviewStore(path: storePath(root: root)))
    }

    // MARK: registry and peer group

    /// Adds a CFA whose address the caller has already checked and normalised.
    public func register(_ record: CFARecord, now: Date = Date()) throws -> CFARecord {
        try store.write { tx in
            try tx.insert(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "register", uai: record.uai, reason: record.url))
        }
        return record
    }

    public func cfas() throws -> [CFARecord] { try store.read { try $0.cfas() } }

    /// Adds a member of the peer group. A pilot CFA's member names its CFA.
    public func addMember(id: String, role: Member.Role, uai: String?, now: Date = Date()) throws -> Member {
        if role == .cfaPilote, uai == nil { throw HubError.memberNeedsUAI }
        if role != .cfaPilote, uai != nil { throw HubError.uaiOnlyForPilots }
        let member = Member(id: id, role: role, uai: uai, addedAt: now)
        try store.write { tx in
            try tx.insert(member)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "member-add", uai: uai, reason: "\(id) (\(role.rawValue))"))
        }
        return member
    }

    public func members() throws -> [Member] { try store.read { try $0.members() } }
}
