import DossierCore
import Foundation
import Hub
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

/// A reconcile against another reconcile, votes against a reconcile, a store kept busy: one
/// reconcile at a time with a clear message for the second, votes landing at once, never a raw
/// library message stored or shown.
@Suite struct ReconcileConcurrencyTests {
    /// A reconcile kept running by a CFA whose server never answers (given up after `timeout` s).
    func longReconcile(_ lab: HubLab, timeout: Int) throws -> (RunningProcess, SilentServer, URL) {
        let silent = try SilentServer()
        _ = try lab.hub.register(uai: "0141236T", url: silent.url, name: nil)
        let log = lab.folder.appending("reconcile-1.log")
        let process = try ProcessRunner.start(lab.binary, ["hub", "reconcile", "--jobs", "1", "--hub", lab.hubPath, "0141236T"],
                                              environment: lab.environment(["DOSSIER_TIMEOUT": String(timeout)]), log: log)
        let deadline = Date().addingTimeInterval(30)
        while !ReconcileLock.isHeld(hubRoot: lab.hubPath) {
            try #require(Date() < deadline && process.isRunning, "the reconcile never took its lock: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            usleep(20_000)
        }
        return (process, silent, log)
    }

    func waitForEnd(_ process: RunningProcess) throws {
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning {
            try #require(Date() < deadline, "the first reconcile did not end")
            usleep(50_000)
        }
    }

    @Test func aSecondReconcileIsRefusedWithOneLineAndChangesNothing() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        let (first, silent, _) = try longReconcile(lab, timeout: 20)
        defer { silent.stop() }
        let before = try lab.storeContent()

        let second = try lab.reconcileCLI()
        #expect(second.status == 8, "\(second)")
        let lines = second.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.contains("another reconcile is running") == true, "\(second.stderr)")
        let french = try lab.dossier(["hub", "reconcile", "--hub", lab.hubPath], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(french.status == 8 && french.stderr.contains("un autre rapprochement est en cours"), "\(french)")
        #expect(try lab.storeContent() == before)
        #expect(ReconcileLock.isHeld(hubRoot: lab.hubPath) && first.isRunning)

        first.stop()  // killed: the lock goes with it
        #expect(!ReconcileLock.isHeld(hubRoot: lab.hubPath))
        let third = try lab.reconcileCLI(["0141234R"])
        #expect(third.status == 0, "\(third)")
        #expect(try lab.submissions(cfa.uai).count == 1)
        let audit = try lab.hub.audit(uai: nil)
        #expect(!audit.contains { ($0.reasonText(.en) ?? "").contains("UNIQUE") || ($0.reasonText(.en) ?? "").contains("SQLite") })
    }

    /// A vote cast while a reconcile runs lands at once (the reconcile holds no write transaction
    /// across git work), and both effects are there afterwards.
    @Test func aVoteDuringALongReconcileLandsPromptly() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        _ = try lab.reconcile()
        try lab.addReviewers()
        try lab.submit(cfa, "accessibilite")
        let (reconcile, silent, _) = try longReconcile(lab, timeout: 15)
        defer { silent.stop() }

        let start = Date()
        try lab.hub.vote(uai: cfa.uai, badge: "prospection", memberID: "badgeons-1", verdict: .approve, reason: "conforme")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(reconcile.isRunning, "the vote landed while the reconcile was running")
        let cli = try lab.dossier(["hub", "vote", cfa.uai, "prospection", "--member", "region-1", "approve", "-m", "complet",
                                   "--hub", lab.hubPath])
        #expect(cli.succeeded, "\(cli)")
        try waitForEnd(reconcile)
        let votes = try lab.hub.view(uai: cfa.uai, badge: "prospection").votes
        #expect(votes.map(\.memberID) == ["badgeons-1", "region-1"])
        #expect(try lab.reconcile(only: [cfa.uai]).newSubmissions == 1)
    }

    /// A store another command keeps busy: a vote waits the bounded time, then fails with one
    /// clear line — never SQLite's own message — and changes nothing.
    @Test func aBusyStoreGivesOneClearLine() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        _ = try lab.reconcile()
        try lab.addReviewers()
        let impatient = Hub(root: lab.hubPath, settings: lab.hub.settings,
                            store: try SQLiteReviewStore(path: lab.hubPath + "/review.sqlite", busyWait: 0.3), catalogue: lab.catalogue)
        // Another command in the middle of a write transaction, until told to end it.
        let other = try SQLiteReviewStore(path: lab.hubPath + "/review.sqlite")
        let (writing, release, ended) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        Thread {
            try? other.write { tx in
                try tx.setValue("held", for: "test-busy")
                writing.signal()
                release.wait()
                throw CancellationError()  // rolled back
            }
            ended.signal()
        }.start()
        writing.wait()
        let start = Date()
        #expect(throws: HubError.storeBusy) {
            try impatient.vote(uai: cfa.uai, badge: "prospection", memberID: "region-1", verdict: .approve, reason: "ok")
        }
        #expect(Date().timeIntervalSince(start) < 5)
        release.signal()
        ended.wait()
        #expect(HubError.storeBusy.text(.fr).contains("occupée") && !HubError.storeBusy.text(.en).contains("SQLite"))
        #expect(try lab.hub.view(uai: cfa.uai, badge: "prospection").votes.isEmpty)
    }
}
