import DossierCore
import Foundation
import Git

/// Where one of the CFA's proposals stands.
public struct ProposalStatus: Sendable {
    public enum State: String, Sendable, Encodable, CaseIterable {
        /// The file does not pass `dossier propose check` yet.
        case draft
        /// It passes, and has not been submitted in this form.
        case checked
        /// Submitted (a tag), not sent yet: the next `dossier sync` sends it.
        case submitted
        /// Sent to the Région, no decision yet.
        case sent
        /// The Région's decision on the newest submission, when the file has not changed since.
        case accepted
        case changesRequested = "changes-requested"
        case declined
    }

    /// One submission of the proposal: its tag, whether the remote has it, the Région's decision.
    public struct Submission: Sendable {
        public let tag: ProposalTag
        public let sent: Bool
        /// The message given to `dossier propose submit`.
        public let message: String
        public let decision: ProposalDecision?
    }

    public let slug: String
    /// The proposed badge's title, when the file has one.
    public let title: String?
    public let state: State
    /// Why the file does not pass the check (state `draft`; or no file any more).
    public let problem: Error?
    /// The working file differs from the newest submission (amended since).
    public let changedSinceSubmission: Bool
    /// Every submission, oldest first.
    public let submissions: [Submission]

    /// The newest decision of the Région on this proposal, whichever submission it answered.
    public var latestDecision: ProposalDecision? { submissions.last { $0.decision != nil }?.decision }
}

extension Proposals {
    /// `dossier propose list`: every proposal of the dossier — in the working folder, submitted, or
    /// decided — with its state, by slug.
    public func list() throws -> [ProposalStatus] {
        let source = workspace.workingSource
        let tags = try tags()
        let decisions = try decisions()
        let slugs = Set(try slugs()).union(tags.map(\.slug)).union(decisions.map(\.slug)).sorted()
        return try slugs.map { slug in
            let path = ProposalTag.file(slug: slug)
            let bytes = try source.read(path)
            var problem: Error?
            var title: String?
            if let bytes {
                do {
                    title = try Self.read(slug, in: source, catalogue: workspace.catalogue)?.badge.title
                } catch {
                    problem = error
                    title = Proposal.title(in: bytes)
                }
            } else {
                problem = ProposeError.noProposal(slug)
            }
            let submissions = try tags.filter { $0.slug == slug }.map { tag in
                ProposalStatus.Submission(tag: tag, sent: try isSent(tag), message: try message(of: tag),
                                          decision: decisions.last { $0.proposal == tag.name })
            }
            var changed = false
            if let newest = submissions.last {
                let submitted = try submittedBytes(of: newest.tag)
                changed = bytes != nil && bytes != submitted
                if title == nil, let submitted { title = Proposal.title(in: submitted) }
            }
            let state: ProposalStatus.State
            if let newest = submissions.last, !changed {
                switch newest.decision?.outcome {
                case .accepted?: state = .accepted
                case .changesRequested?: state = .changesRequested
                case .declined?: state = .declined
                case nil: state = newest.sent ? .sent : .submitted
                }
            } else {
                state = problem == nil ? .checked : .draft
            }
            return ProposalStatus(slug: slug, title: title, state: state, problem: state == .draft ? problem : nil,
                                  changedSinceSubmission: changed, submissions: submissions)
        }
    }

    /// The annotated tag's message (empty for a lightweight tag).
    func message(of tag: ProposalTag) throws -> String {
        guard let id = try repository.referenceTarget(tag.reference), let annotated = try repository.annotatedTag(id) else { return "" }
        return annotated.message.trimmingCharacters(in: .newlines)
    }

    /// The proposal's file in the save a tag names (nil: not there).
    func submittedBytes(of tag: ProposalTag) throws -> [UInt8]? {
        guard let id = try repository.referenceTarget(tag.reference) else { return nil }
        let commitID = try repository.annotatedTag(id)?.target ?? id
        guard let entry = try repository.commit(commitID).tree().entry(at: tag.file), entry.kind == .blob else { return nil }
        return try repository.blobData(entry.id)
    }
}
