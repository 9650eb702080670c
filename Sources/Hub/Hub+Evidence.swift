import DossierCore
internal import DossierRepository
import Foundation
internal import Git
import HubReview

/// One evidence of a request, with where its bytes are: read from the snapshot that was ingested
/// (the submission's commit in the CFA's mirror), never from a path a visitor chose.
public struct EvidenceContent: Sendable {
    public enum Body: Sendable, Equatable {
        /// A file stored in git: its bytes, from the ingested commit's tree.
        case bytes([UInt8])
        /// A media file whose verified content is at the hub.
        case mediaFile(path: String, size: Int)
        /// A media file not fetched to the hub yet (`hub media --fetch`).
        case mediaMissing(size: Int)
        /// A link (LMS, web page, video platform).
        case link(String)
        /// The file is not in the ingested snapshot (a damaged mirror).
        case missing
    }

    public let submission: Submission
    public let record: EvidenceRecord
    public let body: Body
}

extension Hub {
    /// The evidence `evidenceID` of the CFA's current request for `badge`. Throws
    /// `HubError.unknownEvidence` when that request has no such evidence.
    public func evidenceContent(uai: String, badge: String, evidenceID: String) throws -> EvidenceContent {
        let submission = try currentSubmission(uai: uai, badge: badge)
        let evidence = try store.read { tx in try tx.evidence(submission: submission.id ?? 0) }
        guard let record = evidence.first(where: { $0.evidenceID == evidenceID }) else { throw HubError.unknownEvidence(evidenceID) }
        if let url = record.url, record.path == nil { return EvidenceContent(submission: submission, record: record, body: .link(url)) }
        guard let path = record.path, !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return EvidenceContent(submission: submission, record: record, body: .missing)
        }
        if record.media {
            guard let oid = record.sha256, let size = record.size, let pointer = LFSPointer(oid: oid, size: size) else {
                return EvidenceContent(submission: submission, record: record, body: .missing)
            }
            let media = MediaStore(gitDirectory: mirrorPath(uai))
            let body: EvidenceContent.Body = media.contains(pointer) ? .mediaFile(path: media.path(oid), size: size) : .mediaMissing(size: size)
            return EvidenceContent(submission: submission, record: record, body: body)
        }
        guard FileManager.default.fileExists(atPath: mirrorPath(uai) + "/HEAD"), let commitID = ObjectID(hex: submission.commit) else {
            return EvidenceContent(submission: submission, record: record, body: .missing)
        }
        let mirror = try Repository.open(at: mirrorPath(uai))
        guard mirror.contains(commitID),
              let entry = try mirror.commit(commitID).tree().entry(at: Claim.evidenceFolder(badge: badge) + "/" + path),
              entry.kind == .blob || entry.kind == .executable else {
            return EvidenceContent(submission: submission, record: record, body: .missing)
        }
        return EvidenceContent(submission: submission, record: record, body: .bytes(try mirror.blobData(entry.id)))
    }
}
