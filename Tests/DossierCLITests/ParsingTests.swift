import ArgumentParser
import Foundation
import Testing
import TestServers
@testable import DossierCLI
@testable import DossierCore

/// Parsing and validation of the command line, in process.
@Suite("Parsing")
struct ParsingTests {
    func parse<T: ParsableCommand>(_ arguments: [String], as type: T.Type = T.self) throws -> T {
        let command = try DossierCommand.parseAsRoot(arguments)
        return try #require(command as? T, "parsed as \(Swift.type(of: command))")
    }

    /// The usage error for these arguments: exit code 64 and its one-line message.
    func usageError(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try DossierCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) should not parse", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(DossierCommand.exitCode(for: error) == .validationFailure, "\(arguments): \(error)", sourceLocation: sourceLocation)
            return DossierCommand.message(for: error)
        }
    }

    @Test("check: --renewal, --since and --json")
    func check() throws {
        let command = try parse(["check", "--renewal", "--since", "awards/tutorat/2025-06-01", "--json"], as: CheckCommand.self)
        #expect(command.renewal)
        #expect(command.since == "awards/tutorat/2025-06-01")
        #expect(command.json)
        let plain = try parse(["check"], as: CheckCommand.self)
        #expect(!plain.renewal && plain.since == nil && !plain.json)
        #expect(usageError(["check", "--since", "HEAD"])?.contains("--since") == true)
    }

    @Test("init: identity options and their validation")
    func initCommand() throws {
        let command = try parse(["init", "cfa", "--uai", "0141234R", "--name", "CFA", "--siret", "78345612200010",
                                 "--from", "sample-dossiers/batiment-caen", "--author", "A <a@b.fr>"], as: InitCommand.self)
        #expect(command.path == "cfa")
        #expect(command.uai == "0141234R")
        #expect(command.siret == "78345612200010")
        #expect(command.from == "sample-dossiers/batiment-caen")
        #expect(try parse(["init", "--uai", "0761234D", "--name", "CFA"], as: InitCommand.self).path == nil)
        // A wrong UAI or SIRET is bad input, refused when the command runs (exit 1, nothing created), not a usage error.
        #expect(try parse(["init", "--uai", "0141234X", "--name", "CFA"], as: InitCommand.self).uai == "0141234X")
        #expect(try parse(["init", "--uai", "0141234R", "--name", "CFA", "--siret", "78345612200011"], as: InitCommand.self).siret == "78345612200011")
        #expect(usageError(["init", "--name", "CFA"])?.contains("--uai") == true, "--uai is required without --from")
        #expect(usageError(["init"])?.contains("--uai and --name") == true)
        // With --from, the sample's identity gives them.
        let fromSample = try parse(["init", "cfa", "--from", "sample-dossiers/batiment-caen"], as: InitCommand.self)
        #expect(fromSample.uai == nil && fromSample.name == nil && fromSample.from == "sample-dossiers/batiment-caen")
    }

    /// FORMAT.md: a SIRET's spaces are ignored (`"783 456 122 00010"`), and dossier.yaml accepts it so.
    @Test("init accepts a SIRET written with spaces, and records it without them")
    func siretWithSpaces() throws {
        let folder = try TemporaryFolder(prefix: "cli-init")
        defer { folder.remove() }
        let command = try parse(["init", "cfa", "--uai", "0141234R", "--name", "CFA", "--siret", "783 456 122 00010",
                                 "--author", "Claire Lemonnier <claire@cfa.example.fr>", "-C", folder.path], as: InitCommand.self)
        #expect(command.siret == "783 456 122 00010")
        try command.run()
        let written = try folder.read("cfa/" + DossierIdentity.fileName)
        let identity = try DossierIdentity.parse(Array(written.utf8), file: DossierIdentity.fileName)
        #expect(identity.siret == "78345612200010", "\(written)")
        #expect(written.contains("78345612200010") && !written.contains("783 456"), "\(written)")
    }

    @Test("add, link, remove, set")
    func evidenceCommands() throws {
        let add = try parse(["add", "tutorat", "a.md", "b.csv", "--criterion", "outils-distance", "--title", "T"], as: AddCommand.self)
        #expect(add.badge == "tutorat")
        #expect(add.files == ["a.md", "b.csv"])
        #expect(add.criterion == "outils-distance")
        #expect(add.title == "T")
        #expect(usageError(["add", "tutorat", "--criterion", "outils-distance"]) != nil, "no file")
        #expect(usageError(["add", "tutorat", "a.md"]) != nil, "--criterion is required")

        let link = try parse(["link", "tutorat", "https://x.example.fr", "--criterion", "c", "--title", "T"], as: LinkCommand.self)
        #expect(link.kind.value == .web, "kind defaults to web")
        #expect(try parse(["link", "t", "https://x", "--criterion", "c", "--title", "T", "--kind", "lms"], as: LinkCommand.self).kind.value == .lms)
        #expect(usageError(["link", "t", "https://x", "--criterion", "c", "--title", "T", "--kind", "podcast"])?.contains("--kind") == true)

        let remove = try parse(["remove", "tutorat", "charte"], as: RemoveCommand.self)
        #expect(remove.badge == "tutorat" && remove.evidence == "charte")

        for field in ["status", "level", "coverage", "narrative"] {
            #expect(try parse(["set", "tutorat", field, "x"], as: SetCommand.self).field.value.rawValue == field)
        }
        #expect(usageError(["set", "tutorat", "couleur", "bleu"])?.contains("couleur") == true)
    }

    @Test("save, log, diff, status, catalogue")
    func historyCommands() throws {
        let save = try parse(["save", "-m", "Tutorat", "--author", "A <a@b.fr>", "--json"], as: SaveCommand.self)
        #expect(save.message == "Tutorat" && save.author == "A <a@b.fr>" && save.json)
        #expect(try parse(["save", "--message", "M"], as: SaveCommand.self).message == "M")
        #expect(usageError(["save", "-m", "   "]) != nil, "empty message")
        #expect(usageError(["save"]) != nil, "message required")

        #expect(try parse(["log", "-n", "3"], as: LogCommand.self).limit == 3)
        #expect(try parse(["log", "--limit", "2", "--json"], as: LogCommand.self).limit == 2)
        #expect(try parse(["log"], as: LogCommand.self).limit == nil)
        #expect(usageError(["log", "-n", "0"])?.contains("-n") == true)

        let diff = try parse(["diff", "HEAD~2", "HEAD", "--json"], as: DiffCommand.self)
        #expect(diff.from == "HEAD~2" && diff.to == "HEAD" && diff.json)
        let one = try parse(["diff", "v1"], as: DiffCommand.self)
        #expect(one.from == "v1" && one.to == nil)
        let none = try parse(["diff"], as: DiffCommand.self)
        #expect(none.from == nil && none.to == nil)
        #expect(usageError(["diff", "a", "b", "c"]) != nil)

        #expect(try parse(["status", "--json"], as: StatusCommand.self).json)
        #expect(try parse(["catalogue", "tutorat"], as: CatalogueCommand.self).badge == "tutorat")
        #expect(usageError(["inconnu"]) != nil)
    }

    @Test("global options: --lang, --catalogue, -C")
    func globalOptions() throws {
        let command = try parse(["status", "--lang", "fr", "--catalogue", "cat.yaml", "-C", "/srv/dossier"], as: StatusCommand.self)
        #expect(command.options.lang == "fr" && command.options.language == .fr)
        #expect(command.options.catalogue == "cat.yaml")
        #expect(command.options.workingFolder == "/srv/dossier")
        let relative = try parse(["status", "-C", "cfa"], as: StatusCommand.self)
        #expect(relative.options.workingFolder == FileManager.default.currentDirectoryPath + "/cfa")
        #expect(try parse(["status"], as: StatusCommand.self).options.workingFolder == FileManager.default.currentDirectoryPath)
        #expect(usageError(["status", "--lang", "de"])?.contains("--lang") == true)
        #expect(try parse(["status", "--lang", "en"], as: StatusCommand.self).options.language == .en)
    }

    @Test("the built-in catalogue loads; a missing --catalogue file is a one-line error")
    func catalogueLoading() throws {
        let builtin = try GlobalOptions.parse([]).loadCatalogue()
        #expect(builtin.badges.count == 12)
        #expect(builtin.version == "2026.1")
        let options = try GlobalOptions.parse(["--catalogue", "/nonexistent/catalogue.yaml"])
        do {
            _ = try options.loadCatalogue()
            Issue.record("a missing catalogue file should fail")
        } catch let error as DossierError {
            #expect(error.reason == .fileNotFound("/nonexistent/catalogue.yaml"))
            #expect(!error.text(.en).contains("\n"))
        }
    }
}

