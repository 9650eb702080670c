import Foundation
import Testing

/// Bad input on the hub's command line: each a clear one-line error, a non-zero exit, and nothing
/// changed in the review store (compared through export, log, queue, registry and peer group).
@Suite("Hub: bad input on the command line")
struct HubCommandTests {
    typealias Member = HubLab.Member
    let caen = SampleCFA.caen, rouen = SampleCFA.rouen

    /// A hub with Caen (requests for tutorat and ressources, ingested) and Rouen (an empty
    /// repository) registered from local bare repositories, and the peer group.
    func fixture(_ box: Sandbox) throws -> HubLab {
        let lab = HubLab(box: box)
        for cfa in [caen, rouen] { try box.gitOK(["init", "--quiet", "--bare", "-b", "main", box.url("\(cfa.uai).git").path], in: box.root) }
        try lab.prepare(caen, remote: box.url("\(caen.uai).git").path)
        _ = try lab.submit(caen, ["tutorat", "ressources"], message: "Demande")
        try lab.sync(caen)
        try lab.createHub()
        for cfa in [caen, rouen] { try lab.hubOK(["register", cfa.uai, box.url("\(cfa.uai).git").path, "--name", cfa.name]) }
        let (result, report) = try lab.reconcile()
        try #require(result.status == 0 && report.newSubmissions == 2, "\(result)")
        try lab.addPeerGroup()
        return lab
    }

    @Test("outside a hub, init on a hub, register and member add with bad values")
    func registryAndPeerGroup() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = try fixture(box)

