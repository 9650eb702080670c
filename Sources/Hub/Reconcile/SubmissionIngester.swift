import DossierCore
internal import DossierRepository
import Foundation
internal import Git
import HubReview

/// Reads one submission straight from the git objects of a CFA's mirror: the tagged commit's
/// tree is checked for safety, the dossier parsed, the badge checked against the catalogue (first
/// award or renewal) and, for a renewal, diffed against the awarded snapshot.
struct SubmissionIngester {
    let repository: Repository
    /// The catalogue the next request is checked against (reconcile sets the one in force on its day).
    var catalogue: Catalogue
    let uai: String
    let digests: DigestCache
    var safety: TreeSafety

    /// Why a submission cannot be ingested (the CFA is then recorded as failed with this reason).
    struct Failure: Error, CustomStringConvertible {
        let reason: HubReason
        var description: String { reason.text(.en) }
    }

    /// The previous award a renewal is checked against.
    struct Base {
        let commit: String
    }

    init(repository: Repository, catalogue: Catalogue, uai: String, digests: DigestCache) {
        self.repository = repository
        self.catalogue = catalogue
        self.uai = uai
        self.digests = digests
        safety = TreeSafety(repository: repository)
    }

    /// Ingests the submission tag `reference` (pointing at `target`): the steps below, in order.
    /// Throws `Failure` with the reason when the submission cannot be ingested.
    mutating func ingest(reference: String, target: ObjectID, base: Base?, now: Date) throws -> (Submission, [EvidenceRecord]) {
        let tag = DossierReferences.tagName(reference) ?? reference
        let badge = try requestedBadge(reference, tag: tag)
        let saved = try peel(target, tag: tag)
        let commit = try repository.commit(saved.commit)
        try checkSafety(of: commit, tag: tag)
        let source = BoundedTreeSource(GitTreeSource(repository: repository, tree: try commit.tree()), digests: digests)
        let claim = try readClaim(of: badge, from: source, tag: tag)
        let check = try checkBadge(badge, claim: claim, source: source, base: base, tag: tag)
        var submission = Submission(
            uai: uai, badge: badge.id, tag: tag, tagTarget: target.hex, commit: saved.commit.hex,
            kind: base == nil ? .first : .renewal, submittedAt: saved.taggedAt ?? commit.author.date, ingestedAt: now,
            ready: check.ready, problems: check.problems.map(CheckProblem.problem), message: saved.message)
        if let base { try addRenewal(to: &submission, base: base, check: check, commit: commit) }
        return (submission, try evidenceRecords(of: claim, badge: badge.id, source: source))
    }

    // MARK: the steps of an ingestion

    /// The badge a submission tag names; refused when the reference is not a submission tag or
    /// names no badge of the catalogue.
    private func requestedBadge(_ reference: String, tag: String) throws -> Badge {
        guard let badgeID = SubmissionTag(reference)?.badge, let badge = catalogue.badge(badgeID) else {
            throw Failure(reason: .notASubmissionTag(tag: tag))
        }
        return badge
    }

