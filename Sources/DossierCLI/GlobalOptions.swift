import ArgumentParser
import DossierCore
import Foundation

/// Options every command takes: language, catalogue, and the folder to work in.
public struct GlobalOptions: ParsableArguments {
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

    public init() {}

    public mutating func validate() throws {
        if let lang, Lang(rawValue: lang) == nil {
            throw ValidationError(L10n.t("--lang accepte fr ou en", "--lang takes fr or en"))
        }
    }

    /// Lets `dossier --lang fr check` mean `dossier check --lang fr`: global options written before
    /// the subcommand are moved after it, where every subcommand declares them.
    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        let withValue: Set<String> = ["--lang", "--catalogue", "-C"]
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if argument.hasPrefix("--lang=") || argument.hasPrefix("--catalogue=") {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        // A command group (`remote set`): the options go after the command that declares them.
        var end = index + 1
        if ["remote", "hub", "media"].contains(arguments[index]), end < arguments.count, !arguments[end].hasPrefix("-") { end += 1 }
        if arguments[index] == "hub", arguments[end - 1] == "member", end < arguments.count, !arguments[end].hasPrefix("-") { end += 1 }
        return Array(arguments[index..<end]) + leading + arguments[end...]
    }

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
