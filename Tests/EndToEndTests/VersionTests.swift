import Foundation
import Testing

/// `--version` is the root command's: `dossier --version` prints it; given to a subcommand it is a
/// usage error, not the version (nor an option silently taken).
@Suite("Version")
struct VersionTests {
    @Test("dossier --version prints the version; check --version, hub --version, hub member add --version are refused")
    func version() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let root = try box.dossierOK(["--version"], in: box.root)
        #expect(root.stdout == "0.1.0\n")
        #expect(root.stderr.isEmpty)
        for arguments in [["check", "--version"], ["hub", "--version"], ["hub", "member", "add", "jean", "--role", "region", "--version"],
                          ["--version", "status"], ["save", "-m", "x", "--version"]] {
            let refused = try box.dossier(arguments, in: box.root)
            #expect(refused.status == 64, "\(arguments): \(refused)")
            #expect(refused.stdout.isEmpty, "\(arguments): \(refused)")
            #expect(refused.stderrLines == ["Error: --version goes alone: `dossier --version` (see --help)"], "\(arguments): \(refused)")
        }
        let french = try box.dossier(["check", "--version"], in: box.root, lang: "fr_FR.UTF-8")
        #expect(french.stderrLines == ["Erreur : --version va seul : « dossier --version » (voir --help)"])
    }

    @Test("global options before the subcommand: dossier --lang fr check, dossier -C path status")
    func globalOptionsFirst() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "boulangerie-rouen", uai: "0761234D")
        let before = try box.dossierOK(["--lang", "fr", "-C", dir.path, "check"], in: box.root).stdout
        let after = try box.dossierOK(["check", "--lang", "fr", "-C", dir.path], in: box.root).stdout
        #expect(before == after)
        #expect(before.contains("Label : 4/10 badges prêts"))
        let help = try box.dossierOK(["--lang", "fr", "hub", "member", "add", "--help"], in: box.root).stdout
        #expect(help.contains("Ajoute un membre."))
    }
}
