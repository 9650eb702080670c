internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import Remote
internal import Sync

/// `dossier clone`: gets a dossier from the Région's remote, with the remote set.
struct CloneCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "clone",
                             abstract: L10n.t("Récupère un dossier depuis le serveur (son adresse est retenue pour « sync »).",
                                              "Get a dossier from the remote (its address is kept for `sync`)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var transfer: TransferOptions
    @Argument(help: ArgumentHelp(L10n.t("Adresse : chemin, file://, ssh://, user@hôte:chemin, http(s)://.",
                                        "Address: path, file://, ssh://, user@host:path, http(s)://.")))
    var url: String
    @Argument(help: ArgumentHelp(L10n.t("Dossier à créer.", "Folder to create.")))
    var path: String?
    @OptionGroup var media: MediaOptions

    func run() throws {
        let context = try CommandContext(options)
        let name = path ?? URL(fileURLWithPath: url).deletingPathExtension().lastPathComponent
        let target = name.hasPrefix("/") ? name : context.folder + "/" + name
        let syncOptions = transfer.syncOptions(lang: context.lang)
        let workspace = try Cloner.clone(url: url, into: target, catalogue: context.catalogue, options: syncOptions)
        Output.line(context.t("Dossier récupéré dans \(workspace.root).", "Dossier cloned into \(workspace.root)."))
        // The dossier is here; media come after it and a failure leaves it in place.
        let fetcher = MediaFetcher(workspace: workspace, options: syncOptions)
        if media.noMedia {
            let absent = try fetcher.absent()
            if !absent.isEmpty {
                Output.line(context.t("\(absent.count) média(s) laissé(s) sur le serveur (« dossier media fetch » pour les récupérer).",
                                      "\(absent.count) media left on the remote (`dossier media fetch` gets them)."))
            }
            return
        }
        do {
            MediaText(context: context).print(try fetcher.fetch())
        } catch {
            Output.error(context.t("Médias non récupérés : ", "Media not fetched: ") + MediaText.describe(error, context.lang))
            Output.line(context.t("« dossier media fetch » réessaie.", "`dossier media fetch` tries again."))
        }
    }
}

/// `dossier remote set|show`.
struct RemoteCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "remote",
                             abstract: L10n.t("Définit ou montre l'adresse du serveur de la Région.", "Set or show the Région's remote address."),
                             subcommands: [Set.self, Show.self])
    }

    struct Set: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "set", abstract: L10n.t("Définit l'adresse du serveur.", "Set the remote address."))
        }

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp(L10n.t("Chemin d'un dépôt nu, file://, ssh://, user@hôte:chemin, http(s)://.",
                                            "Bare repository path, file://, ssh://, user@host:path, http(s)://.")))
        var url: String

        func run() throws {
            let context = try CommandContext(options)
            let workspace = try context.workspace()
            let address = try RemoteSetting.set(url, for: workspace, relativeTo: context.folder)
            Output.line(context.t("Serveur : \(address)", "Remote: \(address)"))
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: L10n.t("Montre l'adresse du serveur.", "Show the remote address."))
        }

        @OptionGroup var options: GlobalOptions
        @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

        func run() throws {
            let context = try CommandContext(options)
            let url = try RemoteSetting.current(context.workspace())
            if json { return try Output.json(["url": url]) }
            Output.line(url ?? context.t("(aucun serveur défini)", "(no remote set)"))
        }
    }
}

