import Foundation
import Testing
import TestServers

/// The everyday workflow through the real binary: init, add, link, set, remove, save, status, log, diff, check.
@Suite("Workflow")
struct WorkflowTests {
    static let allBadges = [
        "prospection", "attractivite", "accessibilite", "apprentis", "tutorat", "plan-formation",
        "referent-numerique", "espaces-innovants", "expertise-outils", "ressources", "accompagnement-projet", "post-cfa",
    ]

    @Test("plain init: a git repository on main with 12 draft badges and one save")
    func plainInit() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let result = try box.dossierOK(["init", "cfa", "--uai", "0141234R", "--name", "CFA de test", "--author", testAuthor],
                                       in: box.root)
        let dir = box.url("cfa")
        #expect(result.stdout.contains(dir.lastPathComponent))

        #expect(try box.gitOK(["symbolic-ref", "HEAD"], in: dir) == "refs/heads/main")
        #expect(try box.gitOK(["log", "--format=%s"], in: dir) == "Create the dossier")
        #expect(try box.gitOK(["log", "--format=%an <%ae>"], in: dir) == testAuthor)
        let fsck = try box.git(["fsck", "--strict"], in: dir)
        #expect(fsck.status == 0, "\(fsck)")
        #expect(try box.gitOK(["status", "--porcelain"], in: dir).isEmpty)

        let identity = try readText(dir.appendingPathComponent("dossier.yaml"))
        #expect(identity.contains("0141234R"))
        #expect(identity.contains("CFA de test"))
        let tracked = try box.gitOK(["ls-files"], in: dir).split(separator: "\n").map(String.init)
        #expect(tracked.contains("dossier.yaml"))
        for badge in Self.allBadges { #expect(tracked.contains("badges/\(badge)/claim.yaml")) }

        let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(check.badges.map(\.id) == Self.allBadges)
        for badge in check.badges {
            #expect(badge.started)
            #expect(badge.status == "draft")
            #expect(!badge.ready)
            #expect(badge.codes.contains("draft"))
            #expect(badge.criteriaMet.isEmpty)
        }
        #expect(check.label.readyBadges == 0)
        #expect(check.label.eligible == false)
        #expect(check.label.missingMandatory.count == 5)
        #expect(check.renewal == false)
    }

    @Test("init from a sample copies its files; the first save contains them")
    func initFromSample() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        #expect(try box.gitOK(["symbolic-ref", "HEAD"], in: dir) == "refs/heads/main")
        #expect(try box.gitOK(["log", "--format=%s"], in: dir) == "Create the dossier")
        #expect(try box.git(["fsck", "--strict"], in: dir).status == 0)
        #expect(try box.gitOK(["status", "--porcelain"], in: dir).isEmpty)

        // Evidence files are byte-identical to the sample's and committed.
        let png = "badges/accessibilite/evidence/captures/tableau-de-bord-avancement.png"
        #expect(try Data(contentsOf: dir.appendingPathComponent(png)) == Data(contentsOf: sample("batiment-caen").appendingPathComponent(png)))
        let tracked = try box.gitOK(["ls-files"], in: dir)
        #expect(tracked.contains(png))
        #expect(tracked.contains("badges/prospection/evidence/note-veille-bim-2025.md"))

        // The identity comes from the command line, the rest from the sample.
        let identity = try readText(dir.appendingPathComponent("dossier.yaml"))
        #expect(identity.contains("CFA de test"))
        #expect(identity.contains("Claire Lemonnier"))

