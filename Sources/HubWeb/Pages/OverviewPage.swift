import DossierCore
import Foundation
import Hub
import Hummingbird

/// `/`: a placeholder until the overview page (every CFA × the twelve badges) replaces it.
extension WebApp {
    static let overviewTemplate = WebTemplate("overview", #"""
<h1>{{t.title}}</h1>
<p>{{t.body}}</p>
<p><a href="/queue">{{t.queue}}</a></p>
"""#)

    static let overviewStrings = WebStrings([
        "title": ("Vue d'ensemble", "Overview"),
        "body": ("La vue d'ensemble des CFA arrive bientôt.", "The overview of the CFAs is coming soon."),
        "queue": ("Voir la file d'attente", "See the queue"),
    ])

    func addOverviewRoutes(to router: Router<WebContext>) {
        router.get("/") { request, context -> Response in
            _ = try self.member(context)
            return try self.page(request, context, title: context.lang.t("Vue d'ensemble", "Overview"), template: Self.overviewTemplate,
                                 strings: Self.overviewStrings, model: [:], nav: .overview)
        }
    }
}
