import DossierCore
import Foundation
import Hub
import Hummingbird
import WebLayer

/// `/cfa/<UAI>/<badge>`: a request in full — the CFA, the badge's criteria with the evidence that
/// covers each, the check verdict, the votes, then what the member may do (vote, withdraw; award
/// and revoke for the Région; the reason instead of a form for a pilot CFA on its own CFA).
extension WebApp {
    func addRequestRoutes(to router: Router<WebContext>) {
        router.get("/cfa/:uai/:badge") { request, context -> Response in
            let member = try self.member(context)
            let uai = try context.parameters.require("uai"), badge = try context.parameters.require("badge")
            return try self.requestPage(request, context, member: member, uai: uai, badge: badge)
        }
        router.post("/cfa/:uai/:badge/vote") { request, context -> Response in
            try await self.requestAction(request, context, done: "vote") { member, uai, badge, form in
                guard let verdict = form["verdict"].flatMap(Vote.Verdict.init(rawValue:)) else { throw WebError.badForm("verdict") }
                let message = try form.required("message")
                try self.hub.vote(uai: uai, badge: badge, memberID: member.id, verdict: verdict, reason: message, now: self.settings.now())
            }
        }
        router.post("/cfa/:uai/:badge/withdraw") { request, context -> Response in
            try await self.requestAction(request, context, done: "withdraw") { member, uai, badge, form in
                let message = form["message"]?.trimmingCharacters(in: .whitespacesAndNewlines)
                try self.hub.withdrawVote(uai: uai, badge: badge, memberID: member.id, reason: message?.isEmpty == false ? message : nil,
                                          now: self.settings.now())
            }
        }
        router.post("/cfa/:uai/:badge/award") { request, context -> Response in
            try await self.requestAction(request, context, done: "award") { member, uai, badge, _ in
                try self.hub.award(uai: uai, badge: badge, memberID: member.id, day: self.settings.today(), now: self.settings.now())
            }
        }
        router.post("/cfa/:uai/:badge/revoke") { request, context -> Response in
            try await self.requestAction(request, context, done: "revoke", checksSubmission: false) { member, uai, badge, form in
                let message = try form.required("message")
                try self.hub.revoke(uai: uai, badge: badge, memberID: member.id, reason: message, day: self.settings.today(),
                                    now: self.settings.now())
            }
        }
    }

    /// A form posted on a request page: signed in, CSRF checked, the request still the one the
    /// page showed (`submission`), then `body` calls the hub's rule; back to the page.
    func requestAction(_ request: Request, _ context: WebContext, done: String, checksSubmission: Bool = true,
                       _ body: (Member, String, String, WebForm) throws -> Void) async throws -> Response {
        let member = try member(context)
        let uai = try context.parameters.require("uai"), badge = try context.parameters.require("badge")
        let form = try await form(request, context, csrf: context.csrfToken)
        if checksSubmission {
            guard let shown = form["submission"].flatMap(Int64.init) else { throw WebError.badForm("submission") }
            guard try current(uai: uai, badge: badge).id == shown else { throw ReviewWebError.stale }
        }
        try body(member, uai, badge, form)
        return redirect("/cfa/\(WebPath.segment(uai))/\(WebPath.segment(badge))?done=\(done)")
    }

