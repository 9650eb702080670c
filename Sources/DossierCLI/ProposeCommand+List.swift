internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation

extension ProposeCommand {
    /// `dossier propose list [--json]`: each proposal's state and the Région's reasons.
    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list",
                                 abstract: L10n.t("Liste les propositions : brouillon, vérifiée, déposée, envoyée, décision de la Région.",
                                                  "List the proposals: draft, checked, submitted, sent, the Région's decision."),
                                 discussion: L10n.t("Les décisions de la Région arrivent avec « dossier sync ».",
                                                    "The Région's decisions arrive with `dossier sync`."))
        }

        @OptionGroup var options: GlobalOptions
        @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

        func run() throws {
            let context = try CommandContext(options)
            let statuses = try Proposals(workspace: context.workspace()).list()
            if json { return try Output.json(["proposals": statuses.map { ProposalJSON($0, lang: context.lang) }]) }
            if statuses.isEmpty {
                return Output.line(context.t("Aucune proposition dans ce dossier (« dossier propose new ID --title … » en crée une).",
                                             "No proposal in this dossier (`dossier propose new ID --title …` makes one)."))
            }
            for status in statuses { ProposalText(context: context).print(status) }
        }
    }
}

/// The text shape of one proposal's status.
struct ProposalText {
    let context: CommandContext

    func print(_ status: ProposalStatus) {
        let t = context.t
        let title = status.title.map { " « \($0) »" } ?? ""
        Output.line("\(status.slug)\(title)" + t(" : ", ": ") + stateText(status))
        if let problem = status.problem { Output.line("  " + Self.text(of: problem, context.lang)) }
        if status.changedSinceSubmission, let last = status.submissions.last {
            Output.line(t("  modifiée depuis le dernier dépôt (\(last.tag)) : « dossier propose submit \(status.slug) -m … » la dépose à nouveau",
                          "  changed since the last submission (\(last.tag)): `dossier propose submit \(status.slug) -m …` submits it again"))
        }
        for submission in status.submissions {
            let sent = submission.sent ? t("envoyée", "sent") : t("pas encore envoyée", "not sent yet")
            Output.line("  \(submission.tag) (\(sent))" + (submission.message.isEmpty ? "" : t(" : ", ": ") + submission.message))
            guard let decision = submission.decision else { continue }
            Output.line("    " + t("Décision de la Région du \(decision.date) : ", "The Région's decision of \(decision.date): ")
                        + outcomeText(decision))
            for reason in decision.reasons {
                Output.line("      \(reason.member) (\(reason.role))" + t(" : ", ": ") + reason.text)
            }
        }
    }

    func stateText(_ status: ProposalStatus) -> String {
        let t = context.t
        switch status.state {
        case .draft: return t("brouillon, à compléter", "draft, to complete")
        case .checked:
            return t("vérifiée, à déposer (« dossier propose submit \(status.slug) -m … »)",
                     "checked, to submit (`dossier propose submit \(status.slug) -m …`)")
        case .submitted: return t("déposée, pas encore envoyée (« dossier sync »)", "submitted, not sent yet (`dossier sync`)")
        case .sent: return t("envoyée à la Région, en attente de décision", "sent to the Région, awaiting a decision")
        case .accepted, .changesRequested, .declined:
            return status.latestDecision.map(outcomeText) ?? status.state.rawValue
        }
    }

    func outcomeText(_ decision: ProposalDecision) -> String {
        let t = context.t
        switch decision.outcome {
        case .accepted:
            var text = t("acceptée", "accepted")
            if let badge = decision.badge { text += t(", badge \(badge)", ", badge \(badge)") }
            text += decision.catalogueVersion.map { t(", catalogue \($0)", ", catalogue \($0)") }
                ?? t(" (dans la prochaine version du catalogue)", " (in the next catalogue version)")
            return text
        case .changesRequested: return t("modifications demandées", "changes requested")
        case .declined: return t("refusée", "declined")
        }
    }

    /// An error's line(s) in the user's language, as the command would print them.
    static func text(of error: Error, _ lang: Lang) -> String {
        Failure.of(error, lang: lang)?.lines.joined(separator: " ") ?? "\(error)"
    }
}

/// The JSON shape of one proposal's status (`dossier propose list --json`).
struct ProposalJSON: Encodable {
    struct SubmissionJSON: Encodable {
        let tag: String
        let day: String
        let sent: Bool
        let message: String
        let decision: ProposalDecision?
    }

    let slug: String
    let file: String
    let title: String?
    let state: String
    let problem: String?
    let changedSinceSubmission: Bool
    let submissions: [SubmissionJSON]

    init(_ status: ProposalStatus, lang: Lang) {
        slug = status.slug
        file = ProposalTag.file(slug: status.slug)
        title = status.title
        state = status.state.rawValue
        problem = status.problem.map { ProposalText.text(of: $0, lang) }
        changedSinceSubmission = status.changedSinceSubmission
        submissions = status.submissions.map {
            SubmissionJSON(tag: $0.tag.name, day: $0.tag.day.description, sent: $0.sent, message: $0.message, decision: $0.decision)
        }
    }
}
