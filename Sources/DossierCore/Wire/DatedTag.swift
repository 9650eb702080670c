/// A tag that crosses the wire named `<namespace><id>/<YYYY-MM-DD>-<n>` under `refs/tags/`, where
/// `<n>` counts that id's tags of that day from 1: a request (`SubmissionTag`, the id a badge) or a
/// badge proposal (`ProposalTag`, the id the proposed badge's). Immutable: the tool never moves or
/// deletes one; what follows is submitted under a new number. Names are built and read here only.
public protocol DatedTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The tags' folder, relative to `refs/tags/` (ends with `/`).
    static var namespace: String { get }
    /// The badge (or proposed badge) id: `a-z`, `0-9`, `-`.
    var id: String { get }
    var day: Day { get }
    var number: Int { get }
    /// The tag of `id` on `day` numbered `number`, without checking them (`init?(id:day:number:)` does).
    init(unchecked id: String, day: Day, number: Int)
}

extension DatedTag {
    /// The full reference name of every tag of this kind starts with this.
    public static var referencePrefix: String { DossierReferences.tagsPrefix + namespace }

    /// The `number`th tag of `id` on `day`; nil when the id cannot be part of a reference name (the
    /// catalogue's rule for ids) or the number is not positive.
    public init?(id: String, day: Day, number: Int) {
        guard Evidence.isValidID(id), number >= 1 else { return nil }
        self.init(unchecked: id, day: day, number: number)
    }

    /// Parses `<namespace><id>/<YYYY-MM-DD>-<n>`, with or without `refs/tags/` in front; nil for anything else.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix(DossierReferences.tagsPrefix) { rest = rest.dropFirst(DossierReferences.tagsPrefix.count) }
        guard rest.hasPrefix(Self.namespace) else { return nil }
        let parts = rest.dropFirst(Self.namespace.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let dash = parts[1].lastIndex(of: "-") else { return nil }
        let digits = parts[1][parts[1].index(after: dash)...]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0",
              let number = Int(digits), let day = Day(String(parts[1][..<dash])) else { return nil }
        self.init(id: String(parts[0]), day: day, number: number)
    }

    /// Parses a reference of a folder that mirrors these tags, `<prefix><id>/<YYYY-MM-DD>-<n>`.
    public init?(_ reference: String, mirroredUnder prefix: String) {
        guard reference.hasPrefix(prefix) else { return nil }
        self.init(Self.namespace + reference.dropFirst(prefix.count))
    }

    /// This tag's reference in a folder that mirrors these tags, `<prefix><id>/<YYYY-MM-DD>-<n>`.
    public func reference(mirroredUnder prefix: String) -> String { prefix + name.dropFirst(Self.namespace.count) }

    /// The refspec fetching (forced) every tag of this kind into a folder that mirrors them.
    public static func refspec(into prefix: String) -> String { "+\(referencePrefix)*:\(prefix)*" }

    /// The refspec pushing this tag under its own name.
    public var pushRefspec: String { "\(reference):\(reference)" }

    /// `<namespace><id>/<YYYY-MM-DD>-<n>`: the name people see and the decisions refer to.
    public var name: String { "\(Self.namespace)\(id)/\(day)-\(number)" }
    /// `refs/tags/<name>`.
    public var reference: String { DossierReferences.tagsPrefix + name }
    public var description: String { name }

    /// The next tag of `id` on `day`, after every one already made (tags of other ids or days are ignored).
    public static func next(_ id: String, day: Day, existing: [Self]) -> Self? {
        let taken = existing.filter { $0.id == id && $0.day == day }.map(\.number)
        return Self(id: id, day: day, number: (taken.max() ?? 0) + 1)
    }

    /// The glob matching every tag of this kind under `prefix` (a reference folder ending in `/`).
    public static func pattern(under prefix: String = referencePrefix) -> String { prefix + "*" }

    /// In the order they were made: by day, then by number (`-2` before `-10`).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.day, lhs.number, lhs.id) < (rhs.day, rhs.number, rhs.id)
    }
}
