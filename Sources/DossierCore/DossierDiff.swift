/// The semantic difference between two states of a dossier, badge by badge, plus the raw file list.
public struct DossierDiff: Sendable, Encodable {
    /// Fields of `dossier.yaml` that changed.
    public var identity: [FieldChange]
    /// Badges whose claim or evidence changed, in catalogue order.
    public var badges: [BadgeDiff]
    /// Every file that changed.
    public var files: [PathChange]

    public var isEmpty: Bool { identity.isEmpty && badges.isEmpty && files.isEmpty }

    public init(identity: [FieldChange], badges: [BadgeDiff], files: [PathChange]) {
        self.identity = identity
        self.badges = badges
        self.files = files
    }
}

/// A file added, deleted or modified between two states.
public struct PathChange: Sendable, Equatable, Encodable {
    public enum Change: String, Sendable, Encodable { case added, deleted, modified }

    public let path: String
    public let change: Change

    public init(path: String, change: Change) {
        self.path = path
        self.change = change
    }
}

/// A value that changed: before and after (nil when absent).
public struct FieldChange: Sendable, Equatable, Encodable {
    public let field: String
    public let from: String?
    public let to: String?
}

/// What changed in one badge.
public struct BadgeDiff: Sendable, Encodable {
    public enum Change: String, Sendable, Encodable { case added, removed, modified }

    public let id: String
    public let change: Change
    /// Status, level and coverage changes.
    public var fields: [FieldChange] = []
    public var narrative: TextDiff?
    public var evidenceAdded: [EvidenceSummary] = []
    public var evidenceRemoved: [EvidenceSummary] = []
    public var evidenceChanged: [EvidenceChange] = []
    public var criteriaNewlyMet: [String] = []
    public var criteriaNoLongerMet: [String] = []
    /// Whether the badge's criteria requirement is met before and after.
    public var requirementMetBefore: Bool
    public var requirementMetAfter: Bool
    /// Files of this badge that changed.
    public var files: [PathChange] = []
}

/// An evidence as listed in a diff.
public struct EvidenceSummary: Sendable, Equatable, Encodable {
    public let id: String
    public let title: String
    public let criterion: String
    public let file: String?
    public let sha256: String?
    public let url: String?

    init(_ evidence: Evidence) {
        id = evidence.id
        title = evidence.title
        criterion = evidence.criterion
        file = evidence.filePath
        sha256 = evidence.sha256
        url = evidence.url
    }
}

/// How one evidence changed: any of replaced, retitled, moved, relinked, renamed.
public struct EvidenceChange: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// The file's content changed (hash differs).
        case replaced
        /// The title changed.
        case retitled
        /// The evidence now supports another criterion.
        case moved
        /// The URL or its kind changed.
        case relinked
        /// The file name changed.
        case renamed
        /// Now a file instead of a link, or the reverse.
        case retyped
    }

    public let id: String
    public let title: String
    public let changes: [Kind]
    public let before: EvidenceSummary
    public let after: EvidenceSummary
}
