internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import Git

/// Options every command takes: language, catalogue, and the folder to work in.
///
/// The root command declares them too (hidden in its help), and the parser gives the value it
/// decoded there to every subcommand's `@OptionGroup`: so they may be written before the
/// subcommand (`dossier --lang fr check`, `dossier -C path status`) or after it.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L10n.t("Langue des messages : fr ou en (par défaut : selon LANG).",
                                                    "Message language: fr or en (default: from LANG).")))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp(L10n.t("Utiliser ce fichier catalogue au lieu de celui reçu de la Région (ou du catalogue intégré).",
                                                    "Use this catalogue file instead of the one the dossier received from the Région (or the built-in one)."),
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

    /// Loads the catalogue: `--catalogue FILE`, else the newest version the dossier in the working
    /// folder received from the Région (`ReceivedCatalogues`: checked when sync fetched it, and
    /// against its recorded hash now), else the built-in one.
    func loadCatalogue() throws -> Catalogue {
        guard let catalogue else {
            if let repository = try? Repository.open(at: workingFolder), let received = try ReceivedCatalogues.newest(repository: repository) {
                return received
            }
            return try Catalogue.builtin()
        }
        guard let data = FileManager.default.contents(atPath: catalogue) else { throw DossierError(.fileNotFound(catalogue)) }
        return try Catalogue.load([UInt8](data), file: catalogue)
    }
}
