import Foundation
import Testing
import TestServers

/// Claims edited with a text editor (plain file writes), and commits made with the git CLI.
@Suite("Hand edits and git interoperability")
struct HandEditTests {
    static let oldTitle = "title: \"Note de veille BIM et maquette numérique 2025\""
    static let newTitle = "title: \"Note de veille BIM, maquette numérique et drone (2025)\""
    static let movedBefore = """
            title: "Compte rendu du comité de veille numérique (juin 2025)"
            criterion: veille
        """
    static let movedAfter = """
            title: "Compte rendu du comité de veille numérique (juin 2025)"
            criterion: etudes
        """
    static let oldNarrative = "  entreprises partenaires et la branche. Les évolutions repérées sont intégrées\n"
    static let newNarrative = "  entreprises partenaires, la branche et deux apprentis délégués. Les évolutions repérées sont intégrées\n"

    /// Retitles one evidence, moves another to `etudes`, rewrites a narrative line (as in FORMAT.md).
    func handEdit(_ dir: URL) throws {
        let claim = dir.appendingPathComponent("badges/prospection/claim.yaml")
        try edit(claim, replacing: Self.oldTitle, with: Self.newTitle)
        try edit(claim, replacing: Self.movedBefore, with: Self.movedAfter)
        try edit(claim, replacing: Self.oldNarrative, with: Self.newNarrative)
    }

    func expectHandEdit(_ badge: BadgeDiffJSON?) throws {
        let badge = try #require(badge)
        #expect(badge.change == "modified")
        #expect(badge.evidenceAdded.isEmpty)
        #expect(badge.evidenceRemoved.isEmpty)
        let changes = Dictionary(uniqueKeysWithValues: badge.evidenceChanged.map { ($0.id, $0) })
        #expect(changes.count == 2)
        let retitled = try #require(changes["note-veille-bim"])
        #expect(retitled.changes == ["retitled"])
        #expect(retitled.before.title == "Note de veille BIM et maquette numérique 2025")
        #expect(retitled.after.title == "Note de veille BIM, maquette numérique et drone (2025)")
        #expect(retitled.before.sha256 == retitled.after.sha256)
        let moved = try #require(changes["cr-comite-veille"])
        #expect(moved.changes == ["moved"])
        #expect(moved.before.criterion == "veille")
        #expect(moved.after.criterion == "etudes")
        let lines = try #require(badge.narrative).lines
        #expect(lines.contains { $0.op == "-" && $0.text == "entreprises partenaires et la branche. Les évolutions repérées sont intégrées" })
        #expect(lines.contains { $0.op == "+" && $0.text.hasPrefix("entreprises partenaires, la branche et deux apprentis délégués.") })
        #expect(lines.filter { $0.op != " " }.count == 2, "only the edited line changes")
        #expect(badge.files == [PathChangeJSON(path: "badges/prospection/claim.yaml", change: "modified")])
        // veille stays covered by note-veille-bim: nothing newly met or lost.
        #expect(badge.criteriaNewlyMet.isEmpty)
        #expect(badge.criteriaNoLongerMet.isEmpty)
        #expect(badge.requirementMetBefore && badge.requirementMetAfter)
    }

    @Test("status and diff understand a retitle, a move and a narrative edit made by hand; check still reads the claim")
    func handEditsAreUnderstood() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try handEdit(dir)

