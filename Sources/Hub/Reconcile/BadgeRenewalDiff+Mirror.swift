import DossierCore
internal import DossierRepository
import Foundation
public import Git
import HubReview

extension BadgeRenewalDiff {
    /// Largest evidence file shown as a line diff.
    static let maximumTextSize = 512 << 10

    /// Diffs two commits of a mirror (or any repository) for one badge.
    public init(repository: Repository, catalogue: Catalogue, badge: String, from old: Commit, to new: Commit) throws {
        let history = DossierHistory(repository: repository, catalogue: catalogue)
        let diff = try history.diff(from: old, to: new)
        let changes = diff.badges.first { $0.id == badge }
        let files = diff.files.filter { $0.path.hasPrefix("badges/\(badge)/") }
        var texts: [EvidenceText] = []
        let folder = Claim.evidenceFolder(badge: badge)
        let before = try history.source(at: old), after = try history.source(at: new)
        for change in changes?.evidenceChanged ?? [] where change.changes.contains(.replaced) {
            guard let oldFile = change.before.file, let newFile = change.after.file,
                  let oldText = try Self.text(before, folder + "/" + oldFile),
                  let newText = try Self.text(after, folder + "/" + newFile) else { continue }
            texts.append(EvidenceText(evidence: change.id, path: folder + "/" + newFile, diff: TextDiff(old: oldText, new: newText)))
        }
        self.init(badge: badge, changes: changes, files: files, evidenceText: texts)
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
