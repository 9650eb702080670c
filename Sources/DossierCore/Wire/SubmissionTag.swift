import Foundation

/// A CFA's request for a badge as it crosses the wire: the annotated tag
/// `submissions/<badge>/<YYYY-MM-DD>-<n>` (under `refs/tags/`) made on the save the CFA submits,
/// where `<n>` counts that badge's requests of that day from 1. The CFA side makes and pushes it,
/// the hub fetches and ingests it; both build and read the name here only.
public struct SubmissionTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The tags' folder, relative to `refs/tags/`.
    public static let namespace = "submissions/"
    /// The full reference name of every submission tag starts with this.
    public static let referencePrefix = DossierReferences.tagsPrefix + namespace

    public let badge: String
    public let day: Day
    public let number: Int

    /// A tag for the `number`th request of `badge` on `day`; nil when the badge id cannot be
    /// part of a reference name or the number is not positive.
    public init?(badge: String, day: Day, number: Int) {
        guard Self.isValidBadge(badge), number >= 1 else { return nil }
        self.badge = badge
        self.day = day
        self.number = number
    }

    /// Parses `submissions/<badge>/<YYYY-MM-DD>-<n>`, with or without `refs/tags/` in front;
    /// nil for anything else.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix(DossierReferences.tagsPrefix) { rest = rest.dropFirst(DossierReferences.tagsPrefix.count) }
        guard rest.hasPrefix(Self.namespace), let (badge, day, number) = Self.parseDated(rest.dropFirst(Self.namespace.count)) else {
            return nil
        }
        self.init(badge: badge, day: day, number: number)
    }

    /// Parses `<id>/<YYYY-MM-DD>-<n>` (the part of a dated tag after its namespace): the id, the day
    /// and the number; nil for anything else. Shared with `ProposalTag`.
    static func parseDated(_ rest: Substring) -> (String, Day, Int)? {
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let dash = parts[1].lastIndex(of: "-") else { return nil }
        let digits = parts[1][parts[1].index(after: dash)...]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0",
              let number = Int(digits), let day = Day(String(parts[1][..<dash])) else { return nil }
        return (String(parts[0]), day, number)
    }

    /// Parses a reference of a folder that mirrors submission tags, `<prefix><badge>/<YYYY-MM-DD>-<n>`
    /// (such as `DossierReferences.remoteSubmissionsPrefix`).
    public init?(_ reference: String, mirroredUnder prefix: String) {
        guard reference.hasPrefix(prefix) else { return nil }
        self.init(Self.namespace + reference.dropFirst(prefix.count))
    }

    /// This tag's reference in a folder that mirrors submission tags, `<prefix><badge>/<YYYY-MM-DD>-<n>`.
    public func reference(mirroredUnder prefix: String) -> String { prefix + name.dropFirst(Self.namespace.count) }

    /// The refspec fetching (forced) every submission tag into a folder that mirrors them.
    public static func refspec(into prefix: String) -> String { "+\(referencePrefix)*:\(prefix)*" }

    /// The refspec pushing this tag under its own name.
    public var pushRefspec: String { "\(reference):\(reference)" }

    /// `submissions/<badge>/<YYYY-MM-DD>-<n>`: the name people see and the decisions refer to.
    public var name: String { "\(Self.namespace)\(badge)/\(day)-\(number)" }
    /// `refs/tags/submissions/<badge>/<YYYY-MM-DD>-<n>`.
    public var reference: String { DossierReferences.tagsPrefix + name }
    public var description: String { name }

    /// The next tag of `badge` on `day`, after every one already made (tags of other badges or
    /// days are ignored).
    public static func next(badge: String, day: Day, existing: [SubmissionTag]) -> SubmissionTag? {
        let taken = existing.filter { $0.badge == badge && $0.day == day }.map(\.number)
        return SubmissionTag(badge: badge, day: day, number: (taken.max() ?? 0) + 1)
    }

    /// The glob matching every submission tag under `prefix` (a reference folder ending in `/`).
    public static func pattern(under prefix: String = referencePrefix) -> String { prefix + "*" }

    /// A badge's requests in the order they were made: by day, then by number (`-2` before `-10`).
    public static func < (lhs: SubmissionTag, rhs: SubmissionTag) -> Bool {
        (lhs.day, lhs.number, lhs.badge) < (rhs.day, rhs.number, rhs.badge)
    }

    /// Badge ids follow the catalogue's rule for ids (`a-z`, `0-9`, `-`).
    static func isValidBadge(_ badge: String) -> Bool { Evidence.isValidID(badge) }
}
