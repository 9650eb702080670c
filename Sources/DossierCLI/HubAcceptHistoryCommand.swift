internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub accept-history UAI --member ID --reason TEXT`: the Région accepts a CFA's
/// rewritten history after review; what was ingested stays pinned.
struct HubAcceptHistoryCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "accept-history",
            abstract: L10n.t("Accepte l'historique réécrit d'un CFA (Région uniquement) : ses demandes déplacées ou supprimées ne bloquent plus.",
                             "Accept a CFA's rewritten history (Région only): its moved or deleted requests stop failing it."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Option(help: ArgumentHelp(L10n.t("Le membre de la Région qui accepte.", "The Région member who accepts."))) var member: String
    @Option(help: ArgumentHelp(L10n.t("Pourquoi (journal des opérations).", "Why (operation log)."))) var reason: String

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let accepted = try context.hub.acceptHistory(uai: uai, memberID: member, reason: reason)
        Output.line(context.t("Historique réécrit accepté pour le CFA \(uai) (\(accepted.count) demande(s)) ; les versions reçues restent conservées :",
                              "Rewritten history accepted for CFA \(uai) (\(accepted.count) request(s)); the versions ingested stay kept:"))
        for tag in accepted {
            let now = tag.upstream.map { context.t("déplacée vers ", "moved to ") + String($0.prefix(7)) } ?? context.t("supprimée", "deleted")
            Output.line("  \(tag.tag) (\(now))")
        }
    }
}
