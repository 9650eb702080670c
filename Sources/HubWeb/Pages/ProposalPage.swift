import DossierCore
import Foundation
import Hub
internal import HTTPTypes
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
            try await self.acceptProposalAction(request, context)
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

    /// Accept, from the page: the badge text as the Région member left it in « Texte du badge
    /// accepté ». Unchanged (or absent), the proposal is accepted as written; edited, it goes to
    /// `Hub.acceptProposal(entry:file:)` as `hub proposal accept --from FILE` sends it, checked by the
    /// catalogue's loader. A mistake in the text is shown next to the field with its line, the typed
    /// text kept and nothing written; the hub's other refusals (quorum, a blocking vote) are shown
    /// above the form, the text kept too. A stale form or a member who is not the Région's gets the
    /// error page.
    func acceptProposalAction(_ request: Request, _ context: WebContext) async throws -> Response {
        let member = try member(context)
        let lang = context.lang
        let uai = try context.parameters.require("uai"), slug = try context.parameters.require("slug")
        let form = try await form(request, context, csrf: context.csrfToken)
        guard let shown = form["proposal"].flatMap(Int64.init) else { throw WebError.badForm("proposal") }
        let proposal = try hub.proposal(uai: uai, slug: slug)
        guard proposal.id == shown else { throw ReviewWebError.stale }
        let reason = form["message"] ?? ""
        // As typed, with the browser's CRLF as LF (line numbers are the text area's lines).
        let typed = form["entry"].map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
        var entry: [UInt8]?
        if let typed {
            guard typed.contains(where: { !$0.isWhitespace }) else {
                return try proposalPage(request, context, member: member, uai: uai, slug: slug, reason: reason, entry: typed,
                                        entryError: lang.t("Le texte du badge est vide : laissez le texte proposé pour accepter la proposition telle quelle.",
                                                           "The badge's text is empty: leave the proposed text to accept the proposal as written."),
                                        status: .badRequest)
            }
            let asWritten = proposal.parsed(label: hub.catalogue).map { String(decoding: $0.catalogueEntry(), as: UTF8.self) }
            if Self.trimmedEnd(typed) != asWritten.map(Self.trimmedEnd) {
                entry = Array((typed.hasSuffix("\n") ? typed : typed + "\n").utf8)
            }
        }
        do {
            try hub.acceptProposal(uai: uai, slug: slug, member: member.id, reason: reason, entry: entry,
                                   file: entry == nil ? nil : Self.acceptedEntryFile, now: settings.now())
        } catch let error as DossierError where entry != nil {
            return try proposalPage(request, context, member: member, uai: uai, slug: slug, reason: reason, entry: typed,
                                    entryError: Self.entryErrorText(error, lang), status: .badRequest)
        } catch let error as ProposalError where entry != nil && Self.isBadgeExists(error) {
            return try proposalPage(request, context, member: member, uai: uai, slug: slug, reason: reason, entry: typed,
                                    entryError: error.text(lang), status: .conflict)
        } catch let error as HubError where member.role == .region {
            let (status, text) = Self.describe(error, lang)
            return try proposalPage(request, context, member: member, uai: uai, slug: slug, reason: reason, entry: typed,
                                    acceptError: text, status: status)
        }
        return redirect(Self.proposalPath(uai: uai, slug: slug) + "?done=" + (entry == nil ? "accept" : "accept-edited"))
    }

    /// The name an edited badge text's mistakes are reported under (then said as « line N »).
    static let acceptedEntryFile = "accepted-badge.yaml"

    /// A mistake in the edited badge text: « Ligne N : … » when it is at a line of the text area,
    /// else the loader's own `file:line: …`.
    static func entryErrorText(_ error: DossierError, _ lang: Lang) -> String {
        if error.file == acceptedEntryFile, let line = error.line {
            return lang.t("Ligne \(line) : ", "Line \(line): ") + error.reason.text(lang)
        }
        if error.file == acceptedEntryFile { return error.reason.text(lang) }
        return error.text(lang)
    }

    static func isBadgeExists(_ error: ProposalError) -> Bool {
        if case .badgeExists = error { return true }
        return false
    }

    static func trimmedEnd(_ text: String) -> Substring {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
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

    /// One proposal. `reason`, `entry` (the badge text as typed), `entryError` (a mistake in it) and
    /// `acceptError` (a refusal of the accept) come back from a refused accept form.
    func proposalPage(_ request: Request, _ context: WebContext, member: Member, uai: String, slug: String,
                      reason: String? = nil, entry: String? = nil, entryError: String? = nil, acceptError: String? = nil,
                      status: HTTPResponse.Status = .ok) throws -> Response {
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
        case "accept": lang.t("La proposition est acceptée telle que le CFA l'a écrite : le badge est dans le brouillon du catalogue.",
                              "The proposal is accepted as the CFA wrote it: the badge is in the catalogue's draft.")
        case "accept-edited": lang.t("La proposition est acceptée avec votre texte : le badge est dans le brouillon du catalogue.",
                                     "The proposal is accepted with your text: the badge is in the catalogue's draft.")
        case "decline": lang.t("La proposition est refusée.", "The proposal is declined.")
        default: nil
        }
        let voteRows: [[String: Any]] = votes.reversed().map { vote in
            VoteForm.row(member: vote.memberID, role: members[vote.memberID]?.role.text(lang) ?? "", verdict: vote.verdict,
                         castAt: vote.castAt, reason: vote.reason,
                         status: vote.withdrawnAt == nil ? lang.t("en cours", "standing") : lang.t("remplacé", "replaced"), lang: lang)
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
                // The title the draft (or, once published, the version) gives it: the Région's text when edited.
                let title = ((try? hub.catalogues.checkDraft())?.badge(badge)
                    ?? proposal.catalogueVersion.flatMap { hub.schedule.catalogue(version: $0)?.badge(badge) })?.title
                return lang.t("Badge « \(badge) »", "Badge \"\(badge)\"") + (title.map { " (« \($0) »)" } ?? "")
                    + lang.t(" ajouté au brouillon de la prochaine version du catalogue", " added to the draft of the catalogue's next version")
                    + (proposal.catalogueVersion.map { lang.t(" — publié dans la version \($0)", " — published in version \($0)") } ?? "")
            } ?? "",
            "base": Self.proposalPath(uai: uai, slug: slug),
            "file": proposal.text,
            "reasonTyped": reason ?? "",
            "entry": entry ?? parsed.map { String(decoding: $0.catalogueEntry(), as: UTF8.self) } ?? "",
            "entryError": entryError ?? "", "acceptError": acceptError ?? "",
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
                        model: model, nav: .proposals, status: status)
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
