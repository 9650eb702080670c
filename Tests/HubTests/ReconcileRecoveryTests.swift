import DossierCore
import Foundation
import Git
import Hub
import Testing
import TestServers

/// What one CFA can cost a run, what a killed reconcile leaves behind, and a rewritten history.
@Suite struct ReconcileRecoveryTests {
    /// 2,400 submission tags of two badges: only the newest of each badge is ingested, at most
    /// `submissionsPerRun` per run, and the rest is recorded as a reason — not 2,400 rows.
    @Test func thousandsOfSubmissionTagsCostABoundedRun() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        let main = try #require(try cfa.remote.commit(of: "refs/heads/main"))
        var commands = ""
        for badge in ["prospection", "accessibilite"] {
            for n in 1...1200 { commands += "create refs/tags/submissions/\(badge)/2026-01-01-\(n) \(main)\n" }
        }
        let input = lab.folder.appending("update-refs")
        try commands.write(to: input, atomically: true, encoding: .utf8)
        try ProcessRunner.run("/bin/sh", ["-c", "git --git-dir='\(cfa.remote.path)' update-ref --stdin < '\(input.path)'"], check: true)
        var settings = lab.hub.settings
        settings.submissionsPerRun = 1
        try "submissionsPerRun: 1\n".write(toFile: lab.hubPath + "/hub.yaml", atomically: true, encoding: .utf8)
        let hub = try Hub.open(at: lab.hubPath, catalogue: lab.catalogue)
        #expect(hub.settings == settings)

