import Foundation
import Hub
import Testing
import TestServers

/// The reconciler against real servers: git smart HTTP behind nginx, a closed port, a server that
/// never answers; decisions pushed back to the CFAs.
@Suite struct ReconcileServerTests {
    @Test func anUnchangedCFACostsOneReferenceListingAndNoFetch() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R", http: true)
        let server = try lab.httpServer()
        try lab.submit(cfa, "prospection")
        #expect(try lab.reconcile().cfas.map(\.status) == [.new])
        #expect(requests(server.accessLog { requests($0, "POST", "git-upload-pack").count >= 1 }, "POST", "git-upload-pack").count == 1)
        let store = try lab.storeContent(), refs = try lab.mirrorRefs(cfa.uai)

        let logged = server.accessLog().count
        #expect(try lab.reconcile().cfas.map(\.status) == [.unchanged])
        let noop = Array(server.accessLog(atLeast: logged + 1).dropFirst(logged))
        #expect(requests(noop, "GET", "/\(cfa.uai).git/info/refs?service=git-upload-pack").count == noop.count, "\(noop)")
        #expect(noop.filter { $0.contains("\" 200 ") }.count == 1, "one listing answered: \(noop)")
        // The server asked for credentials in the first run: this one sends them with its first request.
        #expect(noop.count == 1, "no anonymous request answered 401: \(noop)")
        #expect(requests(noop, "POST", "").isEmpty, "\(noop)")
        #expect(try lab.storeContent() == store)
        #expect(try lab.mirrorRefs(cfa.uai) == refs)

