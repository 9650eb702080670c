import DossierCore
import Foundation
import Hub
import Hummingbird
import WebLayer

/// `/cfa/<UAI>`: one CFA — its label (held or not, until when, what to renew next), its twelve
/// badges on a timeline (an SVG the server draws, and the same facts as a table), every request
/// it made, and its audit log.
extension WebApp {
    func addCFARoutes(to router: Router<WebContext>) {
        router.get("/cfa/:uai") { request, context -> Response in
            _ = try self.member(context)
            let uai = try context.parameters.require("uai")
            return try self.cfaPage(request, context, uai: uai)
        }
    }

    func cfaPage(_ request: Request, _ context: WebContext, uai: String) throws -> Response {
        let lang = context.lang
        let today = settings.today()
        try refreshStates()
        let history = try hub.history(uai: uai, on: today)
        let catalogue = hub.catalogue
        let name = history.cfa.name ?? uai
        let label = history.label
        func badgeName(_ id: String) -> String { catalogue.badge(id).map { "\($0.number). \($0.title)" } ?? id }

        let timeline = CFATimeline(badges: catalogue.badges, awards: history.awards, today: today, dueWindowDays: Self.renewalWindowDays)
        let svgTitle = lang.t("Frise des badges de \(name)", "Timeline of \(name)'s badges")
        let svgDescription = lang.t("Périodes de validité des douze badges ; une ligne verticale marque aujourd'hui (\(today)) ; le tableau qui suit donne les mêmes informations.",
                                    "Validity periods of the twelve badges; a vertical line marks today (\(today)); the table below gives the same facts.")
        var labelModel: [String: Any] = [
            "held": label.held,
            "heldText": label.held ? lang.t("\(name) détient le label « CFA numérique normand ».", "\(name) holds the « CFA numérique normand » label.")
                                   : lang.t("\(name) ne détient pas le label « CFA numérique normand ».", "\(name) does not hold the « CFA numérique normand » label."),
            "validCount": lang.t("\(label.validBadges.count) badge(s) valable(s) sur \(catalogue.label.badgesRequired) requis, dont les \(catalogue.mandatoryBadges.count) obligatoires.",
                                 "\(label.validBadges.count) valid badge(s) of the \(catalogue.label.badgesRequired) required, including the \(catalogue.mandatoryBadges.count) mandatory ones."),
        ]
        if let lapse = label.lapsesOn {
            labelModel["lapse"] = lang.t("Sans renouvellement, le label cessera le \(lapse).", "Without a renewal, the label lapses on \(lapse).")
        }
        if !label.renewToPrevent.isEmpty {
            labelModel["hasRenew"] = true
            labelModel["renew"] = label.renewToPrevent.map { ["name": badgeName($0), "href": "/cfa/\(WebPath.segment(uai))/\(WebPath.segment($0))"] }
        }
        if !label.missingMandatory.isEmpty {
            labelModel["hasMissing"] = true
            labelModel["missing"] = label.missingMandatory.map { ["name": badgeName($0)] }
        }

        let requests: [[String: Any]] = history.submissions.sorted { $0.submittedAt > $1.submittedAt }.map { submission in
            ["badge": badgeName(submission.badge), "href": "/cfa/\(WebPath.segment(uai))/\(WebPath.segment(submission.badge))",
             "tag": submission.tag, "kind": submission.kind == .first ? lang.t("première attribution", "first award") : lang.t("renouvellement", "renewal"),
             "symbol": submission.state.symbol, "state": submission.state.text(lang), "submitted": Self.moment(submission.submittedAt, lang),
             "diffHref": submission.kind == .renewal && submission.state.isOpen
                ? "/cfa/\(WebPath.segment(uai))/\(WebPath.segment(submission.badge))/diff" as Any : false]
        }
        let audit: [[String: Any]] = try hub.audit(uai: uai).reversed().prefix(500).map { entry in
            var what = Self.auditAction(entry.action, lang)
            if let from = entry.fromState, let to = entry.toState {
                // A proposal's states are the proposal's own (accepted, declined…), a request's the request's.
                func words(_ state: String) -> String {
                    entry.action.hasPrefix("proposal-") ? ProposalSubmission.State(rawValue: state)?.words(lang) ?? state
                                                        : Submission.State(rawValue: state)?.text(lang) ?? state
                }
                what += " : \(words(from)) → \(words(to))"
            }
            let reasons = (entry.reasonCodes ?? []).map { $0.text(lang) } + [entry.reason.map { Self.auditReason($0, lang) }].compactMap { $0 }
            return ["when": Self.moment(entry.at, lang), "actor": entry.actor, "action": what,
                    "badge": entry.badge.map(badgeName) ?? "", "reason": reasons.joined(separator: " ; ")]
        }
        let model: [String: Any] = [
            "name": name, "uai": uai, "url": history.cfa.url, "label": labelModel, "today": today.description,
            "svg": timeline.svg(title: svgTitle, description: svgDescription, lang: lang),
            "timelineRows": timeline.rows(lang: lang),
            "requests": requests, "hasRequests": !requests.isEmpty,
            "audit": audit, "hasAudit": !audit.isEmpty,
            "hasFailed": history.cfa.hasFailed, "failed": history.cfa.failureReasons.map { ["text": $0.text(lang)] },
        ]
        return try page(request, context, title: name, template: Self.cfaTemplate, strings: Self.cfaStrings, model: model, nav: .overview)
    }