/// Small pieces of the text output.
@Suite("Output helpers")
struct OutputHelperTests {
    @Test("Table.pad counts characters, not bytes")
    func pad() {
        #expect(Table.pad("abc", 6) == "abc   ")
        #expect(Table.pad("référent", 10) == "référent  ")
        #expect(Table.pad("référent", 10).count == 10)
        #expect(Table.pad("accompagnement-projet", 10) == "accompagnement-projet ")
    }

    @Test("requirement descriptions in both languages")
    func requirement() {
        let requirement = Requirement(required: ["veille", "integration"], atLeast: 1, among: ["etudes", "cas-concrets"])
        #expect(requirement.text(.en)
                == "evidence for each of: veille, integration; and at least 1 of: etudes, cas-concrets")
        #expect(requirement.text(.fr)
                == "une preuve pour chacun de : veille, integration ; et au moins 1 parmi : etudes, cas-concrets")
        #expect(Requirement(required: [], atLeast: 2, among: ["a", "b", "c"]).text(.en) == "at least 2 of: a, b, c")
    }

    @Test("ProblemJSON: stable code, blocking flag, message with the badge filled in")
    func problemJSON() {
        let draft = ProblemJSON(.draft, lang: .en, badge: "tutorat")
        #expect(draft.code == "draft")
        #expect(draft.blocking)
        #expect(draft.message.contains("dossier set tutorat status ready"))
        #expect(!draft.message.contains("BADGE"))
        let french = ProblemJSON(.draft, lang: .fr, badge: "tutorat")
        #expect(french.code == "draft")
        #expect(french.message.contains("dossier set tutorat status ready"))
        #expect(french.message != draft.message)

        let unknown = ProblemJSON(.unknownCriterion(evidence: "podcast-apprentis", criterion: "podcasts"), lang: .en)
        #expect(unknown.code == "unknownCriterion")
        #expect(unknown.evidence == "podcast-apprentis")
        #expect(unknown.criterion == "podcasts")
        let advice = ProblemJSON(.unrecordedFile(path: "x.md"), lang: .en)
        #expect(!advice.blocking)
        #expect(advice.evidence == nil)
    }
}
