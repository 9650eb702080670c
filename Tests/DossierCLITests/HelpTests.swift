import ArgumentParser
import Foundation
import Testing
@testable import DossierCLI
@testable import DossierCore

/// The help texts, in the run's language (English in process: only the entry point chooses another;
/// LanguageTests run the binary in both).
@Suite("Help")
struct HelpTests {
    /// Picks the expected text for this process's language.
    func t(_ fr: String, _ en: String) -> String { L10n.lang == .fr ? fr : en }

    static let subcommands: [(name: String, type: ParsableCommand.Type)] = [
        ("init", InitCommand.self), ("catalogue", CatalogueCommand.self), ("add", AddCommand.self), ("link", LinkCommand.self),
        ("remove", RemoveCommand.self), ("retitle", RetitleCommand.self), ("move", MoveCommand.self), ("set", SetCommand.self), ("check", CheckCommand.self), ("save", SaveCommand.self),
        ("status", StatusCommand.self), ("log", LogCommand.self), ("diff", DiffCommand.self),
        ("clone", CloneCommand.self), ("remote set", RemoteCommand.Set.self), ("sync", SyncCommand.self),
        ("submit", SubmitCommand.self), ("propose new", ProposeCommand.New.self), ("resolve", ResolveCommand.self), ("media fetch", MediaCommand.Fetch.self),
        ("badges export", BadgesCommand.Export.self), ("verify", VerifyCommand.self), ("ui", UICommand.self), ("hub init", HubInitCommand.self),
    ]

    @Test("L10n.t says the run's language")
    func languageOfTheRun() {
        #expect(L10n.t("oui", "yes") == (L10n.lang == .fr ? "oui" : "yes"))
    }

    @Test("the root help lists every subcommand, the exit codes and the version")
    func rootHelp() {
        let help = DossierCommand.helpMessage()
        for (name, _) in Self.subcommands {
            let root = name.split(separator: " ")[0]
            #expect(help.contains("  \(root) "), "root help lists \(root)")
        }
        #expect(help.contains(t("Codes de sortie", "Exit codes")))
        #expect(help.contains("64"))
        #expect(help.contains("CFA numérique normand"))
        #expect(DossierCommand.toolVersion == "0.1.0")
        #expect(DossierCommand.configuration.subcommands.map { $0.configuration.commandName }
                == Self.subcommands.map { String($0.name.split(separator: " ")[0]) })
    }

    @Test("every subcommand's help has its name, the global options and a localised abstract")
    func everySubcommand() {
        for (name, type) in Self.subcommands {
            let help = DossierCommand.helpMessage(for: type)
            #expect(help.contains("dossier \(name)"), "usage line of \(name)")
            #expect(help.contains("--lang"), "\(name) takes --lang")
            #expect(help.contains("--catalogue"), "\(name) takes --catalogue")
            #expect(help.contains("-C <path>"), "\(name) takes -C")
            let abstract = type.configuration.abstract
            #expect(!abstract.isEmpty)
            #expect(help.contains(String(abstract.prefix(20))), "\(name) shows its abstract")
            #expect(!help.contains("--version"), "\(name)'s help offers --version, which only the root answers")
        }
        #expect(DossierCommand.helpMessage().contains("--version"), "the root's help offers --version")
    }

    @Test("key options of each command", arguments: [
        ("init", ["--uai", "--name", "--siret", "--from", "--author", "<path>"]),
        ("catalogue", ["--json", "<badge>"]),
        ("add", ["--criterion", "--title", "<badge>", "<files>"]),
        ("link", ["--criterion", "--title", "--kind", "<url>"]),
        ("remove", ["<badge>", "<evidence-id>"]),
        ("retitle", ["<badge>", "<evidence-id>", "<title>"]),
        ("move", ["<badge>", "<evidence-id>", "--criterion"]),
        ("set", ["<badge>", "<field>", "<value>", "status", "level", "coverage", "narrative"]),
        ("check", ["--renewal", "--since", "<revision>", "--json"]),
        ("save", ["--message", "-m", "--author", "--json"]),
        ("status", ["--json"]),
        ("log", ["--limit", "-n", "--json"]),
        ("diff", ["<from>", "<to>", "--json"]),
        ("badges export", ["<badge>", "--format", "--output", "-o"]),
        ("verify", ["<file-or-url>", "--offline", "--key", "--status-list", "--json"]),
        ("propose new", ["<slug>", "--title"]),
    ])
    func keyOptions(name: String, options: [String]) throws {
        let type = try #require(Self.subcommands.first { $0.name == name }?.type)
        let help = DossierCommand.helpMessage(for: type)
        for option in options { #expect(help.contains(option), "\(name) help mentions \(option)") }
        // The subcommand's own help (without the root) says the same.
        let own = type.helpMessage()
        for option in options { #expect(own.contains(option)) }
    }

    @Test("localised texts in the help")
    func localisedTexts() {
        let check = DossierCommand.helpMessage(for: CheckCommand.self)
        #expect(check.contains(t("Vérifie chaque badge", "Check every badge")))
        #expect(check.contains(t("Sortie JSON.", "JSON output.")))
        #expect(check.contains("awards/<badge>/"))
        let set = DossierCommand.helpMessage(for: SetCommand.self)
        #expect(set.contains(t("draft ou ready", "draft or ready")))
        let initHelp = DossierCommand.helpMessage(for: InitCommand.self)
        #expect(initHelp.contains(t("7 chiffres et la lettre de contrôle", "7 digits and the check letter")))
        let link = DossierCommand.helpMessage(for: LinkCommand.self)
        #expect(link.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("values: video, lms, web"), "\(link)")
        let global = DossierCommand.helpMessage(for: StatusCommand.self)
        #expect(global.contains(t("fr ou en", "fr or en")))
    }
}
