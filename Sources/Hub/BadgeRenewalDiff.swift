import DossierCore
import DossierRepository
import Git

/// What a renewal changed in one badge since the awarded snapshot: the dossier module's semantic
/// diff restricted to the badge, plus a line diff of each replaced text evidence.
public struct BadgeRenewalDiff: Sendable, Encodable {
    /// A line diff of an evidence file whose text changed.
    public struct EvidenceText: Sendable, Encodable {
        public let evidence: String
        public let path: String
        public let diff: TextDiff
    }

    public let badge: String
    public let changes: BadgeDiff?
    public let files: [PathChange]
    public let evidenceText: [EvidenceText]

    /// Largest evidence file shown as a line diff.
    static let maximumTextSize = 512 << 10

    /// Diffs two commits of a mirror (or any repository) for one badge.
    public init(repository: Repository, catalogue: Catalogue, badge: String, from old: Commit, to new: Commit) throws {
        let history = DossierHistory(repository: repository, catalogue: catalogue)
        let diff = try history.diff(from: old, to: new)
        self.badge = badge
        changes = diff.badges.first { $0.id == badge }
        files = diff.files.filter { $0.path.hasPrefix("badges/\(badge)/") }
        var texts: [EvidenceText] = []
        let folder = Claim.evidenceFolder(badge: badge)
        let before = try history.source(at: old), after = try history.source(at: new)
        for change in changes?.evidenceChanged ?? [] where change.changes.contains(.replaced) {
            guard let oldFile = change.before.file, let newFile = change.after.file,
                  let oldText = try Self.text(before, folder + "/" + oldFile),
                  let newText = try Self.text(after, folder + "/" + newFile) else { continue }
            texts.append(EvidenceText(evidence: change.id, path: folder + "/" + newFile, diff: TextDiff(old: oldText, new: newText)))
        }
        evidenceText = texts
    }

    /// The file's text when it is small, UTF-8 and without NUL bytes (a text evidence, not a
    /// media pointer).
    static func text(_ source: GitTreeSource, _ path: String) throws -> String? {
        guard let version = source.version(of: path), let id = ObjectID(hex: version),
              try source.repository.objectHeader(id).size <= maximumTextSize,
              let bytes = try source.read(path), !bytes.contains(0),
              LFSPointer.parse(bytes) == nil else { return nil }  // media: compared by oid, never as text
        return String(validating: bytes, as: UTF8.self)
    }
}
