import Credentials
import Foundation
import LinkedData
import Testing

/// Our Data Integrity signer reproduces the published `proofValue`s (Ed25519 is deterministic).
@Suite struct SigningVectorTests {
    /// The Open Badges 3.0 spec's test key (impl/linked-data-proof-ob: "Private key (hex)", first 32 bytes).
    static let obSeed: [UInt8] = hex("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4")

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    @Test func openBadgesSpecVectorProofValueIsReproduced() throws {
        let key = try Ed25519SigningKey(seed: Self.obSeed)
        #expect(key.publicKeyMultibase == "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")
        let signed = try Support.json("linked-data-proof-ob-signed.json")
        let expected = signed["proof"]?["proofValue"]?.stringValue
        let resigned = try DataIntegrity.sign(
            signed, key: key,
            verificationMethod: "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
            created: Support.date("2010-01-01T19:23:24Z"))
        #expect(resigned["proof"]?.arrayValue?.first?["proofValue"]?.stringValue == expected)
        #expect(expected == "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr")
    }

    /// W3C vc-di-eddsa test vector (eddsa-rdfc-2022), its published key pair in tools/testdata/keyPair.json.
    @Test func w3cVectorProofValueIsReproduced() throws {
        let pair = try Support.json("keyPair.json")
        let seed = try #require(pair["privateKeyMultibase"]?.stringValue.flatMap(Multikey.decodePrivate))
        let key = try Ed25519SigningKey(seed: seed)
        #expect(key.publicKeyMultibase == pair["publicKeyMultibase"]?.stringValue)
        let examples = try Support.json("credentials-examples-v2.jsonld")
        let processor = JSONLD(extraContexts: ["https://www.w3.org/ns/credentials/examples/v2": examples])
        let signed = try Support.json("signedDataInt.json")
        let proof = try #require(signed["proof"]?.objectValue)
        let resigned = try DataIntegrity.sign(
            signed, key: key, verificationMethod: try #require(proof["verificationMethod"]?.stringValue),
            created: Support.date("2023-02-24T23:36:38Z"), processor: processor)
        #expect(resigned["proof"]?.arrayValue?.first?["proofValue"] == proof["proofValue"])
    }

    @Test func base58AndMultikeyRoundTrip() throws {
        for bytes: [UInt8] in [[], [0], [0, 0, 1], [255, 254, 0, 3], Array(0...40)] {
            #expect(Base58Encoding.decode(Base58Encoding.encode(bytes)) == bytes)
        }
        #expect(Base58Encoding.decode("0OIl") == nil)
        #expect(Multikey.decodePublic("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi") == Array(SigningVectorTests.hex("4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5")))
        #expect(Multikey.decodePublic("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq") == nil)
    }
}
