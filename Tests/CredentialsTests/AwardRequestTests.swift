import Credentials
import Foundation
import LinkedData
import Testing

/// The API the hub calls at award time, and the URLs it fills in.
@Suite struct AwardRequestTests {
    static let layout = PublicationLayout(baseURL: "https://badges.normandie.example/")

    static func request(badge: String = "label", uai: String = "0761234A", index: Int = 42) -> AwardRequest {
        AwardRequest(
            uai: uai, cfaName: "CFA des Métiers de Rouen", badgeID: badge,
            achievement: Support.achievement(label: true), validFrom: Support.date("2026-03-01T00:00:00Z"),
            validUntil: Support.date("2029-03-01T00:00:00Z"), firstAwarded: Support.date("2023-03-01T00:00:00Z"),
            submissionTag: "soumission/2026-02-15", submissionCommit: String(repeating: "ab", count: 20), statusListIndex: index)
    }

    @Test func theLabelCredentialPointsIntoThePublishedSite() throws {
        try Support.withFolder { folder in
            let profile = IssuerProfile(id: Self.layout.issuerProfileURL, name: "Région Normandie")
            let issuer = BadgeIssuer(profile: profile, keys: try IssuerKeyStore(folder: folder).initialize())
            let issued = try issuer.issue(Self.request(), layout: Self.layout, now: Support.date("2026-03-01T00:00:00Z"))
            #expect(issued.json["id"] == "https://badges.normandie.example/credentials/0761234A/label.json")
            #expect(issued.json["credentialSubject"]?["id"] == "https://badges.normandie.example/cfa/0761234A.html")
            #expect(issued.json["credentialSubject"]?["achievement"]?["achievementType"] == "QualityAssuranceCredential")
            #expect(issued.json["credentialStatus"]?["statusListCredential"] == "https://badges.normandie.example/status/1.json")
            #expect(issued.json["credentialStatus"]?["statusListIndex"] == "42")
            #expect(issued.json["validUntil"] == "2029-03-01T00:00:00Z")
            #expect(issued.json["awardedDate"] == "2023-03-01T00:00:00Z")
            #expect(issued.statusListIndex == 42)
            #expect(Self.layout.relativePath(of: issued.json["id"]?.stringValue ?? "") == "credentials/0761234A/label.json")
            let report = CredentialVerifier(trustedKeys: try TrustedKeys(profile: issuer.publicProfile()), now: Support.date("2026-06-01T00:00:00Z"))
                .verify(.jwt(issued.jwt))
            let valid = report.isValid
            #expect(valid)
        }
    }

    @Test func thePublishedAchievementIsFullyDefinedLinkedData() throws {
        let document = Support.achievement(label: true).publishedJSON
        #expect(document["@context"]?.arrayValue?.count == 2)
        #expect(try JSONLD().expand(document).droppedTerms.isEmpty)
        #expect(try JSONLD().canonicalNQuads(of: document).contains("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType> \"QualityAssuranceCredential\""))
    }

    @Test func idsThatWouldEscapeTheSiteAreRefused() throws {
        #expect(throws: CredentialError.malformed(member: "../x")) { try Self.layout.credentialURL(uai: "../x", badge: "b") }
        #expect(throws: CredentialError.malformed(member: "a/b")) { try Self.layout.achievementURL("a/b") }
        #expect(Self.layout.relativePath(of: "https://badges.normandie.example/../etc/passwd") == nil)
        #expect(Self.layout.relativePath(of: "https://elsewhere.example/x") == nil)
        #expect(throws: CredentialError.malformed(member: "submissionCommit")) {
            var request = Self.request()
            request.submissionCommit = "main"
            _ = try request.details(layout: Self.layout)
        }
    }

    @Test func randomIndexesAvoidTheUsedOnes() {
        let used = Set(0..<7)
        for _ in 0..<50 {
            let index = StatusList.randomFreeIndex(excluding: used, length: 8)
            #expect(index == 7)
        }
        #expect(StatusList.randomFreeIndex(excluding: Set(0..<8), length: 8) == nil)
    }

    @Test func checksAreSaidInFrench() throws {
        let check = VerificationCheck(kind: .status, outcome: .failed, details: [.revoked(7)])
        #expect(check.text(.fr) == "✘ non révoqué : RÉVOQUÉ (index 7)")
        #expect(check.text(.en) == "✘ not revoked: REVOKED (index 7)")
        let unsigned = VerificationCheck(kind: .definedTerms, outcome: .failed, details: [.unsignedTerms(["note"])])
        #expect(unsigned.text(.fr).contains("non couvertes par la signature"))
    }
}
