internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub
internal import HubWeb
internal import Remote

/// `dossier hub serve`: the reviewers' web application over the hub's store and mirrors.
struct HubServeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: L10n.t("Sert l'application web des relecteurs (file d'attente, demandes, preuves, avis).",
                             "Serve the reviewers' web application (queue, requests, evidence, votes)."),
            discussion: L10n.t("""
                Écoute sur 127.0.0.1:8080 par défaut ; placez un proxy inverse avec TLS devant (docs/HUB.md). \
                Une ligne par requête sur la sortie standard : méthode, chemin, statut, durée, membre. \
                S'arrête proprement sur SIGTERM ou Ctrl-C (les requêtes en cours se terminent).
                """, """
                Listens on 127.0.0.1:8080 by default; put a reverse proxy with TLS in front (docs/HUB.md). \
                One line per request on standard output: method, path, status, duration, member. \
                Stops cleanly on SIGTERM or Ctrl-C (requests in flight finish).
                """))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Option(help: ArgumentHelp(L10n.t("Adresse et port d'écoute.", "Address and port to listen on."), valueName: "host:port"))
    var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp(L10n.t("Adresse publique du hub (https://… derrière un proxy TLS) : liens d'invitation, cookies Secure.",
                                      "The hub's public address (https://… behind a TLS proxy): invitation links, Secure cookies."),
                               valueName: "url"))
    var baseURL: String?

    func validate() throws {
        guard Self.listenAddress(listen) != nil else {
            throw ValidationError(L10n.t("--listen attend HÔTE:PORT, par exemple 127.0.0.1:8080", "--listen takes HOST:PORT, e.g. 127.0.0.1:8080"))
        }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError(L10n.t("--base-url attend une adresse http:// ou https://", "--base-url takes an http:// or https:// address"))
        }
    }

    /// `host:port` or `[v6]:port`.
    static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        guard let (host, port) = Self.listenAddress(listen) else { return }
        let environment = ProcessInfo.processInfo.environment
        // The media button reaches CFAs' servers with this process's credentials and known hosts; a
        // transfer that times out is reported in the log and left to its thread (never ends the server).
        let lang = context.lang
        let home = RemoteOptions.home(environment: environment)
        let media = RemoteOptions(credentials: CredentialSource(environment: environment, home: home, sshKey: nil),
                                  knownHosts: .standard(environment: environment, home: home), acceptNewHost: false,
                                  timeout: RemoteOptions.timeout(environment: environment)) { error in
            Output.error(error.text(lang))
        }
        let settings = WebSettings(baseURL: baseURL, requestLog: { line in
            Output.line(line)
            fflush(nil)
        }, mediaOptions: media, today: { Day.today(environment: environment) })
        let app = WebApp(hub: context.hub, settings: settings)
        let shown = baseURL
        let outcome = AsyncOutcome()
        Task.detached {
            do {
                try await app.serve(host: host, port: port) { actual in
                    let address = shown ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(actual)"
                    Output.line(lang.pick(fr: "Application web des relecteurs : \(address) (Ctrl-C pour arrêter)",
                                          en: "Reviewers' web application: \(address) (Ctrl-C to stop)"))
                    fflush(nil)
                }
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        if let error = outcome.wait() { throw error }
    }
}

/// The end of an async task, waited for by a synchronous command.
final class AsyncOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: Error?

    func finish(_ error: Error?) {
        self.error = error
        done.signal()
    }

    func wait() -> Error? {
        done.wait()
        return error
    }
}