/// `dossier sync`: exchanges saved work with the remote.
struct SyncCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "sync",
                             abstract: L10n.t("Échange le travail enregistré avec le serveur : réception, fusion, envoi.",
                                              "Exchange saved work with the remote: fetch, merge, push."),
                             discussion: L10n.t("Codes de sortie : 0 réussite ; 2 serveur injoignable (rien n'a changé) ; 3 authentification ou hôte refusé, ou clés de signature de la Région changées sans déclaration signée (badges reçus non reconnus) ; 4 conflits à régler ; 5 dépôt modifié sur le serveur ; 7 pas sur la branche main (rien n'a été envoyé) ; 8 une autre synchronisation est en cours ; 1 autre erreur.",
                                                "Exit codes: 0 success; 2 remote unreachable (nothing changed); 3 authentication or host refused, or the Région's signing keys changed without a signed statement (received credentials not trusted); 4 conflicts to settle; 5 submission tag changed on the remote; 7 not on the main branch (nothing sent); 8 another sync is running; 1 other error."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var transfer: TransferOptions
    @OptionGroup var media: MediaOptions
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func run() throws {
        let context = try CommandContext(options)
        var syncOptions = transfer.syncOptions(lang: context.lang)
        syncOptions.noMedia = media.noMedia
        let workspace = try context.workspace()
        let report = try Syncer(workspace: workspace, options: syncOptions).sync()
        LockWaitText(context: context).printRepairs(workspace)
        if json { try Output.json(report) } else if !transfer.quiet || !report.conflicts.isEmpty { SyncText(context: context).print(report) }
        // A changed issuer key is said even when another failure decides the exit code.
        let keysRefused = report.issuerKeys.isRefused ? BadgeError.issuerKeysChanged(issuer: report.issuer ?? "?") : nil
        if let keysRefused, !report.conflicts.isEmpty || !report.tampered.isEmpty { Output.error(keysRefused.text(context.lang)) }
        if !report.conflicts.isEmpty { throw SyncError.conflictsOpen(report.conflicts.count) }
        if !report.tampered.isEmpty { throw SyncError.tampering(report.tampered) }
        if let keysRefused { throw keysRefused }
    }
}

/// `dossier submit`: asks the Région for badges, as tags the next sync sends.
struct SubmitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "submit",
                             abstract: L10n.t("Dépose une demande de badge(s) : vérifie qu'ils sont prêts et marque l'enregistrement actuel.",
                                              "Submit badge request(s): checks they are ready and tags the current save."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Badges demandés.", "Badges requested."))) var badges: [String]
    @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("Message joint à la demande.", "Message for the request."))) var message: String?
    @Option(help: ArgumentHelp(L10n.t("Auteur : \"Nom <courriel>\".", "Author: \"Name <mail>\"."))) var author: String?

    func validate() throws {
        guard !badges.isEmpty else { throw ValidationError(L10n.t("aucun badge donné", "no badge given")) }
    }

    func run() throws {
        let context = try CommandContext(options)
        let workspace = try context.workspace()
        let tags = try Submitter(workspace: workspace).submit(badges: badges, message: message, tagger: workspace.author(author))
        for tag in tags { Output.line(context.t("Demande enregistrée : \(tag) (envoyée au prochain « dossier sync »)",
                                                "Request recorded: \(tag) (sent by the next `dossier sync`)")) }
    }
}

