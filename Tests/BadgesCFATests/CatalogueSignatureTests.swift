import Credentials
import DossierCore
import Foundation
import LinkedData
import Testing
import TestServers

/// Catalogue versions signed by the Région's issuer key: once a laptop has pinned the Région's keys,
/// a version on the catalogue ref is accepted only with a valid signature by one of them; before
/// that, the ref has the decisions ref's trust (the keys arrive on it).
@Suite(.serialized) struct CatalogueSignatureTests {
    static func version(_ version: String) -> [UInt8] {
        let text = String(decoding: Catalogue.builtinBytes, as: UTF8.self)
        return Array(text.replacingOccurrences(of: "version: \"2026.1\"", with: "version: \"\(version)\"").utf8)
    }

    /// Force-pushes a catalogue ref of `files` (path → content) to the remote, as reconcile would.
    func deliverCatalogue(_ lab: CFALab, _ files: [String: [UInt8]]) throws {
        let work = try TemporaryFolder(prefix: "catalogue-ref")
        defer { work.remove() }
        try lab.git.run(["init", "--quiet", "-b", "catalogue", work.path])
        for (path, bytes) in files {
            let url = work.appending(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try lab.git.run(["add", "-A"], in: work.url)
        try lab.git.run(["commit", "--quiet", "-m", "catalogue"], in: work.url)
        try lab.git.run(["push", "--quiet", "--force", lab.remote.path, "HEAD:\(DossierReferences.catalogue)"], in: work.url)
    }

    /// Version files and, for those in `signed`, their signatures by `issuer`.
    func files(_ versions: [String], signedBy issuer: BadgeIssuer?, signed: Set<String>? = nil) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = ["README.md": Array("# Catalogue\n".utf8)]
        for name in versions {
            let bytes = name == "2026.1" ? Catalogue.builtinBytes : Self.version(name)
            files["versions/\(name).yaml"] = bytes
            if let issuer, signed?.contains(name) ?? true {
                let jws = try CatalogueSignature.sign(version: name, file: bytes, issuer: issuer, at: Date())
                files["versions/\(name).jws"] = Array((jws + "\n").utf8)
            }
        }
        return files
    }

    func catalogueOutcome(_ lab: CFALab) throws -> (String, ProcessResult) {
        let (result, _) = try lab.sync()
        let object = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any]
        let outcome = object?["catalogue"]
        if let text = outcome as? String { return (text, result) }
        if let dictionary = outcome as? [String: Any], let refused = dictionary["refused"] as? String { return ("refused:" + refused, result) }
        if let dictionary = outcome as? [String: Any], let received = dictionary["received"] as? [String] {
            return ("received:" + received.joined(separator: ","), result)
        }
        return ("?", result)
    }

    func versionInUse(_ lab: CFALab) throws -> String {
        let object = try JSONSerialization.jsonObject(with: try lab.ok(["catalogue", "--json"]).standardOutput) as? [String: Any]
        return object?["version"] as? String ?? "?"
    }

    @Test func onceTheKeysArePinnedOnlySignedVersionsAreAccepted() throws {
        let lab = try CFALab()
        let region = try TestIssuer()
        try lab.deliver(try region.delivery(["tutorat": try region.issue(badge: "tutorat", name: "Tutorat", index: 5)]))
        #expect(try lab.sync().issuerKeys == "pinned")

        try deliverCatalogue(lab, try files(["2026.1", "2027.1"], signedBy: region.issuer))
        #expect(try catalogueOutcome(lab).0 == "received:2026.1,2027.1")
        #expect(try versionInUse(lab) == "2027.1")

        // A version added without a signature: refused, said in French, the accepted versions kept.
        try deliverCatalogue(lab, try files(["2026.1", "2027.1", "2099.1"], signedBy: region.issuer, signed: ["2026.1", "2027.1"]))
        #expect(try catalogueOutcome(lab).0 == "refused:unsigned")
        let result = try lab.dossier(["sync"])
        #expect(result.stderr.contains("catalogue reçu refusé : une version n'est pas signée par la clé de la Région"), "\(result.stderr)")
        #expect(try versionInUse(lab) == "2027.1")

        // Another version's signature copied beside it: it names another version and another file.
        var copied = try files(["2026.1", "2027.1", "2099.1"], signedBy: region.issuer, signed: ["2026.1", "2027.1"])
        copied["versions/2099.1.jws"] = copied["versions/2027.1.jws"]
        try deliverCatalogue(lab, copied)
        #expect(try catalogueOutcome(lab).0 == "refused:unsigned")

        // Signed by someone else's key (an impostor's keys, not pinned).
        let impostor = try TestIssuer()
        var forged = try files(["2026.1", "2027.1"], signedBy: region.issuer)
        for (path, bytes) in try files(["2099.1"], signedBy: impostor.issuer) where path.hasPrefix("versions/") { forged[path] = bytes }
        try deliverCatalogue(lab, forged)
        #expect(try catalogueOutcome(lab).0 == "refused:unsigned")

        // A signed file changed after signing.
        var altered = try files(["2026.1", "2027.1", "2099.1"], signedBy: region.issuer)
        altered["versions/2099.1.yaml"] = Self.version("2099.1") + Array("\n# changed\n".utf8)
        try deliverCatalogue(lab, altered)
        #expect(try catalogueOutcome(lab).0 == "refused:unsigned")
        #expect(try versionInUse(lab) == "2027.1")

        // Properly signed: accepted.
        try deliverCatalogue(lab, try files(["2026.1", "2027.1", "2099.1"], signedBy: region.issuer))
        #expect(try catalogueOutcome(lab).0 == "received:2099.1")
        #expect(try versionInUse(lab) == "2099.1")
    }

    @Test func beforeAnyKeyIsPinnedTheRefHasTheDecisionsTrust() throws {
        let lab = try CFALab()
        try deliverCatalogue(lab, try files(["2026.1", "2027.1"], signedBy: nil))
        #expect(try catalogueOutcome(lab).0 == "received:2026.1,2027.1")
        #expect(try versionInUse(lab) == "2027.1")
    }

    @Test func aSignatureVerifiesOnlyForItsVersionFileAndKeys() throws {
        let region = try TestIssuer()
        let bytes = Self.version("2027.1")
        let jws = try CatalogueSignature.sign(version: "2027.1", file: bytes, issuer: region.issuer, at: Date())
        let keys = try region.issuer.trustedKeys()
        #expect(CatalogueSignature.isValid(jws, version: "2027.1", file: bytes, keys: keys))
        #expect(!CatalogueSignature.isValid(jws, version: "2027.2", file: bytes, keys: keys))
        #expect(!CatalogueSignature.isValid(jws, version: "2027.1", file: bytes + [0x0A], keys: keys))
        #expect(!CatalogueSignature.isValid(jws, version: "2027.1", file: bytes, keys: TrustedKeys()))
        #expect(!CatalogueSignature.isValid("not.a.jws", version: "2027.1", file: bytes, keys: keys))
        // A credential's JWT signed by the same key is not a catalogue signature.
        let credential = try region.issue(badge: "tutorat", name: "Tutorat", index: 1).jwt
        #expect(!CatalogueSignature.isValid(credential, version: "2027.1", file: bytes, keys: keys))
    }
}
