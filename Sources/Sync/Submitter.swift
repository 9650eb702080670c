import DossierCore
import DossierRepository
import Foundation
import Git

/// Records submissions: an annotated `SubmissionTag` per badge on the
/// current save. Tags are never moved or deleted by the tool; sync pushes them.
public struct Submitter {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Checks that every badge is ready (first award, or renewal against its awarded snapshot),
    /// then tags the current save for each. Returns the tag names.
    public func submit(badges: [String], message: String?, tagger: Signature, date: Date = Date()) throws -> [String] {
        try workspace.withLock { try submitLocked(badges: badges, message: message, tagger: tagger, date: date) }
    }

    private func submitLocked(badges: [String], message: String?, tagger: Signature, date: Date) throws -> [String] {
        let repository = workspace.repository
        let unsaved = try workspace.changedFiles().count
        guard unsaved == 0 else { throw SyncError.unsavedChanges(unsaved) }
        guard let head = try workspace.head() else { throw SyncError.unsavedChanges(0) }
        for badge in badges where workspace.catalogue.badge(badge) == nil { throw DossierError(.unknownBadge(badge)) }
        let source = try workspace.history.source(at: head)
        let dossier = try DossierReader(source: source, catalogue: workspace.catalogue).loadValid()
        let awarded = try workspace.history.awardedClaims(revision: nil)
        // Renewal for the badges the Région awarded before (its decisions) or tagged as awarded.
        let renewals = Set(try Decisions.read(from: repository).awards.keys).union(awarded.keys)
        let checker = Checker(catalogue: workspace.catalogue)
        for badge in badges {
            guard let definition = workspace.catalogue.badge(badge) else { continue }
            let check = try checker.check(badge: definition, claim: dossier.claims[badge], source: source,
                                          options: .init(awarded: awarded, renewalBadges: renewals))
            guard check.ready else { throw SyncError.badgeNotReady(badge) }
        }
        let day = Day(date)
        // Every request made here or received from another laptop, so that numbers never collide.
        let existing = try repository.referenceNames(matching: SubmissionTag.pattern()).compactMap { SubmissionTag($0) }
            + repository.referenceNames(matching: SubmissionTag.pattern(under: DossierReferences.remoteSubmissionsPrefix))
                .compactMap { SubmissionTag($0, mirroredUnder: DossierReferences.remoteSubmissionsPrefix) }
        var names: [String] = []
        for badge in Array(NSOrderedSet(array: badges)) as? [String] ?? badges {
            guard let tag = SubmissionTag.next(badge: badge, day: day, existing: existing) else { throw DossierError(.unknownBadge(badge)) }
            let text = message ?? "Demande du badge \(badge) / request for badge \(badge)"
            try repository.createTag(tag.name, on: head, message: text + "\n", tagger: tagger)
            names.append(tag.name)
        }
        return names
    }

}
