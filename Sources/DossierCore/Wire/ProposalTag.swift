/// A CFA's proposal of a new badge as it crosses the wire: the annotated tag
/// `proposals/<slug>/<YYYY-MM-DD>-<n>` (under `refs/tags/`) made on the save that holds
/// `proposals/<slug>.yaml`, where `<n>` counts that proposal's submissions of that day from 1.
/// Immutable like a `SubmissionTag`: an amended proposal is submitted again under a new tag.
/// The CFA side makes and pushes it, the hub fetches and ingests it; both build and read the name
/// through `DatedTag`.
public struct ProposalTag: DatedTag {
    /// The tags' folder, relative to `refs/tags/`.
    public static let namespace = "proposals/"

    public let slug: String
    public let day: Day
    public let number: Int

    public var id: String { slug }

    public init(unchecked id: String, day: Day, number: Int) {
        slug = id
        self.day = day
        self.number = number
    }

    /// A tag for the `number`th submission of proposal `slug` on `day`; nil when the slug cannot be
    /// a badge id or the number is not positive.
    public init?(slug: String, day: Day, number: Int) { self.init(id: slug, day: day, number: number) }

    /// The path of the proposal's file in the dossier, `proposals/<slug>.yaml`.
    public var file: String { Self.file(slug: slug) }
    public static func file(slug: String) -> String { "proposals/\(slug).yaml" }

    /// The next tag of `slug` on `day`, after every one already made.
    public static func next(slug: String, day: Day, existing: [ProposalTag]) -> ProposalTag? {
        next(slug, day: day, existing: existing)
    }
}
