import Credentials
import Foundation
import LinkedData
import Testing
import TestServers

/// `dossier verify` on credentials that are not ours (the spec's and the 1EdTech validator's signed
/// samples) and their tampered copies, and online against nginx on loopback.
@Suite(.serialized) struct VerifyCommandTests {
    static let specKey = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"

    /// The keys the samples are signed with, vouched for on the command line (`--key`), as one would
    /// after getting them from each issuer.
    static let keyArguments: [String] = [
        "https://example.edu/issuers/565049#\(specKey)=\(specKey)",
        "https://example.com/issuers/876543#\(specKey)=\(specKey)",
        "https://1edtech.edu/issuers/565049#\(specKey)=\(specKey)",
        "https://1edtech.edu/issuers/565049#z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs=z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs",
        "https://state.gov/issuers/565049#z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN=z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN",
        "did:key:\(specKey)=\(specKey)",
        "did:key:\(specKey)#\(specKey)=\(specKey)",
    ].flatMap { ["--key", $0] }

    static let samples = [
        "linked-data-proof-ob-signed.json", "simple.json", "complete.json", "endorsement-valid.json",
        "simple-did-key-method.json", "sample-org-recipient.signed.json",
    ]

    @Test(arguments: samples)
    func acceptsTheSignedSampleAndRefusesItsTamperedCopy(_ name: String) throws {
        let folder = try TemporaryFolder(prefix: "verify-samples")
        let home = try folder.makeFolder("home")
        func verify(_ file: URL) throws -> ProcessResult {
            try ProcessRunner.run(try DossierBinary.path(), ["verify", "--offline"] + Self.keyArguments + [file.path], in: folder.url,
                                  environment: TestEnvironment.minimal(home: home, lang: "fr_FR.UTF-8"))
        }
        let original = Tools.testdata.appendingPathComponent(name)
        let accepted = try verify(original)
        #expect(accepted.status == 0, "\(name): \(accepted)")
        #expect(accepted.stdout.contains("✔ signature") && accepted.stdout.contains("✔ émetteur") && accepted.stdout.contains("✔ structure Open Badges 3.0"))

        // One value changed inside the signed content: the name.
        let text = try String(contentsOf: original, encoding: .utf8)
        let nameValue = try #require(text.firstRange(of: /"name"\s*:\s*"[^"]/))
        var tampered = text
        let last = tampered.index(before: nameValue.upperBound)
        tampered.replaceSubrange(last...last, with: tampered[last] == "X" ? "Y" : "X")
        let copy = try folder.write(tampered, to: "tampered-\(name)")
        let refused = try verify(copy)
        #expect(refused.status == 9, "\(name) tampered: \(refused)")
        #expect(refused.stderr.contains("badge NON valide : ✘ signature : la signature ne correspond pas"), "\(refused.stderr)")
    }

    /// Where the validator's revoked sample says its status list is (the list's own `id` differs).
    static let revocationListURL = "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"

    @Test func theRevokedSampleIsRefusedWithItsStatusList() throws {
        let folder = try TemporaryFolder(prefix: "verify-samples")
        let home = try folder.makeFolder("home")
        let result = try ProcessRunner.run(
            try DossierBinary.path(),
            ["verify", "--offline", "--status-list", Self.revocationListURL + "=" + Tools.testdata.appendingPathComponent("testlist.json").path]
                + Self.keyArguments
                + [Tools.testdata.appendingPathComponent("credential-status-revoked.json").path],
            in: folder.url, environment: TestEnvironment.minimal(home: home, lang: "C.UTF-8"))
        #expect(result.status == 9, "\(result)")
        #expect(result.stderr.contains("credential NOT valid: ✘ not revoked: REVOKED"), "\(result.stderr)")
    }

