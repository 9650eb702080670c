import ArgumentParser
import Foundation
import Testing
@testable import DossierCLI
@testable import DossierCore

/// The entry point: the language of the run, global options before or after the subcommand, and
/// `--version` answered by the root command only.
@Suite("Entry point")
struct EntryTests {
    func parse(_ arguments: [String]) throws -> ParsableCommand {
        try DossierTool.parse(arguments, entry: EntryOptions.read(arguments))
    }

    /// Every command of the tree, as the words that name it (`["hub", "member", "add"]`).
    static func paths(_ type: ParsableCommand.Type = DossierCommand.self, prefix: [String] = []) -> [[String]] {
        type.configuration.subcommands.flatMap { sub -> [[String]] in
            let path = prefix + [sub.configuration.commandName ?? ""]
            return [path] + paths(sub, prefix: path)
        }
    }

    @Test("the language: --lang wherever it is written, even after --help; else none (the environment decides)")
    func language() {
        #expect(EntryOptions.read(["check", "--help", "--lang", "fr"]).language == .fr)
        #expect(EntryOptions.read(["--lang", "fr", "check"]).language == .fr)
        #expect(EntryOptions.read(["-C", "cfa", "status", "--lang=en"]).language == .en)
        #expect(EntryOptions.read(["hub", "vote", "0141234R", "tutorat", "approve", "--member", "m", "-m", "ok", "--lang", "fr"]).language == .fr)
        #expect(EntryOptions.read(["status"]).language == nil)
        #expect(EntryOptions.read(["status", "--lang", "de"]).language == nil, "refused later by the parser, in the environment's language")
        #expect(EntryOptions.read(["status", "--lang"]).language == nil)
        #expect(EntryOptions.read(["-h"]).language == nil && !EntryOptions.read(["-h"]).version)
    }

    @Test("the run's language: --lang, else the environment the executable passes in")
    func runLanguage() {
        #expect(DossierTool.language(EntryOptions.read(["status"]), environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(DossierTool.language(EntryOptions.read(["status"]), environment: ["LANG": "C.UTF-8"]) == .en)
        #expect(DossierTool.language(EntryOptions.read(["status"]), environment: [:]) == .en)
        #expect(DossierTool.language(EntryOptions.read(["status", "--lang", "en"]), environment: ["LANG": "fr_FR.UTF-8"]) == .en)
        #expect(DossierTool.language(EntryOptions.read(["check", "--help", "--lang", "fr"]), environment: ["LANG": "C.UTF-8"]) == .fr)
        #expect(DossierTool.language(EntryOptions.read(["status", "--lang", "de"]), environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(DossierTool.language(EntryOptions.read(["status"]), environment: ["LANG": "C.UTF-8", "LC_ALL": "fr_FR.UTF-8"]) == .fr)
    }

    @Test("global options before the subcommand, or after it")
    func globalOptionsBeforeSubcommand() throws {
        let before = try #require(try parse(["--lang", "fr", "-C", "/srv/cfa", "--catalogue", "c.yaml", "check"]) as? CheckCommand)
        #expect(before.options.language == .fr && before.options.workingFolder == "/srv/cfa" && before.options.catalogue == "c.yaml")
        let after = try #require(try parse(["check", "--lang", "fr", "-C", "/srv/cfa"]) as? CheckCommand)
        #expect(after.options.language == .fr && after.options.workingFolder == "/srv/cfa")
        let mixed = try #require(try parse(["--lang=en", "hub", "member", "add", "jean", "--role", "region", "-C", "/srv/hub"])
                                 as? HubMemberCommand.Add)
        #expect(mixed.options.language == .en && mixed.options.workingFolder == "/srv/hub" && mixed.id == "jean")
        let remote = try #require(try parse(["-C", "cfa", "remote", "set", "https://r.example/cfa.git"]) as? RemoteCommand.Set)
        #expect(remote.options.workingFolder.hasSuffix("/cfa"))
        #expect(throws: (any Error).self) { try parse(["--lang", "de", "status"]) }
    }

    @Test("dossier --version answers; --version given to any subcommand is a usage error")
    func versionAtRootOnly() throws {
        let root = try #require(try parse(["--version"]) as? DossierCommand)
        #expect(root.version)
        let paths = Self.paths()
        #expect(paths.contains(["hub", "member", "add"]) && paths.contains(["check"]) && paths.count > 30)
        for path in paths {
            do {
                let command = try parse(path + ["--version"])
                Issue.record("\(path) --version parsed as \(type(of: command))")
            } catch {
                let failure = try #require(Failure.of(error, lang: .en), "\(path) --version: not help nor version")
                #expect(failure.code == 64, "\(path) --version: \(failure)")
            }
        }
        let message = try #require(Failure.of(EntryOptions.versionWithSubcommand, lang: .en))
        #expect(message.lines == ["Error: --version goes alone: `dossier --version` (see --help)"])
        do {
            _ = try parse(["check", "--version"])
        } catch {
            #expect(try #require(Failure.of(error, lang: .en)).lines == message.lines)
        }
    }
}
