import DossierCore
import Foundation

/// How many failed sign-ins a member or an address may make in a window before being refused.
public struct SignInThrottle: Sendable, Equatable {
    public var failures: Int
    public var window: TimeInterval

    public init(failures: Int = 5, window: TimeInterval = 15 * 60) {
        self.failures = failures
        self.window = window
    }
}

extension Review {
    // Web credentials: the review room stores hashes it is given (hashing belongs to the web
    // module); every change is an audit row. Tokens are never stored, only their SHA-256.

    /// The member's web credential, if any.
    public func credential(memberID: String) throws -> MemberCredential? {
        try store.read { tx in try tx.credential(memberID) }
    }

    /// Sets a member's password hash (and re-enables a disabled member); ends their sessions and
    /// invitations.
    public func setPasswordHash(memberID: String, hash: String, actor: String, now: Date = Date()) throws {
        try store.write { tx in
            _ = try Self.member(tx, memberID)
            try tx.upsert(MemberCredential(memberID: memberID, passwordHash: hash, updatedAt: now, disabledAt: nil))
            try tx.deleteSessions(memberID: memberID)
            try tx.deleteInvitations(memberID: memberID)
            try tx.append(AuditEntry(at: now, actor: actor, action: "member-password", reason: memberID))
        }
    }

    /// Records a one-time invitation (its token's hash); earlier invitations of the member end.
    public func invite(memberID: String, tokenHash: String, expiresAt: Date, actor: String, now: Date = Date()) throws {
        try store.write { tx in
            _ = try Self.member(tx, memberID)
            if let credential = try tx.credential(memberID), credential.disabledAt != nil { throw HubError.memberDisabled(memberID) }
            try tx.deleteInvitations(memberID: memberID)
            try tx.insert(WebInvitation(tokenHash: tokenHash, memberID: memberID, createdAt: now, expiresAt: expiresAt))
            try tx.append(AuditEntry(at: now, actor: actor, action: "member-invite", reason: memberID))
        }
    }

    /// The member an unexpired invitation is for (nil: unknown, used or expired).
    public func invitation(tokenHash: String, now: Date = Date()) throws -> WebInvitation? {
        try store.read { tx in try tx.invitation(tokenHash).flatMap { $0.expiresAt > now ? $0 : nil } }
    }

    /// Uses an invitation: sets the password hash and removes the invitation, in one transaction.
    /// Throws `HubError.invitationInvalid` when it was used, expired or never existed.
    public func acceptInvitation(tokenHash: String, passwordHash: String, now: Date = Date()) throws -> Member {
        try store.write { tx in
            guard let invitation = try tx.invitation(tokenHash), invitation.expiresAt > now else { throw HubError.invitationInvalid }
            let member = try Self.member(tx, invitation.memberID)
            if let credential = try tx.credential(member.id), credential.disabledAt != nil { throw HubError.memberDisabled(member.id) }
            try tx.upsert(MemberCredential(memberID: member.id, passwordHash: passwordHash, updatedAt: now, disabledAt: nil))
            try tx.deleteInvitations(memberID: member.id)
            try tx.deleteSessions(memberID: member.id)
            try tx.append(AuditEntry(at: now, actor: member.id, action: "member-invitation-accepted", reason: member.id))
            return member
        }
    }

    /// Disables a member's web access: no sign-in, sessions and invitations ended at once.
    public func disableMember(_ memberID: String, actor: String, now: Date = Date()) throws {
        try store.write { tx in
            _ = try Self.member(tx, memberID)
            var credential = try tx.credential(memberID) ?? MemberCredential(memberID: memberID, passwordHash: nil, updatedAt: now)
            credential.disabledAt = now
            credential.updatedAt = now
            try tx.upsert(credential)
            try tx.deleteSessions(memberID: memberID)
            try tx.deleteInvitations(memberID: memberID)
            try tx.append(AuditEntry(at: now, actor: actor, action: "member-disable", reason: memberID))
        }
    }

    // MARK: sessions

    /// Stores a new session.
    public func openSession(_ session: WebSession) throws {
        try store.write { tx in
            _ = try Self.member(tx, session.memberID)
            try tx.deleteExpiredSessions(before: session.createdAt)
            try tx.insert(session)
        }
    }

    /// The member of a live session (nil: unknown, expired, or the member was disabled).
    public func sessionMember(tokenHash: String, now: Date = Date()) throws -> (WebSession, Member)? {
        try store.read { tx in
            guard let session = try tx.session(tokenHash), session.expiresAt > now,
                  let member = try tx.member(session.memberID) else { return nil }
            if let credential = try tx.credential(member.id), credential.disabledAt != nil { return nil }
            return (session, member)
        }
    }

    /// Ends one session (sign-out).
    public func endSession(tokenHash: String) throws {
        try store.write { tx in try tx.deleteSession(tokenHash) }
    }

    // MARK: throttling

    /// Whether any of `keys` failed `throttle.failures` times within the window before `now`.
    public func signInThrottled(keys: [String], throttle: SignInThrottle, now: Date = Date()) throws -> Bool {
        try store.read { tx in
            try keys.contains { try tx.signInFailures(key: $0, since: now.addingTimeInterval(-throttle.window)) >= throttle.failures }
        }
    }

    /// Counts a failed sign-in against each key (old failures are dropped).
    public func recordSignInFailure(keys: [String], throttle: SignInThrottle, now: Date = Date()) throws {
        try store.write { tx in
            try tx.deleteSignInFailures(before: now.addingTimeInterval(-throttle.window))
            for key in keys { try tx.insert(SignInFailure(key: key, at: now)) }
        }
    }

    /// Forgets a member's failures after a successful sign-in.
    public func clearSignInFailures(key: String) throws {
        try store.write { tx in try tx.clearSignInFailures(key: key) }
    }
}