/// `dossier resolve`: settles the conflicts a sync stopped on.
struct ResolveCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "resolve",
                             abstract: L10n.t("Règle les conflits d'une synchronisation.", "Settle the conflicts of a sync."),
                             discussion: L10n.t("« dossier resolve BADGE --ours » garde vos valeurs, « --theirs » celles reçues (BADGE « dossier » pour dossier.yaml) ; ou corrigez les fichiers à la main puis « dossier resolve --done ».",
                                                "`dossier resolve BADGE --ours` keeps your values, `--theirs` the received ones (BADGE `dossier` for dossier.yaml); or edit the files by hand, then `dossier resolve --done`."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Badge dont les conflits sont à régler.", "Badge whose conflicts to settle."))) var badge: String?
    @Flag(help: ArgumentHelp(L10n.t("Garder vos valeurs.", "Keep your values."))) var ours = false
    @Flag(help: ArgumentHelp(L10n.t("Garder les valeurs reçues.", "Keep the received values."))) var theirs = false
    @Flag(help: ArgumentHelp(L10n.t("Prendre les fichiers corrigés à la main.", "Take the files edited by hand."))) var done = false

    func validate() throws {
        if done {
            guard badge == nil, !ours, !theirs else { throw ValidationError(L10n.t("--done s'utilise seul", "--done goes alone")) }
        } else {
            guard badge != nil, ours != theirs else {
                throw ValidationError(L10n.t("indiquez BADGE avec --ours ou --theirs, ou --done", "give BADGE with --ours or --theirs, or --done"))
            }
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let resolver = ConflictResolver(workspace: try context.workspace())
        let completed = done ? try resolver.done() : try resolver.resolve(badge: badge!, side: ours ? .ours : .theirs)
        if completed {
            Output.line(context.t("Conflits réglés : fusion enregistrée. « dossier sync » l'envoie.",
                                  "Conflicts settled: merge saved. `dossier sync` sends it."))
        } else {
            let open = try resolver.conflicts()?.open ?? []
            Output.line(context.t("Encore \(open.count) conflit(s) :", "\(open.count) conflict(s) left:"))
            for conflict in open { Output.line("  " + conflict.text(context.lang)) }
        }
    }
}

/// The text shape of a sync report.
struct SyncText {
    let context: CommandContext

    func print(_ report: Syncer.Report) {
        let t = context.t
        if let incoming = report.incoming, !incoming.isEmpty {
            Output.line(t("Reçu :", "Received:"))
            DiffText(context: context).print(incoming)
        } else if report.fastForwarded {
            Output.line(t("À jour avec le serveur (aucun changement de contenu).", "Up to date with the remote (no content change)."))
        } else if report.fetched {
            Output.line(t("Aucun enregistrement nouveau sur le serveur.", "No new save on the remote."))
        }
        if report.merged { Output.line(t("Fusion enregistrée.", "Merge saved.")) }
        for copy in report.keptBothVersions {
            Output.line(t("Deux versions gardées : \(copy) (à départager)", "Both versions kept: \(copy) (choose one)"))
        }
        if !report.conflicts.isEmpty {
            Output.line(t("Conflits à régler (rien n'a été envoyé) :", "Conflicts to settle (nothing was sent):"))
            for conflict in report.conflicts { Output.line("  " + conflict.text(context.lang)) }
        }
        if report.mediaReceived > 0 { Output.line(t("Médias reçus : \(report.mediaReceived).", "Media received: \(report.mediaReceived).")) }
        if !report.mediaNotDownloaded.isEmpty {
            Output.line(t("\(report.mediaNotDownloaded.count) média(s) laissé(s) sur le serveur (« dossier media fetch » pour les récupérer).",
                          "\(report.mediaNotDownloaded.count) media left on the remote (`dossier media fetch` gets them)."))
        }
        MediaText(context: context).printMissing(report.mediaMissing)
        if report.mediaSent > 0 { Output.line(t("Médias envoyés : \(report.mediaSent).", "Media sent: \(report.mediaSent).")) }
        if report.pushed {
            Output.line(t("Envoyé : \(report.sentSaves) enregistrement(s), \(report.sentSubmissions.count) demande(s).",
                          "Sent: \(report.sentSaves) save(s), \(report.sentSubmissions.count) request(s)."))
        } else if report.conflicts.isEmpty {
            Output.line(t("Rien à envoyer.", "Nothing to send."))
        }
        if !report.sentProposals.isEmpty {
            Output.line(t("Proposition(s) de badge envoyée(s) : \(report.sentProposals.count).",
                          "Badge proposal(s) sent: \(report.sentProposals.count)."))
        }
        for tag in report.tampered {
            Output.line(t("Attention : \(tag) diffère sur le serveur (non écrasé).", "Warning: \(tag) differs on the remote (not overwritten)."))
        }
        switch report.issuerKeys {
        case .pinned:
            Output.line(t("Clés de signature de la Région enregistrées (\(report.issuer ?? "?")) : les badges reçus seront vérifiés avec elles.",
                          "The Région's signing keys pinned (\(report.issuer ?? "?")): received credentials will be verified with them."))
        case .rotated:
            Output.line(t("Nouvelles clés de signature de la Région acceptées (changement signé par l'ancienne clé).",
                          "New signing keys of the Région accepted (change signed by the previous key)."))
        default: break
        }
        switch report.catalogue {
        case .received(let versions) where !versions.isEmpty:
            Output.line(t("Catalogue de la Région reçu : version(s) \(versions.joined(separator: ", ")) (dossier check dit ce qui a changé).",
                          "The Région's catalogue received: version(s) \(versions.joined(separator: ", ")) (dossier check says what changed)."))
        case .refused(let refusal):
            Output.error(refusal.text(context.lang))
        default: break
        }
    }
}
