internal import Foundation
public import LinkedData

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
