import Foundation
import Testing
import TestServers

/// The command line's own texts: `init --from` alone, usage errors in the user's language.
@Suite("Command line texts")
struct CommandLineTextTests {
    @Test("init from a sample alone takes its UAI and name")
    func initAndUsage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let created = try box.dossier(["init", "cfa", "--from", sample("batiment-caen").path, "--author", "A <a@example.fr>"], in: box.root)
        #expect(created.status == 0, "\(created)")
        let yaml = try readText(box.url("cfa/dossier.yaml"))
        #expect(yaml.contains("uai: \"0141234R\"") || yaml.contains("uai: 0141234R"), "\(yaml)")
        #expect(yaml.contains("CFA du Bâtiment de Caen"), "\(yaml)")
        let renamed = try box.dossier(["init", "autre", "--from", sample("batiment-caen").path, "--name", "Autre nom"], in: box.root)
        #expect(renamed.status == 0, "\(renamed)")
        #expect(try readText(box.url("autre/dossier.yaml")).contains("Autre nom"))
        let bare = try box.dossier(["init", "vide", "--name", "X"], in: box.root, lang: "fr_FR.UTF-8")
        #expect(bare.status == 64 && bare.stderrLines == ["Erreur : --uai requis (ou --from EXEMPLE, qui les donne) (voir --help)"], "\(bare)")
    }

    @Test("argument errors in French, one line")
    func usageInFrench() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let fr = "fr_FR.UTF-8"
        let cases: [([String], String)] = [
            (["save"], "Erreur : argument manquant : « --message <message> » (voir --help)"),
            (["status", "--jsn"], "Erreur : option inconnue « --jsn » (vouliez-vous dire « --json » ?) (voir --help)"),
            (["log", "-n", "beaucoup"], "Erreur : valeur « beaucoup » invalide pour « -n <limit> » (voir --help)"),
            (["status", "trop"], "Erreur : argument en trop : « trop » (voir --help)"),
        ]
        for (arguments, message) in cases {
            let result = try box.dossier(arguments, in: box.root, lang: fr)
            #expect(result.status == 64 && result.stderrLines == [message], "\(result)")
        }
    }
}
