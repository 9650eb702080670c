import DossierCore
import Foundation
internal import HTTPTypes
import Hub
import Hummingbird
import WebLayer

/// `/operations` (Région members only): run a reconcile now (one at a time, its progress shown),
/// the last reconcile's report and each CFA's reconcile state, the members (add, disable, invite —
/// the invitation link shown once). Every action: a session, the form token, the hub's rules, an
/// audit row.
extension WebApp {
    func addOperationsRoutes(to router: Router<WebContext>) {
        router.get("/operations") { request, context -> Response in
            let member = try self.regionMember(context)
            return try self.operationsPage(request, context, member: member)
        }
        router.get("/operations/reconcile/status") { _, context -> Response in
            _ = try self.regionMember(context)
            let run = ReconcileRuns.shared.run(hubRoot: self.hub.root)
            let running = run?.running == true || ReconcileLock.isHeld(hubRoot: self.hub.root)
            let text = self.progressText(run, context.lang)
            let body = "{\"running\":\(running),\"text\":\(Self.jsonString(text))}"
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.post("/operations/reconcile") { request, context -> Response in
            let member = try self.member(context)
            _ = try await self.form(request, context, csrf: context.csrfToken)
            guard member.role == .region else { throw HubError.notRegion(member.id) }
            let busy = ReconcileRuns.shared.run(hubRoot: self.hub.root)?.running == true || ReconcileLock.isHeld(hubRoot: self.hub.root)
            if busy {
                return try self.operationsPage(request, context, member: member, notice: HubError.reconcileRunning.text(context.lang),
                                               status: .conflict)
            }
            try self.hub.recordReconcileRequest(actor: member.id, now: self.settings.now())
            let started = ReconcileRuns.shared.start(hub: self.hub, by: member.id, clock: self.settings.now, today: self.settings.today)
            guard started else {
                return try self.operationsPage(request, context, member: member, notice: HubError.reconcileRunning.text(context.lang),
                                               status: .conflict)
            }
            return self.redirect("/operations#reconcile")
        }
        router.post("/operations/members") { request, context -> Response in
            let member = try self.member(context)
            let form = try await self.form(request, context, csrf: context.csrfToken)
            guard member.role == .region else { throw HubError.notRegion(member.id) }
            let id = try form.required("id")
            guard Self.isMemberID(id) else { throw WebError.badForm("id") }
            guard let role = form["role"].flatMap(Member.Role.init(rawValue:)) else { throw WebError.badForm("role") }
            let typed = form["uai"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let uai = typed.isEmpty ? nil : typed
            // A pilot CFA's member names its CFA; no one else does (the hub's rule, said about the field).
            guard (role == .cfaPilote) == (uai != nil) else { throw WebError.badForm("uai") }
            _ = try self.hub.addMember(id: id, role: role, uai: uai, actor: member.id, now: self.settings.now())
            return self.redirect("/operations#members")
        }
        router.post("/operations/members/:id/disable") { request, context -> Response in
            let member = try self.member(context)
            _ = try await self.form(request, context, csrf: context.csrfToken)
            guard member.role == .region else { throw HubError.notRegion(member.id) }
            let id = try context.parameters.require("id")
            try WebAccounts(hub: self.hub, settings: self.settings).disable(memberID: id, actor: member.id)
            return self.redirect("/operations#members")
        }
        router.post("/operations/members/:id/invite") { request, context -> Response in
            let member = try self.member(context)
            _ = try await self.form(request, context, csrf: context.csrfToken)
            guard member.role == .region else { throw HubError.notRegion(member.id) }
            let id = try context.parameters.require("id")
            let (url, expires) = try WebAccounts(hub: self.hub, settings: self.settings).invite(memberID: id, actor: member.id)
            let lang = context.lang
            return try self.operationsPage(request, context, member: member, invitation: [
                "member": id, "url": url,
                "expires": lang.t("Valable jusqu'au \(Self.moment(expires, lang)), une seule fois.", "Valid until \(Self.moment(expires, lang)), once."),
            ])
        }
        router.get("/static/operations.js") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Self.operationsScript)))
        }
    }

    /// The signed-in member when they are of the Région (else `HubError.notRegion`: 403).
    func regionMember(_ context: WebContext) throws -> Member {
        let member = try member(context)
        guard member.role == .region else { throw HubError.notRegion(member.id) }
        return member
    }

    /// Member ids typed on the page: letters, digits, `.`, `_`, `-` (1 to 64).
    static func isMemberID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    func progressText(_ run: ReconcileRuns.Run?, _ lang: Lang) -> String {
        guard let run else {
            return ReconcileLock.isHeld(hubRoot: hub.root)
                ? lang.t("Une réconciliation lancée en ligne de commande est en cours.", "A reconcile started from the command line is running.")
                : lang.t("Aucune réconciliation en cours.", "No reconcile running.")
        }
        if run.running {
            return lang.t("Réconciliation en cours : \(run.done)/\(run.total) CFA traités.", "Reconcile running: \(run.done)/\(run.total) CFAs done.")
        }
        if ReconcileLock.isHeld(hubRoot: hub.root) {
            return lang.t("Une réconciliation lancée en ligne de commande est en cours.", "A reconcile started from the command line is running.")
        }
        return lang.t("Aucune réconciliation en cours.", "No reconcile running.")
    }

    func operationsPage(_ request: Request, _ context: WebContext, member: Member, notice: String? = nil,
                        invitation: [String: Any]? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let lang = context.lang
        let run = ReconcileRuns.shared.run(hubRoot: hub.root)
        let running = run?.running == true || ReconcileLock.isHeld(hubRoot: hub.root)
        var model: [String: Any] = ["running": running, "progress": progressText(run, lang)]
        if let notice { model["notice"] = notice }
        if let invitation { model["invitation"] = invitation }
        if let run, !run.running {
            var last: [String: Any] = [
                "by": run.startedBy, "started": Self.moment(run.startedAt, lang),
            ]
            if let finished = run.finishedAt { last["finished"] = Self.moment(finished, lang) }
            switch run.refusal {
            case .lockHeld: last["refusal"] = HubError.reconcileRunning.text(lang)
            case .failed(let error):
                last["refusal"] = error?.text(lang) ?? lang.t("La réconciliation a échoué : voyez le journal du hub.", "The reconcile failed: see the hub's log.")
            case nil: break
            }
            if let report = run.report {
                last["summary"] = lang.t("\(report.newSubmissions) nouvelle(s) demande(s), \(report.unchanged) CFA inchangé(s), \(report.failed.count) en échec.",
                                         "\(report.newSubmissions) new request(s), \(report.unchanged) CFA(s) unchanged, \(report.failed.count) failed.")
                last["outcomes"] = report.cfas.map { outcome -> [String: Any] in
                    let failed = outcome.status == .failed
                    return ["uai": outcome.uai, "failed": failed, "symbol": failed ? "✗" : "✓",
                            "status": Self.outcomeText(outcome.status, lang),
                            "details": (outcome.newSubmissions + (outcome.reasons + outcome.notes).map { $0.text(lang) }).joined(separator: " ; ")]
                }
                last["hasOutcomes"] = !report.cfas.isEmpty
            }
            model["last"] = last
        }
        model["cfas"] = try hub.cfas().map { cfa -> [String: Any] in
            ["uai": cfa.uai, "name": cfa.name ?? cfa.uai, "href": "/cfa/" + WebPath.segment(cfa.uai),
             "when": cfa.lastReconciledAt.map { Self.moment($0, lang) } ?? lang.t("jamais", "never"),
             "failed": cfa.hasFailed, "symbol": cfa.hasFailed ? "✗" : (cfa.lastReconciledAt == nil ? "○" : "✓"),
             "state": cfa.hasFailed ? lang.t("en échec", "failed") : (cfa.lastReconciledAt == nil ? lang.t("pas encore", "not yet") : lang.t("à jour", "up to date")),
             "reasons": cfa.failureReasons.map { $0.text(lang) }.joined(separator: " ; ")]
        }
        let cfaRecords = try hub.cfas()
        model["cfaOptions"] = cfaRecords.map { ["uai": $0.uai, "name": $0.name ?? $0.uai] }
        model["roles"] = Member.Role.allCases.map { ["value": $0.rawValue, "text": $0.text(lang)] }
        model["members"] = try hub.membersWithAccess().map { entry -> [String: Any] in
            let access: String
            if entry.disabled { access = lang.t("désactivé", "disabled") }
            else if entry.hasPassword { access = lang.t("actif", "active") }
            else { access = lang.t("sans mot de passe", "no password") }
            return ["id": entry.member.id, "idSegment": WebPath.segment(entry.member.id), "role": entry.member.role.text(lang),
                    "cfa": entry.member.uai ?? "—", "access": access, "disabled": entry.disabled,
                    "symbol": entry.disabled ? "⊘" : (entry.hasPassword ? "✓" : "○"), "self": entry.member.id == member.id]
        }
        return try page(request, context, title: lang.t("Opérations", "Operations"), template: Self.operationsTemplate,
                        strings: Self.operationsStrings, model: model, nav: .operations, status: status)
    }

    static func outcomeText(_ status: CFAOutcome.Status, _ lang: Lang) -> String {
        switch status {
        case .new: lang.t("nouvelles demandes", "new requests")
        case .unchanged: lang.t("inchangé", "unchanged")
        case .updated: lang.t("à jour", "up to date")
        case .failed: lang.t("échec", "failed")
        }
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }

    /// The progress line's script: while a reconcile runs, asks for its progress every two
    /// seconds and updates the line (a polite live region); reloads the page when it ends.
    static let operationsScript = #"""
    (function () {
      var line = document.getElementById("reconcile-progress");
      if (!line || line.getAttribute("data-running") !== "true") { return; }
      function poll() {
        fetch("/operations/reconcile/status", { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.json(); })
          .then(function (s) {
            line.textContent = s.text;
            if (s.running) { setTimeout(poll, 2000); } else { window.location.reload(); }
          })
          .catch(function () { setTimeout(poll, 5000); });
      }
      setTimeout(poll, 2000);
    })();
    """#
}
