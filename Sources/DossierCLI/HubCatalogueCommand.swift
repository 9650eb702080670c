internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub catalogue list|show|edit|check|publish`: the Région's catalogue versions.
struct HubCatalogueCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "catalogue",
            abstract: L10n.t("Les versions du catalogue de la Région : brouillon, publication, diffusion aux CFA.",
                             "The Région's catalogue versions: draft, publication, delivery to the CFAs."),
            discussion: L10n.t("""
                Le catalogue est dans le dossier catalogue/ du hub : versions/<version>.yaml (chaque version publiée, jamais modifiée), \
                draft.yaml (la prochaine version). « edit » crée le brouillon depuis la dernière version ; modifiez-le, « check » le vérifie, \
                « publish » le publie. Le prochain « hub reconcile » envoie les versions publiées à chaque CFA (refs/dossier/catalogue).
                """, """
                The catalogue lives in the hub's catalogue/ folder: versions/<version>.yaml (each published version, never changed), \
                draft.yaml (the next version). `edit` makes the draft from the newest version; edit it, `check` checks it, \
                `publish` publishes it. The next `hub reconcile` sends the published versions to every CFA (refs/dossier/catalogue).
                """),
            subcommands: [List.self, Show.self, Edit.self, AddBadge.self, Check.self, Publish.self])
    }

    /// The hub's catalogues (the hub folder must be a hub).
    static func catalogues(_ options: GlobalOptions, _ hubOptions: HubOptions) throws -> (HubContext, HubCatalogues) {
        let context = try HubContext(options, hubOptions)
        return (context, try context.hub.catalogues)
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: L10n.t("Liste les versions publiées.", "List the published versions."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

        struct Entry: Encodable {
            let version: String
            let message: String?
            let member: String?
            let publishedAt: Date?
        }

        func run() throws {
            let (context, catalogues) = try HubCatalogueCommand.catalogues(options, hubOptions)
            let publications = Dictionary(try catalogues.publications().map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
            let entries = try catalogues.published().map { item in
                let publication = publications[item.version]
                return Entry(version: item.version.description, message: publication?.message, member: publication?.member,
                             publishedAt: publication?.publishedAt)
            }
            if json { return try Output.json(["versions": entries]) }
            for entry in entries {
                if let member = entry.member, let at = entry.publishedAt {
                    Output.line(context.t("\(entry.version)  publiée le \(Day(at)) par \(member) : \(entry.message ?? "")",
                                          "\(entry.version)  published on \(Day(at)) by \(member): \(entry.message ?? "")"))
                } else {
                    Output.line(context.t("\(entry.version)  catalogue intégré", "\(entry.version)  built-in catalogue"))
                }
            }
            if FileManager.default.fileExists(atPath: catalogues.draftPath) {
                Output.line(context.t("Brouillon en cours : \(catalogues.draftPath)", "Draft in progress: \(catalogues.draftPath)"))
            }
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show",
                                 abstract: L10n.t("Affiche une version publiée (par défaut la dernière), ou le brouillon.",
                                                  "Print a published version (default: the newest), or the draft."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("La version (ex. 2027.1), ou draft.", "The version (e.g. 2027.1), or draft.")))
        var version: String?

        func run() throws {
            let (_, catalogues) = try HubCatalogueCommand.catalogues(options, hubOptions)
            let bytes: [UInt8]
            if version == "draft" {
                guard let data = FileManager.default.contents(atPath: catalogues.draftPath) else { throw CatalogueError.noDraft }
                bytes = [UInt8](data)
            } else if let version {
                guard let parsed = CatalogueVersion(version) else { throw CatalogueError.invalidVersion(version) }
                bytes = try catalogues.bytes(parsed)
            } else {
                bytes = try catalogues.published().last?.bytes ?? catalogues.builtinBytes
            }
            // The hub's own file, printed through Output like every text.
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast(bytes.last == 10 ? 1 : 0) {
                Output.line(String(line))
            }
        }
    }

    struct Edit: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "edit",
                                 abstract: L10n.t("Crée le brouillon de la prochaine version (depuis la dernière publiée) et donne son chemin.",
                                                  "Make the draft of the next version (from the newest published one) and print its path."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions

        func run() throws {
            let (context, catalogues) = try HubCatalogueCommand.catalogues(options, hubOptions)
            let existed = FileManager.default.fileExists(atPath: catalogues.draftPath)
            let path = try catalogues.makeDraft()
            Output.line(existed ? context.t("Brouillon existant : \(path)", "Existing draft: \(path)")
                                : context.t("Brouillon créé : \(path)", "Draft made: \(path)"))
            Output.line(context.t("Modifiez-le, puis : dossier hub catalogue check, dossier hub catalogue publish VERSION -m TEXTE --member ID",
                                  "Edit it, then: dossier hub catalogue check, dossier hub catalogue publish VERSION -m TEXT --member ID"))
        }
    }

    struct AddBadge: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "add-badge",
                                 abstract: L10n.t("Ajoute un badge (un fichier YAML : les champs d'une entrée de badges:) au brouillon.",
                                                  "Add a badge (a YAML file: the fields of a badges: entry) to the draft."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("Le fichier du badge.", "The badge's file."))) var file: String

        func run() throws {
            let (context, catalogues) = try HubCatalogueCommand.catalogues(options, hubOptions)
            let path = file.hasPrefix("/") ? file : options.workingFolder + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { throw DossierError(.fileNotFound(file)) }
            let badge = try catalogues.addBadge([UInt8](data), file: file)
            Output.line(context.t("Badge \(badge.id) ajouté au brouillon : \(catalogues.draftPath)",
                                  "Badge \(badge.id) added to the draft: \(catalogues.draftPath)"))
        }
    }

    struct Check: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "check",
                                 abstract: L10n.t("Vérifie le brouillon avec les règles du catalogue (erreurs fichier:ligne).",
                                                  "Check the draft with the catalogue's rules (file:line errors)."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions

        func run() throws {
            let (context, catalogues) = try HubCatalogueCommand.catalogues(options, hubOptions)
            let draft = try catalogues.checkDraft()
            Output.line(context.t("Brouillon valide : \(draft.badges.count) badges.", "Draft valid: \(draft.badges.count) badges."))
        }
    }

    struct Publish: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "publish",
                                 abstract: L10n.t("Publie le brouillon comme nouvelle version (un membre de la Région).",
                                                  "Publish the draft as a new version (a Région member)."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("La nouvelle version, plus récente que toutes les publiées (ex. 2027.1).",
                                            "The new version, newer than every published one (e.g. 2027.1).")))
        var version: String
        @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("Ce qui change, pour les CFA.", "What changes, for the CFAs."))) var message: String
        @Option(help: ArgumentHelp(L10n.t("Membre de la Région qui publie.", "The publishing Région member."))) var member: String

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let published = try context.hub.publishCatalogue(version: version, message: message, memberID: member)
            Output.line(context.t("Catalogue \(published.version) publié (\(published.badges.count) badges) : le prochain « hub reconcile » l'envoie aux CFA.",
                                  "Catalogue \(published.version) published (\(published.badges.count) badges): the next `hub reconcile` sends it to the CFAs."))
        }
    }
}
