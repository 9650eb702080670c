/// How many approvals a request needs before the Région may award it: by default 2, from
/// members of at least 2 different roles.
public struct Quorum: Sendable, Equatable, Codable {
    public var approvals: Int
    public var distinctRoles: Int

    public init(approvals: Int = 2, distinctRoles: Int = 2) {
        self.approvals = approvals
        self.distinctRoles = distinctRoles
    }
}

/// The standing votes on one submission, counted.
public struct Tally: Sendable, Equatable {
    public var approvals: [Vote] = []
    public var rejections: [Vote] = []
    public var changes: [Vote] = []
    /// Roles of the members who approved.
    public var approvalRoles: Set<Member.Role> = []

    /// Counts the votes not withdrawn (a member's newer vote withdraws the older one).
    public init(votes: [Vote], members: [String: Member]) {
        for vote in votes where vote.withdrawnAt == nil {
            switch vote.verdict {
            case .approve:
                approvals.append(vote)
                if let role = members[vote.memberID]?.role { approvalRoles.insert(role) }
            case .reject: rejections.append(vote)
            case .changes: changes.append(vote)
            }
        }
    }

    public func reaches(_ quorum: Quorum) -> Bool {
        approvals.count >= quorum.approvals && approvalRoles.count >= quorum.distinctRoles
    }

    /// What the Région may decide on (award a request, accept a proposal): no standing rejection,
    /// no change requested, the quorum reached; else the `HubError` that says which is missing.
    public func requireDecidable(_ quorum: Quorum) throws {
        guard rejections.isEmpty else { throw HubError.blocked(by: rejections.map(\.memberID)) }
        guard changes.isEmpty else { throw HubError.changesPending(by: changes.map(\.memberID)) }
        guard reaches(quorum) else {
            throw HubError.quorumNotReached(approvals: approvals.count, required: quorum.approvals,
                                            roles: approvalRoles.count, requiredRoles: quorum.distinctRoles)
        }
    }

    /// The state of a request still under review: a standing rejection blocks (rejected until
    /// withdrawn), then requested changes send it back, then the quorum approves it.
    public func state(quorum: Quorum) -> Submission.State {
        if !rejections.isEmpty { return .rejected }
        if !changes.isEmpty { return .changesRequested }
        if reaches(quorum) { return .approved }
        return approvals.isEmpty ? .submitted : .inReview
    }
}
