import Foundation
import Hub
internal import HummingbirdBcrypt
import WebLayer

/// Members' web access, as the command line manages it: passwords (bcrypt), invitations,
/// disabling. The hub's review room stores the hashes.
public struct WebAccounts: Sendable {
    public let hub: Hub
    public let settings: WebSettings

    public init(hub: Hub, settings: WebSettings) {
        self.hub = hub
        self.settings = settings
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// Sets a member's password (bcrypt); their sessions end. Throws `PasswordError` when too short.
    public func setPassword(memberID: String, password: String, actor: String = "hub") throws {
        try Self.checkPassword(password)
        let hash = Self.hash(password, cost: settings.bcryptCost)
        try hub.setPasswordHash(memberID: memberID, hash: hash, actor: actor, now: settings.now())
    }

    /// Makes a one-time invitation; returns its URL and expiry.
    public func invite(memberID: String, actor: String = "hub") throws -> (url: String, expires: Date) {
        let token = Tokens.random()
        let now = settings.now()
        let expires = now.addingTimeInterval(settings.invitationLifetime)
        try hub.invite(memberID: memberID, tokenHash: Tokens.hash(token), expiresAt: expires, actor: actor, now: now)
        return ((settings.baseURL ?? "") + "/invitation/" + token, expires)
    }

    /// Ends a member's web access at once (sessions, invitations).
    public func disable(memberID: String, actor: String = "hub") throws {
        try hub.disableMember(memberID, actor: actor, now: settings.now())
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= minimumPasswordLength else { throw PasswordError.tooShort(minimum: minimumPasswordLength) }
        // bcrypt reads 72 bytes at most: a longer password would be silently cut.
        guard password.utf8.count <= 72 else { throw PasswordError.tooLong(maximum: 72) }
    }

    static func hash(_ password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }

    /// Checks a password against a stored bcrypt hash.
    static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= 72 else { return false }
        return Bcrypt.verify(password, hash: hash)
    }
}