        let outside = try lab.expectRefused(["cfas"], saying: "is not a hub", in: box.root)
        #expect(outside.stderrLines == ["\(box.root.path) is not a hub (run `dossier hub init DIR` or pass --hub)"])
        try lab.expectRefused(["queue", "--hub", lab.folder(caen).path], saying: "\(lab.folder(caen).path) is not a hub", in: box.root)
        try lab.expectRefused(["vote", caen.uai, "tutorat", "approve", "--member", Member.marc, "-m", "ok"], saying: "is not a hub",
                              in: lab.folder(caen))
        #expect(!FileManager.default.fileExists(atPath: lab.folder(caen).appendingPathComponent("review.sqlite").path),
                "a hub command outside a hub created a store")

        let settings = lab.hubFolder.appendingPathComponent("hub.yaml")
        let settingsBefore = try Data(contentsOf: settings)
        try lab.expectRefused(["init", "hub", "--approvals", "3"], saying: "already holds a hub", in: box.root)
        #expect(try Data(contentsOf: settings) == settingsBefore, "hub init rewrote the settings")

        try lab.expectRefused(["register", "0141234X", box.url("x.git").path], saying: "invalid UAI '0141234X'")
        try lab.expectRefused(["register", "0271234V", "ftp://example.org/evreux.git"],
                              saying: "unsupported repository address: ftp://example.org/evreux.git")
        try lab.expectRefused(["register", caen.uai, box.url("autre.git").path], saying: "CFA 0141234R is already registered")

        try lab.expectRefused(["member", "add", "jean", "--role", "chef"], status: 64,
                              saying: "The value 'chef' is invalid for '--role <role>'. Please provide one of 'cfa-pilote', 'badgeons' or 'region'.")
        try lab.expectRefused(["member", "add", "jean", "--role", "cfa-pilote"], saying: "a cfa-pilote member needs --uai for its CFA")
        try lab.expectRefused(["member", "add", "jean", "--role", "badgeons", "--uai", caen.uai],
                              saying: "--uai only applies to the cfa-pilote role")
        try lab.expectRefused(["member", "add", "jean", "--role", "cfa-pilote", "--uai", "0271234V"],
                              saying: "no CFA registered under UAI 0271234V")
        try lab.expectRefused(["member", "add", Member.marc, "--role", "region"], saying: "member marc.badgeons already exists")
    }

    @Test("vote: unknown member, CFA or badge, no request, no reason, bad verdict")
    func badVotes() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = try fixture(box)
        func vote(_ uai: String, _ badge: String, _ verdict: String = "approve", member: String = Member.marc,
                  reason: String? = "Conforme") -> [String] {
            ["vote", uai, badge, verdict, "--member", member] + (reason.map { ["-m", $0] } ?? [])
        }
        try lab.expectRefused(vote(caen.uai, "tutorat", member: "inconnu"), saying: "unknown member: inconnu")
        try lab.expectRefused(vote(caen.uai, "badge-inconnu"), saying: "unknown badge: badge-inconnu")
        try lab.expectRefused(vote("0271234V", "tutorat"), saying: "no CFA registered under UAI 0271234V")
        try lab.expectRefused(vote(caen.uai, "post-cfa"), saying: "no request for badge post-cfa from CFA 0141234R")
        try lab.expectRefused(vote(rouen.uai, "tutorat"), saying: "no request for badge tutorat from CFA 0761234D")
        try lab.expectRefused(vote(caen.uai, "tutorat", reason: nil), saying: "a vote needs a reason: -m REASON")
        try lab.expectRefused(vote(caen.uai, "tutorat", reason: "   "), saying: "a vote needs a reason: -m REASON")
        try lab.expectRefused(vote(caen.uai, "tutorat", "peut-etre"), status: 64,
                              saying: "The value 'peut-etre' is invalid for '<verdict>'. Please provide one of 'approve', 'reject', 'changes' or 'withdraw'.")
        try lab.expectRefused(vote(caen.uai, "tutorat", "withdraw", reason: nil),
                              saying: "marc.badgeons has no standing vote on this request")
        try lab.expectRefused(vote(caen.uai, "tutorat", member: Member.paul), saying: "(recusal)")
        // The same vote, well formed, is recorded.
        #expect(try lab.hubOK(vote(caen.uai, "tutorat")).stdoutLines == ["Vote recorded. Request state: in-review"])
    }

    @Test("award, revoke, label, export and log refusals; a withdrawn rejection stops blocking")
    func badDecisions() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = try fixture(box)
        let award = ["award", caen.uai, "tutorat", "--member", Member.sophie]
        try lab.expectRefused(award, saying: "quorum not reached: 0/2 approvals from 0/2 different roles")
        try lab.hubOK(["vote", caen.uai, "tutorat", "approve", "--member", Member.claire, "-m", "Conforme"])
        try lab.expectRefused(award, saying: "quorum not reached: 1/2 approvals from 1/2 different roles")
        try lab.hubOK(["vote", caen.uai, "tutorat", "approve", "--member", Member.sophie, "-m", "Conforme"])
        try lab.hubOK(["vote", caen.uai, "tutorat", "reject", "--member", Member.marc, "-m", "Procédure non signée"])
        try lab.expectRefused(award, saying: "a rejection blocks the request (marc.badgeons) until it is withdrawn")
        try lab.expectRefused(["award", caen.uai, "tutorat", "--member", Member.marc], saying: "only a Région member can award or revoke a badge")
        try lab.expectRefused(award + ["--date", "2027-02-30"], status: 64, saying: "--date takes a YYYY-MM-DD date: 2027-02-30")
        try lab.expectRefused(award + ["--date", "10/01/2027"], status: 64, saying: "--date takes a YYYY-MM-DD date: 10/01/2027")
        try lab.expectRefused(["award", caen.uai, "post-cfa", "--member", Member.sophie], saying: "no request for badge post-cfa")

        try lab.hubOK(["vote", caen.uai, "ressources", "changes", "--member", Member.marc, "-m", "Ajouter le niveau 3"])
        try lab.expectRefused(["award", caen.uai, "ressources", "--member", Member.sophie],
                              saying: "changes are requested from the CFA (marc.badgeons)")

        // Withdrawn, the rejection no longer blocks: the award goes through, once.
        #expect(try lab.hubOK(["vote", caen.uai, "tutorat", "withdraw", "--member", Member.marc]).stdoutLines
                == ["Vote recorded. Request state: approved"])
        try lab.hubOK(award)
        try lab.expectRefused(award, saying: "this request is no longer open to votes (state: awarded)")

        try lab.expectRefused(["revoke", caen.uai, "ressources", "--member", Member.sophie, "--reason", "Erreur"],
                              saying: "CFA 0141234R holds no valid ressources badge")
        try lab.expectRefused(["revoke", caen.uai, "tutorat", "--member", Member.marc, "--reason", "Erreur"],
                              saying: "only a Région member can award or revoke a badge (marc.badgeons is not one)")
        try lab.expectRefused(["revoke", caen.uai, "tutorat", "--member", Member.sophie], status: 64, saying: "--reason")
        // Without issuer keys nothing was signed: the revocation says the status list did not change.
        #expect(try lab.hubOK(["revoke", caen.uai, "tutorat", "--member", Member.sophie, "--reason", "Erreur"]).stdoutLines == [
            "Badge tutorat revoked for CFA 0141234R.",
            "No signed credential for this badge (no keys when it was awarded): the status list did not change.",
        ])
        try lab.expectRefused(["label", "0271234V"], saying: "no CFA registered under UAI 0271234V")
        try lab.expectRefused(["label", caen.uai, "--date", "2027-13-01"], status: 64, saying: "--date takes a YYYY-MM-DD date")
        try lab.expectRefused(["export", "--format", "xml"], status: 64, saying: "The value 'xml' is invalid for '--format <format>'. Please provide one of 'csv' and 'json'.")
        try lab.expectRefused(["log", "0271234V"], saying: "no CFA registered under UAI 0271234V")
        try lab.expectRefused(["diff", caen.uai, "post-cfa"], saying: "no request for badge post-cfa from CFA 0141234R")
    }

    @Test("refusals in French with LANG=fr_FR.UTF-8")
    func french() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = try fixture(box)
        let fr = "fr_FR.UTF-8"
        let recused = try lab.expectRefused(["vote", caen.uai, "tutorat", "approve", "--member", Member.paul, "-m", "Conforme"],
                                            saying: "(récusation)", lang: fr)
        #expect(recused.stderrLines == ["paul.caen représente le CFA 0141234R et ne peut pas voter sur sa propre demande (récusation)"])
        let quorum = try lab.expectRefused(["award", caen.uai, "tutorat", "--member", Member.sophie], saying: "quorum non atteint", lang: fr)
        #expect(quorum.stderrLines == ["quorum non atteint : 0/2 avis favorables, 0/2 rôles différents"])
        let format = try lab.expectRefused(["export", "--format", "xml"], status: 64, saying: "valeurs possibles : csv, json", lang: fr)
        #expect(format.stderrLines == ["Erreur : valeur « xml » invalide pour « --format <format> » ; valeurs possibles : csv, json (voir --help)"])
        let outside = try lab.expectRefused(["cfas"], saying: "n'est pas un hub", lang: fr, in: box.root)
        #expect(outside.stderrLines == ["\(box.root.path) n'est pas un hub (lancez `dossier hub init DOSSIER` ou passez --hub)"])
    }
}
