import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import Hummingbird
import Sync
import WebLayer

/// `/proposals` and `/proposal/<id>`: the CFA's badge proposals in the browser — the list with each
/// one's state and the Région's reasons, a new one from the template (`Proposals.create`, as
/// `dossier propose new`), written with a form (`ProposalDraft` writes the file; rows added and
/// removed without JavaScript, `ProposalPage+Form.swift`) or, for a file the form cannot show, in a
/// text area; checked on each write (`Proposals.check`, errors next to their field), and submitted
/// (`ProposalSubmitter`, as `dossier propose submit`). A file changed outside the page since it was
/// shown is never overwritten.
extension UIApp {
    func addProposalRoutes(to router: Router<UIContext>) {
        router.get("/proposals") { [self] request, context -> Response in
            try proposalsPage(request, context)
        }
        router.post("/proposals") { [self] request, context -> Response in
            let form = try await form(request, context)
            let slug = try form.required("slug").trimmingCharacters(in: .whitespaces)
            let title = try form.required("title")
            do {
                try Proposals(workspace: workspace()).create(slug: slug, title: title)
            } catch {
                guard error is any Localized else { throw error }
                let (status, text) = Self.describe(error, context.lang)
                return try proposalsPage(request, context, error: text, status: status)
            }
            return WebResponse.redirect("/proposal/" + WebPath.segment(slug) + "?done=created")
        }
        router.get("/proposal/:slug") { [self] request, context -> Response in
            let slug = try proposalSlug(context)
            let done = request.uri.queryParameters.get("done")
            return try proposalPage(request, context, slug: slug, done: done, tag: request.uri.queryParameters.get("tag"))
        }
        router.post("/proposal/:slug") { [self] request, context -> Response in
            let slug = try proposalSlug(context)
            let form = try await form(request, context)
            // As typed (not trimmed: a block scalar may end the file), with the browser's CRLF as LF.
            guard let typed = form["content"], typed.contains(where: { !$0.isWhitespace }) else { throw WebError.badForm("content") }
            var content = typed.replacingOccurrences(of: "\r\n", with: "\n")
            if !content.hasSuffix("\n") { content += "\n" }
            let workspace = try workspace()
            let path = workspace.workingSource.absolute(ProposalTag.file(slug: slug))
            let current = try workspace.workingSource.read(ProposalTag.file(slug: slug)).map(Digest.sha256) ?? ""
            guard current == form["sha"] ?? "" else {
                let text = context.lang.t("Le fichier a été modifié en dehors de la page depuis son affichage : rien n'a été écrasé. Rechargez la page.",
                                          "The file was changed outside the page since it was shown: nothing was overwritten. Reload the page.")
                return try proposalPage(request, context, slug: slug, error: text, draft: content, status: .conflict)
            }
            try AtomicFile.write(content, to: path)
            return WebResponse.redirect("/proposal/" + WebPath.segment(slug) + "?done=written")
        }
        router.post("/proposal/:slug/form") { [self] request, context -> Response in
            let slug = try proposalSlug(context)
            let form = try await form(request, context)
            var post = ProposalFormPost(form, slug: slug)
            post.apply()
            guard post.action == .save else {
                // One more row, one less, a preview: the form again, nothing written.
                return try proposalPage(request, context, slug: slug, form: post, preview: post.action == .preview)
            }
            let workspace = try workspace()
            let current = try workspace.workingSource.read(ProposalTag.file(slug: slug)).map(Digest.sha256) ?? ""
            guard current == form["sha"] ?? "" else {
                let text = context.lang.t("Le fichier a été modifié en dehors de la page depuis son affichage : rien n'a été écrasé. Rechargez la page (ce que vous avez saisi est ci-dessous).",
                                          "The file was changed outside the page since it was shown: nothing was overwritten. Reload the page (what you typed is below).")
                return try proposalPage(request, context, slug: slug, error: text, form: post, status: .conflict)
            }
            try AtomicFile.write(Data(post.draft.yaml()), to: workspace.workingSource.absolute(ProposalTag.file(slug: slug)))
            return WebResponse.redirect("/proposal/" + WebPath.segment(slug) + "?done=written")
        }
        router.post("/proposal/:slug/submit") { [self] request, context -> Response in
            let slug = try proposalSlug(context)
            let form = try await form(request, context)
            let message = form["message"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            let workspace = try workspace()
            let tag: ProposalTag
            do {
                tag = try ProposalSubmitter(workspace: workspace).submit(slug: slug, message: message?.isEmpty == false ? message : nil,
                                                                        tagger: workspace.author(nil), date: settings.now())
            } catch {
                // The command line's own refusal (unsaved changes, a proposal that does not pass), on the page.
                guard error is any Localized else { throw error }
                let (status, text) = Self.describe(error, context.lang)
                return try proposalPage(request, context, slug: slug, error: text, status: status)
            }
            return WebResponse.redirect("/proposal/" + WebPath.segment(slug) + "?done=submitted&tag=" + WebPath.queryEscaped(tag.name))
        }
    }

    /// The proposal id of the address; not found when it cannot be one.
    func proposalSlug(_ context: UIContext) throws -> String {
        let slug = context.parameters.get("slug") ?? ""
        guard Evidence.isValidID(slug) else { throw WebError.notFound }
        return slug
    }

    func proposalsPage(_ request: Request, _ context: UIContext, error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let lang = context.lang
        let statuses = try Proposals(workspace: workspace()).list()
        var model: [String: Any] = [
            "proposals": statuses.map { ProposalPage.row($0, lang) }, "hasProposals": !statuses.isEmpty,
        ]
        if let error { model["error"] = error }
        return try page(request, context, title: ProposalPage.strings.table(lang)["listTitle"] ?? "", template: ProposalPage.listTemplate,
                        strings: ProposalPage.strings, model: model, nav: .proposals, status: status)
    }

    /// The editor of one proposal. `draft` is what the person typed in the text area when a write
    /// was refused; `form`, what the form posted (a row added or removed, a preview, a refusal).
    func proposalPage(_ request: Request, _ context: UIContext, slug: String, done: String? = nil, tag: String? = nil,
                      error: String? = nil, draft: String? = nil, form: ProposalFormPost? = nil, preview: Bool = false,
                      status: HTTPResponse.Status = .ok) throws -> Response {
        let lang = context.lang
        let workspace = try workspace()
        let proposals = Proposals(workspace: workspace)
        let bytes = try workspace.workingSource.read(ProposalTag.file(slug: slug))
        guard let item = try proposals.list().first(where: { $0.slug == slug }) else { throw WebError.notFound }
        var model = ProposalPage.row(item, lang)
        model["file"] = ProposalTag.file(slug: slug)
        model["content"] = draft ?? bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
        model["sha"] = bytes.map(Digest.sha256) ?? ""
        model["action"] = "/proposal/" + WebPath.segment(slug)
        // The form shows what was posted, else the file read into it (nil: a shape it cannot show).
        let read = bytes.flatMap { ProposalDraft(reading: $0, slug: slug) }
        let shown = form ?? read.map { ProposalFormPost(draft: $0) }
        var fieldErrors: [ProposalDraft.Field: String] = [:]
        if let bytes {
            do {
                let proposal = try proposals.check(slug)
                model["valid"] = lang.t("Valide : « \(proposal.badge.title) », \(proposal.badge.criteria.count) critère(s).",
                                        "Valid: « \(proposal.badge.title) », \(proposal.badge.criteria.count) criteria.")
            } catch {
                guard error is any Localized else { throw error }
                model["invalid"] = Self.describe(error, lang).1
                // Next to its field when the form shows the file itself (not what was typed since).
                if read != nil, let field = ProposalPage.field(of: error, in: bytes) {
                    let message = ProposalPage.fieldMessage(error, field: field, lang)
                    // Above the form: the field's name and the message, where in the file as a hint.
                    model["invalid"] = "« \(ProposalPage.fieldLabel(field, lang)) » : \(message)"
                    model["invalidWhere"] = (error as? DossierError).map { "\($0.file ?? "")\($0.line.map { ":\($0)" } ?? "")" }
                    // Next to its field when the form shows the file itself (not what was typed since).
                    if form == nil {
                        fieldErrors[field] = message
                        model["invalidAnchor"] = ProposalPage.anchor(field)
                    }
                }
            }
        }
        if let shown {
            model.merge(ProposalPage.formModel(shown, evidence: evidenceFiles(workspace), errors: fieldErrors, preview: preview, lang)) { $1 }
        } else if bytes != nil {
            model["unrepresentable"] = true
        }
        model["yamlOpen"] = shown == nil || draft != nil
        let unsaved = try workspace.changedFiles().count
        if unsaved > 0 {
            model["unsaved"] = lang.t("\(unsaved) fichier(s) modifié(s) pas encore enregistré(s) : une proposition se dépose depuis le dernier enregistrement, enregistrez d'abord.",
                                      "\(unsaved) changed file(s) not saved yet: a proposal is submitted from the last save, save first.")
        }
        switch done {
        case "created"?: model["done"] = lang.t("Proposition créée : complétez-la ci-dessous.", "Proposal created: fill it in below.")
        case "written"? where model["invalid"] == nil: model["done"] = lang.t("Fichier écrit et vérifié.", "File written and checked.")
        case "written"?:
            // Written, but the check found a mistake: no success banner over the error.
            model["written"] = lang.t("Fichier écrit, mais la vérification y trouve une erreur :", "File written, but the check finds a mistake in it:")
        case "submitted"?:
            model["done"] = lang.t("Proposition déposée : \(tag ?? ""). Elle partira à la Région à la prochaine synchronisation.",
                                   "Proposal submitted: \(tag ?? ""). It goes to the Région at the next sync.")
        default: break
        }
        if let error { model["error"] = error }
        return try page(request, context, title: (ProposalPage.strings.table(lang)["title"] ?? "") + " " + slug,
                        template: ProposalPage.template, strings: ProposalPage.strings, model: model, nav: .proposals, status: status)
    }

    /// The dossier's evidence files (path, title), offered as the proposal's examples; none when the
    /// dossier does not read (its own page says why).
    func evidenceFiles(_ workspace: Workspace) -> [(path: String, title: String)] {
        guard let dossier = try? DossierReader(source: workspace.workingSource, catalogue: workspace.catalogue).loadValid() else { return [] }
        var seen: Set<String> = []
        return dossier.claims.keys.sorted().flatMap { badge in
            dossier.claims[badge]?.evidence.compactMap { evidence -> (path: String, title: String)? in
                // Evidence paths are relative to the badge's evidence folder; examples, to the dossier.
                guard let file = evidence.filePath, case let path = Claim.evidenceFolder(badge: badge) + "/" + file,
                      (try? workspace.workingSource.kind(of: path)) == .file, seen.insert(path).inserted else { return nil }
                return (path, evidence.title)
            } ?? []
        }
    }
}

extension ProposalPage {
    /// One proposal's state, submissions and the Région's reasons, for the templates.
    static func row(_ status: ProposalStatus, _ lang: Lang) -> [String: Any] {
        var row: [String: Any] = [
            "slug": status.slug, "title": status.title ?? status.slug, "href": "/proposal/" + WebPath.segment(status.slug),
            "state": stateText(status, lang), "changed": status.changedSinceSubmission,
        ]
        if let problem = status.problem { row["problem"] = UIApp.describe(problem, lang).1 }
        row["submissions"] = status.submissions.map { submission -> [String: Any] in
            var item: [String: Any] = [
                "tag": submission.tag.name, "message": submission.message,
                "sent": submission.sent ? lang.t("envoyée", "sent") : lang.t("pas encore envoyée", "not sent yet"),
            ]
            if let decision = submission.decision {
                item["decision"] = lang.t("Décision de la Région du \(decision.date) : ", "The Région's decision of \(decision.date): ")
                    + outcomeText(decision, lang)
                item["reasons"] = decision.reasons.map { ["who": "\($0.member) (\($0.role))", "text": $0.text] }
            }
            return item
        }
        row["hasSubmissions"] = !status.submissions.isEmpty
        return row
    }

