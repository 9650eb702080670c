internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import Sync

extension ProposeCommand {
    /// `dossier propose submit SLUG -m TEXT`: tags the current save for the Région.
    struct Submit: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "submit",
                                 abstract: L10n.t("Dépose une proposition : vérifie l'enregistrement actuel et le marque pour la Région.",
                                                  "Submit a proposal: checks the current save and tags it for the Région."),
                                 discussion: L10n.t("Tout doit être enregistré. L'étiquette proposals/<id>/<date>-<n> part au prochain « dossier sync ».",
                                                    "Everything must be saved. The proposals/<id>/<date>-<n> tag is sent by the next `dossier sync`."))
        }

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp(L10n.t("La proposition à déposer.", "The proposal to submit."), valueName: "slug"))
        var slug: String
        @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("Message joint à la proposition.", "Message for the proposal.")))
        var message: String?
        @Option(help: ArgumentHelp(L10n.t("Auteur : \"Nom <courriel>\".", "Author: \"Name <mail>\"."))) var author: String?

        func run() throws {
            let context = try CommandContext(options)
            let workspace = try context.workspace()
            let tag = try ProposalSubmitter(workspace: workspace).submit(slug: slug, message: message, tagger: workspace.author(author))
            Output.line(context.t("Proposition déposée : \(tag) (envoyée au prochain « dossier sync »)",
                                  "Proposal submitted: \(tag) (sent by the next `dossier sync`)"))
        }
    }
}
