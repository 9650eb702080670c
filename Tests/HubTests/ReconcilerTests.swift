import DossierCore
import Foundation
import Hub
import Testing
import TestServers

/// The reconciler through the library API, over CFA remotes on disk: ingest, incremental and
/// idempotent runs, parallel workers, renewals.
@Suite struct ReconcilerTests {
    @Test func ingestsEachSubmissionWithItsInventoryIntoABareMirror() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection", "attractivite")

        let report = try lab.reconcile()
        #expect(report.cfas.map(\.status) == [.new])
        #expect(report.newSubmissions == 2)
        let submissions = try lab.submissions(cfa.uai)
        #expect(Set(submissions.map(\.badge)) == ["prospection", "attractivite"])
        let main = try #require(try cfa.remote.commit(of: "refs/heads/main"))
        for submission in submissions {
            #expect(submission.kind == .first && submission.state == .submitted)
            #expect(submission.ready && submission.problems.isEmpty, "\(submission.problems)")
            #expect(submission.commit == main)
            #expect(submission.tagTarget == (try cfa.remote.refs())["refs/tags/" + submission.tag])
            #expect(submission.baseCommit == nil && submission.diffJSON == nil && submission.renewalRulesMet == nil)
        }

        // The inventory: files with their digest and size as read from git, links with their URL.
        let prospection = try #require(submissions.first { $0.badge == "prospection" })
        let evidence = try lab.hub.store.read { try $0.evidence(submission: prospection.id ?? -1) }
        #expect(evidence.map(\.evidenceID).sorted() == ["cr-comite-veille", "etude-branche", "integration-formations",
                                                          "note-veille-bim", "video-chantier-ecole-bim"])
        let note = try #require(evidence.first { $0.evidenceID == "note-veille-bim" })
        let file = cfa.dossier.appendingPathComponent("badges/prospection/evidence/note-veille-bim-2025.md")
        #expect(note.criterion == "veille")
        #expect(note.path?.hasSuffix("note-veille-bim-2025.md") == true)
        #expect(note.sha256 == (try sha256(of: file)))
        #expect(note.size == (try Data(contentsOf: file)).count)
        #expect(note.url == nil)
        let video = try #require(evidence.first { $0.evidenceID == "video-chantier-ecole-bim" })
        #expect(video.url == "https://videos.example.fr/cfa-batiment-caen/chantier-ecole-bim")
        #expect(video.kind == "video" && video.path == nil && video.sha256 == nil && video.criterion == "cas-concrets")

        // A bare mirror (no working tree anywhere in the hub), each ingested commit pinned.
        let mirror = lab.mirror(cfa.uai)
        #expect(try mirror.run(["rev-parse", "--is-bare-repository"]).trimmingCharacters(in: .whitespacesAndNewlines) == "true")
        #expect(try filesUnder(lab.hubPath).filter { $0.hasSuffix("dossier.yaml") || $0.hasSuffix("claim.yaml") }.isEmpty)
        let refs = try lab.mirrorRefs(cfa.uai)
        for submission in submissions {
            // The tag object itself is pinned (tagger and message kept), and it names the commit.
            #expect(refs["refs/hub/ingested/" + submission.tag] == submission.tagTarget)
            #expect(try mirror.commit(of: "refs/hub/ingested/" + submission.tag) == submission.commit)
        }
        #expect(try lab.audit(cfa.uai, action: "ingest").count == 2)
        #expect(try lab.failure(cfa.uai) == nil)
    }

    @Test func aSecondRunChangesNothingAndNewWorkIsPickedUp() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        _ = try lab.reconcile()
        let store = try lab.storeContent(), refs = try lab.mirrorRefs(cfa.uai)

        let again = try lab.reconcile(now: Date().addingTimeInterval(3600))
        #expect(again.cfas.map(\.status) == [.unchanged])
        #expect(again.newSubmissions == 0)
        #expect(try lab.storeContent() == store)
        #expect(try lab.mirrorRefs(cfa.uai) == refs)

        // A save without a submission: fetched, nothing to ingest.
        try lab.dossierOK(["set", "prospection", "narrative", "Veille BIM renforcée en 2026."], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "narrative", "--author", labAuthor], in: cfa.dossier)
        try lab.dossierOK(["sync"], in: cfa.dossier)
        let saved = try lab.reconcile()
        #expect(saved.cfas.map(\.status) == [.updated])
        #expect(try lab.submissions(cfa.uai).count == 1)
        #expect(try lab.mirrorRefs(cfa.uai)["refs/heads/main"] == (try cfa.remote.commit(of: "refs/heads/main")))

        // Then a submission: only the new one is ingested.
        try lab.submit(cfa, "accessibilite")
        let submitted = try lab.reconcile()
        #expect(submitted.cfas.first?.newSubmissions.count == 1)
        #expect(submitted.cfas.first?.newSubmissions.first?.hasPrefix("submissions/accessibilite/") == true)
        #expect(try lab.submissions(cfa.uai).map(\.badge) == ["prospection", "accessibilite"])
        #expect(try lab.reconcile().cfas.map(\.status) == [.unchanged])
    }

    @Test func fourWorkersStoreWhatOneWorkerStores() throws {
        let lab = try HubLab()
        let samples = ["batiment-caen", "boulangerie-rouen", "multi-metiers-evreux"]
        var cfas: [LabCFA] = []
        for index in 0..<8 {
            let digits = String(format: "01412%02d", 30 + index)
            let uai = digits + String(try #require(Identifiers.uaiCheckLetter(digits)))
            let cfa = try lab.addCFA(uai, sample: samples[index % 3], register: false)
            try lab.submit(cfa, "prospection", "accessibilite")
            cfas.append(cfa)
        }
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let parallel = try Hub.create(at: lab.folder.path + "/hub-4", catalogue: lab.catalogue)
        for hub in [lab.hub, parallel] {
            for cfa in cfas { _ = try hub.register(uai: cfa.uai, url: cfa.url, name: cfa.uai, now: now) }
        }
        let one = try lab.reconcile(jobs: 1, now: now)
        let four = try lab.reconcile(jobs: 4, now: now, on: parallel)
        #expect(one.newSubmissions == 16)
        #expect(four.newSubmissions == 16)
        #expect(four.cfas.map(\.uai) == cfas.map(\.uai))
        #expect(try lab.storeContent(of: parallel).normalized == (try lab.storeContent().normalized))
        for cfa in cfas {
            #expect(try lab.mirrorRefs(cfa.uai, of: parallel) == (try lab.mirrorRefs(cfa.uai)))
        }
    }

    @Test func aNewSubmissionOfAnAwardedBadgeIsARenewalAgainstTheAwardedCommit() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "attractivite")
        _ = try lab.reconcile()
        try lab.addReviewers()
        let award = try lab.award(cfa.uai, "attractivite")
        _ = try lab.reconcile()  // delivers the award to the CFA

        let poster = cfa.dossier.appendingPathComponent("../affiche-reseaux-2026.md")
        try Data("# Campagne réseaux sociaux 2026\n".utf8).write(to: poster)
        try lab.dossierOK(["sync"], in: cfa.dossier)
        try lab.dossierOK(["add", "attractivite", poster.path, "--criterion", "reseaux-sociaux"], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "campagne 2026", "--author", labAuthor], in: cfa.dossier)
        try lab.submit(cfa, "attractivite")
        let report = try lab.reconcile()
        #expect(report.cfas.first?.status == .new)

        let submissions = try lab.submissions(cfa.uai)
        let renewal = try #require(submissions.last)
        #expect(submissions.count == 2)
        #expect(renewal.kind == .renewal)
        #expect(renewal.baseCommit == award.commit)
        #expect(renewal.commit != award.commit)
        #expect(renewal.renewalRulesMet == true)
        let diff = try #require(renewal.diffJSON)
        #expect(diff.contains("affiche-reseaux-2026"))
        #expect(submissions.first?.state == .awarded)
    }
}