    static func stateText(_ status: ProposalStatus, _ lang: Lang) -> String {
        switch status.state {
        case .draft: lang.t("brouillon, à compléter", "draft, to complete")
        case .checked: lang.t("vérifiée, à déposer", "checked, to submit")
        case .submitted: lang.t("déposée, pas encore envoyée (à la prochaine synchronisation)", "submitted, not sent yet (at the next sync)")
        case .sent: lang.t("envoyée à la Région, en attente de décision", "sent to the Région, awaiting a decision")
        case .accepted, .changesRequested, .declined: status.latestDecision.map { outcomeText($0, lang) } ?? status.state.rawValue
        }
    }

    static func outcomeText(_ decision: ProposalDecision, _ lang: Lang) -> String {
        switch decision.outcome {
        case .accepted:
            lang.t("acceptée", "accepted") + (decision.badge.map { lang.t(", badge \($0)", ", badge \($0)") } ?? "")
                + (decision.catalogueVersion.map { lang.t(", catalogue \($0)", ", catalogue \($0)") }
                    ?? lang.t(" (dans la prochaine version du catalogue)", " (in the next catalogue version)"))
        case .changesRequested: lang.t("modifications demandées", "changes requested")
        case .declined: lang.t("refusée", "declined")
        }
    }
}
