internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub publish DIR [--base-url URL]`: the static public site of the badges.
struct HubPublishCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "publish",
            abstract: L10n.t("Écrit le site public des badges : vitrine, profil de l'émetteur, attestations, liste de révocation.",
                             "Write the badges' public site: showcase, issuer profile, credentials, revocation list."),
            discussion: L10n.t("""
                Un site statique (HTML et CSS, sans script) que tout serveur web sert tel quel, à l'adresse publicURL de hub.yaml \
                (ou --base-url, qui doit être la même une fois des attestations signées).
                """, """
                A static site (HTML and CSS, no script) any web server serves as it is, at hub.yaml's publicURL \
                (or --base-url, which must be the same once credentials are signed).
                """))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: ArgumentHelp(L10n.t("Dossier où écrire le site.", "Folder to write the site into."))) var path: String
    @Option(name: .customLong("base-url"), help: ArgumentHelp(L10n.t("Adresse publique du site.", "The site's public URL."), valueName: "url"))
    var baseURL: String?

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let folder = path.hasPrefix("/") ? path : options.workingFolder + "/" + path
        let site = try PublicSite(hub: try context.refreshed(), baseURL: baseURL, day: context.today)
        let summary = try site.write(to: folder)
        Output.line(context.t("Site public écrit dans \(folder) : \(summary.files) fichiers, \(summary.credentials) attestation(s), \(summary.labelled) CFA labellisé(s).",
                              "Public site written in \(folder): \(summary.files) files, \(summary.credentials) credential(s), \(summary.labelled) labelled CFA(s)."))
    }
}
