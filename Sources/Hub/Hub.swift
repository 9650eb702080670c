import DossierCore
import Foundation
import Git
import Remote

/// A hub folder: `hub.yaml` (settings), `review.sqlite` (the review store) and `mirrors/`
/// (one bare mirror per CFA, `<UAI>.git`).
public final class Hub: @unchecked Sendable {
    public let root: String
    public let settings: HubSettings
    public let store: ReviewStore
    public let catalogue: Catalogue

    public init(root: String, settings: HubSettings, store: ReviewStore, catalogue: Catalogue) {
        self.root = root
        self.settings = settings
        self.store = store
        self.catalogue = catalogue
    }

    public var mirrorsFolder: String { root + "/mirrors" }

    /// The bare mirror of a CFA's repository.
    public func mirrorPath(_ uai: String) -> String { mirrorsFolder + "/\(uai).git" }

    /// Creates a hub in `root` (an empty or missing folder).
    public static func create(at root: String, settings: HubSettings = HubSettings(), catalogue: Catalogue) throws -> Hub {
        let files = FileManager.default
        if files.fileExists(atPath: root + "/" + HubSettings.fileName) { throw HubError.hubExists(root) }
        try files.createDirectory(atPath: root + "/mirrors", withIntermediateDirectories: true)
        let store = try SQLiteReviewStore(path: root + "/review.sqlite")
        try settings.save(root + "/" + HubSettings.fileName)
        return Hub(root: root, settings: settings, store: store, catalogue: catalogue)
    }

    /// Opens the hub in `root`.
    public static func open(at root: String, catalogue: Catalogue) throws -> Hub {
        guard FileManager.default.fileExists(atPath: root + "/" + HubSettings.fileName) else { throw HubError.notAHub(root) }
        let settings = try HubSettings.load(root + "/" + HubSettings.fileName)
        let store = try SQLiteReviewStore(path: root + "/review.sqlite")
        return Hub(root: root, settings: settings, store: store, catalogue: catalogue)
    }

    // MARK: registry and peer group

    /// Registers a CFA's dossier repository (a path — made absolute against `folder` —,
    /// file://, ssh://, scp-like or http(s) URL).
    public func register(uai: String, url: String, name: String?, relativeTo folder: String = FileManager.default.currentDirectoryPath,
                         now: Date = Date()) throws -> CFARecord {
        guard Identifiers.isValidUAI(uai) else { throw DossierError(.invalidUAI(uai)) }
        guard let address = try? RemoteAddress(url, relativeTo: folder) else { throw HubError.invalidURL(url) }
        let record = CFARecord(uai: uai, name: name, url: address.url, registeredAt: now)
        try store.write { tx in
            try tx.insert(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "register", uai: uai, reason: record.url))
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
