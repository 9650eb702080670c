internal import ArgumentParser
internal import DossierCore
internal import Foundation

/// Options every command takes: language, catalogue, and the folder to work in.
///
/// The root command declares them too (hidden in its help), and the parser gives the value it
/// decoded there to every subcommand's `@OptionGroup`: so they may be written before the
/// subcommand (`dossier --lang fr check`, `dossier -C path status`) or after it.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L10n.t("Langue des messages : fr ou en (par défaut : selon LANG).",
                                                    "Message language: fr or en (default: from LANG).")))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp(L10n.t("Utiliser ce fichier catalogue au lieu du catalogue intégré.",
                                                    "Use this catalogue file instead of the built-in one."),
                                             valueName: "file"))
    var catalogue: String?

    @Option(name: .customShort("C"), help: ArgumentHelp(L10n.t("Travailler dans ce dossier plutôt que le dossier courant.",
                                                                 "Work in this folder instead of the current one."),
                                                          valueName: "path"))
    var directory: String?

    init() {}

    // `--lang` stays text checked here: the root command declares these options too (hidden), and
    // the parser's own refusal of a value then names neither the option's value nor the accepted ones.
    mutating func validate() throws {
        if let lang, Lang(rawValue: lang) == nil {
            throw ValidationError(L10n.t("--lang accepte fr ou en", "--lang takes fr or en"))
        }
    }

    /// The language `--lang` asked for, if any.
    var language: Lang? { lang.flatMap(Lang.init(rawValue:)) }

    /// The folder commands work in.
    var workingFolder: String {
        let current = FileManager.default.currentDirectoryPath
        guard let directory else { return current }
        return directory.hasPrefix("/") ? directory : current + "/" + directory
    }

    /// Loads the catalogue: the built-in one or `--catalogue FILE`.
    func loadCatalogue() throws -> Catalogue {
        guard let catalogue else { return try Catalogue.builtin() }
        guard let data = FileManager.default.contents(atPath: catalogue) else { throw DossierError(.fileNotFound(catalogue)) }
        return try Catalogue.load([UInt8](data), file: catalogue)
    }
}
