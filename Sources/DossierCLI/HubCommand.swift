internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub`: the Région's side — mirrors, reconcile, peer review, awards, the label.
struct HubCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "hub",
            abstract: L10n.t("Le hub de la Région : rapprochement des dossiers, revue par les pairs, badges et label.",
                             "The Région's hub: reconcile dossiers, peer review, badges and the label."),
            discussion: L10n.t("""
                Toutes les commandes travaillent sur le hub du dossier courant, ou celui que --hub désigne. \
                Codes de sortie : 0 réussite ; 1 erreur ou refus ; 6 « reconcile » a échoué pour au moins un CFA (les autres ont été traités) ; \
                8 un autre « reconcile » est en cours sur ce hub (rien n'a été fait).
                """, """
                Every command works on the hub in the current folder, or the one --hub names. \
                Exit codes: 0 success; 1 error or refusal; 6 `reconcile` failed for at least one CFA (the others were processed); \
                8 another `reconcile` is running on this hub (nothing was done).
                """),
            subcommands: [
                HubInitCommand.self, HubRegisterCommand.self, HubCFAsCommand.self, HubReconcileCommand.self,
                HubQueueCommand.self, HubShowCommand.self, HubDiffCommand.self, HubMemberCommand.self, HubVoteCommand.self,
                HubAwardCommand.self, HubRevokeCommand.self, HubLabelCommand.self, HubExportCommand.self, HubLogCommand.self,
                HubMediaCommand.self, HubAcceptHistoryCommand.self, HubServeCommand.self,
                HubKeysCommand.self, HubCredentialsCommand.self, HubPublishCommand.self, HubCatalogueCommand.self,
                HubProposalsCommand.self, HubProposalCommand.self,
            ])
    }
}

/// Options of every hub command: the hub folder.
struct HubOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L10n.t("Dossier du hub (par défaut : le dossier courant).", "Hub folder (default: the current folder)."),
                               valueName: "dir"))
    var hub: String?
}

/// What a hub command needs: the language, the catalogue, and the opened hub.
struct HubContext {
    let lang: Lang
    let hub: Hub
    let today: Day

    init(_ options: GlobalOptions, _ hubOptions: HubOptions) throws {
        let context = try CommandContext(options)
        lang = context.lang
        let root = hubOptions.hub.map { $0.hasPrefix("/") ? $0 : context.folder + "/" + $0 } ?? context.folder
        hub = try Hub.open(at: root, catalogue: try hubCatalogue(options, root: root, context: context))
        today = Day.today(environment: ProcessInfo.processInfo.environment)
    }

    func t(_ fr: String, _ en: String) -> String { lang.pick(fr: fr, en: en) }

    /// Brings states up to date (expiries, label lapses) before showing them.
    func refreshed() throws -> Hub {
        try hub.refreshExpiries(on: today)
        return hub
    }
}

/// The catalogue a hub command uses: `--catalogue FILE`, else the hub's newest published version.
func hubCatalogue(_ options: GlobalOptions, root: String, context: CommandContext) throws -> Catalogue {
    options.catalogue == nil ? try HubCatalogues.standard(hubRoot: root).newest() : context.catalogue
}

/// Parses a `YYYY-MM-DD` option.
func parseDay(_ text: String?, option: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(text) else {
        throw ValidationError(L10n.t("\(option) attend une date AAAA-MM-JJ : \(text)", "\(option) takes a YYYY-MM-DD date: \(text)"))
    }
    return day
}

/// `dossier hub init DIR`.
struct HubInitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "init", abstract: L10n.t("Crée un hub : base de revue, miroirs, réglages.",
                                                                   "Create a hub: review store, mirrors, settings."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Dossier du hub à créer.", "Hub folder to create."))) var path: String
    @Option(help: ArgumentHelp(L10n.t("Avis favorables requis (par défaut 2).", "Approvals required (default 2)."))) var approvals = 2
    @Option(help: ArgumentHelp(L10n.t("Rôles différents parmi eux (par défaut 2).", "Distinct roles among them (default 2)."))) var distinctRoles = 2

    func validate() throws {
        guard approvals >= 1, distinctRoles >= 1, distinctRoles <= 3, distinctRoles <= approvals else {
            throw ValidationError(L10n.t("quorum invalide : il faut avis ≥ rôles ≥ 1 et rôles ≤ 3",
                                         "invalid quorum: approvals ≥ distinct roles ≥ 1, distinct roles ≤ 3"))
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let root = path.hasPrefix("/") ? path : context.folder + "/" + path
        let hub = try Hub.create(at: root, settings: HubSettings(quorum: Quorum(approvals: approvals, distinctRoles: distinctRoles)),
                                 catalogue: context.catalogue)
        Output.line(context.t("Hub créé dans \(hub.root) (quorum : \(approvals) avis favorables de \(distinctRoles) rôles différents).",
                              "Hub created in \(hub.root) (quorum: \(approvals) approvals from \(distinctRoles) different roles)."))
    }
}

/// `dossier hub register UAI URL`.
struct HubRegisterCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "register", abstract: L10n.t("Inscrit le dépôt d'un CFA.", "Register a CFA's repository."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: ArgumentHelp(L10n.t("Adresse du dépôt du CFA.", "The CFA's repository address."))) var url: String
    @Option(help: ArgumentHelp(L10n.t("Nom du CFA.", "The CFA's name."))) var name: String?

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let record = try context.hub.register(uai: uai, url: url, name: name, relativeTo: FileManager.default.currentDirectoryPath)
        Output.line(context.t("CFA \(record.uai) inscrit : \(record.url)", "CFA \(record.uai) registered: \(record.url)"))
    }
}

/// `dossier hub cfas`.
struct HubCFAsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "cfas", abstract: L10n.t("Liste les CFA inscrits.", "List the registered CFAs."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let cfas = try context.hub.cfas()
        if json { return try Output.json(["cfas": cfas]) }
        if cfas.isEmpty { return Output.line(context.t("Aucun CFA inscrit.", "No CFA registered.")) }
        for cfa in cfas {
            let state = (cfa.hasFailed ? context.t("échec : ", "failed: ") + HubText.failure(cfa, context.lang) : nil)
                ?? cfa.lastReconciledAt.map { context.t("à jour le ", "reconciled on ") + Day($0).description }
                ?? context.t("jamais rapproché", "never reconciled")
            Output.line("\(cfa.uai)  \(cfa.name ?? "")  \(cfa.url)  (\(state))")
        }
    }
}

/// `dossier hub member add|list`.
struct HubMemberCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "member", abstract: L10n.t("Le groupe de pairs.", "The peer group."),
                             subcommands: [Add.self, List.self, Passwd.self, Invite.self, Disable.self])
    }

    struct Add: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "add", abstract: L10n.t("Ajoute un membre.", "Add a member."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Argument(help: ArgumentHelp(L10n.t("Identifiant du membre.", "Member id."))) var id: String
        @Option(help: ArgumentHelp(L10n.t("Rôle du membre.", "The member's role."))) var role: Choice<Member.Role>
        @Option(help: ArgumentHelp(L10n.t("Pour cfa-pilote : l'UAI de son CFA.", "For cfa-pilote: its CFA's UAI."))) var uai: String?

        func validate() throws {
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
                throw ValidationError(L10n.t("identifiant invalide : \(id)", "invalid id: \(id)"))
            }
        }

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let member = try context.hub.addMember(id: id, role: role.value, uai: uai)
            Output.line(context.t("Membre ajouté : \(member.id) (\(member.role.rawValue))", "Member added: \(member.id) (\(member.role.rawValue))"))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: L10n.t("Liste les membres.", "List the members."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let members = try context.hub.members()
            if json { return try Output.json(["members": members]) }
            for member in members { Output.line("\(member.id)  \(member.role.rawValue)\(member.uai.map { "  \($0)" } ?? "")") }
        }
    }
}