/// `sha256sum FILE`, independent of the product.
func sha256(of file: URL) throws -> String {
    let result = try ProcessRunner.run("/usr/bin/sha256sum", [file.path], check: true)
    return String(result.stdout.prefix(64))
}

/// Every file below a folder, relative paths.
func filesUnder(_ folder: String) throws -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    return walker.compactMap { $0 as? String }
}

extension ReconcilerTests {
    /// Eleven requests of one badge on one day, seen in one run: the eleventh is the current one
    /// (`…-11` comes after `…-2`); the ten older ones, superseded at once, are counted, not ingested.
    @Test func requestsOfOneDayAreIngestedInTheOrderTheyWereMade() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        for _ in 1...11 {
            try lab.dossierOK(["submit", "prospection", "-m", "demande", "--author", labAuthor], in: cfa.dossier)
        }
        try lab.dossierOK(["sync"], in: cfa.dossier)
        let report = try lab.reconcile()
        #expect(report.newSubmissions == 1)
        #expect(report.cfas.first?.notes == [.olderRequestsSkipped(count: 10)])
        let current = try lab.hub.currentSubmission(uai: cfa.uai, badge: "prospection")
        #expect(current.tag.hasSuffix("-11") && current.state == .submitted, "\(current.tag)")
        #expect(try lab.submissions(cfa.uai).count == 1)
        #expect(try lab.audit(cfa.uai, action: "ingest-bounded").map(\.reasonCodes) == [[.olderRequestsSkipped(count: 10)]])
    }
}
