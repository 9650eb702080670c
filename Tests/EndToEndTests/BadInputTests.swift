import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bad input: a non-zero exit, one line on stderr naming the file:line or the argument, and nothing
/// changed on disk — every file of the dossier, `.git/` included, byte for byte.
@Suite("Bad input")
struct BadInputTests {
    /// Runs a command that must be refused, and checks the refusal and that `watched` is untouched.
    @discardableResult
    func expectRefused(_ box: Sandbox, _ arguments: [String], in folder: URL, watching watched: URL? = nil,
                       lang: String = "C.UTF-8", status expectedStatus: Int32 = 1, line expected: String? = nil,
                       containing fragments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let root = watched ?? folder
        let before = try snapshot(root)
        let run = try box.dossier(arguments, in: folder, lang: lang)
        let after = try snapshot(root)
        #expect(run.status == expectedStatus, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stderrLines.count == 1, "stderr must be exactly one line: \(run)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
        if let expected { #expect(run.stderrLines.first == expected, sourceLocation: sourceLocation) }
        for fragment in fragments {
            #expect(run.stderr.contains(fragment), "stderr should contain «\(fragment)»: \(run)", sourceLocation: sourceLocation)
        }
        #expect(run.stdout.isEmpty, "nothing on stdout when refused: \(run)", sourceLocation: sourceLocation)
        expectUnchanged(before, after, "`dossier \(arguments.joined(separator: " "))`", sourceLocation: sourceLocation)
        return run
    }

    @Test("harness: the snapshot sees working-file and .git changes, and non-UTF-8 names")
    func snapshotSeesChanges() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier()
        let initial = try snapshot(dir)
        #expect(initial.keys.contains(".git/HEAD"))
        #expect(initial.keys.contains(".git/index"))
        #expect(initial.keys.contains("badges/tutorat/claim.yaml"))
        try box.dossierOK(["set", "tutorat", "status", "ready"], in: dir)
        let edited = try snapshot(dir)
        #expect(edited["badges/tutorat/claim.yaml"] != initial["badges/tutorat/claim.yaml"])
        #expect(edited[".git/index"] == initial[".git/index"])
        try box.dossierOK(["save", "-m", "Tutorat prêt", "--author", testAuthor], in: dir)
        let saved = try snapshot(dir)
        #expect(saved[".git/refs/heads/main"] != edited[".git/refs/heads/main"] || saved[".git/packed-refs"] != edited[".git/packed-refs"])
        #expect(saved[".git/index"] != edited[".git/index"])
        #expect(saved.count > edited.count, "new objects")
        try createRawFile(named: [0x61, 0xFF], in: dir, contents: "x")
        #expect(try snapshot(dir)["a\\xff"] != nil)
    }

    // MARK: init

    @Test("init refuses an invalid UAI or SIRET, naming it, and creates no folder", arguments: [
        (["--uai", "0141234X"], "0141234X"),
        (["--uai", "014123R"], "014123R"),
        (["--uai", "0141234R", "--siret", "78345612200011"], "78345612200011"),
        (["--uai", "0141234R", "--siret", "7834561220001"], "7834561220001"),
    ])
    func initInvalidIdentity(arguments: [String], value: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        for lang in ["C.UTF-8", "fr_FR.UTF-8"] {
            let before = try snapshot(box.root)
            let run = try box.dossier(["init", "cfa", "--name", "CFA"] + arguments, in: box.root, lang: lang)
            #expect(run.status != 0)
            #expect(run.stderrLines.first?.contains("'\(value)'") == true || run.stderrLines.first?.contains("« \(value) »") == true,
                    "the first line names the value: \(run)")
            #expect(run.stderr.contains(lang.hasPrefix("fr") ? "invalide" : "invalid"))
            #expect(!FileManager.default.fileExists(atPath: box.url("cfa").path), "no folder created")
            expectUnchanged(before, try snapshot(box.root), "init with \(arguments)")
            #expect(run.stderrLines.count == 1, "stderr must be exactly one line: \(run)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("init refuses a folder that is not empty or already a dossier, touching nothing")
    func initOccupiedFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let occupied = box.url("occupe")
        try box.write("notes\n", to: "occupe/notes.txt")
        try expectRefused(box, ["init", "occupe", "--uai", "0141234R", "--name", "CFA"], in: box.root, watching: box.root,
                          line: "folder is not empty: \(occupied.path)")
        #expect(try readText(occupied.appendingPathComponent("notes.txt")) == "notes\n")

        let dir = try box.initDossier()
        try expectRefused(box, ["init", "dossier", "--uai", "0141234R", "--name", "CFA"], in: box.root, watching: box.root,
                          line: "a repository already exists here: \(dir.path)")
        try expectRefused(box, ["init", "--uai", "0141234R", "--name", "CFA"], in: dir, watching: box.root)
    }