    func requestPage(_ request: Request, _ context: WebContext, member: Member, uai: String, badge: String) throws -> Response {
        let lang = context.lang
        let today = settings.today()
        _ = try current(uai: uai, badge: badge)
        let view = try hub.view(uai: uai, badge: badge) { _ in nil }
        guard let definition = hub.catalogue.badge(badge) else { throw HubError.unknownBadge(badge) }
        let submission = view.submission
        let members = Dictionary(try hub.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let base = "/cfa/\(WebPath.segment(uai))/\(WebPath.segment(badge))"

        func evidenceRow(_ item: EvidenceRecord) -> [String: Any] {
            let kind: String
            if let url = item.url { kind = (item.kind ?? "web") + " — " + url } else { kind = item.path ?? "" }
            return ["title": item.title, "href": base + "/evidence/" + WebPath.segment(item.evidenceID), "id": item.evidenceID,
                    "detail": kind, "size": item.size.map { Self.size($0, lang) } ?? "",
                    "media": item.media ? lang.t("média", "media") : ""]
        }
        let criteria: [[String: Any]] = definition.criteria.map { criterion in
            let items = view.evidence.filter { $0.criterion == criterion.id }.map(evidenceRow)
            return ["id": criterion.id, "text": criterion.text, "evidence": items, "none": items.isEmpty]
        }
        let known = Set(definition.criteria.map(\.id))
        let others = view.evidence.filter { !known.contains($0.criterion) }.map(evidenceRow)

        let votes: [[String: Any]] = view.votes.reversed().map { vote in
            let status: String
            if let withdrawn = vote.withdrawnAt {
                let replaced = view.votes.contains { $0.memberID == vote.memberID && $0.castAt == withdrawn && $0.id != vote.id }
                status = replaced ? lang.t("remplacé", "replaced") : lang.t("retiré", "withdrawn")
            } else {
                status = lang.t("en cours", "standing")
            }
            var row = VoteForm.row(member: vote.memberID, role: members[vote.memberID]?.role.text(lang) ?? "", verdict: vote.verdict,
                                   castAt: vote.castAt, reason: vote.reason, status: status, lang: lang)
            row["standing"] = vote.withdrawnAt == nil
            return row
        }
        let standing = view.votes.last { $0.memberID == member.id && $0.withdrawnAt == nil }
        let recused = member.role == .cfaPilote && member.uai == uai
        let open = submission.state.isOpen
        let validAward = try hub.validAward(uai: uai, badge: badge, on: today)
        let approvals = view.votes.filter { $0.withdrawnAt == nil && $0.verdict == .approve }
        let roles = Set(approvals.compactMap { members[$0.memberID]?.role })

        let done: String? = switch request.uri.queryParameters["done"].map(String.init) {
        case "vote": lang.t("Votre avis est enregistré.", "Your vote is recorded.")
        case "withdraw": lang.t("Votre avis est retiré.", "Your vote is withdrawn.")
        case "award": lang.t("Le badge est décerné.", "The badge is awarded.")
        case "revoke": lang.t("Le badge est retiré.", "The badge is revoked.")
        default: nil
        }
        let model: [String: Any] = [
            "done": done ?? "",
            "heading": "\(view.cfaName ?? uai) — \(definition.title)",
            "uai": uai, "badgeID": badge, "badgeNumber": definition.number, "badgeSummary": definition.summary,
            "tag": submission.tag, "commit": String(submission.commit.prefix(12)), "submissionID": String(submission.id ?? 0),
            "kind": submission.kind == .first ? lang.t("première attribution", "first award") : lang.t("renouvellement", "renewal"),
            "renewal": submission.kind == .renewal, "diffHref": base + "/diff",
            "renewalRules": submission.renewalRulesMet.map { $0 ? lang.t("respectée", "met") : lang.t("non respectée", "not met") } ?? "",
            "state": submission.state.text(lang), "symbol": submission.state.symbol,
            "submitted": Self.moment(submission.submittedAt, lang),
            "message": submission.message,
            "ready": submission.ready,
            "problems": submission.problems.map { ["text": $0.text(lang)] },
            "hasProblems": !submission.problems.isEmpty,
            "criteria": criteria, "others": others, "hasOthers": !others.isEmpty,
            "votes": votes, "hasVotes": !votes.isEmpty,
            "quorum": lang.t("\(approvals.count)/\(view.quorum.approvals) approbations de \(roles.count)/\(view.quorum.distinctRoles) rôles",
                             "\(approvals.count)/\(view.quorum.approvals) approvals from \(roles.count)/\(view.quorum.distinctRoles) roles")
                + (view.quorumReached ? lang.t(" — atteint", " — reached") : lang.t(" — non atteint", " — not reached")),
            "recused": recused,
            "recusal": HubError.recused(member: member.id, uai: uai).text(lang),
            "canVote": !recused && open, "closed": !open,
            "closedText": HubError.votingClosed(state: submission.state.text(lang)).text(lang),
            "standing": standing.map { lang.t("Votre avis en cours : \($0.verdict.text(lang)).", "Your standing vote: \($0.verdict.text(lang)).") } ?? "",
            "canWithdraw": standing != nil && open,
            "region": member.role == .region,
            "canAward": member.role == .region && open,
            "canRevoke": member.role == .region && validAward != nil,
            "award": view.award.map { award in
                lang.t("Décerné le \(award.validFrom), valable jusqu'au \(award.validUntil) (exclu)",
                       "Awarded on \(award.validFrom), valid until \(award.validUntil) (excluded)")
                    + (award.revokedAt != nil ? lang.t(" — retiré : ", " — revoked: ") + (award.revokeReason ?? "") : "")
            } ?? "",
            "base": base,
        ]
        return try page(request, context, title: "\(uai) — \(definition.title)", template: Self.requestTemplate,
                        strings: Self.requestStrings, model: model, nav: .queue)
    }

    /// A size in bytes as people read it.
    static func size(_ bytes: Int, _ lang: Lang) -> String {
        if bytes < 1024 { return lang.t("\(bytes) octets", "\(bytes) bytes") }
        let units = lang == .fr ? ["Ko", "Mo", "Go"] : ["KB", "MB", "GB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: "%.1f", value).replacingOccurrences(of: ".", with: lang == .fr ? "," : ".") + " " + units[unit]
    }
}

extension WebApp {
    /// The current submission of a badge, with expiries brought up to date first (once a day).
    func current(uai: String, badge: String) throws -> Submission {
        try refreshExpiries()
        return try hub.currentSubmission(uai: uai, badge: badge)
    }
}
