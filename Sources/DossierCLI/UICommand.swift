internal import ArgumentParser
internal import DossierCore
internal import DossierWeb
internal import Foundation
internal import Remote

/// `dossier ui`: the dossier on a local web page, for people who never open a terminal.
struct UICommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "ui",
            abstract: L10n.t("Ouvre le dossier dans le navigateur (application locale, hors ligne).",
                             "Open the dossier in the browser (a local application, works offline)."),
            discussion: L10n.t("""
                Écoute sur 127.0.0.1 seulement, sur un port libre, et ouvre le navigateur sur une adresse qui contient \
                une clé secrète. Avec --no-open, ou si aucun navigateur ne peut être lancé, affiche cette adresse sur une \
                ligne à part. S'arrête par le bouton « Quitter » ou Ctrl-C. Hors d'un dossier, la page propose de le créer \
                ou de le récupérer depuis la Région.
                """, """
                Listens on 127.0.0.1 only, on a free port, and opens the browser at an address that holds a secret key. \
                With --no-open, or when no browser can be started, prints that address on a line of its own. Stops with \
                the "Quit" button or Ctrl-C. Outside a dossier, the page offers to create it or get it from the Région.
                """))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Dossier à ouvrir (par défaut : le dossier courant).", "Dossier to open (default: the current folder).")))
    var path: String?
    @Option(help: ArgumentHelp(L10n.t("Port d'écoute (par défaut : un port libre).", "Port to listen on (default: a free one).")))
    var port = 0
    @Flag(help: ArgumentHelp(L10n.t("Ne pas ouvrir le navigateur : afficher l'adresse.", "Do not open the browser: print the address.")))
    var noOpen = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError(L10n.t("--port attend un nombre de 0 à 65535", "--port takes a number from 0 to 65535")) }
    }

    func run() throws {
        let context = try CommandContext(options)
        let folder = path.map { $0.hasPrefix("/") ? $0 : context.folder + "/" + $0 } ?? context.folder
        let environment = ProcessInfo.processInfo.environment
        let home = RemoteOptions.home(environment: environment)
        // The catalogue given, else the built-in one replaced by the newest version the Région sent to
        // the dossier opened (the page reads it again after each sync).
        let given = options.catalogue != nil
        var settings = UISettings(folder: (folder as NSString).standardizingPath,
                                  catalogue: given ? context.catalogue : try Catalogue.builtin()) { lang in
            // A transfer that times out is reported on the page and in the terminal; it never ends the server.
            RemoteOptions(credentials: CredentialSource(environment: environment, home: home, sshKey: nil),
                          knownHosts: .standard(environment: environment, home: home), acceptNewHost: false,
                          timeout: RemoteOptions.timeout(environment: environment)) { error in Output.error(error.text(lang)) }
        }
        settings.today = { Day.today(environment: environment) }
        settings.home = home
        settings.followsReceivedCatalogues = !given
        let app = UIApp(settings: settings)
        let lang = context.lang
        let (open, requested) = (!noOpen, port)
        let outcome = AsyncOutcome()
        Task.detached {
            do {
                try await app.serve(port: requested) { actual in
                    let url = app.launchURL(port: actual)
                    if open, Self.openBrowser(url) {
                        Output.line(lang.pick(fr: "Dossier ouvert dans votre navigateur (Ctrl-C ou « Quitter » pour arrêter). Si rien ne s'affiche, ouvrez :",
                                           en: "Dossier opened in your browser (Ctrl-C or \"Quit\" to stop). If nothing shows, open:"))
                    } else {
                        Output.line(lang.pick(fr: "Ouvrez cette adresse dans votre navigateur (Ctrl-C pour arrêter) :",
                                           en: "Open this address in your browser (Ctrl-C to stop):"))
                    }
                    Output.line(url)
                    fflush(nil)
                }
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        if let error = outcome.wait() { throw error }
        Output.line(lang.pick(fr: "Application arrêtée.", en: "Application stopped."))
    }

    /// Starts the system's browser on `url` (`xdg-open` on Linux, `open` on macOS); false when none
    /// could be started. The only program the product starts (issue 13: « ouvre le navigateur par
    /// défaut »); every git operation goes through libgit2 (the Git module).
    static func openBrowser(_ url: String) -> Bool {
        #if os(macOS)
        let candidates = ["/usr/bin/open"]
        #else
        let candidates = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"]
        #endif
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        return true
    }
}
