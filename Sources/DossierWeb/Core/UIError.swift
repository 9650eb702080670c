import DossierCore
internal import HTTPTypes
import WebLayer

/// Why the CFA's application refused a request (the refusals shared with the reviewers' application
/// are `WebError`).
public enum UIError: Error, Equatable, Localized {
    /// The `Host` header names another host than this server's loopback address (DNS rebinding).
    case wrongHost
    /// No session cookie and no valid launch token.
    case noSession
    /// The request came from another machine.
    case notLoopback
    /// The folder is not a dossier yet (the first steps create or get one).
    case noDossier

    public func text(_ lang: Lang) -> String {
        switch self {
        case .wrongHost: lang.t("Cette adresse n'est pas celle de « dossier ui » : ouvrez l'adresse que la commande a affichée.",
                                "This address is not the one of `dossier ui`: open the address the command printed.")
        case .noSession: lang.t("Ouvrez cette application par l'adresse que « dossier ui » a ouverte ou affichée (elle contient une clé secrète).",
                                "Open this application through the address `dossier ui` opened or printed (it holds a secret key).")
        case .notLoopback: lang.t("Cette application n'accepte que les connexions de cet ordinateur.",
                                  "This application accepts connections from this computer only.")
        case .noDossier: lang.t("Ce dossier n'existe pas encore : créez-le ou récupérez-le depuis la Région.",
                                "This dossier does not exist yet: create it or get it from the Région.")
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .wrongHost: .misdirectedRequest
        case .noSession, .notLoopback: .forbidden
        case .noDossier: .notFound
        }
    }
}
