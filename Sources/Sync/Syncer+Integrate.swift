import DossierCore
import DossierRepository
import Foundation
import Git

extension Syncer {
    /// Brings what was fetched into the local branch: nothing, a fast-forward, or a merge.
    func integrate(into report: inout Report) throws {
        try adoptSubmissionTags(into: &report)
        try adoptProposalTags(into: &report)
        guard let incomingID = try repository.referenceTarget(DossierReferences.incoming) else { return }
        let theirs = try repository.commit(incomingID)
        let head = try workspace.head()
        let analysis: MergeAnalysis
        do {
            try checkRemoteDossier(theirs)
            analysis = try repository.analyseMerge(ours: head?.id, theirs: incomingID)
            if analysis == .unrelated { throw SyncError.unrelatedHistory }
        } catch {
            try repository.deleteReference(DossierReferences.incoming)
            throw error
        }
        try repository.setReference(DossierReferences.tracking, to: incomingID, message: "dossier: fetched")
        try repository.deleteReference(DossierReferences.incoming)
        switch analysis {
        case .upToDate, .unrelated:
            return
        case .fastForward:
            try MergeJournal.apply(workspace: workspace, from: head, to: theirs, message: "dossier: sync (fast-forward)")
            report.fastForwarded = true
            report.incoming = try workspace.history.diff(from: head, to: theirs)
        case .normal:
            guard let head else { return }
            let base = try repository.mergeBase(head.id, incomingID).map(repository.commit)
            let outcome = try DossierMerger(repository: repository, catalogue: workspace.catalogue)
                .merge(base: base, ours: head, theirs: theirs)
            report.incoming = try workspace.history.diff(from: base, to: theirs)
            report.keptBothVersions = outcome.copies
            if !outcome.conflicts.isEmpty {
                try MergeMarker.save(OpenMerge(ours: head.id, theirs: theirs.id, base: base?.id, tree: outcome.tree,
                                               conflicts: outcome.conflicts), in: repository)
                report.conflicts = outcome.conflicts
                return
            }
            try commitMerge(tree: outcome.tree, ours: head, theirs: theirs)
            report.merged = true
        }
    }

    /// Records the merge with both parents and brings the working files to it.
    func commitMerge(tree: ObjectID, ours: Commit, theirs: Commit, absorbed: [String] = []) throws {
        let author = try workspace.author(nil)
        let id = try repository.commit(tree: tree, parents: [ours, theirs], message: "Synchronisation : fusion des modifications reçues",
                                       author: author, updating: nil)
        try MergeJournal.apply(workspace: workspace, from: ours, to: try repository.commit(id), message: "dossier: sync (merge)",
                               absorbed: absorbed)
        MergeMarker.remove(repository)
    }

    /// The remote must hold a dossier, of this CFA.
    private func checkRemoteDossier(_ commit: Commit) throws {
        let remoteURL = (try? repository.remote(named: Self.remoteName))??.url ?? ""
        let source = GitTreeSource(repository: repository, tree: try commit.tree())
        guard let bytes = try source.read(DossierIdentity.fileName) else { throw SyncError.notADossierRemote(url: remoteURL) }
        let remoteIdentity: DossierIdentity
        do { remoteIdentity = try DossierIdentity.parse(bytes) } catch { throw SyncError.notADossierRemote(url: remoteURL) }
        guard let head = try workspace.head() else { return }
        let local = try DossierReader(source: workspace.history.source(at: head), catalogue: workspace.catalogue).identity()
        guard local.uai == remoteIdentity.uai else { throw SyncError.otherCFA(remote: remoteIdentity.uai, local: local.uai) }
    }

    /// Submission tags made on another laptop become local tags; a remote tag that differs from
    /// the local one of the same name is tampering: reported, and neither side is changed.
    func adoptSubmissionTags(into report: inout Report) throws {
        var tampered = report.tampered
        let adopted = try adoptTags(SubmissionTag.self, mirroredUnder: DossierReferences.remoteSubmissionsPrefix,
                                    message: "dossier: submission received", tampered: &tampered)
        report.tampered = tampered
        report.receivedSubmissions += adopted
    }
}
