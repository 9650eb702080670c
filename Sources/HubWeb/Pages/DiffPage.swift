import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// `/cfa/<UAI>/<badge>/diff`: what a renewal changed since the awarded snapshot, for readers who
/// are not developers — per criterion, the evidence added (with a preview), removed, replaced
/// (text side by side with the changed words marked, images before and after, other files both
/// versions one click away), retitled, moved; the narrative word by word; the criteria newly met
/// or no longer met; the raw list of files. `…/diff/before/<id>` serves an evidence's bytes as
/// they were in the awarded snapshot, with the same checks and headers as the request's evidence.
extension WebApp {
    func addDiffRoutes(to router: Router<WebContext>) {
        router.get("/cfa/:uai/:badge/diff") { request, context -> Response in
            _ = try self.member(context)
            let uai = try context.parameters.require("uai"), badge = try context.parameters.require("badge")
            return try self.diffPage(request, context, uai: uai, badge: badge)
        }
        router.get("/cfa/:uai/:badge/diff/before/:id") { request, context -> Response in
            _ = try self.member(context)
            let uai = try context.parameters.require("uai"), badge = try context.parameters.require("badge")
            let id = try context.parameters.require("id")
            return try self.serveEvidence(try self.hub.baseEvidenceContent(uai: uai, badge: badge, evidenceID: id), request)
        }
    }

    func diffPage(_ request: Request, _ context: WebContext, uai: String, badge: String) throws -> Response {
        let lang = context.lang
        try refreshStates()
        let view = try hub.view(uai: uai, badge: badge)
        guard let definition = hub.catalogue.badge(badge) else { throw HubError.unknownBadge(badge) }
        let submission = view.submission
        let base = "/cfa/\(WebPath.segment(uai))/\(WebPath.segment(badge))"
        let heading = lang.t("Ce qui a changé depuis l'attribution", "What changed since the award")
        var model: [String: Any] = [
            "heading": heading, "cfa": view.cfaName ?? uai, "uai": uai, "badgeTitle": definition.title, "badgeNumber": definition.number,
            "requestHref": base, "tag": submission.tag, "submitted": Self.moment(submission.submittedAt, lang),
        ]
        guard submission.kind == .renewal, let renewal = view.renewal else {
            model["notRenewal"] = true
            return try page(request, context, title: heading, template: Self.diffTemplate, strings: Self.diffStrings, model: model, nav: .queue)
        }
        let snapshots = try hub.renewalSnapshots(uai: uai, badge: badge)
        let builder = try DiffPageModel(app: self, lang: lang, uai: uai, badge: badge, definition: definition, view: view,
                                    renewal: renewal, snapshots: snapshots, base: base)
        model.merge(try builder.model()) { _, new in new }
        return try page(request, context, title: "\(heading) — \(uai) — \(definition.title)", template: Self.diffTemplate,
                        strings: Self.diffStrings, model: model, nav: .queue)
    }

}
