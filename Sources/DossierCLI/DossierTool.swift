internal import ArgumentParser
internal import DossierCore
internal import Foundation

/// The entry point of the `dossier` executable, which passes in its arguments and environment
/// (the library reads neither itself). The one place that chooses the language, runs the command
/// and turns a failure into lines on stderr and an exit code (`Failure`).
public enum DossierTool {
    /// Runs the command line; on failure, prints it in the user's language and ends the process
    /// with its exit code.
    public static func main(arguments: [String], environment: [String: String]) {
        // `dossier --version` alone is answered before the parser builds the command tree, which
        // costs more than the rest of the process (type metadata and conformance look-ups for every
        // command and option); the same answer as the root command's `--version`.
        if arguments == ["--version"] {
            Output.line(DossierCommand.toolVersion)
            return
        }
        let entry = EntryOptions.read(arguments)
        L10n.use(language(entry, environment: environment))
        do {
            var command = try parse(arguments, entry: entry)
            try command.run()
        } catch {
            guard let failure = Failure.of(error, lang: L10n.lang) else {
                // Help and version are "errors" that exit 0: the parser prints them in full.
                DossierCommand.exit(withError: error)
            }
            for line in failure.lines { Output.error(line) }
            Foundation.exit(failure.code)
        }
    }

    /// The language of the run: `--lang`, else the locale environment (LC_ALL, LC_MESSAGES, LANG).
    static func language(_ entry: EntryOptions.Entry, environment: [String: String]) -> Lang {
        entry.language ?? Lang.from(environment: environment)
    }

    /// The command to run, parsed from the arguments.
    static func parse(_ arguments: [String], entry: EntryOptions.Entry) throws -> ParsableCommand {
        let command = try DossierCommand.parseAsRoot(arguments)
        if entry.version, !(command is DossierCommand) { throw EntryOptions.versionWithSubcommand }
        return command
    }
}

/// What the entry point needs before the command tree is parsed: the language, so that help and
/// usage errors are in it (`dossier check --help --lang fr`), and whether `--version` was given.
/// Read by the parser, leniently: everything else is left to the command tree (and a mistake in
/// it to the command tree's own error).
struct EntryOptions: ParsableCommand {
    // No help flag: `--help` is for the command tree.
    static var configuration: CommandConfiguration { CommandConfiguration(helpNames: []) }

    @Option(name: .long) var lang: String?
    @Flag(name: .long) var version = false
    @Argument(parsing: .allUnrecognized) var others: [String] = []

    init() {}

    /// What the arguments say; nothing when they cannot be read (the command tree will say why).
    static func read(_ arguments: [String]) -> Entry {
        guard let options = (try? parseAsRoot(arguments)) as? EntryOptions else { return Entry(language: nil, version: false) }
        return Entry(language: options.lang.flatMap(Lang.init(rawValue:)), version: options.version)
    }

    struct Entry {
        let language: Lang?
        let version: Bool
    }

    /// Only `dossier --version` answers the version: given to a subcommand, it is a usage error (it
    /// would otherwise be taken silently, or mistaken for an option of that subcommand).
    static var versionWithSubcommand: ValidationError {
        ValidationError(L10n.t("--version va seul : « dossier --version »", "--version goes alone: `dossier --version`"))
    }
}
