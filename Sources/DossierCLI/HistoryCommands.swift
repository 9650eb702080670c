internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import Remote
internal import Sync

/// `dossier save`: records every change in the dossier's history.
struct SaveCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "save",
            abstract: L10n.t("Enregistre toutes les modifications (après avoir noté les empreintes des preuves).",
                             "Save every change (after recording evidence hashes)."))
    }

    @OptionGroup var options: GlobalOptions
    @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("Ce qui a été fait.", "What was done.")))
    var message: String
    @Option(help: ArgumentHelp(L10n.t("Auteur : \"Nom <courriel>\".", "Author: \"Name <mail>\".")))
    var author: String?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output.")))
    var json = false

    func validate() throws {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError(L10n.t("le message est vide", "the message is empty"))
        }
    }

    struct SaveJSON: Encodable {
        let saved: Bool
        let commit: String?
        let files: [PathChange]
        let recordedHashes: [String]
    }

    func run() throws {
        let context = try CommandContext(options)
        let workspace = try context.workspace()
        let result = try workspace.save(message: message, author: try workspace.author(author))
        LockWaitText(context: context).printRepairs(workspace)
        if json {
            return try Output.json(SaveJSON(saved: result != nil, commit: result?.commit, files: result?.files ?? [],
                                            recordedHashes: result?.recordedHashes ?? []))
        }
        guard let result else { return Output.line(context.t("Rien à enregistrer.", "Nothing to save.")) }
        Output.line(context.t("Enregistré \(result.shortCommit) : \(result.files.count) fichier(s).",
                              "Saved \(result.shortCommit): \(result.files.count) file(s)."))
        for item in result.recordedHashes {
            Output.line(context.t("  empreinte enregistrée : \(item)", "  hash recorded: \(item)"))
        }
    }
}

/// `dossier status`: what changed since the last save.
struct StatusCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "status",
            abstract: L10n.t("Montre ce qui a changé depuis le dernier enregistrement, badge par badge.",
                             "Show what changed since the last save, badge by badge."))
    }

    @OptionGroup var options: GlobalOptions
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output.")))
    var json = false

    struct StatusJSON: Encodable {
        let clean: Bool
        let lastSave: String?
        let identity: [FieldChange]
        let badges: [BadgeDiff]
        let files: [PathChange]
        let remote: String?
        let unsyncedSaves: Int
        let unpushedSubmissions: [String]
        /// Badge proposal tags not sent yet (`dossier propose submit`, then `dossier sync`).
        let unpushedProposals: [String]
        let conflicts: [MergeConflict]
        /// The Région's decisions (awards, renewals due, requests sent back), as of the last sync.
        let awards: [DecisionsView.AwardJSON]
        let renewalsDue: [String]
        let sentBack: [DecisionsView.SentBackJSON]
        let revoked: [DecisionsView.SentBackJSON]
        /// Media of the last save not on this laptop (left on the remote), by path.
        let mediaAbsent: [String]
        /// The branch HEAD names (nil: detached); saves elsewhere than `main` are not sent.
        let branch: String?
        /// What this command repaired (stale locks, an interrupted sync).
        let repaired: Repair
        /// Another dossier command was working: what is shown may be mid-change.
        let busy: Bool
        /// An interrupted sync needs a person (files edited since, changed by it too).
        let needsAttention: String?
    }

    func run() throws {
        let context = try CommandContext(options)
        let workspace = try context.workspace(repair: false)
        // First repair what a killed command left (when no other command is working).
        var idle = true
        var attention: String?
        do {
            idle = try workspace.repairIfIdle()
        } catch let error as WorkspaceError {
            attention = error.text(context.lang)
        }
        let branch = workspace.repository.headIsSymbolic ? (workspace.repository.currentBranch() ?? "main") : nil
        let repaired = workspace.repairs
        if !json {
            LockWaitText(context: context).printRepairs(workspace, toStandardOutput: true)
            if let attention { Output.line(context.t("À régler : ", "Needs attention: ") + attention) }
            if !idle {
                Output.line(context.t("Une autre commande dossier travaille sur ce dossier en ce moment : ce qui suit peut changer.",
                                      "Another dossier command is working on this dossier right now: what follows may change."))
            }
            if branch != "main" {
                Output.line(branch.map { name in
                    context.t("Attention : vous êtes sur la branche « \(name) » ; « dossier sync » n'envoie que main. Pour revenir : « git switch main » puis « git merge \(name) ».",
                              "Warning: you are on branch '\(name)'; `dossier sync` sends main only. To come back: `git switch main` then `git merge \(name)`.")
                } ?? context.t("Attention : HEAD n'est sur aucune branche (« detached HEAD ») ; « dossier sync » n'envoie que main.",
                               "Warning: HEAD is on no branch (detached HEAD); `dossier sync` sends main only."))
            }
        }
        let diff = try workspace.status()
        let head = try workspace.head()
        let syncer = Syncer(workspace: workspace, options: Syncer.Options(remote: .process(lang: context.lang), lang: context.lang))
        let remote = try workspace.repository.remote(named: "origin")?.url
        let unsynced = try syncer.unsyncedSaves()
        let unpushed = try syncer.unpushedSubmissions()
        let unpushedProposals = try syncer.unpushedProposals()
        let conflicts = try ConflictResolver(workspace: workspace).conflicts()?.open ?? []
        let decisions = DecisionsView(try Decisions.read(from: workspace.repository), today: Day.today(environment: ProcessInfo.processInfo.environment), catalogue: context.catalogue)
        let mediaAbsent = try MediaFetcher(workspace: workspace, options: syncer.options).absent().map(\.path)
        if json {
            return try Output.json(StatusJSON(clean: diff.files.isEmpty, lastSave: head?.id.hex, identity: diff.identity,
                                              badges: diff.badges, files: diff.files, remote: remote, unsyncedSaves: unsynced,
                                              unpushedSubmissions: unpushed, unpushedProposals: unpushedProposals, conflicts: conflicts, awards: decisions.awards,
                                              renewalsDue: decisions.renewalsDue, sentBack: decisions.sentBack, revoked: decisions.revoked,
                                              mediaAbsent: mediaAbsent, branch: branch, repaired: repaired, busy: !idle,
                                              needsAttention: attention))
        }
        decisions.print(context)
        if !mediaAbsent.isEmpty {
            Output.line(context.t("Médias absents de ce poste (« dossier media fetch » les récupère) :",
                                  "Media not on this laptop (`dossier media fetch` gets them):"))
            for path in mediaAbsent { Output.line("  " + path) }
        }
        if !conflicts.isEmpty {
            Output.line(context.t("Conflits de synchronisation à régler (« dossier resolve ») :",
                                  "Sync conflicts to settle (`dossier resolve`):"))
            for conflict in conflicts { Output.line("  " + conflict.text(context.lang)) }
        }
        if remote != nil, unsynced > 0 || !unpushed.isEmpty {
            Output.line(context.t("Pas encore envoyé : \(unsynced) enregistrement(s), \(unpushed.count) demande(s) (« dossier sync »).",
                                  "Not sent yet: \(unsynced) save(s), \(unpushed.count) request(s) (`dossier sync`)."))
            for tag in unpushed { Output.line("  " + tag) }
        }
        if remote != nil, !unpushedProposals.isEmpty {
            Output.line(context.t("Proposition(s) de badge pas encore envoyée(s) : \(unpushedProposals.count) (« dossier sync »).",
                                  "Badge proposal(s) not sent yet: \(unpushedProposals.count) (`dossier sync`)."))
            for tag in unpushedProposals { Output.line("  " + tag) }
        }
        if diff.files.isEmpty {
            return Output.line(context.t("Tout est enregistré.", "Everything is saved."))
        }
        Output.line(context.t("Modifications non enregistrées (\(diff.files.count) fichier(s)) :",
                              "Unsaved changes (\(diff.files.count) file(s)):"))
        DiffText(context: context).print(diff)
        Output.line()
        Output.line(context.t("« dossier save -m \"…\" » les enregistre.", "`dossier save -m \"…\"` saves them."))
    }
}