    @Test func withoutAnyKnownKeyOfflineVerificationFails() throws {
        let folder = try TemporaryFolder(prefix: "verify-samples")
        let home = try folder.makeFolder("home")
        let result = try ProcessRunner.run(
            try DossierBinary.path(), ["verify", "--offline", Tools.testdata.appendingPathComponent("simple.json").path],
            in: folder.url, environment: TestEnvironment.minimal(home: home, lang: "fr_FR.UTF-8"))
        #expect(result.status == 9)
        #expect(result.stdout.contains("✘ signature : clé inconnue"), "\(result)")
        let missing = try ProcessRunner.run(try DossierBinary.path(), ["verify", "absent.json"], in: folder.url,
                                            environment: TestEnvironment.minimal(home: home, lang: "fr_FR.UTF-8"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("absent.json : fichier introuvable ou illisible"), "\(missing)")
    }

    /// `dossier verify` outside any dossier: no key at hand, so it downloads the issuer Profile (the
    /// verification method's URL) and the status list from the published site, served by nginx.
    @Test func onlineVerificationFetchesTheProfileAndTheStatusList() throws {
        let server = try StaticWebServer()
        defer { server.stop() }
        let region = try TestIssuer(baseURL: server.baseURL)
        let issued = try region.issue(badge: "label", name: "CFA numérique normand", index: 40)
        let revoked = try region.issue(badge: "tutorat", name: "Tutorat", index: 41)
        try region.statusList.set(41)
        try server.publish(region.profileJSON(), at: "issuer.json")
        try server.publish(try region.statusListJSON(), at: "status/1.json")
        try server.publish(Data(issued.jsonText.utf8), at: "credentials/0141234R/label.json")
        try server.publish(Data(issued.jwt.utf8), at: "credentials/0141234R/label.jwt")

        let folder = try TemporaryFolder(prefix: "verify-online")
        let home = try folder.makeFolder("home")
        func verify(_ arguments: [String]) throws -> ProcessResult {
            try ProcessRunner.run(try DossierBinary.path(), ["verify"] + arguments, in: folder.url,
                                  environment: TestEnvironment.minimal(home: home, lang: "fr_FR.UTF-8"))
        }
        let file = try folder.write(issued.jsonText, to: "label.json")
        let online = try verify([file.path])
        #expect(online.status == 0, "\(online)")
        #expect(online.stdout.contains("téléchargé : \(server.baseURL)/issuer.json"))
        #expect(online.stdout.contains("téléchargé : \(server.baseURL)/status/1.json"))
        #expect(online.stdout.contains("✔ non révoqué : index 40"))
        #expect(server.requests().contains("GET /issuer.json HTTP/1.1"))

        // The credential itself at an address, as JSON and as JWT.
        let byURL = try verify(["--json", "\(server.baseURL)/credentials/0141234R/label.json"])
        #expect(byURL.status == 0, "\(byURL)")
        let report = try #require(try JSONSerialization.jsonObject(with: byURL.standardOutput) as? [String: Any])
        #expect(report["valid"] as? Bool == true && report["proofFormat"] as? String == "dataIntegrity")
        let jwt = try verify(["\(server.baseURL)/credentials/0141234R/label.jwt"])
        #expect(jwt.status == 0, "\(jwt)")

        // Revoked, known only from the downloaded list.
        let revokedFile = try folder.write(revoked.jsonText, to: "tutorat.json")
        let refused = try verify([revokedFile.path])
        #expect(refused.status == 9, "\(refused)")
        #expect(refused.stderr.contains("RÉVOQUÉ (index 41)"))

        // --offline: nothing downloaded, the key is unknown.
        let offline = try verify(["--offline", file.path])
        #expect(offline.status == 9)
        #expect(!offline.stdout.contains("téléchargé"))

        // A document that does not exist: exit 2 with the address.
        let absent = try verify(["\(server.baseURL)/credentials/absent.json"])
        #expect(absent.status == 2)
        #expect(absent.stderr.contains("téléchargement impossible de \(server.baseURL)/credentials/absent.json : HTTP 404"), "\(absent)")
        // Nobody listening: the reason in the user's words, not the library's.
        let refusedPort = try verify(["http://127.0.0.1:9/credentials/label.json"])
        #expect(refusedPort.status == 2)
        #expect(refusedPort.stderr.contains("téléchargement impossible de http://127.0.0.1:9/credentials/label.json : connexion refusée"),
                "\(refusedPort)")

        // A Profile published at another address than its id is not used.
        try server.publish(region.profileJSON(), at: "copy/issuer.json")
        var moved = issued.json
        if case .object(var object) = moved, case .array(var proofs) = object["proof"] ?? .null, case .object(var proof) = proofs[0] {
            proof["verificationMethod"] = .string("\(server.baseURL)/copy/issuer.json#\(region.issuer.keys.ed25519.publicKeyMultibase)")
            proofs[0] = .object(proof)
            object["proof"] = .array(proofs)
            moved = .object(object)
        }
        let movedFile = try folder.write(moved.serialized(pretty: true), to: "moved.json")
        let notUsed = try verify([movedFile.path])
        #expect(notUsed.status == 9)
        #expect(notUsed.stdout.contains("l'identifiant du document n'est pas son adresse") || notUsed.stdout.contains("the document's id is not its address"),
                "\(notUsed)")
    }
}
