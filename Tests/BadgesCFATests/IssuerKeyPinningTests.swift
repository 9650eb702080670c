import Credentials
import DossierRepository
import Foundation
import LinkedData
import Testing
import TestServers

/// The issuer's keys pinned at the first sync that brings the Profile, then changed: accepted with
/// a rotation statement signed by a pinned key, otherwise reported like a changed ssh host key.
@Suite(.serialized) struct IssuerKeyPinningTests {
    @Test func aKeyChangeWithoutRotationStatementIsReportedAndNotTrusted() throws {
        let lab = try CFALab()
        let region = try TestIssuer()
        try lab.deliver(try region.delivery(["tutorat": try region.issue(badge: "tutorat", name: "Tutorat", index: 5)]))
        #expect(try lab.sync().issuerKeys == "pinned")
        let pinned = try Data(contentsOf: lab.pinFile)

        // The same Région id, other keys, no statement: the sync does its work, says it, exits 3.
        try region.replaceKeysWithoutStatement()
        try lab.deliver(try region.delivery(["tutorat": try region.issue(badge: "tutorat", name: "Tutorat", index: 5),
                                             "label": try region.issue(badge: "label", name: "CFA numérique normand", index: 6)]))
        let (sync, keys) = try lab.sync()
        #expect(sync.status == 3, "\(sync)")
        #expect(keys == "refused:keysChanged")
        let lines = sync.stderr.split(separator: "\n").filter { $0.contains("ATTENTION") }
        #expect(lines.count == 1 && lines[0].hasPrefix("ATTENTION : les clés de signature de la Région (https://badges.normandie.example/issuer.json) ont changé"), "\(sync.stderr)")
        #expect(try Data(contentsOf: lab.pinFile) == pinned, "the pin is unchanged")
        // The sync's other work still happened: the delivery is here, and not trusted.
        let badges = try lab.badges()
        #expect(badges.untrustedIssuerKeys)
        #expect(badges.status("tutorat") == "invalidSignature" && badges.status("label") == "invalidSignature")
        let text = try lab.ok(["badges"]).stdout
        #expect(text.contains("Attention : la Région a livré des clés de signature qui ne sont pas celles enregistrées"))
        // `verify` in the dossier does not take the pinned issuer's keys from the web either.
        let exported = lab.folder.appending("label.json")
        try lab.ok(["badges", "export", "label", "--format", "json", "-o", exported.path])
        let verify = try lab.dossier(["verify", exported.path])
        #expect(verify.status == 9, "\(verify)")
        #expect(verify.stdout.contains("clé absente des clés enregistrées pour https://badges.normandie.example/issuer.json : non téléchargée"), "\(verify)")
        #expect(!verify.stdout.contains("téléchargé :"))
        // Said again at each sync, in English too.
        let again = try lab.dossier(["sync"], lang: "C.UTF-8")
        #expect(again.status == 3)
        #expect(again.stderr.contains("WARNING: the Région's signing keys (https://badges.normandie.example/issuer.json) changed without a statement signed by the previous key"))
    }

    @Test func aKeyChangeWithARotationStatementIsAccepted() throws {
        let lab = try CFALab()
        let region = try TestIssuer()
        let before = try region.issue(badge: "tutorat", name: "Tutorat", index: 5)
        try lab.deliver(try region.delivery(["tutorat": before]))
        #expect(try lab.sync().issuerKeys == "pinned")

        try region.rotate()
        let after = try region.issue(badge: "label", name: "CFA numérique normand", index: 6)
        try lab.deliver(try region.delivery(["tutorat": before, "label": after]))
        let (sync, keys) = try lab.sync()
        #expect(sync.status == 0, "\(sync)")
        #expect(keys == "rotated")
        let pin = try String(contentsOf: lab.pinFile, encoding: .utf8)
        #expect(pin.contains(region.issuer.verificationMethod) && pin.contains(region.issuer.kid))
        let badges = try lab.badges()
        #expect(!badges.untrustedIssuerKeys)
        #expect(badges.status("tutorat") == "valid" && badges.status("label") == "valid", "\(badges.credentials.map(\.checks))")
        let text = try lab.ok(["sync"]).stdout
        #expect(!text.contains("Nouvelles clés"), "said once: \(text)")
    }

    // MARK: the library, in process

    /// The Profile and the rotation files; without `rotations`, neither the files nor the Profile's
    /// `keyRotations` carry the statements.
    func delivery(_ region: TestIssuer, rotations: Bool = true) throws -> DeliveredCredentials {
        guard !rotations, case .object(var profile) = region.issuer.publicProfile() else {
            return DeliveredCredentials(issuerProfile: Array(region.profileJSON()), rotations: region.issuer.keys.rotations)
        }
        profile["keyRotations"] = nil
        return DeliveredCredentials(issuerProfile: Array(JSONValue.object(profile).serialized().utf8))
    }

    @Test func pinRefusesWhatNoPinnedKeySigned() throws {
        let git = try TemporaryFolder(prefix: "pin")
        let region = try TestIssuer()
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: DeliveredCredentials()) == .noProfile)
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(region)) == .pinned)
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(region)) == .unchanged)

        // A statement signed by an unpinned key (an impostor rotating its own keys) is refused.
        let impostor = try TestIssuer()
        try impostor.rotate()
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(impostor)) == .refused(.keysChanged))

        // The genuine rotation, but its statement left out: refused; with it: accepted.
        try region.rotate()
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(region, rotations: false)) == .refused(.keysChanged))
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(region)) == .rotated)
        // Two rotations in a row: the chain of statements from the pinned key.
        try region.rotate()
        try region.rotate()
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(region)) == .rotated)
        #expect(try IssuerKeyPin.load(gitDirectory: git.path)?.methods.count == 8)

        // A pinned id with another key behind it: refused.
        guard case .object(var profile) = region.issuer.publicProfile(), var methods = profile["verificationMethod"]?.arrayValue,
              case .object(var first) = methods[0] else { Issue.record("profile shape"); return }
        first["publicKeyMultibase"] = .string(impostor.issuer.keys.ed25519.publicKeyMultibase)
        methods[0] = .object(first)
        profile["verificationMethod"] = .array(methods)
        let swapped = DeliveredCredentials(issuerProfile: Array(JSONValue.object(profile).serialized().utf8), rotations: region.issuer.keys.rotations)
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: swapped) == .refused(.keysChanged))

        // Another issuer's Profile: refused.
        let elsewhere = try TestIssuer(baseURL: "https://elsewhere.example")
        #expect(try IssuerKeyPin.update(gitDirectory: git.path, delivered: try delivery(elsewhere)) == .refused(.otherIssuer))
    }
}
