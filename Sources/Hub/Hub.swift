import DossierCore
import Foundation
internal import Git
@_exported import HubReview
import Remote

/// A hub folder: `hub.yaml` (settings), `review.sqlite` (the review store) and `mirrors/`
/// (one bare mirror per CFA, `<UAI>.git`). Its review room (`Review`, module HubReview) plus
/// what needs the CFAs' repositories: registering an address, the mirrors, reconcile.
public final class Hub: Review, @unchecked Sendable {
    public let root: String

    public init(root: String, settings: HubSettings, store: ReviewStore, catalogue: Catalogue, catalogues: CatalogueSchedule? = nil) {
        self.root = root
        super.init(settings: settings, store: store, catalogue: catalogue, catalogues: catalogues,
                   badgeIssuing: BadgeIssuing(settings: settings, keysFolder: Self.keysFolder(root: root, settings: settings)))
    }

    public var mirrorsFolder: String { root + "/mirrors" }

    /// The bare mirror of a CFA's repository.
    public func mirrorPath(_ uai: String) -> String { mirrorsFolder + "/\(uai).git" }

    /// Creates a hub in `root` (an empty or missing folder).
    public static func create(at root: String, settings: HubSettings = HubSettings(), catalogue: Catalogue) throws -> Hub {
        let files = FileManager.default
        if files.fileExists(atPath: settingsPath(root: root)) { throw HubError.hubExists(root) }
        try files.createDirectory(atPath: root + "/mirrors", withIntermediateDirectories: true)
        let store = try SQLiteReviewStore(path: storePath(root: root))
        try settings.save(settingsPath(root: root))
        return Hub(root: root, settings: settings, store: store, catalogue: catalogue)
    }

    /// Opens the hub in `root`.
    public static func open(at root: String, catalogue: Catalogue) throws -> Hub {
        let (settings, store) = try openFiles(at: root)
        let schedule = try HubCatalogues.standard(hubRoot: root).schedule()
        return Hub(root: root, settings: settings, store: store, catalogue: catalogue, catalogues: schedule)
    }

    /// Registers a CFA's dossier repository (a path — made absolute against `folder` —,
    /// file://, ssh://, scp-like or http(s) URL).
    public func register(uai: String, url: String, name: String?, relativeTo folder: String = FileManager.default.currentDirectoryPath,
                         now: Date = Date()) throws -> CFARecord {
        guard Identifiers.isValidUAI(uai) else { throw DossierError(.invalidUAI(uai)) }
        guard let address = try? RemoteAddress(url, relativeTo: folder) else { throw HubError.invalidURL(url) }
        return try register(CFARecord(uai: uai, name: name, url: address.url, registeredAt: now), now: now)
    }
}
