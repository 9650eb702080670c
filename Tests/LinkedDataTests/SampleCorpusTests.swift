import Foundation
import LinkedData
import Testing

/// Every JSON sample of Tests/Reference/ob3/tools/testdata (without its proof) canonicalizes to the same
/// N-Quads as PyLD 3.3.0 (`jsonld.normalize`, URDNA2015, with ob3verify.py's offline loader): the
/// SHA-256 of PyLD's output is recorded here. complete.json alone exercises endorsements with their
/// own proofs (named graphs), numbers typed by the context, alignments, results and addresses.
@Suite struct SampleCorpusTests {
    static let pyldHashes: [String: String] = [
        "basicOpenBadgeCredential.json": "5a43ed5b537b74f4e4660666cfe81da954dcdea9f599b82cf006a7ba26182369",
        "complete.json": "92ee02bd83460967fa37c06b72a18d7ef8cd987a36b8bd657e5a7ad471129280",
        "credential-status-revoked.json": "ae45b94b9e5239fe440e3cfdacfe7dcefdd887b8e46ac497c149edfce49307a2",
        "endorsement-valid.json": "a6ade6af1445ba55bf0d94cb8146e0d54b99c29d04f2cf924337ded9e56daa6b",
        "linked-data-proof-ob-signed.json": "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773",
        "sample-org-recipient.signed.json": "def9a9bb3ec0b64238d385984c8c0b70e52bb7b48e8011754468bbc62ab7c2c8",
        "sample-org-recipient.unsigned.json": "def9a9bb3ec0b64238d385984c8c0b70e52bb7b48e8011754468bbc62ab7c2c8",
        "signedDataInt.json": "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017",
        "simple-did-key-method.json": "d2635731f1c2024dfca17e69623cd30223f893d0f07d09a03f80356ca942a696",
        "simple.json": "5a43ed5b537b74f4e4660666cfe81da954dcdea9f599b82cf006a7ba26182369",
        "testlist.json": "3736b24abcabc74ee5b67587330ef993ac5bdaa1914de5cac517363c11be262b",
    ]

    @Test(arguments: pyldHashes.keys.sorted()) func matchesPyLD(_ name: String) throws {
        let examples = try Fixtures.testdata("credentials-examples-v2.jsonld")
        let processor = JSONLD(extraContexts: ["https://www.w3.org/ns/credentials/examples/v2": examples])
        let document = Fixtures.removing("proof", from: try Fixtures.testdata(name))
        #expect(Fixtures.sha256Hex(try processor.canonicalNQuads(of: document)) == Self.pyldHashes[name])
    }
}
