import DossierCore
import Foundation

extension Hub {
    /// The hub's catalogue versions and draft (`<hub>/catalogue/`).
    public var catalogues: HubCatalogues {
        get throws { try HubCatalogues.standard(hubRoot: root) }
    }

    /// Publishes the catalogue draft as `version`: a Région member only (an audit row records it);
    /// the next reconcile delivers it to every CFA on the catalogue ref.
    @discardableResult
    public func publishCatalogue(version: String, message: String, memberID: String, now: Date = Date()) throws -> Catalogue {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw HubError.reasonRequired }
        let catalogues = try self.catalogues
        return try store.write { tx in
            guard let member = try tx.member(memberID) else { throw HubError.unknownMember(memberID) }
            guard member.role == .region else { throw HubError.notRegion(memberID) }
            if try tx.credential(memberID)?.disabledAt != nil { throw HubError.memberDisabled(memberID) }
            // The audit row first: a refused publication rolls it back; the files are written last.
            try tx.append(AuditEntry(at: now, actor: memberID, action: "catalogue-publish", reason: "\(version): \(message)"))
            return try catalogues.publish(version, message: message, member: memberID, now: now)
        }
    }
}
