import Foundation
import Testing
import TestServers

/// The whole journey with the three sample CFAs over the real smart-HTTP server: the CFAs save and
/// submit → the hub reconciles → the queue → votes (a recusal refused, a stale vote) → awards →
/// the label → decisions delivered back → each CFA syncs and sees them → a renewal and its diff.
@Suite("Hub: the journey")
struct HubJourneyTests {
    @Test("three CFAs over smart HTTP, from their first requests to a renewal's diff")
    func journey() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let server = try SmartHTTPServer()
        defer { server.stop() }
        var journey = try Journey(lab: HubLab(box: box, environment: ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]),
                                  server: server)
        try journey.submitAndReconcile()
        try journey.recusalIsRefused()
        try journey.staleVotesDoNotCount()
        try journey.sendBackEvreux()
        try journey.awardCaen()
        try journey.deliverDecisions()
        try journey.cfasSeeTheirDecisions()
        try journey.reports()
        try journey.renewal()
    }
}

/// The state the journey's steps share.
struct Journey {
    let lab: HubLab
    let server: SmartHTTPServer
    /// Each badge's validity in years, from the built-in catalogue.
    let validity: [String: Int]
    /// Submission tags by CFA folder, then badge.
    var tags: [String: [String: String]] = [:]

    typealias Member = HubLab.Member
    let caen = SampleCFA.caen, rouen = SampleCFA.rouen, evreux = SampleCFA.evreux

    /// Caen's award dates: validities differ, attractivité (1 year) ends first, on 2027-03-01, and is
    /// due for renewal on the lab's "today" (2027-01-10).
    static let caenAwardDates = [
        "prospection": "2026-02-01", "attractivite": "2026-03-01", "accessibilite": "2025-11-20", "apprentis": "2026-01-05",
        "tutorat": "2025-07-01", "plan-formation": "2026-04-01", "referent-numerique": "2026-06-01",
        "espaces-innovants": "2026-05-10", "expertise-outils": "2026-09-01", "ressources": "2026-10-01",
    ]

    init(lab: HubLab, server: SmartHTTPServer) throws {
        self.lab = lab
        self.server = server
        let catalogue = try lab.runOK(["catalogue", "--json"], in: lab.box.root).json(CatalogueOutput.self)
        validity = Dictionary(uniqueKeysWithValues: catalogue.badges.map { ($0.id, $0.validityYears) })
    }

