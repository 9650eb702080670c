public import Foundation
public import LinkedData

/// The issuer as Open Badges 3.0 shows it (`Profile`): the Région.
public struct IssuerProfile: Sendable, Equatable {
    /// A URL where the issuer's Profile (with its public keys) is published.
    public var id: String
    public var name: String
    public var url: String?
    public var email: String?

    public init(id: String, name: String, url: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.email = email
    }

    public var json: JSONValue {
        var object = JSONObject([("id", .string(id)), ("type", ["Profile"]), ("name", .string(name))])
        if let url { object["url"] = .string(url) }
        if let email { object["email"] = .string(email) }
        return .object(object)
    }
}

/// A catalogue badge or the label, as an OB 3.0 `Achievement`.
public struct AchievementDefinition: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    /// URL of the public criteria page.
    public var criteriaURL: String?
    /// The criteria in Markdown.
    public var criteriaNarrative: String
    /// `Badge` for the catalogue's badges, `QualityAssuranceCredential` for the label (docs/BADGES.md).
    public var achievementType: String
    /// The catalogue version.
    public var version: String?
    /// The previous version of this achievement, when its criteria changed.
    public var previous: (id: String, version: String?)?
    public var imageURL: String?

    public init(
        id: String, name: String, description: String, criteriaURL: String?, criteriaNarrative: String,
        achievementType: String = "Badge", version: String? = nil, previous: (id: String, version: String?)? = nil, imageURL: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.criteriaURL = criteriaURL
        self.criteriaNarrative = criteriaNarrative
        self.achievementType = achievementType
        self.version = version
        self.previous = previous
        self.imageURL = imageURL
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.json == rhs.json }

    public var json: JSONValue {
        var criteria = JSONObject()
        if let criteriaURL { criteria["id"] = .string(criteriaURL) }
        criteria["narrative"] = .string(criteriaNarrative)
        var object = JSONObject([
            ("id", .string(id)), ("type", ["Achievement"]), ("achievementType", .string(achievementType)),
            ("name", .string(name)), ("description", .string(description)), ("criteria", .object(criteria)),
            ("inLanguage", "fr"),
        ])
        if let imageURL { object["image"] = ["id": .string(imageURL), "type": "Image"] }
        if let version { object["version"] = .string(version) }
        if let previous {
            var related = JSONObject([("id", .string(previous.id)), ("type", ["Related"])])
            if let version = previous.version { related["version"] = .string(version) }
            object["related"] = [.object(related)]
        }
        return .object(object)
    }
}

extension AchievementDefinition {
    /// The Achievement as a standalone JSON-LD document, for publication at its `id`.
    public var publishedJSON: JSONValue {
        guard case .object(let object) = json else { return json }
        var document = JSONObject([("@context", [.string(PinnedContexts.credentialsV2), .string(PinnedContexts.openBadges303)])])
        for (key, value) in object { document[key] = value }
        return .object(document)
    }
}

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

/// The unsigned `OpenBadgeCredential` of an award, in the form the strict 1EdTech schema wants
/// (arrays for every `type`, `credentialSchema`, `proof`).
public enum OpenBadgeCredential {
    public static let schemaURL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
    public static let contexts: JSONValue = [
        .string(PinnedContexts.credentialsV2), .string(PinnedContexts.openBadges303), .string(PinnedContexts.openBadgesExtensions),
    ]
    /// `identityType` of the UAI in `credentialSubject.identifier` (an `ext:` type: OB has none for it).
    public static let uaiIdentityType = "ext:UAI"

    public static func unsigned(_ award: AwardDetails, issuer: IssuerProfile) -> JSONValue {
        var evidence = JSONObject()
        if let url = award.submissionURL { evidence["id"] = .string(url) }
        evidence["type"] = ["Evidence"]
        evidence["name"] = .string("Soumission \(award.submissionTag)")
        evidence["description"] = .string(
            "Instantané git du dossier examiné par le groupe de pairs : étiquette \(award.submissionTag), commit \(award.submissionCommit).")
        evidence["genre"] = "Dossier de preuves (git)"
        var credential = JSONObject([
            ("@context", contexts),
            ("id", .string(award.credentialID)),
            ("type", ["VerifiableCredential", "OpenBadgeCredential"]),
            ("name", .string(award.achievement.name)),
            ("description", .string("\(award.achievement.name) — délivré par \(issuer.name) à \(award.recipientName).")),
            ("issuer", issuer.json),
            ("validFrom", .string(Timestamp.iso(award.validFrom))),
        ])
        if let until = award.validUntil { credential["validUntil"] = .string(Timestamp.iso(until)) }
        credential["awardedDate"] = .string(Timestamp.iso(award.awardedDate))
        credential["credentialSubject"] = [
            "id": .string(award.recipientURL),
            "type": ["AchievementSubject"],
            "name": .string(award.recipientName),
            "identifier": [[
                "type": "IdentityObject", "hashed": false, "identityHash": .string(award.uai), "identityType": .string(uaiIdentityType),
            ]],
            "achievement": award.achievement.json,
        ]
        credential["evidence"] = [.object(evidence)]
        credential["credentialSchema"] = [["id": .string(schemaURL), "type": "1EdTechJsonSchemaValidator2019"]]
        credential["credentialStatus"] = StatusList.entry(url: award.statusListURL, index: award.statusListIndex)
        return .object(credential)
    }
}
