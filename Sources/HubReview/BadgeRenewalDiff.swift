import DossierCore

/// What a renewal changed in one badge since the awarded snapshot: the dossier module's semantic
/// diff restricted to the badge, plus a line diff of each replaced text evidence.
public struct BadgeRenewalDiff: Sendable, Encodable {
    /// A line diff of an evidence file whose text changed.
    public struct EvidenceText: Sendable, Encodable {
        public let evidence: String
        public let path: String
        public let diff: TextDiff

        package init(evidence: String, path: String, diff: TextDiff) {
            self.evidence = evidence
            self.path = path
            self.diff = diff
        }
    }

    public let badge: String
    public let changes: BadgeDiff?
    public let files: [PathChange]
    public let evidenceText: [EvidenceText]

    /// Computed from the mirror by the reconcile room (`BadgeRenewalDiff(repository:…)` in Hub).
    package init(badge: String, changes: BadgeDiff?, files: [PathChange], evidenceText: [EvidenceText]) {
        self.badge = badge
        self.changes = changes
        self.files = files
        self.evidenceText = evidenceText
    }

}
