import DossierCore
internal import DossierRepository
import Foundation
internal import Git
import HubReview
import Remote

/// One media evidence of a submission, as a reviewer sees it.
public struct SubmissionMedia: Sendable, Encodable {
    public let evidence: String
    public let criterion: String
    public let title: String
    public let path: String
    public let oid: String
    public let size: Int
    /// Where the verified content is on the hub, once fetched.
    public let file: String?
}

extension Hub {
    /// The media of a CFA's current submission of a badge (from the pointers, nothing downloaded).
    public func media(uai: String, badge: String) throws -> [SubmissionMedia] {
        let submission = try currentSubmission(uai: uai, badge: badge)
        let evidence = try store.read { tx in try tx.evidence(submission: submission.id ?? 0) }
        let mirrorStore = MediaStore(gitDirectory: mirrorPath(uai))
        return evidence.filter(\.media).compactMap { item in
            guard let path = item.path, let oid = item.sha256, let size = item.size, let pointer = LFSPointer(oid: oid, size: size) else { return nil }
            return SubmissionMedia(evidence: item.evidenceID, criterion: item.criterion, title: item.title,
                                   path: Claim.evidenceFolder(badge: badge) + "/" + path, oid: oid, size: size,
                                   file: mirrorStore.contains(pointer) ? mirrorStore.path(oid) : nil)
        }
    }

    /// Downloads the submission's media into the CFA's mirror, each checked against its oid.
    /// Returns the media, with those the CFA's server does not have left without a file. `lang` is
    /// the language of the details a media server's errors carry.
    public func fetchMedia(uai: String, badge: String, options: RemoteOptions, lang: Lang,
                           progress: MediaProgress? = nil) throws -> [SubmissionMedia] {
        let items = try media(uai: uai, badge: badge)
        let wanted = items.filter { $0.file == nil }.compactMap { LFSPointer(oid: $0.oid, size: $0.size) }
        guard !wanted.isEmpty else { return items }
        guard let cfa = try store.read({ try $0.cfa(uai) }) else { throw HubError.unknownCFA(uai) }
        let submission = try currentSubmission(uai: uai, badge: badge)
        let mirror = try Repository.open(at: mirrorPath(uai))
        let lfsConfig = try ObjectID(hex: submission.commit).flatMap { try LFSConfig.text(in: mirror, commit: $0) }
        let remote = try MediaEndpoint.remote(for: cfa.url, root: root, lfsConfig: lfsConfig, options: options, lang: lang)
        _ = try remote.download(wanted, into: MediaStore(gitDirectory: mirrorPath(uai)), progress: progress)
        return try media(uai: uai, badge: badge)
    }
}
