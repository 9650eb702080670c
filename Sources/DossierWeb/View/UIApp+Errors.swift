import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import Hummingbird
internal import NIOCore
import Remote
import Sync
import WebLayer

extension UIApp {
    static let errorTemplate = WebTemplate("ui-error", #"""
<h1>{{heading}}</h1>
<p class="error" role="alert">{{message}}</p>
<p><a href="{{back}}">{{t.back}}</a></p>
"""#)

    static let errorStrings = WebStrings(["back": ("Retour", "Back")])

    /// An error as a page in the reader's language, with its status. Outside a dossier, a page that
    /// needs one sends the browser to the first steps.
    func errorResponse(_ error: Error, request: Request, context: UIContext) -> Response {
        let lang = context.lang
        if case UIError.noDossier = error, request.method == .get { return WebResponse.redirect("/start") }
        let (status, message) = Self.describe(error, lang)
        if status == .internalServerError {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        let heading = "\(status.code) — " + WebError.statusTitle(status, lang)
        let back = request.uri.path.hasPrefix("/badge/") ? request.uri.path.split(separator: "/").prefix(2).map { "/" + $0 }.joined() : "/"
        do {
            return try page(request, context, title: heading, template: Self.errorTemplate, strings: Self.errorStrings,
                            model: ["heading": heading, "message": message, "back": back], status: status)
        } catch {
            return WebResponse.html("<!DOCTYPE html><html lang=\"\(lang.rawValue)\"><title>\(status.code)</title><h1>\(status.code)</h1></html>",
                                    status: status)
        }
    }

    /// The status and the reader's text of an error: the library's own message, as the command line
    /// prints it; never a raw library message.
    static func describe(_ error: Error, _ lang: Lang) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as WebError: return (error.status, error.text(lang))
        case let error as UIError: return (error.status, error.text(lang))
        case let error as WorkspaceError: return (error == .busy ? .serviceUnavailable : .conflict, error.text(lang))
        case let error as DossierError: return (.badRequest, error.text(lang))
        case let error as DossierErrors: return (.badRequest, error.errors.map { $0.text(lang) }.joined(separator: " — "))
        case let error as RemoteError: return (.badGateway, error.text(lang))
        case let error as any Localized: return (.conflict, error.text(lang))
        case is NIOTooManyBytesError: return (.contentTooLarge, WebError.tooLargeText(lang))
        case let error as HTTPError:
            switch error.status {
            case .notFound: return (.notFound, WebError.notFound.text(lang))
            case .contentTooLarge: return (.contentTooLarge, WebError.tooLargeText(lang))
            case .methodNotAllowed:
                return (.methodNotAllowed, lang.t("Cette adresse n'accepte pas cette méthode.", "This address does not accept this method."))
            default: return (.badRequest, lang.t("Requête invalide : rien n'a été enregistré.", "Bad request: nothing was saved."))
            }
        default:
            return (.internalServerError, lang.t("Erreur interne : rien n'a été enregistré. Réessayez ; « dossier status » dans un terminal dit où en est le dossier.",
                                                 "Internal error: nothing was saved. Try again; `dossier status` in a terminal says where the dossier stands."))
        }
    }
}
