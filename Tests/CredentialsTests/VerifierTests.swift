import Credentials
import Foundation
import LinkedData
import Testing

/// Our verifier on the spec's and the 1EdTech validator's signed samples (tools/testdata), and on
/// tampered copies. Keys are given the way a verifier pins or dereferences them: bound to an issuer.
@Suite struct VerifierTests {
    static let specKey = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    static let now = Support.date("2026-06-01T00:00:00Z")

    static func keys() throws -> TrustedKeys {
        var keys = TrustedKeys()
        try keys.trust(verificationMethod: "https://example.edu/issuers/565049#\(specKey)", publicKeyMultibase: specKey, controller: "https://example.edu/issuers/565049")
        try keys.trust(verificationMethod: "https://example.com/issuers/876543#\(specKey)", publicKeyMultibase: specKey, controller: "https://example.com/issuers/876543")
        try keys.trust(verificationMethod: "https://1edtech.edu/issuers/565049#\(specKey)", publicKeyMultibase: specKey, controller: "https://1edtech.edu/issuers/565049")
        try keys.trust(verificationMethod: "https://1edtech.edu/issuers/565049#z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs",
                       publicKeyMultibase: "z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs", controller: "https://1edtech.edu/issuers/565049")
        try keys.trust(verificationMethod: "https://state.gov/issuers/565049#z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN",
                       publicKeyMultibase: "z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN", controller: "https://state.gov/issuers/565049")
        // did:key methods: the DID resolves offline; pinning binds it to the issuer that uses it.
        try keys.trust(verificationMethod: "did:key:\(specKey)", publicKeyMultibase: specKey, controller: "urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164")
        try keys.trust(verificationMethod: "did:key:\(specKey)#\(specKey)", publicKeyMultibase: specKey, controller: "https://issuer.example.org/issuers/1")
        return keys
    }

    static func verify(_ name: String, keys: TrustedKeys? = nil, statusLists: [String: JSONValue] = [:]) throws -> VerificationReport {
        let bytes = Array(try Data(contentsOf: Support.testdata.appendingPathComponent(name)))
        return CredentialVerifier(trustedKeys: try keys ?? Self.keys(), statusLists: statusLists, now: now).verify(bytes: bytes)
    }

    @Test(arguments: [
        "linked-data-proof-ob-signed.json", "simple.json", "complete.json", "endorsement-valid.json",
        "simple-did-key-method.json", "sample-org-recipient.signed.json",
    ])
    func acceptsTheSignedSamples(_ name: String) throws {
        let report = try Self.verify(name)
        let valid = report.isValid
        #expect(valid, "\(name): \(report.checks.map { $0.text(.en) })")
    }

    @Test func aRevokedSampleIsReportedRevoked() throws {
        let list = try Support.json("testlist.json")
        let url = "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
        let report = try Self.verify("credential-status-revoked.json", statusLists: [url: list])
        #expect(report.failed(.status))
        #expect(!report.failed(.signature))
        #expect(!report.isValid)
        // Without the list at hand, revocation is "not checked", never "passed".
        let offline = try Self.verify("credential-status-revoked.json")
        #expect(offline.checks.contains { $0.kind == .status && $0.outcome == .notChecked })
    }

    /// complete.json uses a 1EdTech Revocation List: revoked when its id is listed (revoked true or absent).
    @Test func oneEdTechRevocationList() throws {
        let url = "https://1edtech.edu/credentials/3732/revocations"
        let listed: JSONValue = ["id": .string(url), "revokedCredential": [["id": "http://1edtech.edu/credentials/3732", "revocationReason": "test"]]]
        let other: JSONValue = ["id": .string(url), "revokedCredential": [["id": "http://1edtech.edu/credentials/9999"], ["id": "http://1edtech.edu/credentials/3732", "revoked": false]]]
        let revoked = try Self.verify("complete.json", statusLists: [url: listed])
        #expect(revoked.failed(.status) && !revoked.isValid)
        let fine = try Self.verify("complete.json", statusLists: [url: other])
        let valid = fine.isValid
        #expect(valid && fine.checks.contains { $0.kind == .status && $0.outcome == .passed })
    }

    /// 1EdTech's own JWT sample carries its key in the header and has `aud` but no `sub`: the signature
    /// verifies, the key proves nothing about the issuer, and `sub` is missing (as ob3verify.py says).
    @Test func theValidatorJWTSampleHasNoSubClaim() throws {
        let report = try Self.verify("simple-jwt.jwt")
        #expect(report.checks.contains { $0.kind == .signature && $0.outcome == .passed })
        #expect(report.failed(.claims))
        #expect(report.failed(.issuer))
    }

    @Test func aKeyInTheFragmentIsNotTrustedByItself() throws {
        let report = try Self.verify("linked-data-proof-ob-signed.json", keys: TrustedKeys())
        #expect(report.failed(.signature))
        #expect(!report.isValid)
    }

    @Test func aKeyOfAnotherIssuerIsRefused() throws {
        var keys = TrustedKeys()
        try keys.trust(verificationMethod: "https://example.edu/issuers/565049#\(Self.specKey)", publicKeyMultibase: Self.specKey, controller: "https://someone-else.example")
        let report = try Self.verify("linked-data-proof-ob-signed.json", keys: keys)
        #expect(!report.failed(.signature))
        #expect(report.failed(.issuer))
        #expect(!report.isValid)
    }

