internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub media UAI BADGE [--fetch]`: a request's media, downloaded for a reviewer on demand.
struct HubMediaCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "media", abstract: L10n.t("Les médias (vidéos…) d'une demande ; --fetch les télécharge, vérifiés.",
                                                                    "A request's media (videos…); --fetch downloads them, verified."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @OptionGroup var transfer: TransferOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: "badge") var badge: String
    @Flag(help: ArgumentHelp(L10n.t("Télécharger les médias absents du hub.", "Download the media the hub does not have."))) var fetch = false
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let media = fetch ? try context.hub.fetchMedia(uai: uai, badge: badge, options: transfer.remoteOptions(lang: context.lang),
                                                           lang: context.lang, progress: transfer.mediaProgress(lang: context.lang))
                          : try context.hub.media(uai: uai, badge: badge)
        if json { return try Output.json(["media": media]) }
        if media.isEmpty { return Output.line(context.t("Aucun média dans cette demande.", "No media in this request.")) }
        for item in media {
            let place = item.file ?? context.t("(pas encore sur le hub : --fetch)", "(not on the hub yet: --fetch)")
            Output.line("\(item.evidence) → \(item.criterion) « \(item.title) » \(item.path) \(ProgressLine.size(item.size)) sha256 \(item.oid.prefix(12))…  \(place)")
        }
    }
}
