import DossierCore
import DossierRepository
import Foundation
import Git

/// `dossier propose submit`: records a badge proposal for the Région as an annotated `ProposalTag`
/// on the current save, like `Submitter` does for badge requests. Tags are never moved or deleted
/// by the tool; sync pushes them. An amended proposal is submitted again under a new tag.
public struct ProposalSubmitter {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Checks that nothing is unsaved and that the proposal, as saved, passes the check (its
    /// examples in the same save), then tags the save. Returns the tag.
    public func submit(slug: String, message: String?, tagger: Signature, date: Date = Date()) throws -> ProposalTag {
        try workspace.withLock { try submitLocked(slug: slug, message: message, tagger: tagger, date: date) }
    }

    private func submitLocked(slug: String, message: String?, tagger: Signature, date: Date) throws -> ProposalTag {
        guard Evidence.isValidID(slug) else { throw ProposeError.invalidSlug(slug) }
        let repository = workspace.repository
        let unsaved = try workspace.changedFiles().count
        guard unsaved == 0 else { throw SyncError.unsavedChanges(unsaved) }
        guard let head = try workspace.head() else { throw SyncError.unsavedChanges(0) }
        guard try Proposals.read(slug, in: workspace.history.source(at: head), catalogue: workspace.catalogue) != nil else {
            throw ProposeError.noProposal(slug)
        }
        // Every proposal tag made here or received from another laptop, so that numbers never collide.
        let existing = try repository.referenceNames(matching: ProposalTag.pattern()).compactMap { ProposalTag($0) }
            + repository.referenceNames(matching: ProposalTag.pattern(under: DossierReferences.remoteProposalsPrefix))
                .compactMap { ProposalTag($0, mirroredUnder: DossierReferences.remoteProposalsPrefix) }
        guard let tag = ProposalTag.next(slug: slug, day: Day(date), existing: existing) else { throw ProposeError.invalidSlug(slug) }
        let text = message ?? "Proposition du badge \(slug) / badge proposal \(slug)"
        try repository.createTag(tag.name, on: head, message: text + "\n", tagger: tagger)
        return tag
    }
}
