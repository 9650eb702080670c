import Foundation
import Testing
import TestServers

/// Text a CFA controls (titles, narratives, file names, commit and tag messages, its name) and text
/// a reviewer writes, full of escape sequences, carriage returns, backspaces, bidi overrides,
/// zero-width characters and line feeds, driven through every command that prints it: nothing a
/// terminal would obey or hide reaches stdout or stderr, and the text stays recognisable.
@Suite("Hostile text never reaches the terminal raw")
struct HostileTextTests {
    /// Clears the screen, retitles the window, rings, overwrites the line, forges a new line,
    /// reverses what follows and hides a character.
    static let hostile = "Charte\u{1B}[2J\u{1B}]0;pwned\u{07}\u{08}\u{08}\rVALIDÉ PAR LA RÉGION\u{202E}fdp.exe\u{200B}\u{2066}x\u{2069}\u{2028}\u{FEFF}\nFAUX\u{9B}31m"
    /// The same, as it must be shown.
    static let shown = "Charte\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{8}\\u{8}\\rVALIDÉ PAR LA RÉGION\\u{202E}fdp.exe\\u{200B}\\u{2066}x\\u{2069}\\u{2028}\\u{FEFF}\\nFAUX\\u{9B}31m"
    /// A file name a CFA can give (no line feed, no slash).
    static let fileName = "preuve\u{1B}[2J\u{07}\r\u{202E}dm.exe\u{200B}.md"
    static let fileNameShown = "preuve\\u{1B}[2J\\u{7}\\r\\u{202E}dm.exe\\u{200B}.md"
    /// A file name the hub accepts in a tree (it refuses C0 controls): bidi, zero-width, C1.
    static let acceptedName = "preuve\u{202E}dm.exe\u{200B}\u{9B}2J\u{2068}.md"
    static let acceptedNameShown = "preuve\\u{202E}dm.exe\\u{200B}\\u{9B}2J\\u{2068}.md"

