import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import Sync
import WebLayer

/// `/remote`: the Région's address for this dossier, as `dossier remote set|show` (`RemoteSetting`).
extension UIApp {
    func addRemoteRoutes(to router: Router<UIContext>) {
        router.get("/remote") { [self] request, context -> Response in
            let workspace = try workspace()
            return try remotePage(request, context, current: try RemoteSetting.current(workspace), given: "")
        }
        router.post("/remote") { [self] request, context -> Response in
            let form = try await form(request, context)
            let url = try form.required("url")
            let workspace = try workspace()
            do {
                try RemoteSetting.set(url, for: workspace, relativeTo: settings.folder)
            } catch let error as any Error & Localized {
                return try remotePage(request, context, current: try RemoteSetting.current(workspace), given: url,
                                      error: error.text(context.lang), status: .badRequest)
            }
            return WebResponse.redirect("/remote?set=1")
        }
    }

    func remotePage(_ request: Request, _ context: UIContext, current: String?, given: String, error: String = "",
                    status: HTTPResponse.Status = .ok) throws -> Response {
        var model: [String: Any] = ["current": current ?? "", "given": given.isEmpty ? (current ?? "") : given, "error": error]
        if request.uri.queryParameters.get("set") != nil, let current {
            model["done"] = context.lang.t("Adresse enregistrée : \(current). La prochaine synchronisation l'utilisera.",
                                           "Address recorded: \(current). The next sync will use it.")
        }
        return try page(request, context, title: RemotePage.strings.table(context.lang)["title"] ?? "", template: RemotePage.template,
                        strings: RemotePage.strings, model: model, nav: .sync, status: status)
    }
}

enum RemotePage {
    static let template = WebTemplate("ui-remote", #"""
<h1>{{t.title}}</h1>
{{#done}}<p class="done" role="status">{{done}}</p>{{/done}}
{{#current}}<p>{{t.current}} <code>{{current}}</code></p>{{/current}}
{{^current}}<p>{{t.none}}</p>{{/current}}
{{#error}}<p class="error" role="alert" id="url-error">{{error}}</p>{{/error}}
<form method="post" action="/remote" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="url">{{t.url}}</label>
<input id="url" name="url" value="{{given}}" required autocomplete="url" aria-describedby="url-hint{{#error}} url-error{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
<span id="url-hint" class="hint">{{t.hint}}</span></p>
<p><button type="submit">{{t.set}}</button></p>
</form>
<p><a href="/sync">{{t.back}}</a></p>
"""#)

    static let strings = WebStrings([
        "title": ("Serveur de la Région", "The Région's server"),
        "current": ("Ce dossier se synchronise avec :", "This dossier syncs with:"),
        "none": ("Ce dossier n'est relié à aucun serveur : indiquez l'adresse que la Région vous a donnée.",
                 "This dossier is linked to no server: give the address the Région gave you."),
        "url": ("Adresse du serveur", "Server address"),
        "hint": ("https://…, ssh://…, ou le chemin d'un dépôt sur ce réseau.", "https://…, ssh://…, or the path of a repository on this network."),
        "set": ("Enregistrer l'adresse", "Record the address"),
        "back": ("Aller à la synchronisation", "Go to sync"),
    ])
}
