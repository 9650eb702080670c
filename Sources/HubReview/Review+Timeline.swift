import DossierCore
import Foundation

/// One CFA as its page shows it: the registry's record, every request, every award and label
/// event (oldest first), read in one transaction.
public struct CFAHistory: Sendable {
    public let cfa: CFARecord
    public let submissions: [Submission]
    public let awards: [Award]
    public let labelEvents: [LabelEvent]
    public let label: LabelStatus
}

extension Review {
    /// The history of one CFA on `day`. Throws `HubError.unknownCFA` when it is not registered.
    public func history(uai: String, on day: Day) throws -> CFAHistory {
        try store.read { tx in
            guard let cfa = try tx.cfa(uai) else { throw HubError.unknownCFA(uai) }
            let awards = try tx.awards(uai: uai)
            return CFAHistory(cfa: cfa, submissions: try tx.submissions(uai: uai, badge: nil), awards: awards,
                              labelEvents: try tx.labelEvents(uai: uai),
                              label: LabelStatus(uai: uai, awards: awards, catalogues: schedule, on: day))
        }
    }

    /// Adds a member of the peer group on behalf of `actor` (a Région member, checked here), with
    /// the audit row naming them.
    public func addMember(id: String, role: Member.Role, uai: String?, actor: String, now: Date = Date()) throws -> Member {
        try store.write { tx in
            let by = try Self.member(tx, actor)
            guard by.role == .region else { throw HubError.notRegion(actor) }
            if role == .cfaPilote, uai == nil { throw HubError.memberNeedsUAI }
            if role != .cfaPilote, uai != nil { throw HubError.uaiOnlyForPilots }
            if let uai, try tx.cfa(uai) == nil { throw HubError.unknownCFA(uai) }
            if try tx.member(id) != nil { throw HubError.memberExists(id) }
            let member = Member(id: id, role: role, uai: uai, addedAt: now)
            try tx.insert(member)
            try tx.append(AuditEntry(at: now, actor: actor, action: "member-add", uai: uai, reason: "\(id) (\(role.rawValue))"))
            return member
        }
    }

    /// Each member with whether their web access is disabled.
    public func membersWithAccess() throws -> [(member: Member, disabled: Bool, hasPassword: Bool)] {
        try store.read { tx in
            try tx.members().map { member in
                let credential = try tx.credential(member.id)
                return (member, credential?.disabledAt != nil, credential?.passwordHash != nil)
            }
        }
    }
}

extension Review {
    /// Records that `actor` (a Région member, checked here) asked for a reconcile from the web
    /// application: an audit row before the run starts.
    public func recordReconcileRequest(actor: String, now: Date = Date()) throws {
        try store.write { tx in
            let by = try Self.member(tx, actor)
            guard by.role == .region else { throw HubError.notRegion(actor) }
            try tx.append(AuditEntry(at: now, actor: actor, action: "reconcile-request"))
        }
    }
}
