internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub queue`: requests awaiting a decision.
struct HubQueueCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "queue", abstract: L10n.t("Les demandes en attente de décision.", "Requests awaiting a decision."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let entries = try context.refreshed().queue(today: context.today)
        if json { return try Output.json(["submissions": entries]) }
        let t = context.t
        if entries.isEmpty { return Output.line(t("Aucune demande en attente.", "No request awaiting a decision.")) }
        for entry in entries {
            let kind = entry.kind == .first ? t("1re attribution", "first award") : t("renouvellement", "renewal")
            let verdict = entry.ready ? t("contrôle OK", "check OK") : t("contrôle : problèmes", "check: problems")
            Output.line("\(entry.uai)  \(entry.badge)  \(kind)  \(entry.state.text(context.lang))  \(verdict)  "
                        + t("avis", "votes") + " +\(entry.votes.approve)/-\(entry.votes.reject)/~\(entry.votes.changes)  "
                        + t("depuis \(entry.ageDays) j", "\(entry.ageDays) d old") + "  \(String(entry.commit.prefix(7)))")
        }
    }
}

/// `dossier hub show UAI BADGE`: a request in full.
struct HubShowCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: L10n.t("Montre une demande : inventaire, contrôle, avis, changements.",
                                                                   "Show a request: inventory, check, votes, changes."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: "badge") var badge: String
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let view = try context.refreshed().view(uai: uai, badge: badge)
        if json { return try Output.json(view) }
        let t = context.t
        let submission = view.submission
        Output.line("\(submission.uai) \(view.cfaName ?? "") — \(submission.badge) — \(submission.tag)")
        Output.line(t("Type : ", "Kind: ") + (submission.kind == .first ? t("première attribution", "first award") : t("renouvellement", "renewal"))
                    + t("  État : ", "  State: ") + submission.state.text(context.lang) + "  commit \(submission.commit)")
        if !submission.message.isEmpty { Output.line(t("Message : ", "Message: ") + submission.message) }
        Output.line(t("Contrôle : ", "Check: ") + (submission.ready ? t("prêt", "ready") : t("problèmes bloquants", "blocking problems"))
                    + (submission.catalogueVersion.map { t(" (catalogue \($0))", " (catalogue \($0))") } ?? ""))
        for problem in submission.problems { Output.line("  - " + HubText.problem(problem, context.lang)) }
        if let met = submission.renewalRulesMet {
            Output.line(t("Règle de renouvellement : ", "Renewal rule: ") + (met ? t("respectée", "met") : t("non respectée", "not met")))
        }
        Output.line(t("Preuves (\(view.evidence.count)) :", "Evidence (\(view.evidence.count)):"))
        HubText.inventory(view.evidence)
        Output.line(t("Avis (quorum : \(view.quorum.approvals) de \(view.quorum.distinctRoles) rôles — ", "Votes (quorum: \(view.quorum.approvals) from \(view.quorum.distinctRoles) roles — ")
                    + (view.quorumReached ? t("atteint", "reached") : t("non atteint", "not reached")) + t(") :", "):"))
        for vote in view.votes {
            let ending = switch vote.ending(among: view.votes) {
            case .standing: ""
            case .withdrawn: t(" (retiré)", " (withdrawn)")
            case .replaced: t(" (remplacé par un avis plus récent)", " (replaced by a newer vote)")
            }
            Output.line("  \(vote.memberID) \(vote.verdict.text(context.lang))\(ending) — \(vote.reason)")
        }
        if let award = view.award {
            Output.line(t("Badge décerné : ", "Awarded: ") + ValidityText.range(from: award.validFrom, until: award.validUntil, context.lang)
                        + (award.revokedAt == nil ? "" : t(" — retiré : ", " — revoked: ") + (award.revokeReason ?? "")))
        }
        if let renewal = view.renewal {
            Output.line()
            Output.line(t("Changements depuis la dernière attribution :", "Changes since the last award:"))
            HubText.renewal(renewal, context: context)
        }
    }
}

/// `dossier hub diff UAI BADGE`: what changed since the last award (or the full inventory).
struct HubDiffCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "diff", abstract: L10n.t("Ce qui a changé depuis la dernière attribution (ou l'inventaire complet).",
                                                                   "What changed since the last award (or the full inventory)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: "badge") var badge: String
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    struct DiffJSON: Encodable {
        let uai: String
        let badge: String
        let kind: Submission.Kind
        let commit: String
        let baseCommit: String?
        let renewalRulesMet: Bool?
        let renewal: BadgeRenewalDiff?
        let inventory: [EvidenceRecord]
    }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let view = try context.hub.view(uai: uai, badge: badge)
        let submission = view.submission
        if json {
            return try Output.json(DiffJSON(uai: uai, badge: badge, kind: submission.kind, commit: submission.commit,
                                            baseCommit: submission.baseCommit, renewalRulesMet: submission.renewalRulesMet,
                                            renewal: view.renewal, inventory: view.evidence))
        }
        let t = context.t
        guard let renewal = view.renewal, let base = submission.baseCommit else {
            Output.line(t("Première attribution : inventaire complet (\(view.evidence.count) preuves).",
                          "First award: full inventory (\(view.evidence.count) evidence)."))
            return HubText.inventory(view.evidence)
        }
        Output.line(t("Renouvellement : \(String(base.prefix(7))) (attribué) → \(String(submission.commit.prefix(7))) (demandé)",
                      "Renewal: \(String(base.prefix(7))) (awarded) → \(String(submission.commit.prefix(7))) (requested)"))
        HubText.renewal(renewal, context: context)
        if let met = submission.renewalRulesMet {
            Output.line(t("Règle de renouvellement : ", "Renewal rule: ") + (met ? t("respectée", "met") : t("non respectée", "not met")))
        }
    }
}

/// `dossier hub vote UAI BADGE --member ID approve|reject|changes|withdraw -m REASON`.
struct HubVoteCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "vote", abstract: L10n.t("Donne (ou retire) l'avis d'un membre sur une demande.",
                                                                   "Cast (or withdraw) a member's vote on a request."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: "badge") var badge: String
    @Argument(help: ArgumentHelp(L10n.t("L'avis, ou withdraw pour retirer le sien.", "The verdict, or withdraw to take one's vote back."))) var verdict: VoteChoice
    @Option(help: ArgumentHelp(L10n.t("Membre qui vote.", "Voting member."))) var member: String
    @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("La raison (obligatoire, sauf pour withdraw).", "The reason (required, except for withdraw)."))) var message: String?

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let hub = try context.refreshed()
        let submission: Submission
        if let cast = verdict.cast {
            submission = try hub.vote(uai: uai, badge: badge, memberID: member, verdict: cast, reason: message ?? "")
        } else {
            submission = try hub.withdrawVote(uai: uai, badge: badge, memberID: member, reason: message)
        }
        Output.line(context.t("Avis enregistré. État de la demande : ", "Vote recorded. Request state: ") + submission.state.text(context.lang))
    }
}

/// Text shapes shared by the hub's review commands.
enum HubText {
    static func inventory(_ evidence: [EvidenceRecord]) {
        for item in evidence {
            let location = item.path.map { "\($0) (\(item.size.map(String.init) ?? "?") B, sha256 \(String((item.sha256 ?? "").prefix(12))))" }
                ?? "\(item.url ?? "") [\(item.kind ?? "")]"
            Output.line("  \(item.evidenceID) → \(item.criterion) « \(item.title) » \(location)")
        }
    }

    static func renewal(_ renewal: BadgeRenewalDiff, context: HubContext) {
        let diffContext = CommandContext(lang: context.lang, catalogue: context.hub.catalogue, folder: context.hub.root)
        guard let changes = renewal.changes else {
            return Output.line(context.t("  aucun changement", "  no change"))
        }
        DiffText(context: diffContext).print(DossierDiff(identity: [], badges: [changes], files: renewal.files))
        for text in renewal.evidenceText {
            Output.line(context.t("Contenu de \(text.path) :", "Content of \(text.path):"))
            DiffText(context: diffContext).printLines(text.diff)
        }
    }
}
