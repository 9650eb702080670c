import DossierCore
internal import DossierRepository
import Foundation
internal import Git
import HubReview

/// Reads one badge proposal straight from the git objects of a CFA's mirror: the proposal tag
/// (`proposals/<slug>/<day>-<n>`) peeled to a save, the saved tree checked for safety like a
/// request's, the dossier's UAI checked, then `proposals/<slug>.yaml` parsed with `Proposal.parse`
/// against the catalogue in force.
///
/// What is hostile or forged (a tag that names no save, an unsafe tree, a dossier naming another
/// UAI, an oversized proposal file) fails the CFA like a bad request does: nothing of its run is
/// ingested. A proposal that is merely wrong (no file, a schema error, `mandatory: true`, an id the
/// catalogue already has) is ingested as `refused` with its reason, which travels back to the CFA
/// as a declined decision: it never stops the CFA's badge requests.
struct ProposalIngester {
    let repository: Repository
    let catalogue: Catalogue
    let uai: String
    var safety: TreeSafety

    init(repository: Repository, catalogue: Catalogue, uai: String, safety: TreeSafety) {
        self.repository = repository
        self.catalogue = catalogue
        self.uai = uai
        self.safety = safety
    }

    mutating func ingest(reference: String, target: ObjectID, now: Date) throws -> ProposalSubmission {
        let tagName = DossierReferences.tagName(reference) ?? reference
        guard let tag = ProposalTag(reference) else { throw SubmissionIngester.Failure(reason: .notASubmissionTag(tag: tagName)) }
        let (commitID, taggedAt, message) = try peel(target, tag: tagName)
        let commit = try repository.commit(commitID)
        do {
            try safety.check(commit.treeID)
        } catch let refusal as TreeSafety.Refusal {
            throw SubmissionIngester.Failure(reason: .unsafeTree(tag: tagName, refusal: refusal))
        }
        try checkIdentity(of: commit, tag: tagName)
        var proposal = ProposalSubmission(uai: uai, slug: tag.slug, tag: tagName, tagTarget: target.hex, commit: commitID.hex,
                                          submittedAt: taggedAt ?? commit.author.date, ingestedAt: now, text: "", message: message)
        guard let bytes = try proposalFile(in: commit, tag: tag) else {
            proposal.state = .refused
            proposal.refusal = .noFile(path: tag.file)
            return proposal
        }
        proposal.text = String(decoding: bytes, as: UTF8.self)
        do {
            _ = try Proposal.parse(bytes, file: tag.file, catalogue: catalogue)
        } catch let error as DossierError {
            proposal.state = .refused
            proposal.refusal = .invalid([error])
        } catch let errors as DossierErrors {
            proposal.state = .refused
            proposal.refusal = .invalid(errors.errors)
        } catch {
            proposal.state = .refused
            proposal.refusal = .other(String(describing: type(of: error)))
        }
        return proposal
    }

    /// The tag peeled to a save: the commit, and for an annotated tag when it was made and its message.
    private func peel(_ target: ObjectID, tag: String) throws -> (ObjectID, Date?, String) {
        if let annotated = try repository.annotatedTag(target) {
            guard annotated.targetKind == .commit else { throw SubmissionIngester.Failure(reason: .tagNotASave(tag: tag)) }
            return (annotated.target, annotated.tagger?.date, annotated.message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard try repository.objectHeader(target).kind == .commit else { throw SubmissionIngester.Failure(reason: .tagNotASave(tag: tag)) }
        return (target, nil, "")
    }

    /// The saved dossier is this CFA's (its `dossier.yaml` names the registered UAI).
    private func checkIdentity(of commit: Commit, tag: String) throws {
        let source = GitTreeSource(repository: repository, tree: try commit.tree())
        let identity: DossierIdentity
        do {
            identity = try DossierReader(source: source, catalogue: catalogue).identity()
        } catch let error as DossierError {
            throw SubmissionIngester.Failure(reason: .invalidDossier(tag: tag, errors: [error]))
        } catch let error as DossierErrors {
            throw SubmissionIngester.Failure(reason: .invalidDossier(tag: tag, errors: error.errors))
        }
        guard identity.uai == uai else { throw SubmissionIngester.Failure(reason: .otherUAI(tag: tag, named: identity.uai, registered: uai)) }
    }

    /// The bytes of `proposals/<slug>.yaml` in the save (nil when there is none); its size is
    /// checked from the object's header before it is read.
    private func proposalFile(in commit: Commit, tag: ProposalTag) throws -> [UInt8]? {
        guard let folder = try commit.tree().entries.first(where: { $0.name == Proposal.folder && $0.kind == .tree }),
              let file = try repository.tree(folder.id).entries.first(where: { $0.name == "\(tag.slug).yaml" }) else { return nil }
        guard file.kind == .blob || file.kind == .executable else {
            throw SubmissionIngester.Failure(reason: .unsafeTree(tag: tag.name, refusal: .notAFile(tag.file)))
        }
        let size = try repository.objectHeader(file.id).size
        guard size <= TreeSafety.maximumYAMLSize else {
            throw SubmissionIngester.Failure(reason: .unsafeTree(tag: tag.name, refusal: .oversizedYAML(tag.file, size)))
        }
        return try repository.blobData(file.id)
    }
}
