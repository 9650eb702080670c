import Foundation

/// A member's access to the web application: a password hash (bcrypt, made by the web module)
/// and whether the Région disabled it. No row: the member has no web access yet.
public struct MemberCredential: Sendable, Equatable, Codable {
    public var memberID: String
    /// A bcrypt hash (`$2b$…`); nil while the member has only an invitation.
    public var passwordHash: String?
    public var updatedAt: Date
    /// Set by `hub member disable`: no sign-in, every session ended.
    public var disabledAt: Date?

    public init(memberID: String, passwordHash: String?, updatedAt: Date, disabledAt: Date? = nil) {
        self.memberID = memberID
        self.passwordHash = passwordHash
        self.updatedAt = updatedAt
        self.disabledAt = disabledAt
    }
}

/// A signed-in browser: the token lives in its cookie; the store keeps only the token's hash.
public struct WebSession: Sendable, Equatable, Codable {
    /// SHA-256 (hex) of the cookie's token.
    public var tokenHash: String
    public var memberID: String
    public var createdAt: Date
    public var expiresAt: Date
    /// The address it signed in from (for the operation log; not checked).
    public var address: String?

    public init(tokenHash: String, memberID: String, createdAt: Date, expiresAt: Date, address: String?) {
        self.tokenHash = tokenHash
        self.memberID = memberID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.address = address
    }
}

/// A one-time invitation: whoever opens its URL before it expires chooses the member's password.
public struct WebInvitation: Sendable, Equatable, Codable {
    /// SHA-256 (hex) of the URL's token.
    public var tokenHash: String
    public var memberID: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, memberID: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.memberID = memberID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A failed sign-in, counted per member (`member:<id>`) and per address (`address:<ip>`).
public struct SignInFailure: Sendable, Equatable, Codable {
    public var id: Int64?
    public var key: String
    public var at: Date

    public init(key: String, at: Date) {
        self.key = key
        self.at = at
    }
}
