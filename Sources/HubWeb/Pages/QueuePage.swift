import DossierCore
import Foundation
import Hub
import Hummingbird
import WebLayer

/// `/queue`: the requests awaiting a decision, newest activity first, filtered by state, badge,
/// CFA and kind, with their quorum progress and how long they have waited.
extension WebApp {
    static let queueTemplate = WebTemplate("queue", #"""
<h1>{{t.title}}</h1>
<form method="get" action="/queue" class="filters" aria-label="{{t.filters}}">
<p><label for="f-state">{{t.state}}</label>
<select id="f-state" name="state"><option value="">{{t.all}}</option>{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></p>
<p><label for="f-badge">{{t.badge}}</label>
<select id="f-badge" name="badge"><option value="">{{t.all}}</option>{{#badges}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/badges}}</select></p>
<p><label for="f-cfa">{{t.cfa}}</label>
<select id="f-cfa" name="cfa"><option value="">{{t.all}}</option>{{#cfas}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/cfas}}</select></p>
<p><label for="f-kind">{{t.kind}}</label>
<select id="f-kind" name="kind"><option value="">{{t.all}}</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></p>
<p><button type="submit">{{t.apply}}</button></p>
</form>
<p>{{summary}}</p>
{{#hasRows}}
<table>
<caption class="visually-hidden">{{t.title}}</caption>
<thead><tr><th scope="col">{{t.cfa}}</th><th scope="col">{{t.badge}}</th><th scope="col">{{t.kind}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.check}}</th><th scope="col">{{t.quorum}}</th><th scope="col">{{t.waited}}</th><th scope="col">{{t.activity}}</th></tr></thead>
<tbody>
{{#rows}}
<tr>
<td><a href="{{href}}">{{cfaName}}</a><br><span class="hint">{{uai}}</span></td>
<td>{{badgeTitle}}<br><span class="hint">{{badge}}</span></td>
<td>{{kind}}</td>
<td class="state"><span aria-hidden="true">{{symbol}}</span> {{state}}</td>
<td class="{{checkClass}}">{{check}}</td>
<td>{{quorum}}{{#votes}}<br><span class="hint">{{votes}}</span>{{/votes}}</td>
<td>{{waited}}</td>
<td>{{activity}}</td>
</tr>
{{/rows}}
</tbody>
</table>
{{/hasRows}}
{{#paging}}
<nav aria-label="{{t.pages}}" class="pages">
<p>{{#previous}}<a href="{{previous}}" rel="prev">{{t.previous}}</a>{{/previous}}
<span>{{position}}</span>
{{#next}}<a href="{{next}}" rel="next">{{t.next}}</a>{{/next}}</p>
</nav>
{{/paging}}
"""#)

    static let queueStrings = WebStrings([
        "title": ("File d'attente", "Queue"),
        "filters": ("Filtrer les demandes", "Filter the requests"),
        "state": ("État", "State"),
        "badge": ("Badge", "Badge"),
        "cfa": ("CFA", "CFA"),
        "kind": ("Type", "Kind"),
        "all": ("Tous", "All"),
        "apply": ("Filtrer", "Filter"),
        "check": ("Contrôle", "Check"),
        "quorum": ("Quorum", "Quorum"),
        "waited": ("Attente", "Waiting"),
        "activity": ("Dernière activité", "Last activity"),
        "pages": ("Pages de la file", "Queue pages"),
        "previous": ("← Page précédente", "← Previous page"),
        "next": ("Page suivante →", "Next page →"),
    ])

    /// Rows per queue page.
    static let queuePageSize = 50

    func addQueueRoutes(to router: Router<WebContext>) {
        router.get("/queue") { request, context -> Response in
            _ = try self.member(context)
            return try self.queuePage(request, context)
        }
    }

    func queuePage(_ request: Request, _ context: WebContext) throws -> Response {
        try refreshExpiries()
        let lang = context.lang
        let query = request.uri.queryParameters
        func filter(_ name: String) -> String? { query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        let state = filter("state"), badge = filter("badge"), cfa = filter("cfa"), kind = filter("kind")
        let today = settings.today()
        let all = try hub.reviewQueue(today: today)
        let items = all.filter { item in
            (state == nil || item.entry.state.rawValue == state) && (badge == nil || item.entry.badge == badge)
                && (cfa == nil || item.entry.uai == cfa) && (kind == nil || item.entry.kind.rawValue == kind)
        }
        let quorum = hub.settings.quorum
        let pages = max(1, (items.count + Self.queuePageSize - 1) / Self.queuePageSize)
        let pageNumber = min(max(1, filter("page").flatMap { Int($0) } ?? 1), pages)
        let shown = items.dropFirst((pageNumber - 1) * Self.queuePageSize).prefix(Self.queuePageSize)
        func pageLink(_ number: Int) -> String {
            var query = [("state", state), ("badge", badge), ("cfa", cfa), ("kind", kind)].compactMap { name, value in
                value.map { "\(name)=\(WebPath.queryEscaped($0))" }
            }
            query.append("page=\(number)")
            return "/queue?" + query.joined(separator: "&")
        }
        let rows: [[String: Any]] = shown.map { item in
            let entry = item.entry
            let roles = item.approvalRoles.map { $0.text(lang) }.sorted().joined(separator: ", ")
            let votes = [entry.votes.reject > 0 ? lang.t("\(entry.votes.reject) défavorable(s)", "\(entry.votes.reject) rejection(s)") : nil,
                         entry.votes.changes > 0 ? lang.t("\(entry.votes.changes) demande(s) de modifications", "\(entry.votes.changes) change request(s)") : nil]
                .compactMap { $0 }.joined(separator: ", ")
            return [
                "href": "/cfa/\(WebPath.segment(entry.uai))/\(WebPath.segment(entry.badge))",
                "uai": entry.uai, "cfaName": entry.name ?? entry.uai, "badge": entry.badge,
                "badgeTitle": hub.catalogue.badge(entry.badge)?.title ?? entry.badge,
                "kind": entry.kind == .first ? lang.t("1re attribution", "first award") : lang.t("renouvellement", "renewal"),
                "state": entry.state.text(lang), "symbol": entry.state.symbol,
                "check": entry.ready ? lang.t("✓ prêt", "✓ ready") : lang.t("✗ problèmes", "✗ problems"),
                "checkClass": entry.ready ? "ok" : "bad",
                "quorum": lang.t("\(entry.votes.approve)/\(quorum.approvals) approbations", "\(entry.votes.approve)/\(quorum.approvals) approvals")
                    + (roles.isEmpty ? "" : lang.t(", rôles : \(roles)", ", roles: \(roles)"))
                    + " (\(item.approvalRoles.count)/\(quorum.distinctRoles))",
                "votes": votes,
                "waited": lang.t("\(entry.ageDays) j", "\(entry.ageDays) d"),
                "activity": Self.moment(item.lastActivity, lang),
            ]
        }
        func options(_ values: [(String, String)], _ selected: String?) -> [[String: Any]] {
            values.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
        }
        let cfaOptions = Dictionary(all.map { ($0.entry.uai, $0.entry.name ?? $0.entry.uai) }, uniquingKeysWith: { a, _ in a })
            .sorted { $0.key < $1.key }.map { ($0.key, "\($0.value) (\($0.key))") }
        let model: [String: Any] = [
            "states": options([Submission.State.submitted, .inReview, .changesRequested, .approved, .rejected].map { ($0.rawValue, $0.text(lang)) }, state),
            "badges": options(hub.catalogue.badges.map { ($0.id, $0.title) }, badge),
            "cfas": options(cfaOptions, cfa),
            "kinds": options([("first", lang.t("1re attribution", "first award")), ("renewal", lang.t("renouvellement", "renewal"))], kind),
            "summary": items.count == all.count
                ? lang.t("\(all.count) demande(s) en attente.", "\(all.count) request(s) waiting.")
                : lang.t("\(items.count) demande(s) sur \(all.count) en attente.", "\(items.count) of \(all.count) request(s) waiting."),
            "hasRows": !rows.isEmpty, "rows": rows,
            "paging": pages > 1,
            "previous": pageNumber > 1 ? pageLink(pageNumber - 1) : "",
            "next": pageNumber < pages ? pageLink(pageNumber + 1) : "",
            "position": lang.t("page \(pageNumber) sur \(pages)", "page \(pageNumber) of \(pages)"),
        ]
        return try page(request, context, title: lang.t("File d'attente", "Queue"), template: Self.queueTemplate,
                        strings: Self.queueStrings, model: model, nav: .queue)
    }

    /// A moment as reviewers read it (Paris time, day and time).
    static func moment(_ date: Date, _ lang: Lang) -> String { MomentFormat.shared.string(date, lang) }
}
