import DossierCore
public import HTTPTypes

/// Why a web application refused a request, for the refusals both applications share, with its
/// status and texts. Each application adds its own (the hub's sign-in throttle, the CFA's token).
public enum WebError: Error, Equatable, Localized {
    /// No session (or an expired one).
    case notSignedIn
    /// A form without the right CSRF token.
    case csrf
    /// A form field missing or malformed.
    case badForm(String)
    case notFound

    public func text(_ lang: Lang) -> String {
        switch self {
        case .notSignedIn: lang.pick(fr: "Connectez-vous pour continuer.", en: "Sign in to continue.")
        case .csrf: lang.pick(fr: "Ce formulaire a expiré ou ne vient pas de cette application : rechargez la page et recommencez. Rien n'a été enregistré.",
                              en: "This form expired or did not come from this application: reload the page and try again. Nothing was saved.")
        case .badForm(let field): lang.pick(fr: "Champ de formulaire manquant ou invalide : \(field). Rien n'a été enregistré.",
                                            en: "Missing or invalid form field: \(field). Nothing was saved.")
        case .notFound: lang.pick(fr: "Cette page n'existe pas.", en: "This page does not exist.")
        }
    }

    public var status: HTTPResponse.Status {
        switch self {
        case .notSignedIn: .unauthorized
        case .csrf: .forbidden
        case .badForm: .badRequest
        case .notFound: .notFound
        }
    }

    /// The heading of an error page with this status.
    public static func statusTitle(_ status: HTTPResponse.Status, _ lang: Lang) -> String {
        switch status.code {
        case 400: lang.t("Requête invalide", "Bad request")
        case 401: lang.t("Connexion requise", "Sign-in required")
        case 403: lang.t("Action refusée", "Forbidden")
        case 404: lang.t("Page introuvable", "Not found")
        case 405: lang.t("Méthode non acceptée", "Method not allowed")
        case 409: lang.t("Action impossible dans l'état actuel", "Not possible in the current state")
        case 413: lang.t("Envoi trop volumineux", "Request too large")
        case 421: lang.t("Adresse refusée", "Address refused")
        case 429: lang.t("Trop de tentatives", "Too many attempts")
        case 502: lang.t("Le serveur du CFA n'a pas répondu comme prévu", "The CFA's server did not answer as expected")
        case 503: lang.t("Occupé", "Busy")
        default: lang.t("Erreur", "Error")
        }
    }

    /// The text of a request body larger than the limit.
    public static func tooLargeText(_ lang: Lang) -> String {
        lang.t("Envoi trop volumineux : rien n'a été enregistré.", "Request too large: nothing was saved.")
    }
}