    func tag(_ cfa: SampleCFA, _ badge: String) throws -> String { try #require(tags[cfa.folder]?[badge]) }

    /// The commit a submission tag names on the CFA's repository (read with the git CLI on the server).
    func serverCommit(_ cfa: SampleCFA, tag: String) throws -> String {
        try #require(try server.repository(cfa.uai).commit(of: "refs/tags/\(tag)"), "no tag \(tag) on the server")
    }

    func vote(_ cfa: SampleCFA, _ badge: String, _ verdict: String, by member: String, _ reason: String,
              leaving state: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try lab.hubOK(["vote", cfa.uai, badge, verdict, "--member", member, "-m", reason], sourceLocation: sourceLocation)
        #expect(result.stdoutLines == ["Vote recorded. Request state: \(state)"], "\(result)", sourceLocation: sourceLocation)
    }

    // MARK: steps

    /// The CFAs prepare, submit and sync over HTTP; the hub registers the same URLs and reconciles
    /// (a second reconcile changes nothing); the queue lists every request with its commit.
    mutating func submitAndReconcile() throws {
        let requested = [caen.folder: SampleCFA.caenReadyBadges, rouen.folder: ["prospection", "attractivite"],
                         evreux.folder: ["prospection", "apprentis"]]
        for cfa in SampleCFA.all {
            try server.createRepository(cfa.uai)
            try lab.prepare(cfa, remote: server.url(for: cfa.uai))
            tags[cfa.folder] = try lab.submit(cfa, requested[cfa.folder]!, message: "Demande de badges")
            let sent = try lab.sync(cfa)
            #expect(Set(sent.sentSubmissions) == Set(tags[cfa.folder]!.values), "\(cfa): \(sent.sentSubmissions)")
        }
        try lab.createHub()
        for cfa in SampleCFA.all { try lab.hubOK(["register", cfa.uai, server.url(for: cfa.uai), "--name", cfa.name]) }

        let (result, report) = try lab.reconcile()
        #expect(result.status == 0, "\(result)")
        #expect(report.newSubmissions == 14 && report.failed == 0 && report.unchanged == 0, "\(result)")
        for cfa in SampleCFA.all {
            #expect(report.cfa(cfa.uai)?.status == "new", "\(cfa)")
            #expect(Set(report.cfa(cfa.uai)?.newSubmissions ?? []) == Set(tags[cfa.folder]!.values), "\(cfa)")
            // A bare mirror: no working tree.
            let mirror = lab.hubFolder.appendingPathComponent("mirrors/\(cfa.uai).git")
            #expect(FileManager.default.fileExists(atPath: mirror.appendingPathComponent("HEAD").path), "\(cfa): no mirror")
            #expect(!FileManager.default.fileExists(atPath: mirror.appendingPathComponent("badges").path), "\(cfa): a working tree")
        }
        let again = try lab.reconcile()
        #expect(again.result.status == 0 && again.report.newSubmissions == 0 && again.report.unchanged == 3, "\(again.result)")

        let queue = try lab.queue()
        #expect(queue.count == 14, "\(queue.map { "\($0.uai) \($0.badge)" })")
        for cfa in SampleCFA.all {
            for (badge, tag) in tags[cfa.folder]! {
                let entry = try #require(queue.first { $0.uai == cfa.uai && $0.badge == badge }, "\(cfa) \(badge) not queued")
                #expect(entry.kind == "first" && entry.state == "submitted" && entry.tag == tag && entry.ready, "\(cfa) \(badge)")
                let tagged = try serverCommit(cfa, tag: tag)
                #expect(entry.commit == tagged, "\(cfa) \(badge): the tagged commit")
                #expect(entry.votes == .init(approve: 0, reject: 0, changes: 0))
                #expect(entry.name == cfa.name)
            }
        }
    }

    /// Caen's pilot member cannot vote on Caen's requests: one line, exit 1, nothing recorded.
    func recusalIsRefused() throws {
        try lab.addPeerGroup()
        let refused = try lab.expectRefused(["vote", caen.uai, "tutorat", "approve", "--member", Member.paul, "-m", "Conforme"],
                                            saying: "(recusal)")
        #expect(refused.stderrLines == ["paul.caen represents CFA 0141234R and cannot vote on its own request (recusal)"])
    }

    /// Rouen's prospection is approved, then superseded by a newer request of the same badge: the
    /// approvals stay with the old snapshot, the new one needs its own; then awarded and revoked.
    mutating func staleVotesDoNotCount() throws {
        let first = try tag(rouen, "prospection")
        try vote(rouen, "prospection", "approve", by: Member.paul, "Veille bien documentée", leaving: "in-review")
        try vote(rouen, "prospection", "approve", by: Member.marc, "Preuves vérifiées", leaving: "approved")

        let note = try lab.box.write("Veille 2026 : salons, fournisseurs, nouvelles recettes\n", to: "inbox/veille-2026.md")
        try lab.cfaOK(rouen, ["add", "prospection", note.path, "--criterion", "veille", "--title", "Veille 2026"])
        try lab.save(rouen, "Prospection : veille 2026")
        let second = try #require(try lab.submit(rouen, ["prospection"], message: "Demande complétée")["prospection"])
        tags[rouen.folder]?["prospection"] = second
        try lab.sync(rouen)
        let (result, report) = try lab.reconcile()
        #expect(result.status == 0 && report.cfa(rouen.uai)?.newSubmissions == [second], "\(result)")

        let entries = try lab.queue().filter { $0.uai == rouen.uai && $0.badge == "prospection" }
        #expect(entries.count == 1, "the superseded request left the queue")
        let entry = try #require(entries.first)
        #expect(entry.tag == second && entry.state == "submitted" && entry.votes == .init(approve: 0, reject: 0, changes: 0))
        let (firstCommit, secondCommit) = (try serverCommit(rouen, tag: first), try serverCommit(rouen, tag: second))
        #expect(entry.commit == secondCommit && entry.commit != firstCommit)
        let superseded = try lab.audit(rouen.uai).filter { $0.badge == "prospection" && $0.toState == "superseded" }
        #expect(superseded.count == 1 && superseded.first?.fromState == "approved", "\(superseded.map(\.action))")
        #expect(superseded.first?.commit == firstCommit)

        let award = ["award", rouen.uai, "prospection", "--member", Member.sophie]
        try lab.expectRefused(award, saying: "quorum not reached: 0/2 approvals from 0/2 different roles")
        try vote(rouen, "prospection", "approve", by: Member.marc, "Veille 2026 ajoutée", leaving: "in-review")
        try lab.expectRefused(award, saying: "quorum not reached: 1/2 approvals from 1/2 different roles")
        try vote(rouen, "prospection", "approve", by: Member.paul, "Conforme", leaving: "approved")
        let awarded = try lab.hubOK(award)
        #expect(awarded.stdout.contains("valid from 2027-01-10 until \(day("2027-01-10", plusYears: validity["prospection"]!))"),
                "\(awarded)")
        // The Région withdraws it: Rouen will see why. (`hub revoke` judges validity by the wall clock,
        // not DOSSIER_TODAY: this award, valid until 2030-01-10, is valid by both until then.)
        try lab.hubOK(["revoke", rouen.uai, "prospection", "--member", Member.sophie, "--reason", "La veille 2026 n'est pas datée"])
    }

