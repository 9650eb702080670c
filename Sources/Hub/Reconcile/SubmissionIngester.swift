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
    let catalogue: Catalogue
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

    mutating func ingest(reference: String, target: ObjectID, base: Base?, now: Date) throws -> (Submission, [EvidenceRecord]) {
        let tag = DossierReferences.tagName(reference) ?? reference
        func fail(_ reason: HubReason) -> Failure { Failure(reason: reason) }
        guard let badgeID = SubmissionTag(reference)?.badge, let badge = catalogue.badge(badgeID) else {
            throw fail(.notASubmissionTag(tag: tag))
        }
        // Peel the tag to its commit.
        var commitID = target
        var submittedAt: Date?
        var message = ""
        if let annotated = try repository.annotatedTag(target) {
            guard annotated.targetKind == .commit else { throw fail(.tagNotASave(tag: tag)) }
            commitID = annotated.target
            submittedAt = annotated.tagger?.date
            message = annotated.message.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if try repository.objectHeader(target).kind != .commit {
            throw fail(.tagNotASave(tag: tag))
        }
        let commit = try repository.commit(commitID)
        do {
            try safety.check(commit.treeID)
        } catch let refusal as TreeSafety.Refusal {
            throw fail(.unsafeTree(tag: tag, refusal: refusal))
        }
        let source = BoundedTreeSource(GitTreeSource(repository: repository, tree: try commit.tree()), digests: digests)
        let reader = DossierReader(source: source, catalogue: catalogue)
        let identity: DossierIdentity
        let claim: Claim?
        do {
            identity = try reader.identity()
            claim = try reader.claim(badgeID)
        } catch let error as DossierError {
            throw fail(.invalidDossier(tag: tag, errors: [error]))
        } catch let error as DossierErrors {
            throw fail(.invalidDossier(tag: tag, errors: error.errors))
        }
        guard identity.uai == uai else { throw fail(.otherUAI(tag: tag, named: identity.uai, registered: uai)) }
        guard let claim else { throw fail(.noClaim(tag: tag, badge: badgeID)) }

        var awarded: [String: Claim] = [:]
        if let base {
            let baseSource = GitTreeSource(repository: repository, tree: try repository.commit(try id(base.commit)).tree())
            awarded[badgeID] = try? DossierReader(source: baseSource, catalogue: catalogue).claim(badgeID, validatingFiles: false)
        }
        let check: BadgeCheck
        do {
            check = try Checker(catalogue: catalogue).check(badge: badge, claim: claim, source: source,
                                                           options: .init(renewal: base != nil, awarded: awarded))
        } catch let oversized as BoundedTreeSource.Oversized {
            throw fail(.oversizedEvidence(tag: tag, path: oversized.path, size: oversized.size))
        }
        var submission = Submission(
            uai: uai, badge: badgeID, tag: tag, tagTarget: target.hex, commit: commitID.hex,
            kind: base == nil ? .first : .renewal, submittedAt: submittedAt ?? commit.author.date, ingestedAt: now,
            ready: check.ready, problems: check.problems.map(CheckProblem.problem), message: message)
        if let base {
            submission.baseCommit = base.commit
            submission.renewalRulesMet = !check.problems.contains(where: Self.isRenewalRuleProblem)
            let diff = try BadgeRenewalDiff(repository: repository, catalogue: catalogue, badge: badgeID,
                                            from: try repository.commit(try id(base.commit)), to: commit)
            submission.diffJSON = try Self.json(diff)
        }
        let evidence = try claim.evidence.map { item -> EvidenceRecord in
            var sha = item.sha256, size: Int?, media = false
            if case .file(let path, let recorded, let recordedSize) = item.location {
                size = recordedSize
                let full = Claim.evidenceFolder(badge: badgeID) + "/" + path
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
        return (submission, evidence)
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
