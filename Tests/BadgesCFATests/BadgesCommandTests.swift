import Credentials
import Foundation
import LinkedData
import Testing
import TestServers

/// `dossier sync` bringing credentials, `dossier badges`, `badges export` and `dossier verify` on
/// what was exported, through the built binary.
@Suite(.serialized) struct BadgesCommandTests {
    @Test func badgesListsTheDeliveredCredentialsAndExportsEachFormat() throws {
        let lab = try CFALab()
        let region = try TestIssuer()
        let tutorat = try region.issue(badge: "tutorat", name: "Tutorat et accompagnement", index: 11)
        let label = try region.issue(badge: "label", name: "CFA numérique normand", index: 12)
        try lab.deliver(try region.delivery(["tutorat": tutorat, "label": label]))

        let (sync, keys) = try lab.sync()
        #expect(sync.status == 0, "\(sync)")
        #expect(keys == "pinned")
        let pin = try String(contentsOf: lab.pinFile, encoding: .utf8)
        #expect(pin.contains(region.issuer.verificationMethod) && pin.contains(region.issuer.kid))

        let badges = try lab.badges()
        #expect(badges.issuerKeysPinned && !badges.untrustedIssuerKeys)
        #expect(badges.credentials.map(\.badge) == ["tutorat", "label"])
        #expect(badges.status("tutorat") == "valid" && badges.status("label") == "valid")
        let first = try #require(badges.credentials.first)
        #expect(first.title == "Tutorat et accompagnement" && first.revocationChecked)
        #expect(first.validFrom == "2026-01-15T00:00:00Z" && first.validUntil == "2029-01-15T00:00:00Z")

        let text = try lab.ok(["badges"]).stdout
        #expect(text.contains("tutorat — Tutorat et accompagnement : valide (du 2026-01-15 au 2029-01-15)"), "\(text)")
        #expect(text.contains("label — CFA numérique normand : valide"))
        let english = try lab.dossier(["badges"], lang: "C.UTF-8").stdout
        #expect(english.contains("tutorat — Tutorat et accompagnement: valid (from 2026-01-15 to 2029-01-15)"), "\(english)")
        // The credential files beside the decisions do not disturb the commands that read decisions.
        try lab.ok(["status"])
        try lab.ok(["check"])
        // A second laptop pins the same keys at its clone.
        try lab.ok(["clone", "region.git", "cfa2"], in: lab.folder.url)
        let secondPin = lab.folder.appending("cfa2/.git/dossier/issuer-keys.json")
        #expect(try String(contentsOf: secondPin, encoding: .utf8).contains(region.issuer.kid))
        let second = try lab.ok(["badges", "--json"], in: lab.folder.appending("cfa2"))
        #expect(try JSONDecoder().decode(BadgesOutput.self, from: second.standardOutput).status("label") == "valid")

        // Each format, written then verified with the pinned keys (offline: nothing to download).
        for format in ["svg", "png", "json", "jwt"] {
            let file = lab.folder.appending("out/label.\(format)")
            let export = try lab.ok(["badges", "export", "label", "--format", format, "-o", file.path])
            #expect(export.stdout.contains("Écrit : \(file.path)"))
            let verify = try lab.dossier(["verify", "--offline", file.path])
            #expect(verify.status == 0, "\(format): \(verify)")
            #expect(verify.stdout.contains("✔ signature") && verify.stdout.contains("✔ non révoqué"), "\(verify.stdout)")
            #expect(verify.stdout.contains("Badge valide : « CFA numérique normand » délivré par Région Normandie à CFA du Bâtiment de Caen."))
        }
        let json = try Data(contentsOf: lab.folder.appending("out/label.json"))
        #expect(json == Data(label.jsonText.utf8))
        let jwt = try String(contentsOf: lab.folder.appending("out/label.jwt"), encoding: .utf8)
        #expect(jwt == label.jwt + "\n")

        // The PNG as an independent decoder reads it: a 400×400 RGBA image with the credential in iTXt.
        if FileManager.default.isExecutableFile(atPath: Tools.python) {
            let script = """
                import sys, json
                from PIL import Image
                im = Image.open(sys.argv[1]); im.load()
                text = im.text.get('openbadgecredential') or im.info.get('openbadgecredential')
                print(im.size[0], im.size[1], im.mode, json.loads(text)['id'])
                """
            let pillow = try ProcessRunner.run(Tools.python, ["-c", script, lab.folder.appending("out/label.png").path])
            #expect(pillow.status == 0, "\(pillow)")
            #expect(pillow.trimmed == "400 400 RGBA https://badges.normandie.example/credentials/0141234R/label.json", "\(pillow)")
        }
        // The SVG is well-formed XML (xmllint), and carries the credential in <openbadges:credential>.
        let svg = try String(contentsOf: lab.folder.appending("out/label.svg"), encoding: .utf8)
        #expect(svg.contains("<openbadges:credential") && svg.contains("CFA numérique normand") && svg.contains("#f2c94c"))
        if let xmllint = Tools.xmllint() {
            let lint = try ProcessRunner.run(xmllint, ["--noout", lab.folder.appending("out/label.svg").path])
            #expect(lint.status == 0, "\(lint)")
        }

        // The independent verifier (Tests/Reference/ob3/tools/ob3verify.py) reads the baked images too.
        if FileManager.default.isExecutableFile(atPath: Tools.python) {
            let status = lab.folder.appending("status-list.json")
            try region.statusListJSON().write(to: status)
            for format in ["png", "svg"] {
                let independent = try ProcessRunner.run(Tools.python, [
                    Tools.ob3verify, lab.folder.appending("out/label.\(format)").path,
                    "--key", "\(region.issuer.verificationMethod)=\(region.issuer.keys.ed25519.publicKeyMultibase)",
                    "--status", status.path,
                ], timeout: 120)
                #expect(independent.status == 0, "ob3verify.py on the \(format): \(independent)")
            }
        }

        // Default name in the current folder; standard output with -o -.
        try lab.ok(["badges", "export", "tutorat", "--format", "json"])
        #expect(FileManager.default.fileExists(atPath: lab.cfa.appendingPathComponent("tutorat.json").path))
        let stdout = try lab.ok(["badges", "export", "tutorat", "--format", "jwt", "-o", "-"])
        #expect(stdout.stdout == tutorat.jwt + "\n")
    }

