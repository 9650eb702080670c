import DossierCore
import Foundation
import Hub
import Hummingbird
import WebLayer

/// `/proposals` and `/proposals/<UAI>/<slug>`: the CFAs' badge proposals — the list, then one
/// proposal (the proposed badge, the CFA's reasons, the votes), a vote form with the same rules as
/// a request's (the proposing CFA's pilot recused, a reason required), and for Région members
/// accept (the badge goes into the next catalogue version's draft) and decline.
extension WebApp {
    func addProposalRoutes(to router: Router<WebContext>) {
        router.get("/proposals") { request, context -> Response in
            try self.proposalsPage(request, context, member: try self.member(context))
        }
        router.get("/proposals/:uai/:slug") { request, context -> Response in
            let member = try self.member(context)
            return try self.proposalPage(request, context, member: member, uai: try context.parameters.require("uai"),
                                         slug: try context.parameters.require("slug"))
        }
        router.post("/proposals/:uai/:slug/vote") { request, context -> Response in
            try await self.proposalAction(request, context, done: "vote") { member, uai, slug, form in
                guard let verdict = form["verdict"].flatMap(Vote.Verdict.init(rawValue:)) else { throw WebError.badForm("verdict") }
                try self.hub.voteOnProposal(uai: uai, slug: slug, member: member.id, verdict: verdict, reason: try form.required("message"),
                                            now: self.settings.now())
            }
        }
        router.post("/proposals/:uai/:slug/accept") { request, context -> Response in
            try await self.proposalAction(request, context, done: "accept") { member, uai, slug, form in
                try self.hub.acceptProposal(uai: uai, slug: slug, member: member.id, reason: try form.required("message"), now: self.settings.now())
            }
        }
        router.post("/proposals/:uai/:slug/decline") { request, context -> Response in
            try await self.proposalAction(request, context, done: "decline") { member, uai, slug, form in
                try self.hub.declineProposal(uai: uai, slug: slug, member: member.id, reason: try form.required("message"), now: self.settings.now())
            }
        }
    }

    /// A form posted on a proposal page: signed in, CSRF checked, the proposal still the submission
    /// the page showed, then `body` calls the hub's rule; back to the page.
    func proposalAction(_ request: Request, _ context: WebContext, done: String,
                        _ body: (Member, String, String, WebForm) throws -> Void) async throws -> Response {
        let member = try member(context)
        let uai = try context.parameters.require("uai"), slug = try context.parameters.require("slug")
        let form = try await form(request, context, csrf: context.csrfToken)
        guard let shown = form["proposal"].flatMap(Int64.init) else { throw WebError.badForm("proposal") }
        guard try hub.proposal(uai: uai, slug: slug).id == shown else { throw ReviewWebError.stale }
        try body(member, uai, slug, form)
        return redirect(Self.proposalPath(uai: uai, slug: slug) + "?done=\(done)")
    }

    static func proposalPath(uai: String, slug: String) -> String {
        "/proposals/\(WebPath.segment(uai))/\(WebPath.segment(slug))"
    }

    func proposalsPage(_ request: Request, _ context: WebContext, member: Member) throws -> Response {
        let lang = context.lang
        let names = Dictionary(try hub.cfas().map { ($0.uai, $0.name ?? $0.uai) }, uniquingKeysWith: { a, _ in a })
        let rows: [[String: Any]] = try hub.proposals().map { proposal in
            let tally = try hub.proposalTally(proposal)
            return ["href": Self.proposalPath(uai: proposal.uai, slug: proposal.slug), "slug": proposal.slug,
                    "title": proposal.parsed(label: hub.catalogue)?.badge.title ?? proposal.slug,
                    "cfa": names[proposal.uai] ?? proposal.uai, "uai": proposal.uai,
                    "state": proposal.state.words(lang), "symbol": proposal.state.symbol,
                    "votes": lang.t("\(tally.approvals.count) favorable(s), \(tally.changes.count) modification(s), \(tally.rejections.count) défavorable(s)",
                                    "\(tally.approvals.count) approve, \(tally.changes.count) changes, \(tally.rejections.count) reject"),
                    "submitted": Self.moment(proposal.submittedAt, lang)]
        }
        let model: [String: Any] = ["proposals": rows, "hasProposals": !rows.isEmpty]
        return try page(request, context, title: lang.t("Propositions de badges", "Badge proposals"), template: Self.proposalsTemplate,
                        strings: Self.proposalStrings, model: model, nav: .proposals)
    }

