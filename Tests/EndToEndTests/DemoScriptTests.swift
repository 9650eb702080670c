import Foundation
import Testing
import TestServers

/// The README's demo (scripts/demo.sh) runs the journey and the proposal scripts on the built
/// binary: both must keep working, and say what the README promises they show.
@Suite struct DemoScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func script(_ name: String, _ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        try ProcessRunner.run(Self.root.appendingPathComponent("scripts/\(name)").path, arguments, environment: environment, timeout: 600)
    }

    @Test func theDemoEndsWithAProposalAcceptedAndTheNewBadgeReachingEveryCFA() throws {
        let dossier = try DossierBinary.path()
        let work = try TemporaryFolder(prefix: "dossier-demo")
        defer { work.remove() }
        let environment = TestEnvironment.minimal(home: try work.makeFolder("home"), lang: "fr_FR.UTF-8")
        let journey = try script("demo-journey.sh", [dossier, work.path], environment: environment)
        try #require(journey.succeeded, "\(journey)")
        #expect(journey.stdout.contains("Badge valide : « Label « CFA numérique normand » »"), "the label verified offline")

        let proposal = try script("demo-proposal.sh", [dossier, work.path], environment: environment)
        try #require(proposal.succeeded, "\(proposal)")
        let out = proposal.stdout
        #expect(out.contains("Proposition déposée : proposals/inclusion-numerique/"))
        #expect(proposal.stderr.contains("ne peut pas voter sur sa propre proposition (récusation)"), "Rouen's pilot is recused")
        #expect(out.contains("Proposition acceptée : le badge inclusion-numerique est dans le brouillon"))
        #expect(out.contains("Catalogue 2027.1 publié (13 badges)"))
        #expect(out.contains("Catalogue envoyé à : 0141234R, 0271234V, 0761234D"))
        // Évreux has the badge as the Région edited it; Rouen reads the decision with its version.
        #expect(out.contains("13. Inclusion numérique (inclusion-numerique) — au choix, valable 3 an(s)"), "\(out)")
        #expect(out.contains("une preuve pour chacun de : diagnostic, ateliers"))
        #expect(out.contains("inclusion-numerique « Inclusion numérique » : acceptée, badge inclusion-numerique, catalogue 2027.1"))
    }
}
