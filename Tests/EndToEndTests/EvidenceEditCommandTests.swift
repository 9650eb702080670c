import Foundation
import Testing

/// `dossier retitle` and `dossier move`: what the CFA's application's badge page offers, on the
/// command line; bad input is one line and changes nothing.
@Suite struct EvidenceEditCommandTests {
    @Test func retitleAndMoveChangeOnlyTheEvidenceEntry() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let claim = dir.appendingPathComponent("badges/tutorat/claim.yaml")
        let before = try readText(claim)

        let retitled = try box.dossierOK(["retitle", "tutorat", "tuteurs-missionnes", "  Formateurs tuteurs 2026  "], in: dir, lang: "fr_FR.UTF-8")
        #expect(retitled.stdout == "Preuve tuteurs-missionnes du badge tutorat renommée : Formateurs tuteurs 2026\n")
        let moved = try box.dossierOK(["move", "tutorat", "classe-virtuelle", "--criterion", "historique-echanges"], in: dir)
        #expect(moved.stdout == "Evidence classe-virtuelle of badge tutorat now supports criterion historique-echanges.\n")

        // The claim is written as every command writes it; only the two entries changed.
        let after = try readText(claim)
        #expect(after.contains("- id: tuteurs-missionnes\n  title: Formateurs tuteurs 2026\n  criterion: personnels-identifies\n"), "\(after)")
        #expect(after.contains("- id: classe-virtuelle\n  title: Classe virtuelle du tutorat (dans Moodle)\n  criterion: historique-echanges\n"))
        #expect(!after.contains("Liste des formateurs missionnés"))
        for kept in ["Quatre formateurs sont missionnés pour le tutorat à distance des apprentis", "e8f80169aea14a4db36c11c971caf1b56b1f1a0a63f589468cbf30aaae9fd2b0",
                     "9f301dc102d53bbe59421d2da7c39906d820af0cbf1de6cc7ee64d16fab2012d", "kind: lms", "status: ready"] {
            #expect(before.contains(kept) && after.contains(kept), "\(kept)")
        }
        let status = try box.dossierOK(["status", "--json"], in: dir)
        #expect(status.stdout.contains("badges/tutorat/claim.yaml"))
    }

    @Test func badInputIsOneLineAndChangesNothing() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let claim = dir.appendingPathComponent("badges/tutorat/claim.yaml")
        let before = try readText(claim)
        for (arguments, line) in [
            (["retitle", "tutorat", "absente", "T"], "no evidence 'absente' in badge tutorat"),
            (["retitle", "podcasts", "x", "T"], "unknown badge: podcasts (see `dossier catalogue`)"),
            (["move", "tutorat", "classe-virtuelle", "--criterion", "veille"],
             "unknown criterion for badge tutorat: veille (see `dossier catalogue tutorat`)"),
            (["move", "tutorat", "absente", "--criterion", "outils-distance"], "no evidence 'absente' in badge tutorat"),
        ] {
            let result = try box.dossier(arguments, in: dir)
            #expect(result.status != 0 && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains(line), "\(arguments): \(result.stderr)")
        }
        let blank = try box.dossier(["retitle", "tutorat", "classe-virtuelle", "   "], in: dir, lang: "fr_FR.UTF-8")
        #expect(blank.status != 0 && blank.stderr.split(separator: "\n").count == 1 && blank.stderr.contains("title"), "\(blank)")
        #expect(try readText(claim) == before)
    }
}
