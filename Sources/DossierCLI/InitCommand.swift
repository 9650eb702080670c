internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation

/// `dossier init`: creates a dossier and its first save.
struct InitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "init",
            abstract: L10n.t("Crée un dossier (dépôt git, branche main) et son premier enregistrement.",
                             "Create a dossier (git repository, branch main) and its first save."))
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp(L10n.t("Dossier à créer (par défaut : le dossier courant).", "Folder to create (default: the current folder).")))
    var path: String?

    @Option(help: ArgumentHelp(L10n.t("UAI du CFA : 7 chiffres et la lettre de contrôle (avec --from : celui de l'exemple par défaut).",
                                      "The CFA's UAI: 7 digits and the check letter (with --from: the sample's by default).")))
    var uai: String?

    @Option(help: ArgumentHelp(L10n.t("Nom du CFA (avec --from : celui de l'exemple par défaut).",
                                      "The CFA's name (with --from: the sample's by default).")))
    var name: String?

    @Option(help: ArgumentHelp(L10n.t("SIRET du CFA (14 chiffres).", "The CFA's SIRET (14 digits).")))
    var siret: String?

    @Option(help: ArgumentHelp(L10n.t("Partir d'un dossier exemple (ex. sample-dossiers/batiment-caen).",
                                      "Start from a sample dossier (e.g. sample-dossiers/batiment-caen)."), valueName: "sample"))
    var from: String?

    @Option(help: ArgumentHelp(L10n.t("Auteur : \"Nom <courriel>\".", "Author: \"Name <mail>\".")))
    var author: String?

    func validate() throws {
        guard from == nil else { return }
        let missing = [uai == nil ? "--uai" : nil, name == nil ? "--name" : nil].compactMap { $0 }
        guard missing.isEmpty else {
            let list = missing.joined(separator: L10n.t(" et ", " and "))
            throw ValidationError(L10n.t("\(list) requis (ou --from EXEMPLE, qui les donne)",
                                         "\(list) required (or --from SAMPLE, which gives them)"))
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let target = path.map { $0.hasPrefix("/") ? $0 : context.folder + "/" + $0 } ?? context.folder
        let sample = from.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
        // Without --uai or --name, the sample's identity gives them (validate() required --from).
        var uai = self.uai ?? "", name = self.name ?? ""
        if let sample, self.uai == nil || self.name == nil {
            let file = sample + "/" + DossierIdentity.fileName
            guard let bytes = FileManager.default.contents(atPath: file) else { throw DossierError(.fileNotFound(file)) }
            let identity = try DossierIdentity.parse([UInt8](bytes), file: file)
            uai = self.uai ?? identity.uai
            name = self.name ?? identity.name
        }
        let signature = try author.map { text in
            guard let signature = Workspace.parseAuthor(text) else {
                throw DossierError(.invalidValue(field: "--author", value: text, expected: .author))
            }
            return signature
        }
        let (workspace, save) = try Workspace.create(
            at: target, identity: DossierIdentity(uai: uai, name: name, siret: siret?.replacingOccurrences(of: " ", with: "")), sample: sample,
            catalogue: context.catalogue, message: context.t("Création du dossier", "Create the dossier"), author: signature)
        Output.line(context.t("Dossier créé dans \(workspace.root) (enregistrement \(save.shortCommit)).",
                              "Dossier created in \(workspace.root) (save \(save.shortCommit))."))
        Output.line(context.t("Étape suivante : « dossier check » pour voir ce que chaque badge demande.",
                              "Next: `dossier check` shows what each badge still needs."))
    }
}
