public import Foundation

/// Everything an award credential says.
public struct AwardDetails: Sendable {
    /// Stable across renewals (same issuer + same id = same credential, the later `validFrom` wins).
    public var credentialID: String
    public var achievement: AchievementDefinition
    /// The CFA's public page.
    public var recipientURL: String
    /// The CFA's UAI (French registry number of the institution).
    public var uai: String
    public var recipientName: String
    public var validFrom: Date
    public var validUntil: Date?
    /// The first award date, kept across renewals.
    public var awardedDate: Date
    public var submissionTag: String
    public var submissionCommit: String
    /// A public page about the submission, if any.
    public var submissionURL: String?
    public var statusListURL: String
    public var statusListIndex: Int

    public init(
        credentialID: String, achievement: AchievementDefinition, recipientURL: String, uai: String, recipientName: String,
        validFrom: Date, validUntil: Date?, awardedDate: Date, submissionTag: String, submissionCommit: String,
        submissionURL: String? = nil, statusListURL: String, statusListIndex: Int
    ) {
        self.credentialID = credentialID
        self.achievement = achievement
        self.recipientURL = recipientURL
        self.uai = uai
        self.recipientName = recipientName
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.awardedDate = awardedDate
        self.submissionTag = submissionTag
        self.submissionCommit = submissionCommit
        self.submissionURL = submissionURL
        self.statusListURL = statusListURL
        self.statusListIndex = statusListIndex
    }
}