    /// Évreux: changes requested on apprentis, prospection rejected.
    func sendBackEvreux() throws {
        try vote(evreux, "apprentis", "changes", by: Member.marc, "Joindre la grille d'évaluation signée", leaving: "changes-requested")
        try vote(evreux, "prospection", "reject", by: Member.claire, "La veille date de 2022", leaving: "rejected")
    }

    /// Caen's ten ready badges: two approvals from two roles each, awarded on different dates; the
    /// label is held after the tenth and lapses on the earliest expiry.
    func awardCaen() throws {
        for badge in SampleCFA.caenReadyBadges {
            try vote(caen, badge, "approve", by: Member.claire, "Conforme au référentiel", leaving: "in-review")
            try vote(caen, badge, "approve", by: Member.marc, "Preuves vérifiées", leaving: "approved")
        }
        for (index, badge) in SampleCFA.caenReadyBadges.enumerated() {
            if index == SampleCFA.caenReadyBadges.count - 1 {
                let before = try lab.hubOK(["label", caen.uai, "--json"])
                let label = try before.json(LabelJSON.self)
                #expect(!label.held && label.validBadges.count == 9 && label.lapsesOn == nil, "\(before)")
                let object = try JSONSerialization.jsonObject(with: before.stdoutData) as? [String: Any]
                #expect(object?["lapsesOn"] is NSNull, "lapsesOn is null when the label is not held: \(before)")
            }
            let from = Self.caenAwardDates[badge]!
            let result = try lab.hubOK(["award", caen.uai, badge, "--member", Member.sophie, "--date", from])
            #expect(result.stdout.contains("valid from \(from) until \(day(from, plusYears: validity[badge]!))"), "\(result)")
        }
        let label = try lab.label(caen.uai)
        #expect(label.held && label.validBadges == SampleCFA.caenReadyBadges && label.missingMandatory.isEmpty, "\(label)")
        let earliest = try #require(Self.caenAwardDates.map { ($0.key, day($0.value, plusYears: validity[$0.key]!)) }
            .min { $0.1 < $1.1 })
        #expect(earliest.0 == "attractivite" && earliest.1 == "2027-03-01")
        #expect(label.lapsesOn == earliest.1 && label.renewToPrevent == [earliest.0], "\(label)")
        // Held the day before, not on the lapse day.
        #expect(try lab.hubOK(["label", caen.uai, "--json", "--date", "2027-02-28"]).json(LabelJSON.self).held)
        let lapsed = try lab.hubOK(["label", caen.uai, "--json", "--date", earliest.1]).json(LabelJSON.self)
        #expect(!lapsed.held && !lapsed.validBadges.contains("attractivite"))
        let text = try lab.hubOK(["label", caen.uai]).stdout
        #expect(text.contains("Label « CFA numérique normand »: held") && text.contains("Valid badges on 2027-01-10: 10/10"), "\(text)")
        #expect(text.contains("The label lapses on 2027-03-01 unless renewed: attractivite"), "\(text)")
    }
}
