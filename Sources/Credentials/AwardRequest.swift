public import Foundation

/// The award data the hub has at award time; `BadgeIssuer.issue(_:layout:)` turns it into a
/// signed credential whose ids all point into the published site (`PublicationLayout`).
public struct AwardRequest: Sendable {
    public var uai: String
    public var cfaName: String
    /// The catalogue badge id (a slug), or the label's id.
    public var badgeID: String
    /// The Achievement (name, description, criteria in French from the catalogue).
    public var achievement: AchievementDefinition
    /// The award's period: `validFrom` (moves at each renewal) and `validUntil` (the lapse date).
    public var validFrom: Date
    public var validUntil: Date?
    /// The first award of this badge to this CFA, kept across renewals.
    public var firstAwarded: Date
    public var submissionTag: String
    public var submissionCommit: String
    /// The credential's index in the revocation list; the hub stores it with the award and reuses it
    /// on renewal (same credential id).
    public var statusListIndex: Int
    public var statusListNumber: Int

    public init(
        uai: String, cfaName: String, badgeID: String, achievement: AchievementDefinition, validFrom: Date, validUntil: Date?,
        firstAwarded: Date, submissionTag: String, submissionCommit: String, statusListIndex: Int, statusListNumber: Int = 1
    ) {
        self.uai = uai
        self.cfaName = cfaName
        self.badgeID = badgeID
        self.achievement = achievement
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.firstAwarded = firstAwarded
        self.submissionTag = submissionTag
        self.submissionCommit = submissionCommit
        self.statusListIndex = statusListIndex
        self.statusListNumber = statusListNumber
    }

    public func details(layout: PublicationLayout) throws(CredentialError) -> AwardDetails {
        guard (0..<StatusList.minimumLength).contains(statusListIndex) else { throw .statusList("index \(statusListIndex) out of range") }
        guard submissionCommit.count == 40 || submissionCommit.count == 64, submissionCommit.allSatisfy(\.isHexDigit) else {
            throw .malformed(member: "submissionCommit")
        }
        return AwardDetails(
            credentialID: try layout.credentialURL(uai: uai, badge: badgeID), achievement: achievement,
            recipientURL: try layout.recipientURL(uai: uai), uai: uai, recipientName: cfaName, validFrom: validFrom,
            validUntil: validUntil, awardedDate: firstAwarded, submissionTag: submissionTag, submissionCommit: submissionCommit,
            statusListURL: layout.statusListURL(statusListNumber), statusListIndex: statusListIndex)
    }
}