        let status = try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self)
        #expect(status.clean)
        #expect(status.lastSave == (try box.gitOK(["rev-parse", "HEAD"], in: dir)))
        #expect(try box.dossierOK(["status"], in: dir).stdout.contains("Everything is saved."))
    }

    @Test("add copies the file and records its sha256 and size; link, set, remove, save, log")
    func addLinkSetRemoveSave() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier()
        let source = try box.write("Liste des tuteurs à distance 2025-2026\nMme Durand ; M. Leroy\n", to: "incoming/tuteurs-2025.csv")

        let add = try box.dossierOK(["add", "tutorat", source.path, "--criterion", "personnels-identifies",
                                     "--title", "Liste des tuteurs"], in: dir)
        #expect(add.stdout.contains("tuteurs-2025"))
        let copied = dir.appendingPathComponent("badges/tutorat/evidence/tuteurs-2025.csv")
        #expect(try Data(contentsOf: copied) == Data(contentsOf: source))
        #expect(FileManager.default.fileExists(atPath: source.path), "add copies, it does not move")
        let claimURL = dir.appendingPathComponent("badges/tutorat/claim.yaml")
        var claim = try readText(claimURL)
        #expect(claim.contains(try sha256sum(copied)))
        #expect(claim.contains("size: \(try fileSize(copied))"))
        #expect(claim.contains("file: tuteurs-2025.csv"))
        #expect(claim.contains("criterion: personnels-identifies"))
        #expect(claim.contains("Liste des tuteurs"))

        // A relative path is resolved against the working folder.
        try box.write("Charte\n", to: "dossier/charte.md")
        try box.dossierOK(["add", "tutorat", "charte.md", "--criterion", "outils-distance"], in: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("charte.md"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("badges/tutorat/evidence/charte.md").path))

        try box.dossierOK(["link", "tutorat", "https://lms.example.fr/tutorat/historique", "--criterion", "historique-echanges",
                           "--title", "Historique des échanges", "--kind", "lms"], in: dir)
        claim = try readText(claimURL)
        #expect(claim.contains("url: https://lms.example.fr/tutorat/historique"))
        #expect(claim.contains("kind: lms"))

        try box.dossierOK(["set", "tutorat", "status", "ready"], in: dir)
        try box.dossierOK(["set", "tutorat", "narrative", "Chaque apprenti a un tuteur joignable à distance."], in: dir)
        try box.dossierOK(["set", "prospection", "coverage", "5/6"], in: dir)
        try box.dossierOK(["set", "ressources", "level", "2"], in: dir)
        claim = try readText(claimURL)
        #expect(claim.contains("status: ready"))
        #expect(claim.contains("Chaque apprenti a un tuteur joignable à distance."))
        #expect(try readText(dir.appendingPathComponent("badges/prospection/claim.yaml")).contains("5/6"))
        #expect(try readText(dir.appendingPathComponent("badges/ressources/claim.yaml")).contains("level: 2"))

        // Status reports every change, badge by badge.
        let status = try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self)
        #expect(!status.clean)
        let tutorat = try #require(status.badge("tutorat"))
        #expect(tutorat.evidenceAdded.map(\.id) == ["tuteurs-2025", "charte", "historique-des-echanges"])
        #expect(tutorat.evidenceAdded.first?.sha256 == (try sha256sum(copied)))
        #expect(tutorat.evidenceAdded.last?.url == "https://lms.example.fr/tutorat/historique")
        #expect(tutorat.fields.contains(FieldChangeJSON(field: "status", from: "draft", to: "ready")))
        #expect(tutorat.narrative != nil)
        #expect(tutorat.requirementMetBefore == false)
        #expect(tutorat.requirementMetAfter == true)
        #expect(Set(tutorat.criteriaNewlyMet) == ["personnels-identifies", "outils-distance", "historique-echanges"])
        #expect(status.badge("prospection")?.fields == [FieldChangeJSON(field: "coverage", from: nil, to: "5/6")])
        #expect(status.badge("ressources")?.fields == [FieldChangeJSON(field: "level", from: nil, to: "2")])
        #expect(Set(status.files.map(\.path)) == [
            "badges/tutorat/claim.yaml", "badges/tutorat/evidence/tuteurs-2025.csv", "badges/tutorat/evidence/charte.md",
            "badges/prospection/claim.yaml", "badges/ressources/claim.yaml",
        ])
        let statusText = try box.dossierOK(["status"], in: dir).stdout
        #expect(statusText.contains("tutorat (modified)"))
        #expect(statusText.contains("+ evidence added: tuteurs-2025"))
        #expect(statusText.contains("A badges/tutorat/evidence/tuteurs-2025.csv"))

        let save = try box.dossierOK(["save", "-m", "Tutorat : tuteurs, charte, historique", "--author", testAuthor, "--json"],
                                     in: dir).json(SaveOutput.self)
        #expect(save.saved)
        #expect(save.commit == (try box.gitOK(["rev-parse", "HEAD"], in: dir)))
        #expect(save.files.count == 5)
        #expect(try box.gitOK(["status", "--porcelain"], in: dir).isEmpty)
        #expect(try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self).clean)
        #expect(try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self).badge("tutorat")?.ready == true)

        // Nothing more to save: no new commit.
        let again = try box.dossierOK(["save", "-m", "rien", "--author", testAuthor, "--json"], in: dir).json(SaveOutput.self)
        #expect(!again.saved)
        #expect(again.commit == nil)

        // Remove deletes the entry and its file.
        try box.dossierOK(["remove", "tutorat", "charte"], in: dir)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("badges/tutorat/evidence/charte.md").path))
        #expect(!(try readText(claimURL)).contains("id: charte\n"))
        let afterRemove = try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self)
        #expect(afterRemove.badge("tutorat")?.evidenceRemoved.map(\.id) == ["charte"])
        #expect(afterRemove.badge("tutorat")?.criteriaNoLongerMet == ["outils-distance"])
        #expect(afterRemove.files.contains(PathChangeJSON(path: "badges/tutorat/evidence/charte.md", change: "deleted")))
        let checkAfterRemove = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(checkAfterRemove.badge("tutorat")?.ready == false)
        #expect(checkAfterRemove.badge("tutorat")?.problems.contains { $0.code == "criterionWithoutEvidence" && $0.criterion == "outils-distance" } == true)
        try box.dossierOK(["save", "-m", "Tutorat : charte retirée", "--author", testAuthor], in: dir)

        #expect(try box.gitOK(["log", "--format=%s"], in: dir).split(separator: "\n")
                == ["Tutorat : charte retirée", "Tutorat : tuteurs, charte, historique", "Create the dossier"])
        #expect(try box.git(["fsck", "--strict"], in: dir).status == 0)
        #expect(try box.gitOK(["ls-files", "badges/tutorat"], in: dir).split(separator: "\n")
                == ["badges/tutorat/claim.yaml", "badges/tutorat/evidence/tuteurs-2025.csv"])

        let log = try box.dossierOK(["log", "--json"], in: dir).json(LogOutput.self)
        #expect(log.commits.map(\.message).map { $0.trimmingCharacters(in: .newlines) }
                == ["Tutorat : charte retirée", "Tutorat : tuteurs, charte, historique", "Create the dossier"])
        #expect(log.commits.allSatisfy { $0.author == "Camille Martin" && $0.email == "camille.martin@example.fr" })
        #expect(log.commits[0].badges == ["tutorat"])
        #expect(Set(log.commits[1].badges) == ["tutorat", "prospection", "ressources"])
        #expect(log.commits[0].parents == [log.commits[1].commit])
        #expect(log.commits[2].parents.isEmpty)
        #expect(log.commits[0].commit == (try box.gitOK(["rev-parse", "HEAD"], in: dir)))
        #expect(log.commits.allSatisfy { $0.commit.hasPrefix($0.shortCommit) && $0.commit.count == 40 })
        let limited = try box.dossierOK(["log", "-n", "1", "--json"], in: dir).json(LogOutput.self)
        #expect(limited.commits.map(\.commit) == [log.commits[0].commit])
        let logText = try box.dossierOK(["log"], in: dir).stdoutLines
        #expect(logText.count == 3)
        #expect(logText[0].hasPrefix(log.commits[0].shortCommit))
        #expect(logText[0].contains("Tutorat : charte retirée"))
    }

    @Test("-C runs a command on another folder; a sub-folder of a dossier works too")
    func workingFolderOption() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.dossierOK(["init", "-C", box.root.path, "cfa", "--uai", "0141234R", "--name", "CFA", "--author", testAuthor],
                          in: box.home)
        let dir = box.url("cfa")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path))
        try box.dossierOK(["set", "-C", dir.path, "tutorat", "status", "ready"], in: box.home)
        let status = try box.dossierOK(["status", "--json", "-C", "cfa"], in: box.root).json(StatusOutput.self)
        #expect(status.badge("tutorat")?.fields == [FieldChangeJSON(field: "status", from: "draft", to: "ready")])
        // From inside badges/tutorat, the dossier is found upwards.
        let inner = try box.dossierOK(["status", "--json"], in: dir.appendingPathComponent("badges/tutorat")).json(StatusOutput.self)
        #expect(inner.badge("tutorat") != nil)
        try box.dossierOK(["save", "-C", dir.path, "-m", "Tutorat prêt", "--author", testAuthor], in: box.home)
        #expect(try box.gitOK(["log", "-1", "--format=%s"], in: dir) == "Tutorat prêt")
    }

    @Test("narrative from standard input with `set BADGE narrative -`")
    func narrativeFromStdin() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier()
        let text = "Première ligne du récit.\nDeuxième ligne, avec « guillemets ».\n"
        try box.dossierOK(["set", "referent-numerique", "narrative", "-"], in: dir, stdin: Data(text.utf8))
        let claim = try readText(dir.appendingPathComponent("badges/referent-numerique/claim.yaml"))
        #expect(claim.contains("  Première ligne du récit.\n  Deuxième ligne, avec « guillemets »."))
        let status = try box.dossierOK(["status", "--json"], in: dir).json(StatusOutput.self)
        let added = status.badge("referent-numerique")?.narrative?.lines.filter { $0.op == "+" }.map(\.text) ?? []
        #expect(added.contains("Première ligne du récit."))
        #expect(added.contains("Deuxième ligne, avec « guillemets »."))
    }

    @Test("diff with no, one and two revisions, text and JSON")
    func diffRevisions() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let first = try box.gitOK(["rev-parse", "HEAD"], in: dir)

        // Save 2: add a file evidence to post-cfa (its missing criterion).
        let platform = try box.write("Plateforme alumni : 312 anciens apprentis inscrits\n", to: "in/plateforme-alumni.md")
        try box.dossierOK(["add", "post-cfa", platform.path, "--criterion", "plateforme-lien", "--title", "Plateforme alumni"], in: dir)
        try box.dossierOK(["save", "-m", "Post-CFA : plateforme", "--author", testAuthor], in: dir)
        let second = try box.gitOK(["rev-parse", "HEAD"], in: dir)

        // Working change: replace an evidence file's content, remove a link.
        let note = dir.appendingPathComponent("badges/prospection/evidence/note-veille-bim-2025.md")
        try writeText(try readText(note) + "\nMise à jour : drone.\n", to: note)
        try box.dossierOK(["remove", "prospection", "video-chantier-ecole-bim"], in: dir)

        // 0 revisions: last save → working files.
        let working = try box.dossierOK(["diff", "--json"], in: dir).json(DiffOutput.self)
        #expect(working.badges.map(\.id) == ["prospection"])
        let prospection = try #require(working.badge("prospection"))
        #expect(prospection.evidenceRemoved.map(\.id) == ["video-chantier-ecole-bim"])
        #expect(prospection.evidenceChanged.map(\.id) == ["note-veille-bim"])
        #expect(prospection.evidenceChanged.first?.changes == ["replaced"])
        #expect(prospection.evidenceAdded.isEmpty)
        #expect(Set(working.paths) == ["badges/prospection/claim.yaml", "badges/prospection/evidence/note-veille-bim-2025.md"])
        let workingText = try box.dossierOK(["diff"], in: dir).stdout
        #expect(workingText.contains("prospection (modified)"))
        #expect(workingText.contains("- evidence removed: video-chantier-ecole-bim"))
        #expect(workingText.contains("evidence note-veille-bim: file replaced"))
        #expect(workingText.contains("M badges/prospection/evidence/note-veille-bim-2025.md"))

        // 1 revision: that save → working files (includes the post-cfa save and the working changes).
        let sinceFirst = try box.dossierOK(["diff", first, "--json"], in: dir).json(DiffOutput.self)
        #expect(sinceFirst.badges.map(\.id) == ["prospection", "post-cfa"])
        #expect(sinceFirst.badge("post-cfa")?.evidenceAdded.map(\.id) == ["plateforme-alumni"])
        #expect(sinceFirst.badge("post-cfa")?.evidenceAdded.first?.sha256
                == (try sha256sum(dir.appendingPathComponent("badges/post-cfa/evidence/plateforme-alumni.md"))))
        #expect(sinceFirst.badge("post-cfa")?.criteriaNewlyMet == ["plateforme-lien"])
        #expect(sinceFirst.paths.contains("badges/post-cfa/evidence/plateforme-alumni.md"))
        #expect(sinceFirst.paths.contains("badges/prospection/claim.yaml"))

        // 2 revisions: only the saved change, whatever the working files hold.
        let between = try box.dossierOK(["diff", first, second, "--json"], in: dir).json(DiffOutput.self)
        #expect(between.badges.map(\.id) == ["post-cfa"])
        #expect(Set(between.paths) == ["badges/post-cfa/claim.yaml", "badges/post-cfa/evidence/plateforme-alumni.md"])
        #expect(between.badge("post-cfa")?.files.count == 2)
        let betweenText = try box.dossierOK(["diff", first, second], in: dir).stdout
        #expect(betweenText.contains("post-cfa (modified)"))
        #expect(betweenText.contains("+ evidence added: plateforme-alumni « Plateforme alumni » → plateforme-lien"))
        #expect(betweenText.contains("criteria now met: plateforme-lien"))
        #expect(!betweenText.contains("prospection"))

        // Reverse direction: the evidence is removed.
        let reverse = try box.dossierOK(["diff", second, first, "--json"], in: dir).json(DiffOutput.self)
        #expect(reverse.badge("post-cfa")?.evidenceRemoved.map(\.id) == ["plateforme-alumni"])
        #expect(reverse.files.contains(PathChangeJSON(path: "badges/post-cfa/evidence/plateforme-alumni.md", change: "deleted")))

        // Revision syntax: HEAD~1 HEAD is the same diff; the same revision twice is empty.
        let relative = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir).json(DiffOutput.self)
        #expect(relative.paths == between.paths)
        let same = try box.dossierOK(["diff", second, second], in: dir)
        #expect(same.stdout.contains("No differences."))
        let sameJSON = try box.dossierOK(["diff", second, second, "--json"], in: dir).json(DiffOutput.self)
        #expect(sameJSON.badges.isEmpty && sameJSON.files.isEmpty && sameJSON.identity.isEmpty)
    }

    @Test("identity changes show in the diff")
    func identityDiff() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try edit(dir.appendingPathComponent("dossier.yaml"), replacing: "name: CFA de test", with: "name: \"CFA du Bâtiment\"")
        let diff = try box.dossierOK(["diff", "--json"], in: dir).json(DiffOutput.self)
        #expect(diff.identity.contains(FieldChangeJSON(field: "name", from: "CFA de test", to: "CFA du Bâtiment")))
        #expect(diff.badges.isEmpty)
        #expect(diff.paths == ["dossier.yaml"])
    }

    @Test("check of the three samples: Caen eligible, Rouen not")
    func checkSamples() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let caen = try box.initDossier("caen", from: "batiment-caen")
        let caenCheck = try box.dossierOK(["check", "--json"], in: caen).json(CheckOutput.self)
        #expect(caenCheck.label.eligible)
        #expect(caenCheck.label.readyBadges == 10)
        #expect(caenCheck.label.mandatoryReady == 5)
        #expect(caenCheck.label.mandatoryTotal == 5)
        #expect(caenCheck.label.missingMandatory.isEmpty)
        #expect(caenCheck.catalogueVersion == "2026.1")
        #expect(caenCheck.badge("accompagnement-projet")?.ready == false)
        #expect(caenCheck.badge("accompagnement-projet")?.codes == ["draft"])
        #expect(caenCheck.badge("post-cfa")?.problems.contains { $0.code == "criterionWithoutEvidence" && $0.criterion == "plateforme-lien" } == true)
        #expect(caenCheck.badge("ressources")?.ready == true)
        #expect(caenCheck.badges.filter(\.ready).count == 10)
        let caenText = try box.dossierOK(["check"], in: caen).stdout
        #expect(caenText.contains("Label: 10/10 badges ready, 5/5 mandatory."))
        #expect(caenText.contains("The dossier meets the conditions"))
        #expect(caenText.contains("✔ prospection"))
        #expect(caenText.contains("✘ post-cfa"))

        let rouen = try box.initDossier("rouen", from: "boulangerie-rouen", uai: "0761234D")
        let rouenRun = try box.dossier(["check", "--json"], in: rouen)
        #expect(rouenRun.status == 0, "an incomplete but well-formed dossier exits 0")
        let rouenCheck = try rouenRun.json(CheckOutput.self)
        #expect(rouenCheck.label.eligible == false)
        #expect(rouenCheck.label.readyBadges == 4)
        #expect(rouenCheck.label.mandatoryReady == 2)
        #expect(Set(rouenCheck.label.missingMandatory) == ["apprentis", "tutorat", "plan-formation"])
        #expect(rouenCheck.badge("espaces-innovants")?.started == false)
        #expect(rouenCheck.badge("espaces-innovants")?.codes == ["notStarted"])
        #expect(rouenCheck.badge("prospection")?.ready == true, "coverage 5/6 is fine at first award")
        #expect(rouenCheck.badge("apprentis")?.problems.filter { $0.code == "criterionWithoutEvidence" }.compactMap(\.criterion)
                == ["evaluer", "micro-certifications"])
        let rouenText = try box.dossierOK(["check"], in: rouen).stdout
        #expect(rouenText.contains("Label: 4/10 badges ready, 2/5 mandatory."))
        #expect(rouenText.contains("Still needed:"))
        #expect(rouenText.contains("· espaces-innovants"))
    }

    /// The Évreux sample, committed as it is with the git CLI (as FORMAT.md says it can be).
    @Test("check of the Évreux sample reports its five deliberate problems")
    func checkEvreuxAsCommitted() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = box.url("evreux")
        try copyTree(sample("multi-metiers-evreux"), to: dir)
        try box.gitOK(["init", "-q", "-b", "main"], in: dir)
        try box.gitOK(["add", "-A"], in: dir)
        try box.gitOK(["commit", "-q", "-m", "Dossier d'Évreux"], in: dir)
        try expectEvreuxProblems(box: box, dir: dir)
    }

    /// `init --from` the Évreux sample should keep the sample as it is, so the same problems appear.
    @Test("init --from the Évreux sample keeps its deliberate problems")
    func checkEvreuxFromInit() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "multi-metiers-evreux", uai: "0271234V")
        // The copy must not rewrite the sample's claims.
        let claim = "badges/tutorat/claim.yaml"
        do {
            #expect(try Data(contentsOf: dir.appendingPathComponent(claim))
                    == Data(contentsOf: sample("multi-metiers-evreux").appendingPathComponent(claim)))
            let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
            #expect(check.badge("tutorat")?.codes == ["evidenceHashChanged"])
        }
        // Everything else of the sample survives.
        let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(check.badge("plan-formation")?.codes == ["evidenceFileMissing"])
        #expect(check.badge("attractivite")?.codes == ["unknownCriterion"])
        #expect(check.badge("ressources")?.codes == ["levelNotBacked"])
        #expect(check.badge("post-cfa")?.codes == ["criterionWithoutEvidence"])
    }

    private func expectEvreuxProblems(box: Sandbox, dir: URL) throws {
        let run = try box.dossier(["check", "--json"], in: dir)
        #expect(run.status == 0)
        let check = try run.json(CheckOutput.self)
        let tutorat = try #require(check.badge("tutorat"))
        #expect(tutorat.codes == ["evidenceHashChanged"])
        #expect(tutorat.problems.first?.evidence == "charte-tutorat")
        #expect(tutorat.problems.first?.blocking == true)
        let plan = try #require(check.badge("plan-formation"))
        #expect(plan.codes == ["evidenceFileMissing"])
        #expect(plan.problems.first?.evidence == "attestations-badges-2025")
        let attractivite = try #require(check.badge("attractivite"))
        #expect(attractivite.codes == ["unknownCriterion"])
        #expect(attractivite.problems.first?.evidence == "podcast-apprentis")
        #expect(attractivite.problems.first?.criterion == "podcasts")
        let postCFA = try #require(check.badge("post-cfa"))
        #expect(postCFA.codes == ["criterionWithoutEvidence"])
        #expect(postCFA.problems.first?.criterion == "plateforme-lien")
        let ressources = try #require(check.badge("ressources"))
        #expect(ressources.codes == ["levelNotBacked"])
        #expect(ressources.problems.first?.criterion == "niveau-2")
        #expect(Set(check.badges.filter(\.ready).map(\.id))
                == ["prospection", "accessibilite", "apprentis", "referent-numerique", "expertise-outils"])
        #expect(check.label.readyBadges == 5)
        #expect(check.label.eligible == false)
        #expect(Set(check.label.missingMandatory) == ["tutorat", "plan-formation"])

        let text = try box.dossierOK(["check"], in: dir).stdout
        #expect(text.contains("the file of evidence charte-tutorat changed since it was recorded"))
        #expect(text.contains("file of evidence attestations-badges-2025 is missing"))
        #expect(text.contains("evidence podcast-apprentis names an unknown criterion: podcasts"))
        #expect(text.contains("level 2 is not backed by any evidence for criterion niveau-2"))
    }

    @Test("save records the new hash of an edited evidence file")
    func saveRecordsReplacedHash() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let file = dir.appendingPathComponent("badges/tutorat/evidence/tuteurs-distance-2025-2026.csv")
        try writeText(try readText(file) + "Mme Nouvelle;tutrice;2026\n", to: file)
        let before = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(before.badge("tutorat")?.codes.contains("evidenceHashChanged") == true)
        #expect(before.badge("tutorat")?.ready == false)

        let save = try box.dossierOK(["save", "-m", "Tuteurs 2026", "--author", testAuthor, "--json"], in: dir).json(SaveOutput.self)
        #expect(save.saved)
        #expect(save.recordedHashes.count == 1)
        #expect(save.recordedHashes.first?.hasPrefix("tutorat/") == true)
        let claim = try readText(dir.appendingPathComponent("badges/tutorat/claim.yaml"))
        #expect(claim.contains(try sha256sum(file)))
        #expect(claim.contains("size: \(try fileSize(file))"))
        #expect(try box.gitOK(["status", "--porcelain"], in: dir).isEmpty, "the rewritten claim is part of the save")
        let after = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(after.badge("tutorat")?.ready == true)
        let diff = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir).json(DiffOutput.self)
        #expect(diff.badge("tutorat")?.evidenceChanged.first?.changes == ["replaced"])
    }

    /// A file matching the dossier's own .gitignore (here `*.tmp`) must not be accepted as evidence
    /// that the history then silently lacks.
    @Test("evidence added with a name the dossier ignores is saved in the history")
    func ignoredEvidenceName() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier()
        let source = try box.write("Export du registre\n", to: "in/registre.tmp")
        let add = try box.dossier(["add", "tutorat", source.path, "--criterion", "historique-echanges"], in: dir)
        guard add.status == 0 else {
            // Refusing the file with one line is acceptable too.
            #expect(add.stderrLines.count == 1)
            return
        }
        try box.dossierOK(["save", "-m", "Registre", "--author", testAuthor], in: dir)
        let clone = box.url("clone")
        try box.gitOK(["clone", "-q", dir.path, clone.path], in: box.root)
        do {
            let tracked = try box.gitOK(["ls-files", "badges/tutorat"], in: dir)
            #expect(tracked.contains("badges/tutorat/evidence/registre.tmp"))
            let check = try box.dossierOK(["check", "--json"], in: clone).json(CheckOutput.self)
            #expect(check.badge("tutorat")?.codes.contains("evidenceFileMissing") == false)
        }
    }
}