    /// What the tag points at, peeled to a save: the commit, and for an annotated tag when it was
    /// made and its message. Refused when the tag does not point at a commit.
    private func peel(_ target: ObjectID, tag: String) throws -> (commit: ObjectID, taggedAt: Date?, message: String) {
        if let annotated = try repository.annotatedTag(target) {
            guard annotated.targetKind == .commit else { throw Failure(reason: .tagNotASave(tag: tag)) }
            return (annotated.target, annotated.tagger?.date, annotated.message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard try repository.objectHeader(target).kind == .commit else { throw Failure(reason: .tagNotASave(tag: tag)) }
        return (target, nil, "")
    }

    /// The saved tree is safe to read (names, sizes, links, depth: `TreeSafety`).
    private mutating func checkSafety(of commit: Commit, tag: String) throws {
        do {
            try safety.check(commit.treeID)
        } catch let refusal as TreeSafety.Refusal {
            throw Failure(reason: .unsafeTree(tag: tag, refusal: refusal))
        }
    }

    /// The claim of `badge` in the saved dossier, whose identity must be this CFA's. Refused when
    /// the dossier cannot be read, names another UAI, or has no claim for the badge.
    private func readClaim(of badge: Badge, from source: BoundedTreeSource, tag: String) throws -> Claim {
        let reader = DossierReader(source: source, catalogue: catalogue)
        let identity: DossierIdentity
        let claim: Claim?
        do {
            identity = try reader.identity()
            claim = try reader.claim(badge.id)
        } catch let error as DossierError {
            throw Failure(reason: .invalidDossier(tag: tag, errors: [error]))
        } catch let error as DossierErrors {
            throw Failure(reason: .invalidDossier(tag: tag, errors: error.errors))
        }
        guard identity.uai == uai else { throw Failure(reason: .otherUAI(tag: tag, named: identity.uai, registered: uai)) }
        guard let claim else { throw Failure(reason: .noClaim(tag: tag, badge: badge.id)) }
        return claim
    }

    /// The badge checked against the catalogue: as a first award, or for a renewal against the
    /// claim of the awarded snapshot `base`. Refused when an evidence file is over the size limit.
    private func checkBadge(_ badge: Badge, claim: Claim, source: BoundedTreeSource, base: Base?, tag: String) throws -> BadgeCheck {
        var awarded: [String: Claim] = [:]
        if let base {
            let baseSource = GitTreeSource(repository: repository, tree: try repository.commit(try id(base.commit)).tree())
            awarded[badge.id] = try? DossierReader(source: baseSource, catalogue: catalogue).claim(badge.id, validatingFiles: false)
        }
        do {
            return try Checker(catalogue: catalogue).check(badge: badge, claim: claim, source: source,
                                                          options: .init(renewal: base != nil, awarded: awarded))
        } catch let oversized as BoundedTreeSource.Oversized {
            throw Failure(reason: .oversizedEvidence(tag: tag, path: oversized.path, size: oversized.size))
        }
    }

    /// For a renewal: the awarded snapshot, whether the renewal rules are met, and the renewal diff
    /// (what changed in the badge since the award) as JSON.
    private func addRenewal(to submission: inout Submission, base: Base, check: BadgeCheck, commit: Commit) throws {
        submission.baseCommit = base.commit
        submission.renewalRulesMet = !check.problems.contains(where: Self.isRenewalRuleProblem)
        let diff = try BadgeRenewalDiff(repository: repository, catalogue: catalogue, badge: submission.badge,
                                        from: try repository.commit(try id(base.commit)), to: commit)
        submission.diffJSON = try Self.json(diff)
    }

    /// One record per evidence of the claim: a file's hash and size as stored (the recorded hash
    /// when there is one), whether it is a media object; a link's kind.
    private func evidenceRecords(of claim: Claim, badge: String, source: BoundedTreeSource) throws -> [EvidenceRecord] {
        claim.evidence.map { item -> EvidenceRecord in
            var sha = item.sha256, size: Int?, media = false
            if case .file(let path, let recorded, let recordedSize) = item.location {
                size = recordedSize
                let full = Claim.evidenceFolder(badge: badge) + "/" + path
                if let digest = try? source.digest(of: full) {
                    sha = recorded ?? digest.sha256
                    size = digest.size
                }
                media = (try? source.mediaPointer(of: full)) != nil
            }
            var kind: String?
            if case .url(_, let urlKind) = item.location { kind = urlKind.rawValue }
            return EvidenceRecord(submissionID: 0, evidenceID: item.id, criterion: item.criterion, title: item.title,
                                  path: item.filePath, sha256: sha, size: size, url: item.url, kind: kind, media: media)
        }
    }

    private func id(_ hex: String) throws -> ObjectID {
        guard let id = ObjectID(hex: hex) else { throw Failure(reason: .internalError("object id")) }
        return id
    }

    static func isRenewalRuleProblem(_ problem: Problem) -> Bool {
        switch problem {
        case .levelMissing, .levelTooLow, .coverageMissing, .coverageIncomplete, .noUpdateSinceAward, .awardSnapshotUnknown: true
        default: false
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
