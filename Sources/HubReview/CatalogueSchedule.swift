import DossierCore

/// The catalogue versions a hub has published, oldest first, each with the day it came into force,
/// and which one is in force on a day: the newest published on or before it (the versions with no
/// publication record — the built-in one — from the start).
///
/// The review room reads the rules of the day from it: a request is checked against the version in
/// force when it was made, an award lasts the validity its version gives, the label rule takes its
/// mandatory set and its count from the version in force on the day it is evaluated, and each
/// Achievement carries the version it was defined in.
public struct CatalogueSchedule: Sendable {
    /// Oldest first; `from` nil: in force from the start.
    public let entries: [(from: Day?, catalogue: Catalogue)]

    public init(entries: [(from: Day?, catalogue: Catalogue)]) { self.entries = entries }

    /// A schedule of one version, in force from the start (a hub with nothing published, or a
    /// command given `--catalogue FILE`).
    public init(only catalogue: Catalogue) { entries = [(nil, catalogue)] }

    public func inForce(on day: Day) -> Catalogue? {
        entries.last(where: { entry in entry.from.map { $0 <= day } ?? true })?.catalogue
    }

    /// The version called `version`, when it was published.
    public func catalogue(version: String) -> Catalogue? {
        entries.last(where: { $0.catalogue.version == version })?.catalogue
    }

    /// Every published version, oldest first.
    public var catalogues: [Catalogue] { entries.map(\.catalogue) }

    /// Every badge id any version ever had: the newest version's order first, then the badges
    /// later versions withdrew (their awards stay valid until they expire).
    public var allBadgeIDs: [String] {
        var ids: [String] = []
        var seen = Set<String>()
        for catalogue in catalogues.reversed() {
            for badge in catalogue.badges where seen.insert(badge.id).inserted { ids.append(badge.id) }
        }
        return ids
    }
}