    @Test func exportRefusesABadgeTheCFADoesNotHold() throws {
        let lab = try CFALab()
        let none = try lab.dossier(["badges", "export", "label", "--format", "png"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("le CFA n'a pas de badge signé du label"), "\(none)")
        let empty = try lab.ok(["badges"])
        #expect(empty.stdout.contains("Aucun badge signé reçu de la Région"))

        let region = try TestIssuer()
        try lab.deliver(try region.delivery(["tutorat": try region.issue(badge: "tutorat", name: "Tutorat", index: 3)]))
        _ = try lab.sync()
        let other = try lab.dossier(["badges", "export", "pilotage", "--format", "svg"], lang: "C.UTF-8")
        #expect(other.status == 1)
        #expect(other.stderr.contains("the CFA has no signed credential for 'pilotage'"), "\(other)")
        let format = try lab.dossier(["badges", "export", "tutorat", "--format", "gif"])
        #expect(format.status == 64)
        #expect(!FileManager.default.fileExists(atPath: lab.cfa.appendingPathComponent("pilotage.svg").path))
    }

    @Test func expiredRevokedAndNotYetValidCredentials() throws {
        let lab = try CFALab()
        let region = try TestIssuer()
        let expired = try region.issue(badge: "tutorat", name: "Tutorat", index: 21, from: "2022-01-01T00:00:00Z", until: "2025-01-01T00:00:00Z")
        let revoked = try region.issue(badge: "pilotage", name: "Pilotage", index: 22)
        let future = try region.issue(badge: "ressources", name: "Ressources", index: 23, from: "2099-01-01T00:00:00Z", until: nil)
        try region.statusList.set(22)
        try lab.deliver(try region.delivery(["tutorat": expired, "pilotage": revoked, "ressources": future]))
        #expect(try lab.sync().result.status == 0)

        let badges = try lab.badges()
        #expect(badges.status("tutorat") == "expired")
        #expect(badges.status("pilotage") == "revoked")
        #expect(badges.status("ressources") == "notYetValid")
        let text = try lab.ok(["badges"]).stdout
        #expect(text.contains("tutorat — Tutorat : expiré"))
        #expect(text.contains("pilotage — Pilotage : révoqué"))
        #expect(text.contains("ressources — Ressources : pas encore valide (depuis le 2099-01-01)"))

        // verify: exit 9 and a clear line for each.
        let revokedFile = lab.folder.appending("pilotage.json")
        try lab.ok(["badges", "export", "pilotage", "--format", "json", "-o", revokedFile.path])
        let verify = try lab.dossier(["verify", "--offline", revokedFile.path])
        #expect(verify.status == 9, "\(verify)")
        #expect(verify.stderr.contains("badge NON valide : ✘ non révoqué : RÉVOQUÉ (index 22)"), "\(verify.stderr)")
        let expiredFile = lab.folder.appending("tutorat.png")
        try lab.ok(["badges", "export", "tutorat", "--format", "png", "-o", expiredFile.path])
        let old = try lab.dossier(["verify", "--offline", expiredFile.path], lang: "C.UTF-8")
        #expect(old.status == 9)
        #expect(old.stderr.contains("credential NOT valid: ✘ valid until: 2025-01-01T00:00:00Z"), "\(old.stderr)")
    }
}
