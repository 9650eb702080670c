import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: operations (Région only)")
struct OperationsPageTests {
    @Test("a member of another role gets 403 on the page and on every action, and nothing is written")
    func forbidden() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            #expect(try await browser.get("/operations").status == .forbidden)
            #expect(try await browser.get("/operations/reconcile/status").status == .forbidden)
            let csrf = try #require(Browser.csrf(in: try await browser.get("/queue")))
            let before = try fixture.hub.audit(uai: nil).count
            #expect(try await browser.post("/operations/reconcile", [("csrf", csrf)]).status == .forbidden)
            #expect(try await browser.post("/operations/members", [("csrf", csrf), ("id", "intrus"), ("role", "region")]).status == .forbidden)
            #expect(try await browser.post("/operations/members/badgeons-2/disable", [("csrf", csrf)]).status == .forbidden)
            #expect(try await browser.post("/operations/members/badgeons-2/invite", [("csrf", csrf)]).status == .forbidden)
            #expect(try fixture.hub.audit(uai: nil).count == before)
            #expect(try fixture.hub.members().count == 4)
            #expect(ReconcileRuns.shared.run(hubRoot: fixture.hub.root) == nil)
        }
        try await fixture.run { browser in
            let out = try await browser.get("/operations")
            #expect(out.status == .seeOther && out.headers[.location]?.hasPrefix("/signin") == true)
            #expect(try await browser.post("/operations/reconcile", [("csrf", "x")]).status == .unauthorized)
        }
    }

    @Test("members: add (CSRF checked, the hub's rules, an audit row naming the Région member), invite (the link shown once), disable")
    func members() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            let page = try await browser.get("/operations")
            #expect(page.status == .ok)
            for (id, _, _) in WebFixture.members { #expect(page.text.contains("<th scope=\"row\">\(id)</th>")) }
            // The hostile CFA name (in the CFA list and the pilot's CFA choice) is escaped.
            #expect(!page.text.contains("<script>") && page.text.contains("CFA de Caen &lt;script&gt;alert(1)&lt;/script&gt; (\(WebFixture.caen))"))
            #expect(page.text.components(separatedBy: "<h1").count == 2 && DiffPageTests.headingsInOrder(page.text))
            let csrf = try #require(Browser.csrf(in: page))
            // CSRF missing or wrong: 403, nothing written.
            #expect(try await browser.post("/operations/members", [("id", "nouveau"), ("role", "badgeons")]).status == .forbidden)
            #expect(try await browser.post("/operations/members", [("csrf", "bad"), ("id", "nouveau"), ("role", "badgeons")]).status == .forbidden)
            #expect(try fixture.hub.members().count == 4)
            // The hub's rules: a pilot needs its CFA, an id must be plain.
            #expect(try await browser.post("/operations/members", [("csrf", csrf), ("id", "pilote-x"), ("role", "cfa-pilote"), ("uai", "")]).status == .badRequest)
            #expect(try await browser.post("/operations/members", [("csrf", csrf), ("id", "pilote-x"), ("role", "badgeons"), ("uai", WebFixture.caen)]).status == .badRequest)
            #expect(try await browser.post("/operations/members", [("csrf", csrf), ("id", "pilote-x"), ("role", "cfa-pilote"), ("uai", "9999999Z")]).status == .notFound)
            #expect(try await browser.post("/operations/members", [("csrf", csrf), ("id", "<script>"), ("role", "badgeons")]).status == .badRequest)
            #expect(try await browser.post("/operations/members", [("csrf", csrf), ("id", "badgeons-1"), ("role", "badgeons")]).status == .conflict)
            let added = try await browser.post("/operations/members", [("csrf", csrf), ("id", "pilote-rouen"), ("role", "cfa-pilote"), ("uai", WebFixture.rouen)])
            #expect(added.status == .seeOther)
            #expect(try fixture.hub.members().contains { $0.id == "pilote-rouen" && $0.role == .cfaPilote && $0.uai == WebFixture.rouen })
            #expect(try fixture.hub.audit(uai: WebFixture.rouen).contains { $0.action == "member-add" && $0.actor == "region-1" })
            // Invite: the link once.
            let invited = try await browser.post("/operations/members/pilote-rouen/invite", [("csrf", csrf)])
            #expect(invited.status == .ok && invited.text.contains("/invitation/"))
            #expect(try fixture.hub.audit(uai: nil).contains { $0.action == "member-invite" && $0.actor == "region-1" && $0.reason == "pilote-rouen" })
            #expect(!(try await browser.get("/operations").text.contains("/invitation/")))
            // Disable.
            #expect(try await browser.post("/operations/members/badgeons-2/disable", [("csrf", csrf)]).status == .seeOther)
            #expect(try fixture.hub.membersWithAccess().contains { $0.member.id == "badgeons-2" && $0.disabled })
            #expect(try fixture.hub.audit(uai: nil).contains { $0.action == "member-disable" && $0.actor == "region-1" })
            #expect(try await browser.post("/operations/members/nobody/disable", [("csrf", csrf)]).status == .notFound)
            let after = try await browser.get("/operations").text
            #expect(after.contains("désactivé"))
            #expect(after.components(separatedBy: "<h1").count == 2 && DiffPageTests.headingsInOrder(after))
        }
    }

    @Test("a reconcile runs in the background, one at a time: a second request says one is running; its report is shown")
    func reconcile() async throws {
        let fixture = try WebFixture()
        let gate = DispatchSemaphore(value: 0)
        let root = fixture.hub.root
        // The run waits at the gate (the way a slow fetch would), so that it is seen running.
        WebApp.setReconcileOptions(hubRoot: root) {
            gate.wait()
            return .withoutCredentials(jobs: 2, knownHosts: root + "/known_hosts", timeout: 5)
        }
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/operations")))
            #expect(try await browser.post("/operations/reconcile", [("csrf", csrf)]).status == .seeOther)
            #expect(try fixture.hub.audit(uai: nil).contains { $0.action == "reconcile-request" && $0.actor == "region-1" })
            // Requests are still served while it runs.
            let running = try await browser.get("/operations")
            #expect(running.status == .ok && running.text.contains("data-running=\"true\"") && running.text.contains("/static/operations.js"))
            #expect(running.text.contains("0/2 CFA"))
            let status = try await browser.get("/operations/reconcile/status")
            #expect(status.text.hasPrefix("{\"running\":true"))
            let second = try await browser.post("/operations/reconcile", [("csrf", csrf)])
            #expect(second.status == .conflict && second.text.contains("un autre rapprochement est en cours"))
            gate.signal()
            // Wait for the run to end (observable state, bounded).
            let deadline = Date().addingTimeInterval(60)
            while ReconcileRuns.shared.run(hubRoot: root)?.running == true, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            let run = try #require(ReconcileRuns.shared.run(hubRoot: root))
            #expect(!run.running && run.report?.cfas.count == 2 && run.done == 2)
            let done = try await browser.get("/operations")
            #expect(done.text.contains("data-running=\"false\"") && done.text.contains("Dernière réconciliation lancée ici"))
            #expect(done.text.contains("2 en échec"))
            #expect(try await browser.get("/static/operations.js").status == .ok)
        }
    }

    @Test("a reconcile from the command line holds the lock: the page says one is running and starts nothing")
    func lockHeld() async throws {
        let fixture = try WebFixture()
        let lock = try ReconcileLock(hubRoot: fixture.hub.root)
        try await fixture.run { browser in
            _ = try await browser.signIn("region-1")
            let page = try await browser.get("/operations")
            #expect(page.text.contains("lancée en ligne de commande est en cours"))
            let csrf = try #require(Browser.csrf(in: page))
            let refused = try await browser.post("/operations/reconcile", [("csrf", csrf)])
            #expect(refused.status == .conflict)
            #expect(ReconcileRuns.shared.run(hubRoot: fixture.hub.root) == nil)
        }
        withExtendedLifetime(lock) {}
    }
}
