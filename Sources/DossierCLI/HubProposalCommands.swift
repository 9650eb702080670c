internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub proposals`: the CFAs' badge proposals, the current submission of each.
struct HubProposalsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "proposals", abstract: L10n.t("Les propositions de badges des CFA.", "The CFAs' badge proposals."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    struct Entry: Encodable {
        let uai: String
        let slug: String
        let tag: String
        let commit: String
        let state: ProposalSubmission.State
        let title: String?
        let submittedAt: Date
        let votes: [String: Int]
        let badge: String?
        let catalogueVersion: String?
        let refusal: String?
        /// The refusal in the reader's language (text output only).
        var refusalText: ProposalRefusal?

        enum CodingKeys: String, CodingKey {
            case uai, slug, tag, commit, state, title, submittedAt, votes, badge, catalogueVersion, refusal
        }
    }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let hub = context.hub
        // A version published since an acceptance is recorded first (reconcile does it too).
        try hub.recordPublishedProposals()
        let entries = try hub.proposals().map { proposal in
            let tally = try hub.proposalTally(proposal)
            return Entry(uai: proposal.uai, slug: proposal.slug, tag: proposal.tag, commit: proposal.commit, state: proposal.state,
                         title: proposal.parsed(label: hub.catalogue)?.badge.title, submittedAt: proposal.submittedAt,
                         votes: ["approve": tally.approvals.count, "reject": tally.rejections.count, "changes": tally.changes.count],
                         badge: proposal.badge, catalogueVersion: proposal.catalogueVersion, refusal: proposal.refusal?.text(.en),
                         refusalText: proposal.refusal)
        }
        if json { return try Output.json(["proposals": entries]) }
        let t = context.t
        if entries.isEmpty { return Output.line(t("Aucune proposition de badge.", "No badge proposal.")) }
        for entry in entries {
            let votes = t("avis", "votes") + " +\(entry.votes["approve"] ?? 0)/-\(entry.votes["reject"] ?? 0)/~\(entry.votes["changes"] ?? 0)"
            Output.line("\(entry.uai)  \(entry.slug)  « \(entry.title ?? "?") »  \(entry.state.words(context.lang))  \(votes)  \(entry.tag)"
                        + (entry.catalogueVersion.map { t("  (catalogue \($0))", "  (catalogue \($0))") } ?? ""))
            if let refusal = entry.refusalText { Output.line("  " + refusal.text(context.lang)) }
        }
    }
}

/// `dossier hub proposal show|diff|vote|accept|decline`: one CFA's badge proposal.
struct HubProposalCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "proposal",
            abstract: L10n.t("Une proposition de badge d'un CFA : la lire, la comparer, voter, l'accepter ou la refuser.",
                             "One CFA's badge proposal: read it, compare it, vote, accept or decline it."),
            discussion: L10n.t("""
                Les pairs votent comme sur une demande (récusation du CFA pilote qui propose, raison obligatoire, quorum). \
                « accept » (un membre de la Région) met le badge dans le brouillon de la prochaine version du catalogue ; \
                « hub catalogue publish » le publie. Chaque décision revient au CFA par « hub reconcile ».
                """, """
                The peer group votes as on a request (the proposing pilot CFA recused, a reason required, the quorum). \
                `accept` (a Région member) puts the badge into the draft of the catalogue's next version; \
                `hub catalogue publish` publishes it. Each decision goes back to the CFA through `hub reconcile`.
                """),
            subcommands: [Show.self, Diff.self, VoteOn.self, Accept.self, Decline.self])
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: L10n.t("Montre une proposition : critères, raisons, avis, état.",
                                                                       "Show a proposal: criteria, why, votes, state."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @OptionGroup var target: ProposalArguments
        var uai: String { target.uai }
        var slug: String { target.slug }

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let hub = context.hub
            let t = context.t
            try hub.recordPublishedProposals()
            let proposal = try hub.proposal(uai: uai, slug: slug)
            let history = try hub.proposalHistory(uai: uai, slug: slug)
            Output.line("\(proposal.uai) — \(proposal.slug) — \(proposal.tag)")
            Output.line(t("État : ", "State: ") + proposal.state.words(context.lang) + "  commit \(proposal.commit)"
                        + t("  (soumission \(history.count))", "  (submission \(history.count))"))
            if !proposal.message.isEmpty { Output.line(t("Message : ", "Message: ") + proposal.message) }
            if let refusal = proposal.refusal { Output.line(t("Refusée à la réception : ", "Refused at ingest: ") + refusal.text(context.lang)) }
            if let parsed = proposal.parsed(label: hub.catalogue) {
                HubProposalText.badge(parsed, context: context)
            } else {
                Output.line(t("Fichier de la proposition :", "The proposal's file:"))
                for line in proposal.text.split(separator: "\n", omittingEmptySubsequences: false) { Output.line("  " + line) }
            }
            let tally = try hub.proposalTally(proposal)
            let quorum = hub.settings.quorum
            Output.line(t("Avis (quorum : \(quorum.approvals) de \(quorum.distinctRoles) rôles — ", "Votes (quorum: \(quorum.approvals) from \(quorum.distinctRoles) roles — ")
                        + (tally.reaches(quorum) ? t("atteint", "reached") : t("non atteint", "not reached")) + t(") :", "):"))
            for vote in try hub.proposalVotes(proposal) {
                Output.line("  \(vote.memberID) \(vote.verdict.text(context.lang))" + (vote.withdrawnAt == nil ? "" : t(" (remplacé)", " (replaced)"))
                            + " — \(vote.reason)")
            }
            if let member = proposal.decidedBy {
                Output.line(t("Décision de la Région (\(member)) : ", "The Région's decision (\(member)): ") + (proposal.decisionReason ?? ""))
            }
            if let badge = proposal.badge {
                Output.line(t("Badge ajouté au brouillon : \(badge)", "Badge added to the draft: \(badge)")
                            + (proposal.catalogueVersion.map { t(" — publié dans le catalogue \($0)", " — published in catalogue \($0)") } ?? ""))
            }
        }
    }

    struct Diff: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "diff", abstract: L10n.t("Ce qui a changé entre les deux dernières soumissions d'une proposition.",
                                                                       "What changed between a proposal's two latest submissions."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @OptionGroup var target: ProposalArguments
        var uai: String { target.uai }
        var slug: String { target.slug }

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let history = try context.hub.proposalHistory(uai: uai, slug: slug)
            guard history.count >= 2 else { throw ProposalError.nothingToCompare(slug: slug) }
            let (old, new) = (history[history.count - 2], history[history.count - 1])
            Output.line("\(old.tag) → \(new.tag)")
            let diffContext = CommandContext(lang: context.lang, catalogue: context.hub.catalogue, folder: context.hub.root)
            let label = context.hub.catalogue
            if let before = old.parsed(label: label), let after = new.parsed(label: label) {
                // The badge as the catalogue's diff sees it (one-badge catalogues), then the CFA's reasons.
                let diff = CatalogueDiff(from: Catalogue(version: old.tag, label: label.label, badges: [before.badge]),
                                         to: Catalogue(version: new.tag, label: label.label, badges: [after.badge]))
                let lines = diff.lines(context.lang)
                if diff.isEmpty { Output.line(context.t("Badge : aucun changement.", "Badge: no change.")) }
                for line in lines where !diff.isEmpty { Output.line(line) }
                let why = TextDiff(old: before.why, new: after.why)
                if !why.isEmpty {
                    Output.line(context.t("Pourquoi (why) :", "Why:"))
                    DiffText(context: diffContext).printLines(why)
                }
                if before.examples != after.examples {
                    Output.line(context.t("Exemples : ", "Examples: ") + after.examples.joined(separator: ", "))
                }
            } else {
                Output.line(context.t("Le fichier :", "The file:"))
                DiffText(context: diffContext).printLines(TextDiff(old: old.text, new: new.text))
            }
        }
    }

    struct VoteOn: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "vote", abstract: L10n.t("Donne l'avis d'un membre sur une proposition.",
                                                                       "Cast a member's vote on a proposal."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @OptionGroup var target: ProposalArguments
        var uai: String { target.uai }
        var slug: String { target.slug }
        @Argument(help: ArgumentHelp(L10n.t("L'avis.", "The verdict."))) var verdict: Choice<Vote.Verdict>
        @Option(help: ArgumentHelp(L10n.t("Membre qui vote.", "Voting member."))) var member: String
        @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("La raison (obligatoire).", "The reason (required)."))) var message: String

        func run() throws {
            let context = try HubContext(options, hubOptions)
            let proposal = try context.hub.voteOnProposal(uai: uai, slug: slug, member: member, verdict: verdict.value, reason: message)
            Output.line(context.t("Avis enregistré. État de la proposition : ", "Vote recorded. Proposal state: ") + proposal.state.words(context.lang))
        }
    }

    struct Accept: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "accept",
                                 abstract: L10n.t("Accepte une proposition (un membre de la Région) : le badge entre dans le brouillon du catalogue.",
                                                  "Accept a proposal (a Région member): the badge goes into the catalogue's draft."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @OptionGroup var target: ProposalArguments
        var uai: String { target.uai }
        var slug: String { target.slug }
        @Option(help: ArgumentHelp(L10n.t("Membre de la Région qui accepte.", "The accepting Région member."))) var member: String
        @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("La raison (obligatoire).", "The reason (required)."))) var message: String
        @Option(help: ArgumentHelp(L10n.t("Le badge retouché (les champs d'une entrée de badges:, YAML) au lieu de la proposition telle quelle.",
                                          "The edited badge (the fields of a badges: entry, YAML) instead of the proposal as it is."),
                                   valueName: "file"))
        var from: String?

        func run() throws {
            let context = try HubContext(options, hubOptions)
            var entry: [UInt8]?
            if let from {
                let path = from.hasPrefix("/") ? from : options.workingFolder + "/" + from
                guard let data = FileManager.default.contents(atPath: path) else { throw DossierError(.fileNotFound(from)) }
                entry = [UInt8](data)
            }
            let proposal = try context.hub.acceptProposal(uai: uai, slug: slug, member: member, reason: message, entry: entry, file: from)
            let draft = try context.hub.catalogues.draftPath
            Output.line(context.t("Proposition acceptée : le badge \(proposal.badge ?? slug) est dans le brouillon (\(draft)) ; « hub catalogue publish » le publiera.",
                                  "Proposal accepted: badge \(proposal.badge ?? slug) is in the draft (\(draft)); `hub catalogue publish` will publish it."))
        }
    }

    struct Decline: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "decline", abstract: L10n.t("Refuse une proposition (un membre de la Région).",
                                                                          "Decline a proposal (a Région member)."))
        }

        @OptionGroup var options: GlobalOptions
        @OptionGroup var hubOptions: HubOptions
        @OptionGroup var target: ProposalArguments
        var uai: String { target.uai }
        var slug: String { target.slug }
        @Option(help: ArgumentHelp(L10n.t("Membre de la Région qui refuse.", "The declining Région member."))) var member: String
        @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("La raison (obligatoire).", "The reason (required)."))) var message: String

        func run() throws {
            let context = try HubContext(options, hubOptions)
            _ = try context.hub.declineProposal(uai: uai, slug: slug, member: member, reason: message)
            Output.line(context.t("Proposition refusée ; le CFA recevra la raison au prochain « hub reconcile ».",
                                  "Proposal declined; the CFA receives the reason at the next `hub reconcile`."))
        }
    }
}

/// The proposed badge in words, for `hub proposal show`.
enum HubProposalText {
    static func badge(_ proposal: Proposal, context: HubContext) {
        let t = context.t
        let badge = proposal.badge
        Output.line(t("Badge proposé : ", "Proposed badge: ") + "\(badge.id) « \(badge.title) »")
        if !badge.summary.isEmpty { Output.line("  " + badge.summary) }
        Output.line(t("Validité proposée : \(proposal.validityYears) an(s)", "Suggested validity: \(proposal.validityYears) year(s)"))
        Output.line(t("Critères :", "Criteria:"))
        for criterion in badge.criteria { Output.line("  \(criterion.id) — \(criterion.text)") }
        Output.line(t("Pourquoi (le CFA) :", "Why (the CFA):"))
        for line in proposal.why.split(separator: "\n", omittingEmptySubsequences: false) { Output.line("  " + line) }
        if !proposal.examples.isEmpty {
            Output.line(t("Exemples dans son dossier : ", "Examples in its dossier: ") + proposal.examples.joined(separator: ", "))
        }
    }
}

/// The proposal a `hub proposal` subcommand acts on: the proposing CFA and the proposed badge's id.
struct ProposalArguments: ParsableArguments {
    @Argument(help: "UAI") var uai: String
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge proposé.", "The proposed badge's id."))) var slug: String
}
