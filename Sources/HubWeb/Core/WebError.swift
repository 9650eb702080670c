import DossierCore
internal import HTTPTypes
import Hummingbird

/// Why the web application refused a request, with its status and texts.
public enum WebError: Error, Equatable, Localized {
    /// No session (or an expired one): the page needs a member signed in.
    case notSignedIn
    /// A form without the right CSRF token.
    case csrf
    /// A form field missing or malformed.
    case badForm(String)
    case notFound
    /// The request changed since the page was shown (a newer submission replaced it).
    case stale
    /// Too many failed sign-ins.
    case throttled
    case wrongPassword

    public func text(_ lang: Lang) -> String {
        switch self {
        case .notSignedIn: lang.pick(fr: "Connectez-vous pour continuer.", en: "Sign in to continue.")
        case .csrf: lang.pick(fr: "Ce formulaire a expiré ou ne vient pas de cette application : rechargez la page et recommencez. Rien n'a été enregistré.",
                              en: "This form expired or did not come from this application: reload the page and try again. Nothing was saved.")
        case .badForm(let field): lang.pick(fr: "Champ de formulaire manquant ou invalide : \(field). Rien n'a été enregistré.",
                                            en: "Missing or invalid form field: \(field). Nothing was saved.")
        case .notFound: lang.pick(fr: "Cette page n'existe pas.", en: "This page does not exist.")
        case .stale: lang.pick(fr: "Une demande plus récente a remplacé celle que vous regardiez : rechargez la page. Rien n'a été enregistré.",
                               en: "A newer request replaced the one you were looking at: reload the page. Nothing was saved.")
        case .throttled: lang.pick(fr: "Trop de tentatives de connexion : réessayez dans quelques minutes.",
                                   en: "Too many sign-in attempts: try again in a few minutes.")
        case .wrongPassword: lang.pick(fr: "Identifiant ou mot de passe incorrect.", en: "Wrong member id or password.")
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .notSignedIn: .unauthorized
        case .csrf: .forbidden
        case .badForm: .badRequest
        case .notFound: .notFound
        case .stale: .conflict
        case .throttled: .tooManyRequests
        case .wrongPassword: .unauthorized
        }
    }
}