        var start = Date()
        let first = try lab.reconcile(on: hub)
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(first.cfas.first?.newSubmissions == ["submissions/accessibilite/2026-01-01-1200"])
        #expect(first.cfas.first?.notes == [.olderRequestsSkipped(count: 2398), .submissionLimit(limit: 1, waiting: 1)])
        #expect(first.cfas.first?.notes.last?.text(.fr) == "limite de 1 nouvelle(s) demande(s) par passage atteinte : 1 attendent le prochain rapprochement")
        start = Date()
        let second = try lab.reconcile(on: hub)
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(second.cfas.first?.newSubmissions == ["submissions/prospection/2026-01-01-1200"])
        #expect(try lab.reconcile(on: hub).cfas.first?.status == .unchanged)
        let rows = try lab.submissions(cfa.uai)
        #expect(rows.count == 2 && rows.allSatisfy { $0.state == .submitted })
        #expect(try lab.audit(cfa.uai, action: "ingest-bounded").count == 2)
        #expect(try lab.failure(cfa.uai) == nil)
    }

    /// A reconcile killed while libgit2 held its locks, or while creating a mirror: the next run
    /// repairs the mirror and the CFA is not failed.
    @Test func staleLocksAndAHalfMadeMirrorAreRecovered() throws {
        let lab = try HubLab()
        let locked = try lab.addCFA("0141234R")
        try lab.submit(locked, "prospection")
        _ = try lab.reconcile()
        let ingested = try #require(try lab.submissions(locked.uai).first)
        // New work upstream: main moves and a new request is tagged; the locks are those the next
        // run has to take (main, the new request's upstream copy and pin), as a kill leaves them.
        try lab.dossierOK(["set", "accessibilite", "narrative", "Mise à jour."], in: locked.dossier)
        try lab.dossierOK(["save", "-m", "mise à jour", "--author", labAuthor], in: locked.dossier)
        try lab.submit(locked, "accessibilite")
        let newTag = try #require(try locked.remote.refs().keys.first { $0.hasPrefix("refs/tags/submissions/accessibilite/") })
            .dropFirst("refs/tags/".count)
        let mirror = lab.hub.mirrorPath(locked.uai)
        for stale in ["refs/heads/main.lock", "refs/hub/ingested/\(ingested.tag).lock", "refs/hub/ingested/\(newTag).lock",
                      "refs/hub/upstream/\(newTag).lock", "packed-refs.lock", "HEAD.lock", "config.lock"] {
            try FileManager.default.createDirectory(atPath: ((mirror + "/" + stale) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data("0000\n".utf8).write(to: URL(fileURLWithPath: mirror + "/" + stale))
        }
        let halfMade = try lab.addCFA("0761234D", sample: "boulangerie-rouen")
        try lab.submit(halfMade, "prospection")
        try FileManager.default.createDirectory(atPath: lab.hub.mirrorPath(halfMade.uai) + "/objects/pack", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: lab.hub.mirrorsFolder + "/.creating-killed", withIntermediateDirectories: true)

        let run = try lab.reconcileCLI()
        #expect(run.status == 0, "\(run)")
        #expect(try run.outcome(locked.uai)["status"] as? String == "new")
        #expect(try run.outcome(halfMade.uai)["status"] as? String == "new")
        #expect(try lab.submissions(locked.uai).count == 2 && lab.submissions(halfMade.uai).count == 1)
        #expect(!FileManager.default.fileExists(atPath: mirror + "/refs/heads/main.lock"))
        #expect(FileManager.default.fileExists(atPath: lab.hub.mirrorPath(halfMade.uai) + "/HEAD"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: lab.hub.mirrorsFolder)
        #expect(!leftovers.contains(".creating-killed"))
        #expect(leftovers.contains { $0.hasPrefix("\(halfMade.uai).git.incomplete-") }, "moved aside, not deleted: \(leftovers)")
        _ = try lab.mirror(locked.uai).run(["fsck", "--no-progress"])  // throws when git finds the mirror damaged
    }

    /// A CFA rewrites its history: the moved tag fails it (in the reader's language), the Région
    /// accepts the new history with a reason (audit row), new requests are ingested again and the
    /// snapshot first ingested stays pinned, tag object included, after a `git gc`.
    @Test func acceptingARewrittenHistory() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        _ = try lab.reconcile()
        let ingested = try #require(try lab.submissions(cfa.uai).first)
        try lab.addReviewers()

        try lab.dossierOK(["set", "prospection", "narrative", "Dossier reconstruit."], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "reconstruit", "--author", labAuthor], in: cfa.dossier)
        let main = try #require(try cfa.remote.commit(of: "refs/heads/main"))
        try lab.submit(cfa, "accessibilite")
        try cfa.remote.run(["tag", "-f", "-a", "-m", "déplacé", ingested.tag, main])

        #expect(try lab.reconcileCLI().status == 6)
        #expect(try lab.failure(cfa.uai, .fr)?.contains("\(ingested.tag) : étiquette déplacée chez le CFA (historique réécrit)") == true)
        #expect(try lab.failure(cfa.uai, .en)?.contains("\(ingested.tag): moved upstream (history rewritten)") == true)
        let cfas = try lab.dossier(["hub", "cfas", "--hub", lab.hubPath], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(cfas.stdout.contains("échec : \(ingested.tag) : étiquette déplacée"), "\(cfas)")

        let refused = try lab.dossier(["hub", "accept-history", cfa.uai, "--member", "badgeons-1", "--reason", "x", "--hub", lab.hubPath])
        #expect(refused.status == 1 && refused.stderr.contains("only a Région member"), "\(refused)")
        let accepted = try lab.dossier(["hub", "accept-history", cfa.uai, "--member", "region-1", "--reason", "Ordinateur perdu, dossier reconstruit",
                                        "--hub", lab.hubPath], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(accepted.succeeded && accepted.stdout.contains(ingested.tag), "\(accepted)")
        let row = try #require(try lab.audit(cfa.uai, action: "history-accepted").first)
        #expect(row.actor == "region-1" && row.reason == "Ordinateur perdu, dossier reconstruit")
        #expect(row.reasonCodes == [.historyAccepted(tags: [ingested.tag])])
        let again = try lab.dossier(["hub", "accept-history", cfa.uai, "--member", "region-1", "--reason", "encore", "--hub", lab.hubPath])
        #expect(again.status == 1 && again.stderr.contains("no rewritten history to accept"), "\(again)")

        let run = try lab.reconcileCLI()
        #expect(run.status == 0, "\(run)")
        #expect(try run.outcome(cfa.uai)["newSubmissions"] as? [String] == [try #require(lab.submissions(cfa.uai).last?.tag)])
        #expect(try lab.failure(cfa.uai) == nil)
        #expect(try lab.submissions(cfa.uai).first == ingested)
        let log = try lab.dossier(["hub", "log", cfa.uai, "--hub", lab.hubPath], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(log.stdout.contains("historique réécrit accepté pour : \(ingested.tag)"), "\(log)")

        let mirror = lab.mirror(cfa.uai)
        try mirror.run(["gc", "--quiet", "--prune=now"])
        #expect(try mirror.commit(of: "refs/hub/ingested/" + ingested.tag) == ingested.commit)
        let pinned = try mirror.run(["rev-parse", "refs/hub/ingested/" + ingested.tag]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pinned == ingested.tagTarget, "the tag object itself is pinned")
        #expect(try mirror.run(["cat-file", "-t", ingested.tagTarget]).hasPrefix("tag"))

        // The tag moves again: a new rewrite, not accepted yet.
        try cfa.remote.run(["tag", "-d", ingested.tag])
        #expect(try lab.reconcileCLI().status == 6)
        #expect(try lab.failure(cfa.uai)?.contains("deleted upstream") == true)
        #expect(try lab.mirrorRefs(cfa.uai)["refs/hub/upstream/" + ingested.tag] == nil, "the upstream copy follows the deletion")
        let retired = try lab.hub.acceptHistory(uai: cfa.uai, memberID: "region-1", reason: "Étiquette retirée")
        #expect(retired.map(\.tag) == [ingested.tag] && retired.map(\.ingested) == [ingested.tagTarget] && retired.first?.upstream == nil)
        #expect(try lab.reconcileCLI().status == 0)
        #expect(try lab.mirror(cfa.uai).commit(of: "refs/hub/ingested/" + ingested.tag) == ingested.commit)
    }
}