    /// Characters a terminal obeys or does not show, found independently of the product's own list.
    static func unsafe(_ text: String) -> [String] {
        let invisible: Set<UInt32> = [0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060,
                                      0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]
        return text.unicodeScalars.filter { scalar in
            let value = scalar.value
            if scalar == "\n" { return false }
            return value < 0x20 || (0x7F...0x9F).contains(value) || invisible.contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || (0xE0000...0xE007F).contains(value)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Nothing unsafe on stdout or stderr of this run.
    static func expectSafe(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = unsafe(result.stdout) + unsafe(result.stderr)
        #expect(found.isEmpty, "raw \(Set(found).sorted()) reached the terminal: \(result)", sourceLocation: sourceLocation)
    }

    @Test("CFA side: check, status, diff, log, save, add and their JSON")
    func cfaSide() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen", cfaName: "CFA \(Self.hostile)")
        try box.dossierOK(["save", "-m", "Base"], in: dir)
        let file = try box.write("Procédure des tuteurs\n", to: Self.fileName)
        let added = try box.dossier(["add", "tutorat", file.path, "--criterion", "historique-echanges", "--title", Self.hostile], in: dir)
        Self.expectSafe(added)
        try #require(added.status == 0, "\(added)")
        let narrative = try box.dossier(["set", "tutorat", "narrative", "Récit\n" + Self.hostile + "\nfin"], in: dir)
        Self.expectSafe(narrative)
        try #require(narrative.status == 0, "\(narrative)")

        for arguments in [["status"], ["diff"], ["check"], ["status", "--json"], ["diff", "--json"], ["check", "--json"]] {
            let result = try box.dossier(arguments, in: dir)
            Self.expectSafe(result)
            if !arguments.contains("--json") {
                #expect(result.status == 0, "\(result)")
            }
        }
        let status = try box.dossierOK(["status"], in: dir)
        #expect(status.stdout.contains(Self.shown), "the title and the narrative line are still readable: \(status)")
        #expect(status.stdout.contains(Self.fileNameShown), "the file name is readable: \(status)")
        #expect(!status.stdoutLines.contains { $0.hasPrefix("FAUX") || $0.hasPrefix("VALIDÉ") }, "a forged line: \(status)")
        let check = try box.dossierOK(["check"], in: dir)
        #expect(check.stdoutLines.first?.hasPrefix("CFA Charte\\u{1B}[2J") == true, "\(check)")

        let saved = try box.dossier(["save", "-m", Self.hostile], in: dir)
        Self.expectSafe(saved)
        let log = try box.dossierOK(["log"], in: dir)
        Self.expectSafe(log)
        #expect(log.stdout.contains("Charte\\u{1B}[2J"), "\(log)")
        let json = try box.dossierOK(["log", "--json"], in: dir)
        Self.expectSafe(json)
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        let first = (object?["commits"] as? [[String: Any]])?.first?["message"] as? String
        #expect(first?.hasPrefix(Self.hostile) == true, "JSON keeps the exact text: \(String(describing: first))")
        Self.expectSafe(try box.dossier(["diff", "HEAD~1", "HEAD"], in: dir))

        // A catalogue file is outside text too (`--catalogue FILE`).
        let builtin = packageRoot.appendingPathComponent("Sources/DossierCore/Resources/catalogue.yaml")
        let catalogue = try readText(builtin).replacingOccurrences(of: "title: \"Prospection\"",
                                                                     with: "title: \"Prospection\\e[2J\\u202E\\a\\r\\nFAUX\"")
        let file2 = try box.write(catalogue, to: "catalogue.yaml")
        for arguments in [["catalogue"], ["catalogue", "prospection"], ["check"]] {
            let result = try box.dossier(arguments + ["--catalogue", file2.path], in: dir)
            Self.expectSafe(result)
            #expect(result.status == 0, "\(result)")
            if arguments == ["catalogue"] { #expect(result.stdout.contains("Prospection\\u{1B}[2J\\u{202E}"), "\(result)") }
        }

        // Errors that echo what the user typed: an unknown option, an unknown badge, a missing file.
        for arguments in [["status", "--\(Self.hostile)"], ["set", Self.hostile, "status", "ready"], ["add", "tutorat", "/nulle/\(Self.fileName)", "--criterion", "x"]] {
            let refused = try box.dossier(arguments, in: dir)
            #expect(refused.status != 0)
            Self.expectSafe(refused)
            #expect(refused.stderrLines.count == 1, "one line, the line feed shown: \(refused)")
        }
    }

    @Test("hub side: reconcile, cfas, queue, show, diff, vote, log, label, export")
    func hubSide() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = HubLab(box: box)
        let caen = SampleCFA.caen, rouen = SampleCFA.rouen
        for cfa in [caen, rouen] { try box.gitOK(["init", "--quiet", "--bare", "-b", "main", box.url("\(cfa.uai).git").path], in: box.root) }
        try lab.prepare(caen, remote: box.url("\(caen.uai).git").path)
        try lab.prepare(rouen, remote: box.url("\(rouen.uai).git").path)

        // Caen: a hostile title, narrative, file name, commit message and tag message.
        let file = try box.write("Procédure des tuteurs\n", to: Self.acceptedName)
        try lab.cfaOK(caen, ["add", "tutorat", file.path, "--criterion", "historique-echanges", "--title", Self.hostile])
        try lab.cfaOK(caen, ["set", "tutorat", "narrative", "Récit\n" + Self.hostile])
        try lab.cfaOK(caen, ["save", "-m", Self.hostile, "--author", caen.author])
        _ = try lab.submit(caen, ["tutorat"], message: Self.hostile)
        try lab.sync(caen)

        // Rouen: a file whose name the hub refuses, with a hostile commit and tag message, pushed with git.
        try box.write("x\n", to: "\(rouen.folder)/badges/tutorat/evidence/\(Self.fileName)")
        try lab.git(rouen, ["add", "-A"])
        try lab.git(rouen, ["-c", "user.name=R", "-c", "user.email=r@example.fr", "commit", "--quiet", "-m", Self.hostile])
        try lab.git(rouen, ["-c", "user.name=R", "-c", "user.email=r@example.fr", "tag", "-a", "submissions/tutorat/2027-01-10-1",
                            "-m", Self.hostile])
        try lab.git(rouen, ["push", "--quiet", "origin", "main", "submissions/tutorat/2027-01-10-1"])

        try lab.createHub()
        try lab.hubOK(["register", caen.uai, box.url("\(caen.uai).git").path, "--name", "CFA \(Self.hostile)"])
        try lab.hubOK(["register", rouen.uai, box.url("\(rouen.uai).git").path, "--name", rouen.name])
        try lab.addPeerGroup()

        let reconcile = try lab.hub(["reconcile"])
        Self.expectSafe(reconcile)
        #expect(reconcile.status == 6, "Rouen's tree is refused: \(reconcile)")
        #expect(reconcile.stdout.contains("\\u{1B}[2J"), "the refused name is shown, escaped: \(reconcile)")
        // On a terminal, reconcile reports each CFA as it is done: the refused name, escaped there too.
        let onTerminal = try box.shell("script -qec \"$DOSSIER hub reconcile\" /dev/null", in: lab.hubFolder)
        let terminalText = onTerminal.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(Self.unsafe(terminalText).isEmpty, "raw \(Set(Self.unsafe(terminalText)).sorted()) on the terminal: \(onTerminal)")
        #expect(terminalText.contains("] \(rouen.uai) failed: ") && terminalText.contains(Self.fileNameShown), "\(onTerminal)")

        for lang in ["C.UTF-8", "fr_FR.UTF-8"] {
            for arguments in [["cfas"], ["queue"], ["show", caen.uai, "tutorat"], ["diff", caen.uai, "tutorat"], ["log"], ["log", rouen.uai],
                              ["label", caen.uai], ["export", "--format", "csv"], ["export", "--format", "json"], ["cfas", "--json"],
                              ["show", caen.uai, "tutorat", "--json"], ["diff", caen.uai, "tutorat", "--json"], ["log", "--json"],
                              ["member", "list"]] {
                var result = try lab.hub(arguments, lang: lang)
                if arguments.contains("csv") {
                    // A spreadsheet file: its byte-order mark and CRLF line ends are meant; its fields are checked.
                    #expect(result.stdout.hasPrefix("\u{FEFF}"))
                    let fields = String(result.stdout.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n")
                    result = RunResult(arguments: result.arguments, status: result.status, stdoutData: Data(fields.utf8),
                                       stderrData: result.stderrData)
                    #expect(fields.contains("CFA " + Self.shown.replacingOccurrences(of: "\"", with: "\"\"")), "\(fields)")
                }
                Self.expectSafe(result)
                #expect(result.status == 0, "\(result)")
            }
        }
        let show = try lab.hubOK(["show", caen.uai, "tutorat"])
        #expect(show.stdout.contains("Message: " + Self.shown), "\(show)")
        #expect(show.stdout.contains(Self.acceptedNameShown) && show.stdout.contains("« \(Self.shown) »"), "\(show)")
        let cfas = try lab.hubOK(["cfas"])
        #expect(cfas.stdout.contains("CFA " + Self.shown), "\(cfas)")

        // A reviewer's reason, and the votes and log that show it.
        try lab.hubOK(["vote", caen.uai, "tutorat", "changes", "--member", HubLab.Member.marc, "-m", Self.hostile])
        for arguments in [["show", caen.uai, "tutorat"], ["log", caen.uai], ["queue"]] {
            let result = try lab.hubOK(arguments)
            Self.expectSafe(result)
        }
        #expect(try lab.hubOK(["log", caen.uai]).stdout.contains("« \(Self.shown) »"))
        // The CFA reads the reviewers' reasons after a sync.
        try lab.hubOK(["reconcile", caen.uai])
        try lab.sync(caen)
        let status = try lab.cfaOK(caen, ["status"])
        Self.expectSafe(status)
        #expect(status.stdout.contains(Self.shown), "the reason sent back, escaped: \(status)")
        Self.expectSafe(try lab.cfaOK(caen, ["check"]))

        // A renewal whose text evidence now holds the hostile lines: `hub diff` and `hub show` print
        // the lines of the replaced file.
        try lab.hubOK(["vote", caen.uai, "tutorat", "approve", "--member", HubLab.Member.marc, "-m", "Vu"])
        try lab.hubOK(["vote", caen.uai, "tutorat", "approve", "--member", HubLab.Member.claire, "-m", "Vu"])
        try lab.hubOK(["award", caen.uai, "tutorat", "--member", HubLab.Member.sophie])
        try lab.hubOK(["reconcile", caen.uai])
        try lab.sync(caen)
        try writeText("Procédure des tuteurs\n" + Self.hostile + "\n",
                      to: lab.folder(caen).appendingPathComponent("badges/tutorat/evidence/\(Self.acceptedName)"))
        try lab.cfaOK(caen, ["save", "-m", "Procédure mise à jour", "--author", caen.author])
        _ = try lab.submit(caen, ["tutorat"], message: "Renouvellement")
        try lab.sync(caen)
        try lab.hubOK(["reconcile", caen.uai])
        for arguments in [["diff", caen.uai, "tutorat"], ["show", caen.uai, "tutorat"]] {
            let result = try lab.hubOK(arguments)
            Self.expectSafe(result)
            #expect(result.stdout.contains("Content of badges/tutorat/evidence/\(Self.acceptedNameShown):"), "\(result)")
            #expect(result.stdout.contains("+ Charte\\u{1B}[2J\\u{1B}]0;pwned"), "the replaced line, escaped: \(result)")
        }
        Self.expectSafe(try lab.cfaOK(caen, ["diff", "HEAD~1", "HEAD"]))
    }
}
