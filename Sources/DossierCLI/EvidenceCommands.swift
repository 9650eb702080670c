internal import ArgumentParser
internal import DossierCore
internal import Foundation

/// `dossier add`: copies evidence files into a badge and records them.
struct AddCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "add",
            abstract: L10n.t("Ajoute des fichiers de preuve à un badge.", "Add evidence files to a badge."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge (voir « dossier catalogue »).", "Badge id (see `dossier catalogue`).")))
    var badge: String
    @Argument(help: ArgumentHelp(L10n.t("Fichiers à ajouter.", "Files to add.")))
    var files: [String]
    @Option(help: ArgumentHelp(L10n.t("Critère que ces preuves appuient.", "Criterion these files support.")))
    var criterion: String
    @Option(help: ArgumentHelp(L10n.t("Titre de la preuve (par défaut : le nom du fichier).", "Evidence title (default: the file name).")))
    var title: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError(L10n.t("aucun fichier donné", "no file given")) }
    }

    func run() throws {
        let context = try CommandContext(options)
        let workspace = try context.workspace()
        let absolute = files.map { $0.hasPrefix("/") ? $0 : context.folder + "/" + $0 }
        let added = try workspace.editor.add(badge: badge, files: absolute, criterion: criterion, title: title)
        for evidence in added {
            Output.line(context.t("Preuve ajoutée à \(badge) : \(evidence.id) (\(evidence.title)) → \(evidence.criterion)",
                                  "Evidence added to \(badge): \(evidence.id) (\(evidence.title)) → \(evidence.criterion)"))
        }
    }
}

/// `dossier link`: records an online evidence.
struct LinkCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "link",
            abstract: L10n.t("Ajoute une preuve en ligne (cours LMS, vidéo, page web) à un badge.",
                             "Add an online evidence (LMS course, video, web page) to a badge."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge.", "Badge id.")))
    var badge: String
    @Argument(help: ArgumentHelp(L10n.t("Adresse http(s).", "http(s) address.")))
    var url: String
    @Option(help: ArgumentHelp(L10n.t("Critère que cette preuve appuie.", "Criterion this evidence supports.")))
    var criterion: String
    @Option(help: ArgumentHelp(L10n.t("Titre de la preuve.", "Evidence title.")))
    var title: String
    @Option(help: ArgumentHelp(L10n.t("Nature de la preuve.", "Kind of evidence.")))
    var kind = Choice(Evidence.Kind.web)

    func run() throws {
        let context = try CommandContext(options)
        let evidence = try context.workspace().editor.link(
            badge: badge, url: url, criterion: criterion, title: title, kind: kind.value)
        Output.line(context.t("Lien ajouté à \(badge) : \(evidence.id) (\(evidence.title)) → \(evidence.criterion)",
                              "Link added to \(badge): \(evidence.id) (\(evidence.title)) → \(evidence.criterion)"))
    }
}

/// `dossier remove`: removes an evidence and its file.
struct RemoveCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "remove",
            abstract: L10n.t("Retire une preuve (son entrée et son fichier).", "Remove an evidence (its entry and its file)."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge.", "Badge id.")))
    var badge: String
    @Argument(help: ArgumentHelp(L10n.t("Identifiant de la preuve.", "Evidence id."), valueName: "evidence-id"))
    var evidence: String

    func run() throws {
        let context = try CommandContext(options)
        try context.workspace().editor.remove(badge: badge, evidence: evidence)
        Output.line(context.t("Preuve \(evidence) retirée du badge \(badge).", "Evidence \(evidence) removed from badge \(badge)."))
    }
}

/// `dossier set`: sets a claim field without editing YAML.
struct SetCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "set",
            abstract: L10n.t("Règle un champ d'un badge : status, level, coverage ou narrative.",
                             "Set a badge field: status, level, coverage or narrative."),
            discussion: L10n.t("""
                status : draft ou ready. level : 0, 1, 2, 3 ou none. coverage : couverts/total (ex. 8/12) ou none. \
                narrative : le texte ; « - » le lit sur l'entrée standard.
                """, """
                status: draft or ready. level: 0, 1, 2, 3 or none. coverage: covered/total (e.g. 8/12) or none. \
                narrative: the text; `-` reads it from standard input.
                """))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge.", "Badge id.")))
    var badge: String
    @Argument(help: ArgumentHelp(L10n.t("Champ à modifier.", "Field to change.")))
    var field: Choice<DossierEditor.Field>
    @Argument(help: ArgumentHelp(L10n.t("Nouvelle valeur.", "New value.")))
    var value: String

    func run() throws {
        let context = try CommandContext(options)
        var text = value
        if field.value == .narrative, value == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        try context.workspace().editor.set(badge: badge, field: field.value, value: text)
        Output.line(context.t("\(badge) : \(field.value.rawValue) mis à jour.", "\(badge): \(field.value.rawValue) updated."))
    }
}