    @Test func aWrongKeyIsRefused() throws {
        var keys = TrustedKeys()
        let other = Ed25519SigningKey.generate().publicKeyMultibase
        try keys.trust(verificationMethod: "https://example.edu/issuers/565049#\(Self.specKey)", publicKeyMultibase: other, controller: "https://example.edu/issuers/565049")
        #expect(try Self.verify("linked-data-proof-ob-signed.json", keys: keys).failed(.signature))
    }

    /// The spec's signed sample, every byte changed in turn (pretty-printed file as published).
    @Test func oneChangedByteOfTheSpecSampleIsRefused() throws {
        let bytes = Array(try Data(contentsOf: Support.testdata.appendingPathComponent("linked-data-proof-ob-signed.json")))
        let verifier = CredentialVerifier(trustedKeys: try Self.keys(), now: Self.now)
        #expect(verifier.verify(bytes: bytes).isValid)
        var accepted: [Int] = []
        for index in bytes.indices {
            var copy = bytes
            copy[index] = IssuingTests.changed(copy[index])
            if verifier.verify(bytes: copy).isValid { accepted.append(index) }
        }
        #expect(accepted.isEmpty, "accepted after a change at \(accepted.prefix(5))")
    }

    /// JSON-LD drops what no context defines: the sample's signature still verifies with an added
    /// property, but the verifier refuses it, at the top and deep inside.
    @Test func anUnsignedPropertyAddedToTheSpecSampleIsRefused() throws {
        let verifier = CredentialVerifier(trustedKeys: try Self.keys(), now: Self.now)
        guard case .object(var top) = try Support.json("linked-data-proof-ob-signed.json") else { return }
        top["revoked"] = false
        let report = verifier.verify(.json(.object(top)))
        #expect(!report.failed(.signature) && report.failed(.definedTerms) && !report.isValid)
        guard case .object(var deep) = try Support.json("linked-data-proof-ob-signed.json"),
              case .object(var subject) = deep["credentialSubject"], case .object(var achievement) = subject["achievement"]
        else { return }
        achievement["level"] = "expert"
        subject["achievement"] = .object(achievement)
        deep["credentialSubject"] = .object(subject)
        let deepReport = verifier.verify(.json(.object(deep)))
        #expect(!deepReport.failed(.signature) && deepReport.failed(.definedTerms) && !deepReport.isValid)
    }

    /// Rewritings that keep the RDF (so the signature) but would hide a field from checks that read
    /// the JSON: an inline alias for `validUntil`, a value object, a status entry type as an array.
    @Test func rdfEquivalentRewritingsCannotHideFields() throws {
        try Support.withFolder { folder in
            let issuer = BadgeIssuer(profile: Support.profile, keys: try IssuerKeyStore(folder: folder).initialize())
            let issued = try issuer.issue(Support.award(), now: Self.now)
            let late = CredentialVerifier(trustedKeys: try issuer.trustedKeys(), now: Support.date("2030-01-01T00:00:00Z"))
            guard case .object(let original) = issued.json, let until = original["validUntil"] else { return }
            #expect(late.verify(.json(issued.json)).failed(.validUntil))

            var aliased = original
            aliased["@context"] = .array((original["@context"] ?? .null).asArray + [[
                "expiry": ["@id": "https://www.w3.org/2018/credentials#validUntil", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"],
            ]])
            aliased["validUntil"] = nil
            aliased["expiry"] = until
            let aliasReport = late.verify(.json(.object(aliased)))
            #expect(!aliasReport.failed(.signature))  // same RDF: the signature holds…
            #expect(!aliasReport.isValid)              // …but the inline context is refused

            var valueObject = original
            valueObject["validUntil"] = ["@value": until, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"]
            let valueReport = late.verify(.json(.object(valueObject)))
            #expect(!valueReport.failed(.signature))
            #expect(valueReport.failed(.validUntil) && !valueReport.isValid)

            var list = StatusList()
            try list.set(7)
            let lists = [Support.statusURL: try issuer.statusListCredential(list, url: Support.statusURL, now: Self.now)]
            var arrayType = original
            guard case .object(var entry) = original["credentialStatus"] else { return }
            entry["type"] = ["BitstringStatusListEntry"]
            arrayType["credentialStatus"] = .object(entry)
            let statusReport = CredentialVerifier(trustedKeys: try issuer.trustedKeys(), statusLists: lists, now: Self.now)
                .verify(.json(.object(arrayType)))
            #expect(!statusReport.failed(.signature))
            #expect(statusReport.failed(.status) && !statusReport.isValid)
        }
    }

    @Test func aSubjectSwappedBetweenSamplesIsRefused() throws {
        guard case .object(var sample) = try Support.json("linked-data-proof-ob-signed.json") else { return }
        sample["credentialSubject"] = try Support.json("complete.json")["credentialSubject"]
        let report = CredentialVerifier(trustedKeys: try Self.keys(), now: Self.now).verify(.json(.object(sample)))
        #expect(report.failed(.signature) && !report.isValid)
    }

    @Test func tamperedSamplesAreRefused() throws {
        let original = try Support.json("linked-data-proof-ob-signed.json")
        guard case .object(var changed) = original, case .object(var subject) = changed["credentialSubject"] else { return }
        subject["id"] = "did:example:someone-else"
        changed["credentialSubject"] = .object(subject)
        let verifier = CredentialVerifier(trustedKeys: try Self.keys(), now: Self.now)
        #expect(verifier.verify(.json(.object(changed))).failed(.signature))
        var renamed = original.objectValue ?? JSONObject()
        renamed["name"] = "Teamwork Badge!"
        #expect(verifier.verify(.json(.object(renamed))).failed(.signature))
    }
}