        // A new save and submission is fetched and ingested by the next run.
        try lab.dossierOK(["set", "accessibilite", "narrative", "Audit RGAA refait en 2026."], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "audit", "--author", labAuthor], in: cfa.dossier)
        try lab.submit(cfa, "accessibilite")
        let before = server.accessLog().count
        let report = try lab.reconcile()
        #expect(report.cfas.first?.newSubmissions.first?.hasPrefix("submissions/accessibilite/") == true)
        let changed = Array(server.accessLog { requests(Array($0.dropFirst(before)), "POST", "git-upload-pack").count >= 1 }.dropFirst(before))
        #expect(requests(changed, "POST", "git-upload-pack").count == 1)
        // The fetch uses the listing's advertisement: the references are listed once, not twice.
        #expect(requests(changed, "GET", "/info/refs?service=git-upload-pack").filter { $0.contains("\" 200 ") }.count == 1,
                "\(changed)")
    }

    /// One run through the CLI: a CFA on disk and one over HTTP are ingested while a missing
    /// folder, a closed port and a server that never answers each fail on their own.
    @Test func unreachableCFAsFailAloneAndTheRunExitsWith6() throws {
        let lab = try HubLab()
        let local = try lab.addCFA("0141234R")
        let http = try lab.addCFA("0761234D", sample: "boulangerie-rouen", http: true)
        try lab.submit(local, "prospection")
        try lab.submit(http, "prospection")
        let silent = try SilentServer()
        defer { silent.stop() }
        let missing = ("0271234V", lab.folder.path + "/nowhere/0271234V.git")
        let closed = ("0141235S", "http://127.0.0.1:\(try FreePort.find())/closed.git")
        let mute = ("0141236T", silent.url)
        for (uai, url) in [missing, closed, mute] { _ = try lab.hub.register(uai: uai, url: url, name: nil) }

        let start = Date()
        let run = try lab.reconcileCLI(["--jobs", "2"], environment: ["DOSSIER_TIMEOUT": "2"])
        #expect(Date().timeIntervalSince(start) < 30, "\(run)")
        #expect(run.status == 6 && !run.timedOut, "\(run)")
        #expect(try run.outcome(local.uai)["status"] as? String == "new")
        #expect(try run.outcome(http.uai)["status"] as? String == "new")
        for (uai, expected) in [(missing.0, "no such folder"), (closed.0, "unreachable: \(closed.1) (connection failed)"), (mute.0, "no answer for 2 s")] {
            let outcome = try run.outcome(uai)
            #expect(outcome["status"] as? String == "failed", "\(outcome)")
            let reasons = (outcome["reasons"] as? [String] ?? []).joined(separator: "; ")
            #expect(reasons.contains(expected), "\(uai): \(reasons)")
            #expect(try lab.failure(uai)?.contains(expected) == true)
            #expect(try lab.audit(uai, action: "reconcile-failed").count == 1)
            #expect(try lab.submissions(uai).isEmpty)
        }
        #expect(try lab.submissions(local.uai).count == 1)
        #expect(try lab.submissions(http.uai).count == 1)
        #expect(try lab.failure(local.uai) == nil)
    }

    /// The library gives up on a silent server after `transfer.timeout` and finishes the others.
    @Test func aServerThatNeverAnswersIsAbandonedAfterTheTimeout() throws {
        let lab = try HubLab()
        let silent = try SilentServer()
        defer { silent.stop() }
        _ = try lab.hub.register(uai: "0141236T", url: silent.url, name: nil)
        var good: [LabCFA] = []
        for uai in ["0141234R", "0761234D", "0271234V"] {
            let cfa = try lab.addCFA(uai, http: true)
            try lab.submit(cfa, "prospection")
            good.append(cfa)
        }
        let start = Date()
        let report = try lab.reconcile(jobs: 1, timeout: 2)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(report.failed.map(\.uai) == ["0141236T"])
        #expect(report.failed.first?.reasons.first?.text(.en).contains("no answer") == true)
        #expect(report.newSubmissions == 3)
        #expect(try lab.failure("0141236T")?.contains("no answer") == true)
        #expect(try lab.audit("0141236T", action: "reconcile-failed").count == 1)
    }

    @Test func decisionsArePushedOnceAndARefusingRemoteFailsAlone() throws {
        let lab = try HubLab()
        let open = try lab.addCFA("0141234R", http: true)
        let refusing = try lab.addCFA("0761234D", sample: "boulangerie-rouen", http: true)
        let server = try lab.httpServer()
        try lab.submit(open, "prospection")
        try lab.submit(refusing, "prospection")
        _ = try lab.reconcile()
        try lab.addReviewers()
        for cfa in [open, refusing] {
            try lab.hub.vote(uai: cfa.uai, badge: "prospection", memberID: "badgeons-1", verdict: .changes,
                             reason: "Joindre le compte rendu 2026")
        }
        let hook = refusing.remote.url.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'decisions refused here' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        let report = try lab.reconcile()
        let delivered = try #require(report.cfas.first { $0.uai == open.uai })
        #expect(delivered.decisionsDelivered && delivered.status == .updated)
        let tag = try #require(try lab.submissions(open.uai).first?.tag)
        let leaf = try #require(tag.split(separator: "/").last)
        let text = try open.remote.contents(at: "refs/dossier/decisions", path: "prospection/\(leaf).yaml")
        #expect(text.contains("changes-requested") && text.contains("Joindre le compte rendu 2026"), "\(text)")
        let pushed = try #require(try open.remote.commit(of: "refs/dossier/decisions"))
        #expect(try lab.record(open.uai)?.decisionsDelivered == pushed)

        let failed = try #require(report.failed.first)
        #expect(report.failed.count == 1 && failed.uai == refusing.uai)
        #expect(try refusing.remote.commit(of: "refs/dossier/decisions") == nil)
        #expect(try lab.failure(refusing.uai) != nil)
        #expect(try lab.submissions(refusing.uai).count == 1, "the ingest stays")

        // A further run pushes nothing to the CFA that has its decisions, and records the
        // refusal no second time.
        let store = try lab.storeContent()
        let logged = server.accessLog().count
        let again = try lab.reconcile()
        #expect(again.cfas.first { $0.uai == open.uai }.map { !$0.decisionsDelivered && $0.status == .unchanged } == true)
        let lines = Array(server.accessLog().dropFirst(logged))
        #expect(requests(lines, "POST", "/\(open.uai).git/git-receive-pack").isEmpty, "\(lines)")
        #expect(try open.remote.commit(of: "refs/dossier/decisions") == pushed)
        #expect(again.failed.map(\.uai) == [refusing.uai])
        #expect(try lab.audit(refusing.uai, action: "reconcile-failed").count == 1)
        #expect(try lab.storeContent().audit == store.audit)
    }
}

/// Access-log lines of requests with this method whose request line contains `path`.
func requests(_ lines: [String], _ method: String, _ path: String) -> [String] {
    lines.filter { $0.contains("\"\(method) ") && $0.contains(path) }
}
