/// A CFA's proposal of a new badge as it crosses the wire: the annotated tag
/// `proposals/<slug>/<YYYY-MM-DD>-<n>` (under `refs/tags/`) made on the save that holds
/// `proposals/<slug>.yaml`, where `<n>` counts that proposal's submissions of that day from 1.
/// Immutable like a `SubmissionTag`: an amended proposal is submitted again under a new tag.
/// The CFA side makes and pushes it, the hub fetches and ingests it; both build and read the name here only.
public struct ProposalTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The tags' folder, relative to `refs/tags/`.
    public static let namespace = "proposals/"
    /// The full reference name of every proposal tag starts with this.
    public static let referencePrefix = DossierReferences.tagsPrefix + namespace

    public let slug: String
    public let day: Day
    public let number: Int

    /// A tag for the `number`th submission of proposal `slug` on `day`; nil when the slug cannot be
    /// a badge id (`a-z`, `0-9`, `-`) or the number is not positive.
    public init?(slug: String, day: Day, number: Int) {
        guard Evidence.isValidID(slug), number >= 1 else { return nil }
        self.slug = slug
        self.day = day
        self.number = number
    }

    /// Parses `proposals/<slug>/<YYYY-MM-DD>-<n>`, with or without `refs/tags/` in front; nil for anything else.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix(DossierReferences.tagsPrefix) { rest = rest.dropFirst(DossierReferences.tagsPrefix.count) }
        guard rest.hasPrefix(Self.namespace), let (slug, day, number) = SubmissionTag.parseDated(rest.dropFirst(Self.namespace.count)) else {
            return nil
        }
        self.init(slug: slug, day: day, number: number)
    }

    /// Parses a reference of a folder that mirrors proposal tags, `<prefix><slug>/<YYYY-MM-DD>-<n>`.
    public init?(_ reference: String, mirroredUnder prefix: String) {
        guard reference.hasPrefix(prefix) else { return nil }
        self.init(Self.namespace + reference.dropFirst(prefix.count))
    }

    /// This tag's reference in a folder that mirrors proposal tags, `<prefix><slug>/<YYYY-MM-DD>-<n>`.
    public func reference(mirroredUnder prefix: String) -> String { prefix + name.dropFirst(Self.namespace.count) }

    /// The refspec fetching (forced) every proposal tag into a folder that mirrors them.
    public static func refspec(into prefix: String) -> String { "+\(referencePrefix)*:\(prefix)*" }

    /// The refspec pushing this tag under its own name.
    public var pushRefspec: String { "\(reference):\(reference)" }

    /// `proposals/<slug>/<YYYY-MM-DD>-<n>`: the name people see and the decisions refer to.
    public var name: String { "\(Self.namespace)\(slug)/\(day)-\(number)" }
    /// `refs/tags/proposals/<slug>/<YYYY-MM-DD>-<n>`.
    public var reference: String { DossierReferences.tagsPrefix + name }
    public var description: String { name }

    /// The path of the proposal's file in the dossier, `proposals/<slug>.yaml`.
    public var file: String { Self.file(slug: slug) }
    public static func file(slug: String) -> String { "proposals/\(slug).yaml" }

    /// The next tag of `slug` on `day`, after every one already made.
    public static func next(slug: String, day: Day, existing: [ProposalTag]) -> ProposalTag? {
        let taken = existing.filter { $0.slug == slug && $0.day == day }.map(\.number)
        return ProposalTag(slug: slug, day: day, number: (taken.max() ?? 0) + 1)
    }

    /// The glob matching every proposal tag under `prefix` (a reference folder ending in `/`).
    public static func pattern(under prefix: String = referencePrefix) -> String { prefix + "*" }

    /// A proposal's submissions in the order they were made: by day, then by number.
    public static func < (lhs: ProposalTag, rhs: ProposalTag) -> Bool {
        (lhs.day, lhs.number, lhs.slug) < (rhs.day, rhs.number, rhs.slug)
    }
}
