import DossierCore
import Foundation

extension Hub {
    /// The hub's catalogue versions and draft (`<hub>/catalogue/`).
    public var catalogues: HubCatalogues {
        get throws { try HubCatalogues.standard(hubRoot: root) }
    }

    /// Publishes the catalogue draft as `version`: a Région member only (an audit row records it);
    /// signed by the issuer key when the hub has one; the next reconcile delivers it to every CFA on
    /// the catalogue ref. It is in force from `now`'s day.
    @discardableResult
    public func publishCatalogue(version: String, message: String, memberID: String, now: Date = Date()) throws -> Catalogue {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw HubError.reasonRequired }
        let catalogues = try self.catalogues
        let published = try store.write { tx in
            guard let member = try tx.member(memberID) else { throw HubError.unknownMember(memberID) }
            guard member.role == .region else { throw HubError.notRegion(memberID) }
            if try tx.credential(memberID)?.disabledAt != nil { throw HubError.memberDisabled(memberID) }
            // The audit row first: a refused publication rolls it back; the files are written last.
            try tx.append(AuditEntry(at: now, actor: memberID, action: "catalogue-publish", reason: "\(version): \(message)"))
            // The keys are read first: unreadable keys refuse the publication (nothing written).
            let issuer = try badgeIssuing?.issuer()
            let catalogue = try catalogues.publish(version, message: message, member: memberID, now: now)
            // Signed by the issuer key when the hub has one (else at the first reconcile after `hub keys init`).
            if let issuer { try catalogues.signUnsigned(with: issuer, now: now) }
            return catalogue
        }
        // The review room under the new schedule: accepted proposals the version holds record it (their
        // decisions travel again); the label's rule is the new version's from today, so a label
        // credential whose lapse moved is re-issued and one the rule no longer supports is revoked.
        let reopened = Hub(root: root, settings: settings, store: store, catalogue: published, catalogues: try catalogues.schedule())
        try reopened.recordPublishedProposals(now: now)
        if badgeIssuing?.keyStore.exists == true { try reopened.issueBadgeCredentials(day: Day(now), now: now) }
        return published
    }
}
