import DossierCore
internal import HTTPTypes
import WebLayer

/// The reviewers' application's own refusals (the shared ones are `WebError`).
public enum ReviewWebError: Error, Equatable, Localized {
    /// The request changed since the page was shown (a newer submission replaced it).
    case stale
    /// Too many failed sign-ins.
    case throttled
    case wrongPassword

    public func text(_ lang: Lang) -> String {
        switch self {
        case .stale: lang.pick(fr: "Une demande plus récente a remplacé celle que vous regardiez : rechargez la page. Rien n'a été enregistré.",
                               en: "A newer request replaced the one you were looking at: reload the page. Nothing was saved.")
        case .throttled: lang.pick(fr: "Trop de tentatives de connexion : réessayez dans quelques minutes.",
                                   en: "Too many sign-in attempts: try again in a few minutes.")
        case .wrongPassword: lang.pick(fr: "Identifiant ou mot de passe incorrect.", en: "Wrong member id or password.")
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .stale: .conflict
        case .throttled: .tooManyRequests
        case .wrongPassword: .unauthorized
        }
    }
}
