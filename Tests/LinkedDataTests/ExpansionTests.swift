import Foundation
import LinkedData
import Testing

/// JSON-LD expansion with the pinned Open Badges contexts.
@Suite struct ExpansionTests {
    static let contexts: JSONValue = [
        "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]

    func credential(_ extra: [(String, JSONValue)] = []) -> JSONValue {
        var object = JSONObject([
            ("@context", Self.contexts),
            ("id", "urn:uuid:1"),
            ("type", ["VerifiableCredential", "OpenBadgeCredential"]),
            ("issuer", ["id": "https://region.example/issuer", "type": ["Profile"], "name": "Région"]),
            ("validFrom", "2026-01-01T00:00:00Z"),
            ("credentialSubject", [
                "id": "https://region.example/cfa/1", "type": ["AchievementSubject"],
                "achievement": [
                    "id": "https://region.example/badges/b1", "type": ["Achievement"], "name": "B1", "description": "d",
                    "criteria": ["narrative": "n"],
                ],
            ]),
        ])
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    /// context-3.0.3 types `awardedDate` as `xsd:dateTime` without defining `xsd`: the datatype stays the
    /// literal IRI `xsd:dateTime` (README trap). Every implementation using this exact file signs that.
    @Test func awardedDateKeepsItsUndefinedPrefixDatatype() throws {
        let nquads = try JSONLD().canonicalNQuads(of: credential([("awardedDate", "2025-02-15T00:00:00Z")]))
        #expect(nquads.contains(
            "<urn:uuid:1> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#awardedDate> \"2025-02-15T00:00:00Z\"^^<xsd:dateTime> .\n"))
        #expect(nquads.contains(
            "<urn:uuid:1> <https://www.w3.org/2018/credentials#validFrom> \"2026-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"))
    }

    /// An undefined property vanishes from the RDF (hence from what a Data Integrity proof signs); the
    /// expansion reports it so that a verifier can refuse it.
    @Test func undefinedPropertiesAreDroppedAndReported() throws {
        let plain = try JSONLD().canonicalNQuads(of: credential())
        let tampered = credential([("unsignedClaim", "anything")])
        #expect(try JSONLD().canonicalNQuads(of: tampered) == plain)
        #expect(try JSONLD().expand(tampered).droppedTerms == ["unsignedClaim"])
        #expect(try JSONLD().expand(credential()).droppedTerms.isEmpty)
    }

    @Test func extensionTypesNeedTheExtensionsContext() throws {
        let schema: JSONValue = [["id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", "type": "1EdTechJsonSchemaValidator2019"]]
        let without = credential([("credentialSchema", schema)])
        #expect(try JSONLD().expand(without).droppedTerms == ["1EdTechJsonSchemaValidator2019"])
        var with = credential([("credentialSchema", schema)]).objectValue ?? JSONObject()
        with["@context"] = .array(Self.contexts.asArray + ["https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"])
        #expect(try JSONLD().expand(.object(with)).droppedTerms.isEmpty)
        #expect(try JSONLD().canonicalNQuads(of: .object(with)).contains(
            "<https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019>"))
    }

    @Test(arguments: PinnedContexts.urls) func everyPinnedContextLoads(_ url: String) throws {
        let contexts: [JSONValue] = url.contains("imsglobal") ? ["https://www.w3.org/ns/credentials/v2", .string(url)] : [.string(url)]
        let document: JSONValue = ["@context": .array(contexts), "id": "urn:uuid:1", "type": ["VerifiableCredential"], "name": "n"]
        // context.json and context-3.0.1.json were written for VC 1.1: with credentials v2 they redefine
        // the protected `description` (as PyLD also refuses). 3.0.2 and 3.0.3 are the VC 2.0 ones.
        if url.hasSuffix("/context.json") || url.hasSuffix("/context-3.0.1.json") {
            #expect(throws: LinkedDataError.protectedTermRedefinition("description")) { try JSONLD().canonicalNQuads(of: document) }
            return
        }
        let nquads = try JSONLD().canonicalNQuads(of: document)
        #expect(nquads.contains("<urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .")
            || url == PinnedContexts.openBadgesExtensions || url == PinnedContexts.statusListV1, "\(nquads)")
    }

    @Test func anUnknownContextIsAnErrorNeverAFetch() {
        var object = credential().objectValue ?? JSONObject()
        object["@context"] = ["https://www.w3.org/ns/credentials/v2", "https://evil.example/context.json"]
        #expect(throws: LinkedDataError.unknownContext("https://evil.example/context.json")) {
            try JSONLD().canonicalNQuads(of: .object(object))
        }
    }

    @Test func protectedTermsCannotBeRedefined() {
        var object = credential().objectValue ?? JSONObject()
        object["@context"] = .array(Self.contexts.asArray + [["name": "https://evil.example/name"]])
        #expect(throws: LinkedDataError.protectedTermRedefinition("name")) {
            try JSONLD().canonicalNQuads(of: .object(object))
        }
    }

    @Test func typeScopedTermsDoNotLeakIntoNestedNodes() throws {
        // `achievementType` is defined only inside an Achievement: on the subject it is dropped.
        guard case .object(var object) = credential(), case .object(var subject) = object["credentialSubject"] else { return }
        subject["achievementType"] = "Badge"
        object["credentialSubject"] = .object(subject)
        #expect(try JSONLD().expand(.object(object)).droppedTerms == ["achievementType"])
    }

    @Test func proofPurposeIsAVocabularyTerm() throws {
        let options: JSONValue = [
            "@context": Self.contexts, "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
            "created": "2026-01-01T00:00:00Z", "verificationMethod": "https://region.example/issuer#key-1",
            "proofPurpose": "assertionMethod",
        ]
        #expect(try JSONLD().canonicalNQuads(of: options).contains(
            "_:c14n0 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> .\n"))
    }

    @Test func languageMapsAndValueObjects() throws {
        let document: JSONValue = [
            "@context": ["@vocab": "http://example.org/", "label": ["@id": "http://example.org/label", "@container": "@language"]],
            "@id": "http://example.org/s",
            "label": ["fr": "Numérique", "en": ["Digital", "Online"]],
        ]
        #expect(try JSONLD().canonicalNQuads(of: document) == """
            <http://example.org/s> <http://example.org/label> "Digital"@en .
            <http://example.org/s> <http://example.org/label> "Numérique"@fr .
            <http://example.org/s> <http://example.org/label> "Online"@en .

            """)
    }

    @Test func jsonParserRejectsWhatJSONForbids() throws {
        for text in ["{\"a\":1,}", "[01]", "{'a':1}", "\"\u{01}\"", "[1] x", "\"\\ud800\"", "{\"a\":1,\"a\":2}"] {
            #expect(throws: LinkedDataError.self) { try JSONValue.parse(text) }
        }
        #expect(try JSONValue.parse("{\"a\":[1,2.5,\"\\u00e9\\ud83d\\ude00\",true,null]}")
            == ["a": [1, 2.5, "é😀", true, nil]])
    }
}
