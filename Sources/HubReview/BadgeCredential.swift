import DossierCore
import Foundation

/// The signed Open Badges 3.0 credential of a CFA's badge (or of its label), as last issued: one
/// row per CFA and badge, replaced when a renewal re-issues it (same credential id and status
/// index). `badge` is a catalogue badge id or `BadgeCredential.label`.
public struct BadgeCredential: Sendable, Equatable, Codable {
    public static let label = CredentialPaths.label

    public var uai: String
    public var badge: String
    /// The award it certifies (nil for the label's credential).
    public var awardID: Int64?
    /// The credential with its Data Integrity proof (pretty JSON).
    public var json: String
    /// The same credential as a VC-JWT.
    public var jwt: String
    /// Its index in the revocation list (`StatusEntry`).
    public var statusIndex: Int
    public var validFrom: Day
    /// The first day it is no longer valid (the award's end, or the label's lapse date).
    public var validUntil: Day
    /// The first award of this badge to the CFA (`awardedDate`), kept across renewals.
    public var firstAwarded: Date
    public var issuedAt: Date
    /// Set when the credential was revoked (its status bit is set).
    public var revokedAt: Date?

    public init(uai: String, badge: String, awardID: Int64?, json: String, jwt: String, statusIndex: Int, validFrom: Day,
                validUntil: Day, firstAwarded: Date, issuedAt: Date, revokedAt: Date? = nil) {
        self.uai = uai
        self.badge = badge
        self.awardID = awardID
        self.json = json
        self.jwt = jwt
        self.statusIndex = statusIndex
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.firstAwarded = firstAwarded
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
    }

    public var isLabel: Bool { badge == Self.label }
}

/// One index of the issuer's revocation list (Bitstring Status List): taken by a credential,
/// never given to another one, set for good when that credential is revoked.
public struct StatusEntry: Sendable, Equatable, Codable {
    public var statusIndex: Int
    public var uai: String
    public var badge: String
    public var revoked: Bool

    public init(statusIndex: Int, uai: String, badge: String, revoked: Bool = false) {
        self.statusIndex = statusIndex
        self.uai = uai
        self.badge = badge
        self.revoked = revoked
    }
}
