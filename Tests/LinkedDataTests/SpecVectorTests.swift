import Foundation
import LinkedData
import Testing

/// The published test vectors, reproduced byte for byte.
@Suite struct SpecVectorTests {
    /// 1EdTech openbadges-specification, ob_v3p0/impl/test-vectors/obv3p0/document-canon.txt (VC 2.0
    /// version of the "Linked Data Proof Test Vector for Open Badges 3.0"), for
    /// tools/testdata/linked-data-proof-ob-signed.json without its proof.
    static let documentCanon = """
        <did:example:ebfeb1f712ebc6f1c276e12ec21> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject> .
        <did:example:ebfeb1f712ebc6f1c276e12ec21> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement> <https://example.com/achievements/21st-century-skills/teamwork> .
        <http://example.com/credentials/3527> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential> .
        <http://example.com/credentials/3527> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
        <http://example.com/credentials/3527> <https://schema.org/name> "Teamwork Badge" .
        <http://example.com/credentials/3527> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:ebfeb1f712ebc6f1c276e12ec21> .
        <http://example.com/credentials/3527> <https://www.w3.org/2018/credentials#issuer> <https://example.edu/issuers/565049> .
        <http://example.com/credentials/3527> <https://www.w3.org/2018/credentials#validFrom> "2010-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <https://example.com/achievements/21st-century-skills/teamwork> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement> .
        <https://example.com/achievements/21st-century-skills/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria> _:c14n0 .
        <https://example.com/achievements/21st-century-skills/teamwork> <https://schema.org/description> "This badge recognizes the development of the capacity to collaborate within a group environment." .
        <https://example.com/achievements/21st-century-skills/teamwork> <https://schema.org/name> "Teamwork" .
        <https://example.edu/issuers/565049> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile> .
        <https://example.edu/issuers/565049> <https://schema.org/name> "Example Corp" .
        <https://example.edu/issuers/565049> <https://schema.org/url> "https://www.imsglobal.org"^^<https://www.w3.org/2001/XMLSchema#anyURI> .
        _:c14n0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management." .

        """

    /// Same repository, test-vectors/obv3p0/proof-canon.txt: the proof options of that vector.
    static let proofCanon = """
        _:c14n0 <http://purl.org/dc/terms/created> "2010-01-01T19:23:24Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> .
        _:c14n0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"^^<https://w3id.org/security#cryptosuiteString> .
        _:c14n0 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> .
        _:c14n0 <https://w3id.org/security#verificationMethod> <https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi> .

        """

    @Test func openBadgesVectorDocumentIsReproducedByteForByte() throws {
        let signed = try Fixtures.testdata("linked-data-proof-ob-signed.json")
        let canonical = try JSONLD().canonicalNQuads(of: Fixtures.removing("proof", from: signed))
        #expect(canonical == Self.documentCanon)
    }

    @Test func openBadgesVectorProofOptionsAreReproducedByteForByte() throws {
        let signed = try Fixtures.testdata("linked-data-proof-ob-signed.json")
        guard case .object(var options) = signed["proof"] else { Issue.record("no proof"); return }
        options["proofValue"] = nil
        options["@context"] = signed["@context"]
        #expect(try JSONLD().canonicalNQuads(of: .object(options)) == Self.proofCanon)
    }

    /// w3c/vc-di-eddsa TestVectors/eddsa-rdfc-2022: the published SHA-256 of the canonical unsigned
    /// credential (second half of combinedHashDataInt.txt), which needs the examples context (@vocab).
    @Test func w3cVectorDocumentHashMatches() throws {
        let examples = try Fixtures.testdata("credentials-examples-v2.jsonld")
        let processor = JSONLD(extraContexts: ["https://www.w3.org/ns/credentials/examples/v2": examples])
        let signed = try Fixtures.testdata("signedDataInt.json")
        let canonical = try processor.canonicalNQuads(of: Fixtures.removing("proof", from: signed))
        #expect(Fixtures.sha256Hex(canonical) == "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017")
    }

    @Test func theExamplesContextIsUnknownUnlessGiven() throws {
        let signed = try Fixtures.testdata("signedDataInt.json")
        #expect(throws: LinkedDataError.unknownContext("https://www.w3.org/ns/credentials/examples/v2")) {
            try JSONLD().canonicalNQuads(of: signed)
        }
    }
}