    @Test("init --from a sample with an error names file:line and creates no folder")
    func initFromBrokenSample() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let broken = box.url("exemple")
        try copyTree(sample("batiment-caen"), to: broken)
        let claim = broken.appendingPathComponent("badges/tutorat/claim.yaml")
        try writeText(try readText(claim) + "couleur: bleu\n", to: claim)
        let line = try #require(lineNumber(of: "couleur: bleu", in: try readText(claim)))
        try expectRefused(box, ["init", "cfa", "--uai", "0141234R", "--name", "CFA", "--from", broken.path], in: box.root,
                          watching: box.root, containing: ["badges/tutorat/claim.yaml:\(line):", "couleur"])
        #expect(!FileManager.default.fileExists(atPath: box.url("cfa").path))
    }

    // MARK: arguments

    @Test("unknown badge id: add, link, set, remove, catalogue")
    func unknownBadge() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let file = try box.write("x\n", to: "in/preuve.md")
        let line = "unknown badge: podcasts (see `dossier catalogue`)"
        try expectRefused(box, ["add", "podcasts", file.path, "--criterion", "veille"], in: dir, line: line)
        try expectRefused(box, ["link", "podcasts", "https://x.example.fr", "--criterion", "veille", "--title", "T"], in: dir, line: line)
        try expectRefused(box, ["set", "podcasts", "status", "ready"], in: dir, line: line)
        try expectRefused(box, ["remove", "podcasts", "note-veille-bim"], in: dir, line: line)
        try expectRefused(box, ["catalogue", "podcasts"], in: dir, line: line)
        try expectRefused(box, ["catalogue", "podcasts", "--json"], in: dir, line: line)
        try expectRefused(box, ["set", "podcasts", "status", "ready"], in: dir, lang: "fr_FR.UTF-8",
                          line: "badge inconnu : podcasts (voir « dossier catalogue »)")
    }

    @Test("unknown criterion: add and link")
    func unknownCriterion() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let file = try box.write("x\n", to: "in/preuve.md")
        let line = "unknown criterion for badge tutorat: veille (see `dossier catalogue tutorat`)"
        try expectRefused(box, ["add", "tutorat", file.path, "--criterion", "veille"], in: dir, line: line)
        try expectRefused(box, ["link", "tutorat", "https://x.example.fr", "--criterion", "veille", "--title", "T"], in: dir, line: line)
        // A criterion of another badge with the same id is still scoped to its badge.
        try expectRefused(box, ["add", "expertise-outils", file.path, "--criterion", "travail-engage"], in: dir,
                          containing: ["travail-engage"])
    }

    @Test("add refuses a missing file, a folder, a file already there; multi-file add is all or nothing")
    func addRefusals() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let missing = box.url("in/absent.md").path
        try expectRefused(box, ["add", "tutorat", missing, "--criterion", "outils-distance"], in: dir,
                          line: "file not found: \(missing)")
        let folder = box.url("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try expectRefused(box, ["add", "tutorat", folder.path, "--criterion", "outils-distance"], in: dir,
                          line: "not a regular file: \(folder.path)")
        let present = try box.write("x\n", to: "in/ok.md")
        try expectRefused(box, ["add", "tutorat", present.path, missing, "--criterion", "outils-distance"], in: dir,
                          line: "file not found: \(missing)")
        // Same name as an evidence file already recorded.
        let same = try box.write("autre contenu\n", to: "in/tuteurs-distance-2025-2026.csv")
        try expectRefused(box, ["add", "tutorat", same.path, "--criterion", "outils-distance"], in: dir,
                          containing: ["tuteurs-distance-2025-2026.csv"])
    }

    @Test("remove, set and link refuse bad values with one line")
    func otherArgumentErrors() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try expectRefused(box, ["remove", "tutorat", "absente"], in: dir, line: "no evidence 'absente' in badge tutorat")
        try expectRefused(box, ["set", "tutorat", "status", "fini"], in: dir, containing: ["status", "fini"])
        try expectRefused(box, ["set", "ressources", "level", "trois"], in: dir, containing: ["level", "trois"])
        try expectRefused(box, ["set", "prospection", "coverage", "7/6"], in: dir, containing: ["coverage", "7/6"])
        try expectRefused(box, ["set", "prospection", "coverage", "0/0"], in: dir, containing: ["coverage", "0/0"])
        try expectRefused(box, ["link", "tutorat", "ftp://x.example.fr", "--criterion", "outils-distance", "--title", "T"], in: dir,
                          containing: ["ftp://x.example.fr"])
        try expectRefused(box, ["save", "-m", "x", "--author", "sans courriel"], in: dir, containing: ["--author", "sans courriel"])
    }

    @Test("unknown revision for diff")
    func unknownRevision() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try box.dossierOK(["set", "post-cfa", "status", "ready"], in: dir)
        for arguments in [["diff", "v9"], ["diff", "HEAD", "v9"], ["diff", "v9", "HEAD"], ["diff", "v9", "--json"],
                          ["diff", "HEAD~5"], ["check", "--renewal", "--since", "v9"]] {
            try expectRefused(box, arguments, in: dir, containing: ["unknown revision: "])
        }
        try expectRefused(box, ["diff", "v9"], in: dir, line: "unknown revision: v9 (see `dossier log`)")
        try expectRefused(box, ["diff", "v9"], in: dir, lang: "fr_FR.UTF-8", line: "version inconnue : v9 (voir « dossier log »)")
    }

    @Test("any command outside a dossier says so in one line and creates nothing")
    func outsideADossier() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let empty = box.url("vide")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let file = try box.write("x\n", to: "preuve.md")
        let line = "not inside a dossier (\(empty.path)): run `dossier init` or change to a dossier folder"
        let commands: [[String]] = [
            ["status"], ["status", "--json"], ["check"], ["check", "--json"], ["check", "--renewal"], ["log"], ["log", "--json"],
            ["diff"], ["diff", "HEAD~1", "HEAD"], ["save", "-m", "x", "--author", testAuthor],
            ["add", "tutorat", file.path, "--criterion", "outils-distance"],
            ["link", "tutorat", "https://x.example.fr", "--criterion", "outils-distance", "--title", "T"],
            ["remove", "tutorat", "x"], ["set", "tutorat", "status", "ready"],
        ]
        for command in commands {
            try expectRefused(box, command, in: empty, watching: box.root, line: line)
        }
        // A folder with a dossier.yaml but no repository is not a dossier either.
        let notRepo = box.url("copie")
        try copyTree(sample("batiment-caen"), to: notRepo)
        try expectRefused(box, ["check"], in: notRepo, watching: box.root, containing: ["not inside a dossier (\(notRepo.path))"])
        // Nor a git repository without dossier.yaml.
        let plainRepo = box.url("depot")
        try FileManager.default.createDirectory(at: plainRepo, withIntermediateDirectories: true)
        try box.gitOK(["init", "-q", "-b", "main"], in: plainRepo)
        try expectRefused(box, ["status"], in: plainRepo, watching: box.root, containing: ["not inside a dossier"])
    }

    // MARK: hand-edited claims

    /// Sets up a saved dossier and replaces one claim with `text`; returns the dossier and the claim's URL.
    func dossierWithClaim(_ box: Sandbox, badge: String = "tutorat", _ text: String) throws -> (URL, URL) {
        let dir = try box.initDossier(from: "batiment-caen")
        let claim = dir.appendingPathComponent("badges/\(badge)/claim.yaml")
        try writeText(text, to: claim)
        return (dir, claim)
    }

    static let escapingClaim = """
        status: ready
        narrative: |
          Le tutorat est organisé.
        evidence:
          - id: tuteurs-missionnes
            title: "Liste des formateurs"
            criterion: personnels-identifies
            file: tuteurs-distance-2025-2026.csv
          - id: mots-de-passe
            title: "Mots de passe"
            criterion: outils-distance
            file: ../../etc/passwd

        """

    @Test("an evidence path that escapes the dossier or is absolute: check and save fail with claim.yaml:line",
          arguments: ["../../etc/passwd", "/etc/passwd", "../../../../../../etc/passwd", "captures/../../claim.yaml", "~/secret.md"])
    func escapingPath(path: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let text = Self.escapingClaim.replacingOccurrences(of: "file: ../../etc/passwd", with: "file: \(path)")
        let (dir, _) = try dossierWithClaim(box, text)
        let line = try #require(lineNumber(of: "file: \(path)", in: text))
        let location = "badges/tutorat/claim.yaml:\(line): "
        for command in [["check"], ["check", "--json"], ["save", "-m", "x", "--author", testAuthor], ["check", "--renewal", "--since", "HEAD"]] {
            try expectRefused(box, command, in: dir, containing: [location, path])
        }
        try expectRefused(box, ["check"], in: dir, line: location + "path '\(path)' escapes the evidence folder")
        try expectRefused(box, ["check"], in: dir, lang: "fr_FR.UTF-8",
                          line: location + "le chemin « \(path) » sort du dossier de preuves")
    }

    @Test("a symbolic link in an evidence folder pointing outside: check and save fail")
    func symlinkOutside() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try createSymlink(at: dir.appendingPathComponent("badges/tutorat/evidence/x"), to: "/etc/passwd")
        let line = "'badges/tutorat/evidence/x' is a symbolic link pointing outside the dossier"
        try expectRefused(box, ["check"], in: dir, line: line)
        try expectRefused(box, ["check", "--json"], in: dir, line: line)
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, line: line)
        #expect(!(try box.gitOK(["ls-tree", "-r", "--name-only", "HEAD"], in: dir)).contains("evidence/x"))

        // Relative link climbing out of the badge, in a sub-folder.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("badges/tutorat/evidence/x"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("badges/tutorat/evidence/sous"), withIntermediateDirectories: true)
        try createSymlink(at: dir.appendingPathComponent("badges/tutorat/evidence/sous/y"), to: "../../../../dossier.yaml")
        try expectRefused(box, ["check"], in: dir, containing: ["badges/tutorat/evidence/sous/y"])
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, containing: ["badges/tutorat/evidence/sous/y"])
    }

    @Test("a recorded evidence file that is a symbolic link is refused")
    func recordedSymlink() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let evidence = dir.appendingPathComponent("badges/tutorat/evidence")
        let real = evidence.appendingPathComponent("procedure-historique-echanges.md")
        try FileManager.default.moveItem(at: real, to: evidence.appendingPathComponent("vraie.md"))
        try createSymlink(at: real, to: "vraie.md")
        try expectRefused(box, ["check"], in: dir, containing: ["procedure-historique-echanges.md", "symbolic link"])
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, containing: ["symbolic link"])
    }

    @Test("malformed YAML: check and save name badges/<id>/claim.yaml:<line>", arguments: [
        ("status: draft\nnarrative: x\n  bad: indent\nevidence: []\n", 3),
        ("status: draft\n\tnarrative: x\n", 2),
        ("status: draft\nevidence:\n  - id: a\n    title: \"A\"\n   criterion: x\n", 5),
    ])
    func malformedYAML(text: String, line: Int) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (dir, _) = try dossierWithClaim(box, badge: "plan-formation", text)
        let location = "badges/plan-formation/claim.yaml:\(line): "
        try expectRefused(box, ["check"], in: dir, containing: [location])
        try expectRefused(box, ["check", "--json"], in: dir, containing: [location])
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, containing: [location])
        try expectRefused(box, ["check"], in: dir, lang: "fr_FR.UTF-8", containing: [location, "YAML invalide"])
    }

    @Test("a duplicate key is reported at the duplicate's line")
    func duplicateKey() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (dir, _) = try dossierWithClaim(box, "status: draft\nnarrative: x\nstatus: ready\nevidence: []\n")
        let run = try expectRefused(box, ["check"], in: dir, containing: ["badges/tutorat/claim.yaml:", "status"])
        do {
            #expect(run.stderr.hasPrefix("badges/tutorat/claim.yaml:3:"), "\(run)")
        }
    }

    @Test("duplicate evidence ids: check and save fail at the second id's line")
    func duplicateEvidenceIDs() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let text = """
            status: ready
            narrative: x
            evidence:
              - id: classe-virtuelle
                title: "Classe virtuelle"
                criterion: outils-distance
                url: "https://lms.example.fr/a"
              - id: classe-virtuelle
                title: "Autre classe virtuelle"
                criterion: outils-distance
                url: "https://lms.example.fr/b"

            """
        let (dir, _) = try dossierWithClaim(box, text)
        let expected = "badges/tutorat/claim.yaml:8: duplicate evidence id: classe-virtuelle"
        try expectRefused(box, ["check"], in: dir, line: expected)
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, line: expected)
        try expectRefused(box, ["check"], in: dir, lang: "fr_FR.UTF-8",
                          line: "badges/tutorat/claim.yaml:8: identifiant de preuve en double : classe-virtuelle")
    }

    @Test("other claim errors name their line", arguments: [
        ("status: prete\n", 1, "status"),
        ("status: ready\ncouleur: bleu\n", 2, "couleur"),
        ("status: ready\nevidence:\n  - id: Note_Veille\n    title: T\n    criterion: outils-distance\n    url: https://x.example.fr\n", 3, "Note_Veille"),
        ("status: ready\nevidence:\n  - id: a\n    title: T\n    criterion: outils-distance\n    url: https://x.example.fr\n    file: a.md\n", 3, "a"),
        ("status: ready\nevidence:\n  - id: a\n    title: T\n    criterion: outils-distance\n    url: https://x.example.fr\n    sha256: \"00\"\n", 7, "sha256"),
        ("status: ready\nlevel: -1\n", 2, "level"),
        ("status: ready\ncoverage: \"9/8\"\n", 2, "coverage"),
    ])
    func claimErrors(text: String, line: Int, fragment: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (dir, _) = try dossierWithClaim(box, text)
        let run = try expectRefused(box, ["check"], in: dir, containing: ["badges/tutorat/claim.yaml:", fragment])
        let reported = run.stderr.split(separator: ":").dropFirst().first.flatMap { Int($0) }
        #expect(reported == line, "\(run)")
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, containing: ["badges/tutorat/claim.yaml:\(reported ?? 0):"])
    }

    @Test("an invalid UAI in dossier.yaml stops check and save with dossier.yaml:line")
    func invalidIdentityFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let identity = dir.appendingPathComponent("dossier.yaml")
        try edit(identity, replacing: "uai: \"0141234R\"", with: "uai: \"0141234S\"")
        let line = try #require(lineNumber(of: "0141234S", in: try readText(identity)))
        try expectRefused(box, ["check"], in: dir, containing: ["dossier.yaml:\(line):", "0141234S"])
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, containing: ["dossier.yaml:\(line):", "0141234S"])
        try edit(identity, replacing: "uai: \"0141234S\"", with: "uai: \"0141234R\"")
        try edit(identity, replacing: "siret: \"78345612200010\"", with: "siret: \"78345612200011\"")
        try expectRefused(box, ["check"], in: dir, containing: ["dossier.yaml:", "78345612200011"])
    }

    @Test("several broken claims: check prints one line per error")
    func severalErrors() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        try writeText("status: draft\ncouleur: bleu\n", to: dir.appendingPathComponent("badges/tutorat/claim.yaml"))
        try writeText("status: fini\n", to: dir.appendingPathComponent("badges/apprentis/claim.yaml"))
        let before = try snapshot(dir)
        let run = try box.dossier(["check"], in: dir)
        #expect(run.status == 1)
        #expect(run.stderrLines.count == 2, "\(run)")
        #expect(run.stderrLines.contains { $0.hasPrefix("badges/tutorat/claim.yaml:2: ") })
        #expect(run.stderrLines.contains { $0.hasPrefix("badges/apprentis/claim.yaml:1: ") })
        let save = try box.dossier(["save", "-m", "x", "--author", testAuthor], in: dir)
        #expect(save.status == 1)
        #expect(save.stderrLines.count == 2, "\(save)")
        expectUnchanged(before, try snapshot(dir), "check and save of a dossier with two broken claims")
    }

    @Test("a failed save also leaves alone the hashes it would have recorded in other badges")
    func failedSaveRecordsNothing() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let csv = dir.appendingPathComponent("badges/plan-formation/evidence/calendrier-sessions-2025-2026.csv")
        try writeText(try readText(csv) + "2026-06-01;session;hybride\n", to: csv)
        try writeText("status: draft\n\tnarrative: x\n", to: dir.appendingPathComponent("badges/tutorat/claim.yaml"))
        try expectRefused(box, ["save", "-m", "x", "--author", testAuthor], in: dir, containing: ["badges/tutorat/claim.yaml:2:"])
    }

    // MARK: names that are not UTF-8

    @Test("a file name that is not UTF-8 in an evidence folder: check and save fail")
    func nonUTF8NameInDossier() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let evidence = dir.appendingPathComponent("badges/tutorat/evidence")
        try createRawFile(named: Array("compte-rendu-".utf8) + [0xFF, 0xFE] + Array(".md".utf8), in: evidence, contents: "cr\n")
        for command in [["check"], ["check", "--json"], ["save", "-m", "x", "--author", testAuthor]] {
            try expectRefused(box, command, in: dir, containing: ["not UTF-8", "badges/tutorat/evidence/compte-rendu-"])
        }
        try expectRefused(box, ["check"], in: dir, lang: "fr_FR.UTF-8", containing: ["non UTF-8"])
        #expect(!(try box.gitOK(["ls-tree", "-r", "--name-only", "HEAD"], in: dir)).contains("compte-rendu-"))
    }

    @Test("a badge folder name that is not UTF-8 is refused")
    func nonUTF8BadgeFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let badges = dir.appendingPathComponent("badges")
        let name: [UInt8] = Array("tutor".utf8) + [0xE0]
        let path = Array(badges.path.utf8) + [0x2F] + name
        let made = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { mkdir($0, 0o755) }
        }
        try #require(made == 0)
        try expectRefused(box, ["check"], in: dir, containing: ["badges/tutor"])
    }

    @Test("add of a file whose name is not UTF-8 is refused")
    func addNonUTF8Name() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let incoming = box.url("in")
        try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        try createRawFile(named: Array("registre-".utf8) + [0xFF] + Array(".csv".utf8), in: incoming, contents: "a;b\n")
        let before = try snapshot(dir)
        let run = try box.shell(#"exec "$DOSSIER" add tutorat "$(printf '../in/registre-\377.csv')" --criterion historique-echanges"#, in: dir)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("not UTF-8"))
        #expect(run.stderr.contains("registre-"))
        expectUnchanged(before, try snapshot(dir), "add of a non-UTF-8 name")
    }
}
