import DossierCore
import Foundation
import Hummingbird
import WebLayer

extension UIApp {
    static let quitTemplate = WebTemplate("ui-quit", #"""
<h1>{{t.heading}}</h1>
<p role="status">{{t.done}}</p>
{{#syncing}}<p class="notice">{{t.syncing}}</p>{{/syncing}}
"""#)

    static let quitStrings = WebStrings([
        "heading": ("Application arrêtée", "Application stopped"),
        "done": ("Tout ce que vous avez fait est sur cet ordinateur. Vous pouvez fermer cet onglet ; « dossier ui » rouvre l'application.",
                 "Everything you did is on this computer. You may close this tab; `dossier ui` opens the application again."),
        "syncing": ("Une synchronisation est en cours : l'application s'arrêtera quand elle sera finie.",
                    "A sync is running: the application will stop when it ends."),
    ])

    /// `/open?token=…` (the launch address: its token becomes the session cookie), `/lang` (the
    /// switch), `/quit` (stops the server after answering).
    func addSessionRoutes(to router: Router<UIContext>) {
        router.get("/open") { [self] request, _ -> Response in
            guard session.isLaunch(request.uri.queryParameters.get("token")) else { throw UIError.noSession }
            return WebResponse.redirect("/", cookies: [session.cookie])
        }
        router.get("/lang") { request, _ -> Response in
            let lang = request.uri.queryParameters.get("to").flatMap(Lang.init(rawValue:)) ?? .fr
            return WebResponse.redirect(WebPath.local(request.uri.queryParameters.get("back")),
                                        cookies: ["\(WebLanguage.cookie)=\(lang.rawValue); Path=/; Max-Age=31536000; SameSite=Strict"])
        }
        // The fingerprint of what the pages show (`ui-watch.js` compares it when the tab regains focus).
        router.get("/state") { [self] _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: stateFingerprint())))
        }
        router.get("/static/ui-watch.js") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: UILayout.watchScript)))
        }
        router.post("/quit") { [self] request, context -> Response in
            _ = try await form(request, context)
            let response = try page(request, context, title: Self.quitStrings.table(context.lang)["heading"] ?? "",
                                    template: Self.quitTemplate, strings: Self.quitStrings, model: ["syncing": syncJob.isRunning])
            quit()
            return response
        }
    }
}
