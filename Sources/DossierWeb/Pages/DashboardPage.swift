import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import Sync
import WebLayer

/// `/`: the twelve badges as cards with their state, the label's progress in words and as a bar,
/// and at the top what is not saved or not sent yet.
extension UIApp {
    func addDashboardRoutes(to router: Router<UIContext>) {
        router.get("/") { [self] request, context -> Response in
            let lang = context.lang
            let model: [String: Any]
            do {
                model = try dashboardModel(lang)
            } catch let error as DossierErrors {
                model = ["malformed": error.errors.map { $0.text(lang) }, "hasMalformed": true]
            } catch let error as DossierError {
                model = ["malformed": [error.text(lang)], "hasMalformed": true]
            }
            return try page(request, context, title: DashboardPage.strings.table(lang)["title"] ?? "", template: DashboardPage.template,
                            strings: DashboardPage.strings, model: model, nav: .dashboard)
        }
    }

    func dashboardModel(_ lang: Lang) throws -> [String: Any] {
        let workspace = try workspace()
        let catalogue = workspace.catalogue
        let checked = try DossierCheck.run(workspace)
        let today = settings.today()
        let view = DecisionsView(checked.decisions, today: today, catalogue: catalogue)
        let requests = try workspace.repository.referenceNames(matching: SubmissionTag.pattern()).compactMap { SubmissionTag($0) }
        let cards: [[String: Any]] = checked.report.badges.map { badge in
            let state = BadgeState.of(badge, claim: checked.dossier.claims[badge.id], decisions: checked.decisions, view: view, requests: requests, today: today)
            return [
                "id": badge.id, "href": "/badge/" + WebPath.segment(badge.id), "title": badge.title,
                "number": catalogue.badge(badge.id)?.number ?? 0, "mandatory": badge.mandatory,
                "state": state.text(lang), "symbol": state.symbol, "class": state.cssClass,
                "hasReasons": !state.reasons.isEmpty, "reasons": state.reasons.map { ["member": $0.member, "text": $0.text] as [String: Any] },
            ]
        }
        // Towards the label count the badges the Région awarded (still valid) and those ready to request.
        let awarded = Set(view.awards.filter { !$0.expired }.map(\.badge))
        let ready = Set(checked.report.badges.filter { $0.ready && $0.status == .ready }.map(\.id))
        let counted = awarded.union(ready)
        let mandatory = catalogue.mandatoryBadges.map(\.id)
        let mandatoryCounted = mandatory.filter(counted.contains).count
        let missing = mandatory.filter { !counted.contains($0) }.map { id in catalogue.badge(id)?.title ?? id }
        let required = catalogue.label.badgesRequired
        var progress = awarded.isEmpty
            ? lang.t("\(counted.count) badge(s) prêt(s) sur \(required), dont \(mandatoryCounted) obligatoire(s) sur \(mandatory.count)",
                     "\(counted.count) badge(s) ready of \(required), including \(mandatoryCounted) mandatory of \(mandatory.count)")
            : lang.t("\(counted.count) badge(s) décerné(s) ou prêt(s) sur \(required), dont \(mandatoryCounted) obligatoire(s) sur \(mandatory.count)",
                     "\(counted.count) badge(s) awarded or ready of \(required), including \(mandatoryCounted) mandatory of \(mandatory.count)")
        if !missing.isEmpty { progress += lang.t(" — il manque : ", " — missing: ") + missing.joined(separator: ", ") }
        else if counted.count >= required, !view.labelHeld {
            progress += lang.t(" — le dossier peut prétendre au label.", " — the dossier qualifies for the label.")
        }
        let syncer = syncer(workspace, lang: lang)
        let remote = try workspace.repository.remote(named: "origin")?.url
        let unsaved = try workspace.changedFiles().count
        let unsynced = remote == nil ? 0 : try syncer.unsyncedSaves()
        let unsent = remote == nil ? 0 : try syncer.unpushedSubmissions().count
        let unsentProposals = remote == nil ? 0 : try syncer.unpushedProposals().count
        let conflicts = try ConflictResolver(workspace: workspace).conflicts()?.open.count ?? 0
        var notices: [String] = []
        if conflicts > 0 {
            notices.append(lang.t("\(conflicts) conflit(s) de synchronisation à régler.", "\(conflicts) sync conflict(s) to settle."))
        }
        if unsaved > 0 {
            notices.append(lang.t("\(unsaved) fichier(s) modifié(s) pas encore enregistré(s).", "\(unsaved) changed file(s) not saved yet."))
        }
        if unsynced > 0 || unsent > 0 {
            notices.append(lang.t("Pas encore envoyé à la Région : \(unsynced) enregistrement(s), \(unsent) demande(s).",
                                  "Not sent to the Région yet: \(unsynced) save(s), \(unsent) request(s)."))
        }
        if unsentProposals > 0 {
            notices.append(lang.t("\(unsentProposals) proposition(s) de badge partiront à la prochaine synchronisation.",
                                  "\(unsentProposals) badge proposal(s) will go at the next sync."))
        }
        if remote == nil {
            notices.append(lang.t("Ce dossier n'est relié à aucun serveur de la Région : la synchronisation n'est pas possible.",
                                  "This dossier is linked to no server of the Région: sync is not possible."))
        }
        var model: [String: Any] = [
            "cards": cards, "progress": progress, "ready": min(counted.count, required), "required": required,
            "notices": notices, "hasNotices": !notices.isEmpty, "unsaved": unsaved > 0, "unsynced": unsynced > 0 || unsent > 0 || unsentProposals > 0,
            "conflicts": conflicts > 0, "allSaved": notices.isEmpty, "noRemote": remote == nil,
        ]
        if view.labelHeld {
            model["labelHeld"] = view.labelLapsesOn.map { day in
                lang.t("★ Label « CFA numérique normand » détenu ; il tombera le \(day.text(lang)) sans renouvellement.",
                       "★ Label « CFA numérique normand » held; it lapses on \(day.text(lang)) unless renewed.")
            } ?? lang.t("★ Label « CFA numérique normand » détenu.", "★ Label « CFA numérique normand » held.")
        }
        return model
    }
}