        let status = try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self)
        #expect(!status.clean)
        #expect(status.badges.map(\.id) == ["prospection"])
        try expectHandEdit(status.badge("prospection"))

        let diff = try box.dossierOK(["diff", "--json"], in: dir).json(DiffOutput.self)
        try expectHandEdit(diff.badge("prospection"))

        let text = try box.dossierOK(["status"], in: dir).stdout
        #expect(text.contains("evidence note-veille-bim: title « Note de veille BIM et maquette numérique 2025 » → « Note de veille BIM, maquette numérique et drone (2025) »"))
        #expect(text.contains("evidence cr-comite-veille: criterion veille → etudes"))
        #expect(text.contains("narrative changed:"))

        let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        let prospection = try #require(check.badge("prospection"))
        #expect(prospection.ready)
        #expect(prospection.criteriaMet == ["veille", "integration", "etudes", "cas-concrets"])
        #expect(check.label.eligible)

        // Moving the only `integration` evidence away is understood by check too.
        let claim = dir.appendingPathComponent("badges/prospection/claim.yaml")
        try edit(claim, replacing: "    criterion: integration\n", with: "    criterion: cas-concrets\n")
        let after = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(after.badge("prospection")?.ready == false)
        #expect(after.badge("prospection")?.problems.contains { $0.code == "criterionWithoutEvidence" && $0.criterion == "integration" } == true)
        let diffAfter = try box.dossierOK(["diff", "--json"], in: dir).json(DiffOutput.self)
        #expect(diffAfter.badge("prospection")?.criteriaNoLongerMet == ["integration"])
        #expect(diffAfter.badge("prospection")?.requirementMetAfter == false)

        // The hand edits save like any other change.
        try box.dossierOK(["save", "-m", "Prospection revue à la main", "--author", testAuthor], in: dir)
        #expect(try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self).clean)
        let saved = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir).json(DiffOutput.self)
        #expect(Set(saved.badge("prospection")?.evidenceChanged.map(\.id) ?? [])
                == ["note-veille-bim", "cr-comite-veille", "integration-formations"])
    }

    @Test("a first narrative diffs as added lines only")
    func firstNarrative() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier()
        try box.dossierOK(["set", "tutorat", "narrative", "Quatre formateurs tuteurs.\nLa charte est signée."], in: dir)
        let lines = try #require(try box.dossierOK(["diff", "--json"], in: dir).json(DiffOutput.self).badge("tutorat")?.narrative).lines
        #expect(lines.filter { $0.op == "+" }.map(\.text) == ["Quatre formateurs tuteurs.", "La charte est signée."])
        #expect(lines.filter { $0.op == "-" }.isEmpty)
        do {
            #expect(lines.count == 2, "\(lines.map { "\($0.op)|\($0.text)" })")
        }
    }

    @Test("a commit made with the git CLI is read by log and diff")
    func gitCLICommit() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let first = try box.gitOK(["rev-parse", "HEAD"], in: dir)
        try handEdit(dir)
        try box.gitOK(["add", "-A"], in: dir)
        try box.gitOK(["commit", "-q", "-m", "Prospection : relecture (git CLI)"], in: dir)
        let second = try box.gitOK(["rev-parse", "HEAD"], in: dir)

        let log = try box.dossierOK(["log", "--json"], in: dir).json(LogOutput.self)
        #expect(log.commits.count == 2)
        #expect(log.commits[0].commit == second)
        #expect(log.commits[0].message.trimmingCharacters(in: .newlines) == "Prospection : relecture (git CLI)")
        #expect(log.commits[0].author == "Git Cli")
        #expect(log.commits[0].email == "git.cli@example.fr")
        #expect(log.commits[0].badges == ["prospection"])
        #expect(log.commits[0].parents == [first])
        let text = try box.dossierOK(["log"], in: dir).stdout
        #expect(text.contains("Prospection : relecture (git CLI)"))
        #expect(text.contains("Git Cli"))

        #expect(try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self).clean)
        #expect(try box.dossierOK(["diff"], in: dir).stdout.contains("No differences."))
        let diff = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir).json(DiffOutput.self)
        #expect(diff.badges.map(\.id) == ["prospection"])
        try expectHandEdit(diff.badge("prospection"))
        let fromFirst = try box.dossierOK(["diff", first, "--json"], in: dir).json(DiffOutput.self)
        try expectHandEdit(fromFirst.badge("prospection"))

        // The dossier keeps saving on top of the git CLI commit.
        try box.dossierOK(["set", "post-cfa", "status", "ready"], in: dir)
        try box.dossierOK(["save", "-m", "Post-CFA prêt", "--author", testAuthor], in: dir)
        #expect(try box.gitOK(["log", "--format=%s"], in: dir).split(separator: "\n")
                == ["Post-CFA prêt", "Prospection : relecture (git CLI)", "Create the dossier"])
        #expect(try box.gitOK(["rev-parse", "HEAD~1"], in: dir) == second)
        #expect(try box.git(["fsck", "--strict"], in: dir).status == 0)
    }

    @Test("diff A B ignores changes in the working files; diff A includes them")
    func diffBetweenRevisionsIgnoresWorkingFiles() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try handEdit(dir)
        try box.dossierOK(["save", "-m", "Relecture", "--author", testAuthor], in: dir)
        let clean = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir)
        let cleanText = try box.dossierOK(["diff", "HEAD~1", "HEAD"], in: dir)

        // Change the working files in every way: an evidence file, a claim, a new file, a deleted file, identity.
        let csv = dir.appendingPathComponent("badges/tutorat/evidence/tuteurs-distance-2025-2026.csv")
        try writeText(try readText(csv) + "ajout;local\n", to: csv)
        try edit(dir.appendingPathComponent("badges/ressources/claim.yaml"), replacing: "level: 2", with: "level: 3")
        try box.write("brouillon\n", to: "dossier/badges/post-cfa/evidence/brouillon.md")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("badges/espaces-innovants/evidence/plan-salle-12.png"))
        try edit(dir.appendingPathComponent("dossier.yaml"), replacing: "name: CFA de test", with: "name: Autre nom")

        let withWork = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir)
        #expect(withWork.stdout == clean.stdout, "diff A B must not look at the working files")
        #expect(try box.dossierOK(["diff", "HEAD~1", "HEAD"], in: dir).stdout == cleanText.stdout)
        let decoded = try withWork.json(DiffOutput.self)
        #expect(decoded.badges.map(\.id) == ["prospection"])
        #expect(decoded.identity.isEmpty)

        // With one revision, the working changes are there.
        let oneRevision = try box.dossierOK(["diff", "HEAD~1", "--json"], in: dir).json(DiffOutput.self)
        #expect(Set(oneRevision.badges.map(\.id)) == ["prospection", "tutorat", "espaces-innovants", "ressources", "post-cfa"])
        #expect(oneRevision.identity.contains(FieldChangeJSON(field: "name", from: "CFA de test", to: "Autre nom")))
        #expect(oneRevision.files.contains(PathChangeJSON(path: "badges/espaces-innovants/evidence/plan-salle-12.png", change: "deleted")))
        #expect(oneRevision.files.contains(PathChangeJSON(path: "badges/post-cfa/evidence/brouillon.md", change: "added")))
        #expect(oneRevision.badge("tutorat")?.evidenceChanged.first?.changes == ["replaced"])
        #expect(oneRevision.badge("ressources")?.fields == [FieldChangeJSON(field: "level", from: "2", to: "3")])
    }
}
