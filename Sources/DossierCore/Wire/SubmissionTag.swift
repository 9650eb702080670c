/// A CFA's request for a badge as it crosses the wire: the annotated tag
/// `submissions/<badge>/<YYYY-MM-DD>-<n>` (under `refs/tags/`) made on the save the CFA submits,
/// where `<n>` counts that badge's requests of that day from 1. The CFA side makes and pushes it,
/// the hub fetches and ingests it; both build and read the name through `DatedTag`.
public struct SubmissionTag: DatedTag {
    /// The tags' folder, relative to `refs/tags/`.
    public static let namespace = "submissions/"

    public let badge: String
    public let day: Day
    public let number: Int

    public var id: String { badge }

    public init(unchecked id: String, day: Day, number: Int) {
        badge = id
        self.day = day
        self.number = number
    }

    /// A tag for the `number`th request of `badge` on `day`; nil when the badge id cannot be part of
    /// a reference name or the number is not positive.
    public init?(badge: String, day: Day, number: Int) { self.init(id: badge, day: day, number: number) }

    /// The next tag of `badge` on `day`, after every one already made.
    public static func next(badge: String, day: Day, existing: [SubmissionTag]) -> SubmissionTag? {
        next(badge, day: day, existing: existing)
    }
}