    func proposalPage(_ request: Request, _ context: WebContext, member: Member, uai: String, slug: String) throws -> Response {
        let lang = context.lang
        let proposal = try hub.proposal(uai: uai, slug: slug)
        let history = try hub.proposalHistory(uai: uai, slug: slug)
        let members = Dictionary(try hub.members().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let votes = try hub.proposalVotes(proposal)
        let tally = try hub.proposalTally(proposal)
        let quorum = hub.settings.quorum
        let parsed = proposal.parsed(label: hub.catalogue)
        let recused = member.role == .cfaPilote && member.uai == uai
        let open = proposal.state.isOpen
        let cfaName = try hub.cfas().first { $0.uai == uai }?.name
        let done: String? = switch request.uri.queryParameters["done"].map(String.init) {
        case "vote": lang.t("Votre avis est enregistré.", "Your vote is recorded.")
        case "accept": lang.t("La proposition est acceptée : le badge est dans le brouillon du catalogue.",
                              "The proposal is accepted: the badge is in the catalogue's draft.")
        case "decline": lang.t("La proposition est refusée.", "The proposal is declined.")
        default: nil
        }
        let voteRows: [[String: Any]] = votes.reversed().map { vote in
            ["member": vote.memberID, "role": members[vote.memberID]?.role.text(lang) ?? "", "verdict": vote.verdict.text(lang),
             "verdictClass": vote.verdict == .approve ? "ok" : vote.verdict == .reject ? "bad" : "warn",
             "when": Self.moment(vote.castAt, lang), "message": vote.reason,
             "status": vote.withdrawnAt == nil ? lang.t("en cours", "standing") : lang.t("remplacé", "replaced")]
        }
        var model: [String: Any] = [
            "done": done ?? "",
            "heading": "\(cfaName ?? uai) — " + (parsed?.badge.title ?? slug),
            "uai": uai, "slug": slug, "tag": proposal.tag, "commit": String(proposal.commit.prefix(12)),
            "proposalID": String(proposal.id ?? 0), "submissionCount": String(history.count),
            "state": proposal.state.words(lang), "symbol": proposal.state.symbol,
            "submitted": Self.moment(proposal.submittedAt, lang), "message": proposal.message,
            "refusal": proposal.refusal?.text(lang) ?? "",
            "votes": voteRows, "hasVotes": !voteRows.isEmpty,
            "quorum": lang.t("\(tally.approvals.count)/\(quorum.approvals) approbations de \(tally.approvalRoles.count)/\(quorum.distinctRoles) rôles",
                             "\(tally.approvals.count)/\(quorum.approvals) approvals from \(tally.approvalRoles.count)/\(quorum.distinctRoles) roles")
                + (tally.reaches(quorum) ? lang.t(" — atteint", " — reached") : lang.t(" — non atteint", " — not reached")),
            "recused": recused, "recusal": ProposalError.recused(member: member.id, uai: uai).text(lang),
            "canVote": !recused && open, "closed": !open, "closedText": ProposalError.closed(state: proposal.state.words(lang)).text(lang),
            "region": member.role == .region, "canDecide": member.role == .region && open,
            "decision": proposal.decidedBy.map { by in
                lang.t("\(by) (Région) : ", "\(by) (Région): ") + (proposal.decisionReason ?? "")
            } ?? "",
            "accepted": proposal.badge.map { badge in
                lang.t("Badge « \(badge) » ajouté au brouillon de la prochaine version du catalogue",
                       "Badge \"\(badge)\" added to the draft of the catalogue's next version")
                    + (proposal.catalogueVersion.map { lang.t(" — publié dans la version \($0)", " — published in version \($0)") } ?? "")
            } ?? "",
            "base": Self.proposalPath(uai: uai, slug: slug),
            "file": proposal.text,
        ]
        if let parsed {
            let badge = parsed.badge
            model["badge"] = [
                "id": badge.id, "title": badge.title, "summary": badge.summary, "recognises": badge.recognises,
                "validity": lang.t("\(parsed.validityYears) an(s)", "\(parsed.validityYears) year(s)"),
                "criteria": badge.criteria.map { ["id": $0.id, "text": $0.text] },
                "why": parsed.why, "examples": parsed.examples.map { ["path": $0] }, "hasExamples": !parsed.examples.isEmpty,
            ] as [String: Any]
        }
        return try page(request, context, title: "\(uai) — \(slug)", template: Self.proposalTemplate, strings: Self.proposalStrings,
                        model: model, nav: .proposals)
    }
}

extension ProposalSubmission.State {
    /// A symbol that says the state without colour.
    var symbol: String {
        switch self {
        case .submitted: "○"
        case .inReview: "◐"
        case .changesRequested: "↺"
        case .approved: "✓"
        case .rejected: "✗"
        case .accepted: "★"
        case .declined: "⊘"
        case .refused: "⊘"
        case .superseded: "→"
        }
    }
}
