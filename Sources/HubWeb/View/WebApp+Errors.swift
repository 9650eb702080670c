import DossierCore
import Foundation
import Hub
import Hummingbird
import Remote
internal import NIOCore

extension WebApp {
    static let errorTemplate = WebTemplate("error", #"""
<h1>{{heading}}</h1>
<p class="error" role="alert">{{message}}</p>
{{#signIn}}<p><a href="/signin?next={{next}}">{{t.signIn}}</a></p>{{/signIn}}
<p><a href="{{back}}">{{t.back}}</a></p>
"""#)

    static let errorStrings = WebStrings([
        "signIn": ("Se connecter", "Sign in"),
        "back": ("Retour", "Back"),
    ])

    /// An error as a page in the reader's language, with its status. A page that needs a member
    /// sends a browser without a session to the sign-in page.
    func errorResponse(_ error: Error, request: Request, context: WebContext) -> Response {
        let lang = context.lang
        let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        if case WebError.notSignedIn = error, request.method == .get {
            return redirect("/signin?next=" + Self.queryEscaped(path))
        }
        let (status, message) = Self.describe(error, lang)
        if status == .internalServerError {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
        let heading = "\(status.code) — " + Self.statusTitle(status, lang)
        var back = "/"
        if let match = request.uri.path.firstRange(of: "/evidence/") { back = String(request.uri.path[..<match.lowerBound]) }
        else if request.uri.path.hasPrefix("/cfa/") { back = request.uri.path.split(separator: "/").prefix(3).map { "/" + $0 }.joined() }
        let model: [String: Any] = [
            "heading": heading, "message": message, "back": back, "next": Self.queryEscaped(request.method == .get ? path : "/"),
            "signIn": status == .unauthorized && context.member == nil,
        ]
        do {
            return try page(request, context, title: heading, template: Self.errorTemplate, strings: Self.errorStrings, model: model,
                            status: status)
        } catch {
            return html("<!DOCTYPE html><html lang=\"\(lang.rawValue)\"><title>\(status.code)</title><h1>\(status.code)</h1></html>",
                        status: status)
        }
    }

    /// The status and the reader's text of an error.
    static func describe(_ error: Error, _ lang: Lang) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as WebError:
            return (error.status, error.text(lang))
        case let error as HubError:
            return (status(of: error), error.text(lang))
        case let error as PasswordError:
            return (.badRequest, error.text(lang))
        case let error as RemoteError:
            return (.badGateway, error.text(lang))
        case let error as MediaTransferError:
            return (.badGateway, error.text(lang))
        case let error as DossierError:
            return (.badRequest, error.text(lang))
        case let error as any Localized:  // e.g. CredentialError: the issuer keys cannot be used, nothing was awarded
            return (.internalServerError, error.text(lang))
        case is NIOTooManyBytesError:
            return (.contentTooLarge, lang.t("Envoi trop volumineux : rien n'a été enregistré.", "Request too large: nothing was saved."))
        case let error as HTTPError:
            switch error.status {
            case .notFound: return (.notFound, WebError.notFound.text(lang))
            case .contentTooLarge:
                return (.contentTooLarge, lang.t("Envoi trop volumineux : rien n'a été enregistré.", "Request too large: nothing was saved."))
            case .methodNotAllowed:
                return (.methodNotAllowed, lang.t("Cette adresse n'accepte pas cette méthode.", "This address does not accept this method."))
            case .badRequest: return (.badRequest, lang.t("Requête invalide : rien n'a été enregistré.", "Bad request: nothing was saved."))
            default: return (error.status, statusTitle(error.status, lang))
            }
        default:
            return (.internalServerError, lang.t("Erreur interne du hub : rien n'a été enregistré. Réessayez ; si elle persiste, prévenez la Région.",
                                                 "Internal hub error: nothing was saved. Try again; if it persists, tell the Région."))
        }
    }

    /// Which status each refusal of the hub's rules gets.
    static func status(of error: HubError) -> HTTPResponse.Status {
        switch error {
        case .unknownCFA, .noSubmission, .unknownBadge, .unknownMember, .unknownEvidence: .notFound
        case .recused, .notRegion, .memberDisabled: .forbidden
        case .reasonRequired, .invitationInvalid: .badRequest
        case .storeBusy, .reconcileRunning: .serviceUnavailable
        case .votingClosed, .noVoteToWithdraw, .quorumNotReached, .blocked, .changesPending, .notAwarded, .historyNotRewritten,
             .alreadyRegistered, .memberExists: .conflict
        default: .internalServerError
        }
    }

    static func statusTitle(_ status: HTTPResponse.Status, _ lang: Lang) -> String {
        switch status.code {
        case 400: lang.t("Requête invalide", "Bad request")
        case 401: lang.t("Connexion requise", "Sign-in required")
        case 403: lang.t("Action refusée", "Forbidden")
        case 404: lang.t("Page introuvable", "Not found")
        case 405: lang.t("Méthode non acceptée", "Method not allowed")
        case 409: lang.t("Action impossible dans l'état actuel", "Not possible in the current state")
        case 413: lang.t("Envoi trop volumineux", "Request too large")
        case 429: lang.t("Trop de tentatives", "Too many attempts")
        case 502: lang.t("Le serveur du CFA n'a pas répondu comme prévu", "The CFA's server did not answer as expected")
        case 503: lang.t("Hub occupé", "Hub busy")
        default: lang.t("Erreur", "Error")
        }
    }
}
