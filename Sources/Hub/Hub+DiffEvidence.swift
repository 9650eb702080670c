import DossierCore
internal import DossierRepository
import Foundation
internal import Git
import HubReview

/// What a renewal page needs beside the diff itself: both narratives in full (for a word-level
/// diff) and when the awarded snapshot was made. Read from the CFA's mirror, never from a path
/// a visitor chose.
public struct RenewalSnapshots: Sendable {
    /// The commit awarded last time (the renewal's base) and the request's commit.
    public let baseCommit: String
    public let commit: String
    /// The date of the awarded snapshot's commit.
    public let baseDate: Date
    /// The badge's narrative in the awarded snapshot and in the request (empty when no claim).
    public let narrativeBefore: String
    public let narrativeAfter: String
}

extension Hub {
    /// Both snapshots of the current request for `badge` when it is a renewal (nil for a first
    /// award, or when the mirror no longer holds either commit).
    public func renewalSnapshots(uai: String, badge: String) throws -> RenewalSnapshots? {
        let submission = try currentSubmission(uai: uai, badge: badge)
        guard let base = submission.baseCommit, let baseID = ObjectID(hex: base), let id = ObjectID(hex: submission.commit),
              FileManager.default.fileExists(atPath: mirrorPath(uai) + "/HEAD") else { return nil }
        let mirror = try Repository.open(at: mirrorPath(uai))
        guard mirror.contains(baseID), mirror.contains(id) else { return nil }
        let before = try mirror.commit(baseID), after = try mirror.commit(id)
        return RenewalSnapshots(baseCommit: base, commit: submission.commit, baseDate: before.author.date,
                                narrativeBefore: try Self.claim(mirror, before, badge: badge)?.narrative ?? "",
                                narrativeAfter: try Self.claim(mirror, after, badge: badge)?.narrative ?? "")
    }

    /// An evidence as it was in the awarded snapshot the CFA's current renewal request started
    /// from (its "before" version), found by evidence id in that snapshot's claim. Throws
    /// `HubError.unknownEvidence` when the request is not a renewal or the snapshot had no such
    /// evidence.
    public func baseEvidenceContent(uai: String, badge: String, evidenceID: String) throws -> EvidenceContent {
        guard let content = try baseEvidenceContents(uai: uai, badge: badge, evidenceIDs: [evidenceID])[evidenceID] else {
            throw HubError.unknownEvidence(evidenceID)
        }
        return content
    }

    /// Several evidence of the awarded snapshot at once (one claim read): those of `evidenceIDs`
    /// the snapshot has. Empty when the current request is not a renewal or the mirror lacks it.
    public func baseEvidenceContents(uai: String, badge: String, evidenceIDs: Set<String>) throws -> [String: EvidenceContent] {
        let submission = try currentSubmission(uai: uai, badge: badge)
        guard !evidenceIDs.isEmpty, let base = submission.baseCommit, let baseID = ObjectID(hex: base),
              FileManager.default.fileExists(atPath: mirrorPath(uai) + "/HEAD") else { return [:] }
        let mirror = try Repository.open(at: mirrorPath(uai))
        guard mirror.contains(baseID) else { return [:] }
        let commit = try mirror.commit(baseID)
        guard let claim = try Self.claim(mirror, commit, badge: badge) else { return [:] }
        let tree = try commit.tree()
        let media = MediaStore(gitDirectory: mirrorPath(uai))
        var contents: [String: EvidenceContent] = [:]
        for item in claim.evidence where evidenceIDs.contains(item.id) && contents[item.id] == nil {
            var record = EvidenceRecord(submissionID: submission.id ?? 0, evidenceID: item.id, criterion: item.criterion, title: item.title,
                                        path: item.filePath, sha256: item.sha256, size: nil, url: item.url, kind: nil)
            let body: EvidenceContent.Body
            switch item.location {
            case .url(let url, let kind):
                record.kind = kind.rawValue
                body = .link(url)
            case .file(let path, _, let size):
                record.size = size
                if !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }),
                   let entry = try tree.entry(at: Claim.evidenceFolder(badge: badge) + "/" + path),
                   entry.kind == .blob || entry.kind == .executable {
                    let bytes = try mirror.blobData(entry.id)
                    if let pointer = LFSPointer.parse(bytes) {
                        record.media = true
                        record.sha256 = pointer.oid
                        record.size = pointer.size
                        body = media.contains(pointer) ? .mediaFile(path: media.path(pointer.oid), size: pointer.size) : .mediaMissing(size: pointer.size)
                    } else {
                        record.size = bytes.count
                        body = .bytes(bytes)
                    }
                } else {
                    body = .missing
                }
            }
            contents[item.id] = EvidenceContent(submission: submission, record: record, body: body)
        }
        return contents
    }

    /// The badge's claim in a commit (nil when there is none or it does not parse).
    static func claim(_ repository: Repository, _ commit: Commit, badge: String) throws -> Claim? {
        let path = Claim.path(badge: badge)
        guard let entry = try commit.tree().entry(at: path), entry.kind == .blob else { return nil }
        return try? Claim.parse(try repository.blobData(entry.id), file: path)
    }
}
