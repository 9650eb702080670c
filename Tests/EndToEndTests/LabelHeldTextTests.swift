import Foundation
import Testing

/// What a CFA holding the label and the Région's reviewers read: `check` and `status` after the
/// awards, validity dates said one way everywhere, the export at a later date and as a spreadsheet
/// opens it, review states in French, a replaced vote, an award's date out of the ordinary.
@Suite("Texts around awards and the label")
struct LabelHeldTextTests {
    typealias Member = HubLab.Member
    let caen = SampleCFA.caen

    /// Caen's ten ready badges requested, approved, awarded today (2027-01-10) and sent back to Caen.
    func awardedCaen(_ box: Sandbox) throws -> HubLab {
        let lab = HubLab(box: box)
        try box.gitOK(["init", "--quiet", "--bare", "-b", "main", box.url("\(caen.uai).git").path], in: box.root)
        try lab.prepare(caen, remote: box.url("\(caen.uai).git").path)
        _ = try lab.submit(caen, SampleCFA.caenReadyBadges, message: "Demande du label")
        try lab.sync(caen)
        try lab.createHub()
        try lab.hubOK(["register", caen.uai, box.url("\(caen.uai).git").path, "--name", "CFA du Bâtiment; Caen"])
        try registerRouen(lab)
        try lab.addPeerGroup()
        try #require(lab.reconcile().report.newSubmissions == 10)
        for badge in SampleCFA.caenReadyBadges {
            try lab.hubOK(["vote", caen.uai, badge, "approve", "--member", Member.claire, "-m", "Conforme"])
            try lab.hubOK(["vote", caen.uai, badge, "approve", "--member", Member.marc, "-m", "Vérifié"])
            try lab.hubOK(["award", caen.uai, badge, "--member", Member.sophie])
        }
        try lab.hubOK(["reconcile"])
        try lab.sync(caen)
        return lab
    }

    /// Rouen (an empty repository), for its pilot member of the peer group.
    func registerRouen(_ lab: HubLab) throws {
        let rouen = SampleCFA.rouen
        try lab.box.gitOK(["init", "--quiet", "--bare", "-b", "main", lab.box.url("\(rouen.uai).git").path], in: lab.box.root)
        try lab.hubOK(["register", rouen.uai, lab.box.url("\(rouen.uai).git").path])
    }

    @Test("a CFA holding the label sees it held, what to renew and when; validity ends said exclusive; export after expiry")
    func labelHeld() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = try awardedCaen(box)
        let label = try lab.label(caen.uai)
        let lapse = try #require(label.lapsesOn)

        let check = try lab.cfaOK(caen, ["check"])
        #expect(check.stdout.contains("Label « CFA numérique normand »: held (10 awarded badges valid)."), "\(check)")
        #expect(check.stdout.contains("It lapses on \(lapse) unless renewed: " + label.renewToPrevent.joined(separator: ", ")), "\(check)")
        #expect(!check.stdout.contains("badges ready,") && !check.stdout.contains("Still needed"), "judged as renewals to prepare: \(check)")
        #expect(check.stdout.contains("★ tutorat"), "\(check)")
        let checkFR = try lab.run(["check"], in: lab.folder(caen), lang: "fr_FR.UTF-8")
        #expect(checkFR.stdout.contains("Label « CFA numérique normand » : détenu"), "\(checkFR)")
        #expect(!checkFR.stdout.contains("badges prêts,"), "\(checkFR)")
        let checkJSON = try lab.cfaOK(caen, ["check", "--json"])
        let labelObject = (try JSONSerialization.jsonObject(with: checkJSON.stdoutData) as? [String: Any])?["label"] as? [String: Any]
        #expect(labelObject?["held"] as? Bool == true && labelObject?["lapsesOn"] as? String == lapse, "\(checkJSON)")

        // The exclusive end, said so, in status, hub show and hub award alike.
        let until = try #require(lab.export().cfa(caen.uai)?.badge("tutorat")?.validUntil)
        let statusFR = try lab.run(["status"], in: lab.folder(caen), lang: "fr_FR.UTF-8")
        #expect(statusFR.stdout.contains("tutorat décerné, valable du 2027-01-10 jusqu'au \(until) (exclu)"), "\(statusFR)")
        #expect(!statusFR.stdout.contains(" au \(until)"), "\(statusFR)")
        let status = try lab.cfaOK(caen, ["status"])
        #expect(status.stdout.contains("tutorat awarded, valid from 2027-01-10 until \(until) (exclusive)"), "\(status)")
        let show = try lab.hub(["show", caen.uai, "tutorat"], lang: "fr_FR.UTF-8")
        #expect(show.stdout.contains("Badge décerné : valable du 2027-01-10 jusqu'au \(until) (exclu)"), "\(show)")

