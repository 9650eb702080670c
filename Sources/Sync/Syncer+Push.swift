import DossierCore
import Foundation
import Git
internal import Remote

extension Syncer {
    /// Submission tags the remote does not have yet (as of the last fetch).
    public func unpushedSubmissions() throws -> [String] {
        try unpushedTags(SubmissionTag.self, mirroredUnder: DossierReferences.remoteSubmissionsPrefix).map(\.name)
    }

    /// Saves not yet on the remote (as of the last sync).
    public func unsyncedSaves() throws -> Int {
        guard let head = try workspace.head() else { return 0 }
        return try repository.commitsAhead(of: repository.referenceTarget(DossierReferences.tracking), from: head.id)
    }

    /// Why the remote refused `main`, and the remote's `main` the push was based on: when the next
    /// fetch finds the remote still there, the refusal was not a concurrent push.
    struct Rejection {
        var reason: String
        var base: ObjectID?
    }

    /// Pushes `main`, new submission tags and new proposal tags. False when the remote refused `main` (`rejection`
    /// says why; sync again: the remote may have moved meanwhile). For a remote on a path, holds the
    /// remote's push lock (`RemotePushLock`) and removes the ref locks a killed push left; a ref
    /// another program has locked stops the sync (`SyncError.remoteReferenceLocked`).
    func push(_ remote: Remote, outgoing: ObjectID, report: inout Report, rejection: inout Rejection?) throws -> Bool {
        let tracking = try repository.referenceTarget(DossierReferences.tracking)
        var refspecs: [String] = []
        var saves = 0
        if tracking != outgoing {
            saves = try repository.commitsAhead(of: tracking, from: outgoing)
            refspecs.append("\(DossierReferences.outgoing):\(DossierReferences.main)")
        }
        let tags = try unpushedSubmissions().filter { !report.tampered.contains($0) }
        refspecs += tags.compactMap { SubmissionTag($0)?.pushRefspec }
        let proposals = try unpushedProposals().filter { !report.tampered.contains($0) }
        refspecs += proposals.compactMap { ProposalTag($0)?.pushRefspec }
        guard !refspecs.isEmpty else { return true }
        let destinations = refspecs.compactMap { $0.split(separator: ":").last.map(String.init) }
        let pushLock = try RemotePushLock(address: RemoteAddress(remote.url, relativeTo: workspace.root))
        defer { withExtendedLifetime(pushLock) {} }
        pushLock?.removeStaleLocks(of: destinations)
        var rejected: [String: String] = [:]
        try transfer(remote) { callbacks in
            try remote.push(refspecs: refspecs, callbacks: callbacks)
            rejected = callbacks.rejectedReferences
        }
        if let pushLock, let locked = pushLock.lockedReference(among: rejected.keys.sorted()) {
            throw SyncError.remoteReferenceLocked(locked)
        }
        if let reason = rejected[DossierReferences.main] {
            rejection = Rejection(reason: reason, base: tracking)
            return false
        }
        var tampered = report.tampered
        report.sentSubmissions += try recordPushedTags(tags, SubmissionTag.self, mirroredUnder: DossierReferences.remoteSubmissionsPrefix,
                                                       rejected: rejected, tampered: &tampered)
        report.sentProposals += try recordPushedTags(proposals, ProposalTag.self, mirroredUnder: DossierReferences.remoteProposalsPrefix,
                                                     rejected: rejected, tampered: &tampered)
        report.tampered = tampered
        if saves > 0 {
            try repository.setReference(DossierReferences.tracking, to: outgoing, message: "dossier: pushed")
            report.sentSaves = saves
        }
        report.pushed = true
        return true
    }
}
