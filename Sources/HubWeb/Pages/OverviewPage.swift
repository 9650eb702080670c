import DossierCore
import Foundation
import Hub
import Hummingbird
import WebLayer

/// `/`: every CFA × the twelve badges (state by symbol and text, colour only as a help), how many
/// hold the label, renewals due in the next 90 days, CFAs whose last reconcile failed and why;
/// `/export.csv` and `/export.json` serve the Région's reporting table (`hub export`).
extension WebApp {
    /// How far ahead a renewal counts as due.
    static let renewalWindowDays = 90

    func addOverviewRoutes(to router: Router<WebContext>) {
        router.get("/") { request, context -> Response in
            _ = try self.member(context)
            return try self.overviewPage(request, context)
        }
        router.get("/export.csv") { _, context -> Response in
            _ = try self.member(context)
            let today = self.settings.today()
            try self.refreshStates()
            let export = try self.hub.export(on: today)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"cfa-numerique-normand-\(today).csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: export.csv())))
        }
        router.get("/export.json") { _, context -> Response in
            _ = try self.member(context)
            let today = self.settings.today()
            try self.refreshStates()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(try self.hub.export(on: today))
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"cfa-numerique-normand-\(today).json\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// Awards whose validity ended marked expired (and label lapses recorded) before states are
    /// shown, as every CLI command does: the application's once-a-day refresh.
    func refreshStates() throws {
        try refreshExpiries()
    }

    func overviewPage(_ request: Request, _ context: WebContext) throws -> Response {
        let lang = context.lang
        let today = settings.today()
        try refreshStates()
        let export = try hub.export(on: today)
        let records = Dictionary(try hub.cfas().map { ($0.uai, $0) }, uniquingKeysWith: { a, _ in a })
        let badges = hub.catalogue.badges
        let horizon = today.adding(days: Self.renewalWindowDays)
        var due: [[String: Any]] = []
        let rows: [[String: Any]] = export.cfas.map { cfa in
            let cells: [[String: Any]] = zip(badges, cfa.badges).map { badge, row in
                var cell = BadgeCell(row: row, lang: lang)
                if cell.valid, let until = row.validUntil, until < horizon {
                    cell.dueText = lang.t("à renouveler avant le \(until)", "to renew before \(until)")
                    due.append(["uai": cfa.uai, "name": cfa.name ?? cfa.uai, "href": "/cfa/" + WebPath.segment(cfa.uai),
                                "badge": "\(badge.number) — \(badge.title)", "until": until.description, "days": today.days(until: until),
                                "requestHref": "/cfa/\(WebPath.segment(cfa.uai))/\(WebPath.segment(badge.id))"])
                }
                return cell.model(badge: badge, lang: lang)
            }
            return ["uai": cfa.uai, "name": cfa.name ?? cfa.uai, "href": "/cfa/" + WebPath.segment(cfa.uai), "held": cfa.labelHeld,
                    "label": cfa.labelHeld ? lang.t("oui", "yes") : lang.t("non", "no"),
                    "lapses": cfa.labelLapsesOn.map { lang.t("jusqu'au \($0)", "until \($0)") as Any } ?? false, "cells": cells]
        }
        due.sort { ($0["until"] as? String ?? "") < ($1["until"] as? String ?? "") }
        let failed = export.cfas.compactMap { row -> [String: Any]? in
            guard let record = records[row.uai], record.hasFailed else { return nil }
            return ["uai": row.uai, "name": row.name ?? row.uai, "href": "/cfa/" + WebPath.segment(row.uai),
                    "when": record.lastReconciledAt.map { Self.moment($0, lang) as Any } ?? false,
                    "reasons": record.failureReasons.map { ["text": $0.text(lang)] }]
        }
        let held = export.cfas.filter(\.labelHeld).count
        // Badge proposals still waiting on the peer group (no quorum yet) or on the Région (quorum
        // reached, or a blocking vote to decline on); those sent back wait on their CFA.
        let proposals = try hub.proposals()
        let awaitingVotes = proposals.filter { [.submitted, .inReview].contains($0.state) }.count
        let awaitingDecision = proposals.filter { [.approved, .rejected].contains($0.state) }.count
        let model: [String: Any] = [
            "date": today.description,
            "cfaCount": export.cfas.count, "heldCount": held,
            "heldText": lang.t("\(held) CFA sur \(export.cfas.count) détiennent le label.", "\(held) of \(export.cfas.count) CFAs hold the label."),
            "dueText": lang.t("\(due.count) renouvellement(s) à prévoir dans les \(Self.renewalWindowDays) jours.",
                              "\(due.count) renewal(s) due in the next \(Self.renewalWindowDays) days."),
            "proposalsText": lang.t("Propositions de badges : \(awaitingVotes) en attente d'avis, \(awaitingDecision) en attente de la décision de la Région.",
                                    "Badge proposals: \(awaitingVotes) awaiting votes, \(awaitingDecision) awaiting the Région's decision."),
            "failedText": lang.t("\(failed.count) CFA dont la dernière réconciliation a échoué.", "\(failed.count) CFA(s) whose last reconcile failed."),
            "badges": badges.map { ["number": $0.number, "title": $0.title, "mandatory": $0.mandatory] as [String: Any] },
            "rows": rows, "hasRows": !rows.isEmpty,
            "due": due, "hasDue": !due.isEmpty,
            "failed": failed, "hasFailed": !failed.isEmpty,
            "legend": BadgeCell.legend(lang),
        ]
        return try page(request, context, title: lang.t("Vue d'ensemble", "Overview"), template: Self.overviewTemplate,
                        strings: Self.overviewStrings, model: model, nav: .overview)
    }
}

/// One cell of the matrix: a badge's state for a CFA, said by a symbol and a word (the colour
/// only repeats it).
struct BadgeCell {
    let state: String
    /// Valid on the day (awarded, possibly with a renewal under way).
    let valid: Bool
    var dueText: String?
    let symbol: String
    let text: String
    let css: String

    init(row: HubExport.BadgeRow, lang: Lang) {
        state = row.state
        valid = row.state.hasPrefix("awarded")
        let parts: (String, String, String)
        if row.state == "none" {
            parts = ("·", lang.t("jamais demandé", "never requested"), "st-none")
        } else if row.state.hasPrefix("awarded+"), let open = Submission.State(rawValue: String(row.state.dropFirst(8))) {
            parts = ("★", lang.t("décerné ; renouvellement : ", "awarded; renewal: ") + open.text(lang), "st-awarded")
        } else if let known = Submission.State(rawValue: row.state) {
            parts = (known.symbol, known.text(lang), "st-" + known.rawValue)
        } else {
            parts = ("?", row.state, "st-none")
        }
        symbol = parts.0
        text = parts.1
        css = parts.2
    }

    func model(badge: Badge, lang: Lang) -> [String: Any] {
        var model: [String: Any] = ["symbol": symbol, "text": text, "css": css + (dueText != nil ? " due" : ""),
                                    "badge": "\(badge.number) — \(badge.title)"]
        // Set even when false: an absent key would be looked up in the page's model (its `due` list).
        model["due"] = dueText ?? false
        return model
    }

    /// What each symbol means.
    static func legend(_ lang: Lang) -> [[String: Any]] {
        let states: [Submission.State] = [.awarded, .submitted, .inReview, .changesRequested, .approved, .rejected, .expired, .revoked]
        var entries: [[String: Any]] = [["symbol": "·", "text": lang.t("jamais demandé", "never requested")]]
        entries += states.map { ["symbol": $0.symbol, "text": $0.text(lang)] as [String: Any] }
        entries.append(["symbol": "!", "text": lang.t("à renouveler dans les 90 jours", "to renew within 90 days")])
        return entries
    }
}