    /// An audit action as reviewers read it (the code itself when it is not a known one).
    /// A state change's reason as the review room records it, `<verdict>: <text>` or
    /// `<verdict> withdrawn: <text>`, with the verdict in words.
    static func auditReason(_ reason: String, _ lang: Lang) -> String {
        for verdict in Vote.Verdict.allCases {
            if reason.hasPrefix(verdict.rawValue + ": ") {
                return verdict.text(lang) + lang.t(" : ", ": ") + reason.dropFirst(verdict.rawValue.count + 2)
            }
            if reason.hasPrefix(verdict.rawValue + " withdrawn: ") {
                return lang.t("avis retiré (\(verdict.text(lang))) : ", "vote withdrawn (\(verdict.text(lang))): ")
                    + reason.dropFirst(verdict.rawValue.count + " withdrawn: ".count)
            }
        }
        return reason
    }

    static func auditAction(_ action: String, _ lang: Lang) -> String {
        switch action {
        case "register": lang.t("inscription au hub", "registered at the hub")
        case "ingest", "ingest-bounded": lang.t("demande reçue", "request ingested")
        case "state": lang.t("changement d'état", "state change")
        case "vote-approve": lang.t("avis favorable", "approval")
        case "vote-reject": lang.t("avis défavorable", "rejection")
        case "vote-changes": lang.t("modifications demandées", "changes requested")
        case "vote-withdraw": lang.t("avis retiré", "vote withdrawn")
        case "decisions-delivered": lang.t("décisions envoyées au CFA", "decisions sent to the CFA")
        case "reconcile-failed": lang.t("réconciliation en échec", "reconcile failed")
        case "reconcile-recovered": lang.t("réconciliation rétablie", "reconcile recovered")
        case "history-accepted": lang.t("historique réécrit accepté", "rewritten history accepted")
        case "member-add": lang.t("membre ajouté", "member added")
        case "proposal-ingest": lang.t("proposition de badge reçue", "badge proposal received")
        case "proposal-refused": lang.t("proposition de badge refusée à la réception", "badge proposal refused at ingest")
        case "proposal-state": lang.t("changement d'état d'une proposition", "proposal state change")
        case "proposal-vote-approve": lang.t("proposition : avis favorable", "proposal: approval")
        case "proposal-vote-reject": lang.t("proposition : avis défavorable", "proposal: rejection")
        case "proposal-vote-changes": lang.t("proposition : modifications demandées", "proposal: changes requested")
        case "proposal-accept": lang.t("proposition acceptée (badge au brouillon du catalogue)", "proposal accepted (badge in the catalogue's draft)")
        case "proposal-decline": lang.t("proposition refusée par la Région", "proposal declined by the Région")
        case "proposal-published": lang.t("badge proposé publié dans le catalogue", "proposed badge published in the catalogue")
        default: action
        }
    }
}
