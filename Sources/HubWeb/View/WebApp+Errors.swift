import DossierCore
import Foundation
import Hub
import Hummingbird
internal import NIOCore
import Remote
import WebLayer

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
            return redirect("/signin?next=" + WebPath.queryEscaped(path))
        }
        let (status, message) = Self.describe(error, lang)
        if status == .internalServerError {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
        let heading = "\(status.code) — " + WebError.statusTitle(status, lang)
        var back = "/"
        if let match = request.uri.path.firstRange(of: "/evidence/") { back = String(request.uri.path[..<match.lowerBound]) }
        else if request.uri.path.hasPrefix("/cfa/") { back = request.uri.path.split(separator: "/").prefix(3).map { "/" + $0 }.joined() }
        let model: [String: Any] = [
            "heading": heading, "message": message, "back": back, "next": WebPath.queryEscaped(request.method == .get ? path : "/"),
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
        case let error as ReviewWebError:
            return (error.status, error.text(lang))
        case let error as HubError:
            return (status(of: error), error.text(lang))
        case let error as ProposalError:
            switch error {
            case .noProposal: return (.notFound, error.text(lang))
            case .recused, .notRegion: return (.forbidden, error.text(lang))
            case .closed, .badgeExists, .nothingToCompare: return (.conflict, error.text(lang))
            }
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
            return (.contentTooLarge, WebError.tooLargeText(lang))
        case let error as HTTPError:
            switch error.status {
            case .notFound: return (.notFound, WebError.notFound.text(lang))
            case .contentTooLarge:
                return (.contentTooLarge, WebError.tooLargeText(lang))
            case .methodNotAllowed:
                return (.methodNotAllowed, lang.t("Cette adresse n'accepte pas cette méthode.", "This address does not accept this method."))
            case .badRequest: return (.badRequest, lang.t("Requête invalide : rien n'a été enregistré.", "Bad request: nothing was saved."))
            default: return (error.status, WebError.statusTitle(error.status, lang))
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

}