        // At a date after every validity ended, nothing is awarded any more.
        let later = try lab.hubOK(["export", "--format", "json", "--date", "2045-01-01"]).json(ExportJSON.self)
        let rows = try #require(later.cfa(caen.uai)).badges.filter { SampleCFA.caenReadyBadges.contains($0.badge) }
        #expect(rows.count == 10 && rows.allSatisfy { $0.state == "expired" }, "\(rows)")
        #expect(later.cfa(caen.uai)?.labelHeld == false)
        #expect(try lab.export().cfa(caen.uai)?.badge("tutorat")?.state == "awarded", "today it still is")
        let laterCSV = try lab.hubOK(["export", "--format", "csv", "--date", "2045-01-01"]).stdout
        #expect(!laterCSV.contains(";awarded;"), "\(laterCSV)")
        #expect(laterCSV.contains(";tutorat;expired;"), "\(laterCSV)")

        // The CSV opens right in a French spreadsheet: a byte-order mark, `;`, UTF-8 accents.
        let csv = try lab.hubOK(["export", "--format", "csv"])
        #expect(Array(csv.stdoutData.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")
        #expect(csv.stdout.hasPrefix("\u{FEFF}uai;name;badge;state;validFrom;validUntil;labelHeld;labelLapsesOn\r\n"), "\(csv)")
        #expect(csv.stdout.contains("\r\n0141234R;\"CFA du Bâtiment; Caen\";tutorat;awarded;2027-01-10;\(until);true;\(lapse)\r\n"), "\(csv)")
    }

    @Test("review texts: states in French, a replaced vote, an award dated before the request or in the future")
    func reviewTexts() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = HubLab(box: box)
        try box.gitOK(["init", "--quiet", "--bare", "-b", "main", box.url("\(caen.uai).git").path], in: box.root)
        try lab.prepare(caen, remote: box.url("\(caen.uai).git").path)
        _ = try lab.submit(caen, ["tutorat", "ressources"], message: "Demande")
        try lab.sync(caen)
        try lab.createHub()
        try lab.hubOK(["register", caen.uai, box.url("\(caen.uai).git").path])
        try registerRouen(lab)
        try lab.addPeerGroup()
        try lab.hubOK(["reconcile"])
        let fr = "fr_FR.UTF-8"

        let queue = try lab.hub(["queue"], lang: fr)
        #expect(queue.stdout.contains("  déposée  ") && !queue.stdout.contains("submitted"), "\(queue)")
        #expect(try lab.hub(["show", caen.uai, "tutorat"], lang: fr).stdout.contains("État : déposée"))
        try lab.hubOK(["vote", caen.uai, "ressources", "reject", "--member", Member.claire, "-m", "Incomplet"])
        let rejected = try lab.hub(["show", caen.uai, "ressources"], lang: fr)
        #expect(rejected.stdout.contains("État : refusée") && rejected.stdout.contains("claire.rouen défavorable — Incomplet"), "\(rejected)")
        try lab.hubOK(["vote", caen.uai, "ressources", "withdraw", "--member", Member.claire])

        // Marc changes his mind: his first vote was replaced, not withdrawn.
        try lab.hubOK(["vote", caen.uai, "tutorat", "changes", "--member", Member.marc, "-m", "Manque la grille"])
        let vote = try lab.hub(["vote", caen.uai, "tutorat", "approve", "--member", Member.marc, "-m", "Grille reçue"], lang: fr)
        #expect(vote.stdoutLines == ["Avis enregistré. État de la demande : en examen"], "\(vote)")
        let show = try lab.hubOK(["show", caen.uai, "tutorat"])
        #expect(show.stdout.contains("marc.badgeons changes (replaced by a newer vote) — Manque la grille"), "\(show)")
        #expect(!show.stdout.contains("(withdrawn)"), "\(show)")
        // Withdrawn, it is said so.
        try lab.hubOK(["vote", caen.uai, "tutorat", "withdraw", "--member", Member.marc])
        #expect(try lab.hubOK(["show", caen.uai, "tutorat"]).stdout.contains("marc.badgeons approve (withdrawn) — Grille reçue"))
        let log = try lab.hub(["log", caen.uai], lang: fr)
        #expect(log.stdout.contains("déposée → modifications demandées") && !log.stdout.contains("submitted → changes-requested"), "\(log)")

        // An award dated before the request, or in the future, is recorded, and said.
        for (badge, member) in [("tutorat", Member.claire), ("tutorat", Member.marc), ("ressources", Member.claire), ("ressources", Member.marc)] {
            try lab.hubOK(["vote", caen.uai, badge, "approve", "--member", member, "-m", "Conforme"])
        }
        let past = try lab.hubOK(["award", caen.uai, "tutorat", "--member", Member.sophie, "--date", "2020-01-01"])
        #expect(past.stderrLines.count == 1 && past.stderr.contains("Warning: --date 2020-01-01 is before the request ("), "\(past)")
        let future = try lab.run(["hub", "award", caen.uai, "ressources", "--member", Member.sophie, "--date", "2027-09-01"],
                                 in: lab.hubFolder, lang: fr)
        #expect(future.status == 0)
        #expect(future.stderrLines == ["Attention : --date 2027-09-01 est dans le futur (aujourd'hui : 2027-01-10) ; le badge ne compte qu'à partir de cette date."],
                "\(future)")
        let today = try lab.hubOK(["label", caen.uai])
        #expect(!today.stdout.contains("ressources"), "not valid yet: \(today)")
    }
}
