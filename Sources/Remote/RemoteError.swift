public import DossierCore

/// Why an exchange with a remote failed: nothing was changed locally by the failed exchange.
public enum RemoteError: Error, Equatable, Localized {
    /// No route, refused, DNS failure, a missing folder: `detail` says which.
    case unreachable(url: String, detail: String)
    /// The server stopped answering for `seconds` (the watchdog's verdict).
    case noAnswer(url: String, seconds: Int)
    case authenticationRefused(url: String)
    case unknownHost(host: String, fingerprint: String)
    case hostKeyChanged(host: String)
    case corruptTransfer(String)
    /// The remote refused a pushed reference, with its reason.
    case remoteRefused(String)

    /// The detail of `unreachable` when the remote is a folder that is not there.
    public static let noSuchFolder = "no such folder"

    /// The process exit code: 2 unreachable, 3 authentication or host refused, 1 anything else.
    public var exitCode: Int32 {
        switch self {
        case .unreachable, .noAnswer: 2
        case .authenticationRefused, .unknownHost, .hostKeyChanged: 3
        case .corruptTransfer, .remoteRefused: 1
        }
    }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .unreachable(let url, let detail):
            return lang.pick(fr: "serveur injoignable (\(url)) : \(detail) — rien n'a changé ici, réessayez avec un réseau",
                             en: "remote unreachable (\(url)): \(detail) — nothing changed here, try again with a network")
        case .noAnswer(let url, let seconds):
            return Self.unreachable(url: url, detail: lang.pick(fr: "aucune réponse depuis \(seconds) s", en: "no answer for \(seconds) s")).text(lang)
        case .authenticationRefused(let url):
            return lang.pick(fr: "authentification refusée par \(url) (vérifiez DOSSIER_TOKEN ou la clé ssh)",
                             en: "authentication refused by \(url) (check DOSSIER_TOKEN or the ssh key)")
        case .unknownHost(let host, let fingerprint):
            return lang.pick(fr: "hôte ssh inconnu \(host) (SHA256:\(fingerprint)) : relancez avec --accept-new-host si c'est bien le serveur de la Région",
                             en: "unknown ssh host \(host) (SHA256:\(fingerprint)): run again with --accept-new-host if it is the Région's server")
        case .hostKeyChanged(let host):
            return lang.pick(fr: "la clé de l'hôte ssh \(host) a changé : connexion refusée (possible usurpation ; prévenez la Région)",
                             en: "the ssh host key of \(host) changed: connection refused (possible impostor; tell the Région)")
        case .corruptTransfer(let detail):
            return lang.pick(fr: "données reçues invalides : \(detail) — rien n'a changé ici", en: "invalid data received: \(detail) — nothing changed here")
        case .remoteRefused(let detail):
            return lang.pick(fr: "le serveur a refusé l'envoi : \(detail)", en: "the remote refused the push: \(detail)")
        }
    }
}