/// `dossier log`: the saves, newest first.
struct LogCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "log",
            abstract: L10n.t("Liste les enregistrements, du plus récent au plus ancien.", "List the saves, newest first."))
    }

    @OptionGroup var options: GlobalOptions
    @Option(name: [.customShort("n"), .long], help: ArgumentHelp(L10n.t("Nombre maximal d'enregistrements.", "Maximum number of saves.")))
    var limit: Int?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output.")))
    var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError(L10n.t("-n doit être au moins 1", "-n must be at least 1")) }
    }

    func run() throws {
        let context = try CommandContext(options)
        let workspace = try context.workspace()
        let entries = try workspace.head().map { try workspace.history.log(from: $0, limit: limit) } ?? []
        if json { return try Output.json(["commits": entries]) }
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd HH:mm"
        for entry in entries {
            let badges = entry.badges.isEmpty ? "" : "  [" + entry.badges.joined(separator: ", ") + "]"
            Output.line("\(entry.shortCommit)  \(format.string(from: entry.date))  \(entry.author)  "
                        + (entry.message.split(separator: "\n").first.map(String.init) ?? "") + badges)
        }
    }
}

/// `dossier diff`: the semantic diff between two saves, or a save and the working files.
struct DiffCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "diff",
            abstract: L10n.t("Différences de sens entre deux enregistrements (par défaut : dernier enregistrement → fichiers actuels).",
                             "Semantic diff between two saves (default: last save → working files)."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Version de départ (par défaut : HEAD).", "Starting revision (default: HEAD).")))
    var from: String?
    @Argument(help: ArgumentHelp(L10n.t("Version d'arrivée (par défaut : les fichiers actuels).", "Ending revision (default: the working files).")))
    var to: String?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output.")))
    var json = false

    func run() throws {
        let context = try CommandContext(options)
        let diff = try context.workspace().diff(from: from, to: to)
        if json { return try Output.json(diff) }
        if diff.isEmpty { return Output.line(context.t("Aucune différence.", "No differences.")) }
        DiffText(context: context).print(diff)
    }
}
