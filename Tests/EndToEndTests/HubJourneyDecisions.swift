import Foundation
import Testing
import TestServers

// The journey's second half (see HubJourneyTests): decisions back to the CFAs, the Région's
// reports, and a renewal with its diff.
extension Journey {
    static let decisionsRef = "refs/dossier/decisions"

    /// The next reconcile writes each CFA's decisions on its repository; the one after sends nothing.
    func deliverDecisions() throws {
        let (result, report) = try lab.reconcile()
        #expect(result.status == 0 && report.failed == 0, "\(result)")
        for cfa in SampleCFA.all {
            #expect(report.cfa(cfa.uai)?.decisionsDelivered == true, "\(cfa): \(result)")
        }
        func files(_ cfa: SampleCFA) throws -> [String] { try server.repository(cfa.uai).files(at: Self.decisionsRef) }
        let leaf = { (tag: String) in String(tag.split(separator: "/").last!) }
        let caenFiles = try SampleCFA.caenReadyBadges.map { "\($0)/\(leaf(try tag(caen, $0))).yaml" }
        #expect(try files(caen) == (["README.md"] + caenFiles).sorted())
        let rouenFile = "prospection/\(leaf(try tag(rouen, "prospection"))).yaml"
        #expect(try files(rouen) == ["README.md", rouenFile])
        let evreuxFiles = ["apprentis/\(leaf(try tag(evreux, "apprentis"))).yaml", "prospection/\(leaf(try tag(evreux, "prospection"))).yaml"]
        #expect(try files(evreux) == ["README.md"] + evreuxFiles)
        let again = try lab.reconcile()
        #expect(again.result.status == 0 && again.report.unchanged == 3, "\(again.result)")
        #expect(again.report.cfas.allSatisfy { !$0.decisionsDelivered }, "\(again.result)")
    }

    /// Each CFA syncs and sees, offline, its awards with their dates and renewals due, the requests
    /// sent back with the reviewers' reasons, and its revoked badge; `check` checks awarded badges
    /// for renewal.
    func cfasSeeTheirDecisions() throws {
        for cfa in SampleCFA.all { try lab.sync(cfa) }
        let awardedCommit = try serverCommit(caen, tag: try tag(caen, "tutorat"))

        let mine = try lab.decisions(caen)
        #expect(mine.awards.map(\.badge) == SampleCFA.caenReadyBadges)
        for award in mine.awards {
            let from = Self.caenAwardDates[award.badge]
            #expect(award.validFrom == from && award.validUntil == from.map { day($0, plusYears: validity[award.badge]!) }, "\(award)")
            #expect(award.commit == awardedCommit && !award.expired, "\(award)")
            #expect(award.renewalDue == (award.badge == "attractivite"), "\(award)")
        }
        #expect(mine.renewalsDue == ["attractivite"] && mine.sentBack.isEmpty && mine.revoked.isEmpty)
        let status = try lab.cfaOK(caen, ["status"]).stdout
        #expect(status.contains("✔ attractivite awarded, valid from 2026-03-01 until 2027-03-01 (exclusive) — renewal due (under 90 days)"),
                "\(status)")
        #expect(status.contains("✔ tutorat awarded, valid from 2025-07-01 until 2027-07-01 (exclusive)\n"), "\(status)")
        #expect(status.contains("label « CFA numérique normand » held"), "\(status)")

        let check = try lab.cfaOK(caen, ["check", "--json"]).json(CheckDecisionsJSON.self)
        #expect(!check.renewal)
        for badge in check.badges {
            #expect(badge.renewal == SampleCFA.caenReadyBadges.contains(badge.id), "\(badge.id) checked for renewal")
        }
        // Nothing changed since the award: the default renewal rule is not met yet.
        #expect(check.badge("tutorat")?.problems.map(\.code) == ["noUpdateSinceAward"])
        let checkText = try lab.cfaOK(caen, ["check"]).stdout
        #expect(checkText.contains("renewal for the badges already awarded"), "\(checkText)")
        // Held: each awarded badge with its end and its renewal; what a renewal needs once it is due.
        #expect(checkText.contains("★ tutorat               mandatory    awarded until 2027-07-01 (exclusive) — renewal to prepare\n"),
                "\(checkText)")
        #expect(checkText.contains("awarded until 2027-03-01 (exclusive) — renewal to prepare (to send before 2027-03-01)\n    "),
                "\(checkText)")
        #expect(checkText.contains("Label « CFA numérique normand »: held (10 awarded badges valid).")
                && checkText.contains("It lapses on 2027-03-01 unless renewed: attractivite"), "\(checkText)")
        #expect(checkText.contains("awarded, valid from 2026-03-01 until 2027-03-01 (exclusive) — renewal due"), "\(checkText)")

        let evreuxView = try lab.decisions(evreux)
        #expect(evreuxView.awards.isEmpty && evreuxView.revoked.isEmpty)
        #expect(evreuxView.sentBack.map(\.badge) == ["prospection", "apprentis"])
        let rejected = try #require(evreuxView.sentBack.first)
        let evreuxTags = (prospection: try tag(evreux, "prospection"), apprentis: try tag(evreux, "apprentis"))
        #expect(rejected.outcome == "rejected" && rejected.submission == evreuxTags.prospection && isISODay(rejected.date))
        #expect(rejected.reasons == [.init(member: Member.claire, role: "cfa-pilote", text: "La veille date de 2022")])
        let changes = try #require(evreuxView.sentBack.last)
        #expect(changes.outcome == "changes-requested" && changes.submission == evreuxTags.apprentis)
        #expect(changes.reasons == [.init(member: Member.marc, role: "badgeons", text: "Joindre la grille d'évaluation signée")])
        let evreuxText = try lab.cfaOK(evreux, ["status"]).stdout
        #expect(evreuxText.contains("↩ apprentis: changes requested"), "\(evreuxText)")
        #expect(evreuxText.contains("marc.badgeons (badgeons): Joindre la grille d'évaluation signée"), "\(evreuxText)")

        let rouenView = try lab.decisions(rouen)
        #expect(rouenView.awards.isEmpty && rouenView.sentBack.isEmpty)
        #expect(rouenView.revoked.map(\.badge) == ["prospection"])
        #expect(rouenView.revoked.first?.reasons == [.init(member: Member.sophie, role: "region", text: "La veille 2026 n'est pas datée")])
    }

    /// `hub export` (JSON and CSV, ISO dates, the label) and `hub log UAI`.
    func reports() throws {
        let export = try lab.export()
        #expect(export.date == lab.today && export.cfas.map(\.uai).sorted() == SampleCFA.all.map(\.uai).sorted())
        let caenRow = try #require(export.cfa(caen.uai))
        #expect(caenRow.labelHeld && caenRow.labelLapsesOn == "2027-03-01" && caenRow.name == caen.name)
        for badge in SampleCFA.caenReadyBadges {
            let from = Self.caenAwardDates[badge]!
            let row = caenRow.badge(badge)
            #expect(row?.state == "awarded" && row?.validFrom == from && row?.validUntil == day(from, plusYears: validity[badge]!), "\(badge)")
        }
        #expect(caenRow.badge("post-cfa")?.state == "none" && caenRow.badge("post-cfa")?.validFrom == nil)
        let rouenRow = try #require(export.cfa(rouen.uai))
        #expect(!rouenRow.labelHeld && rouenRow.labelLapsesOn == nil)
        #expect(rouenRow.badge("prospection")?.state == "revoked" && rouenRow.badge("attractivite")?.state == "submitted")
        let evreuxRow = try #require(export.cfa(evreux.uai))
        #expect(evreuxRow.badge("apprentis")?.state == "changes-requested" && evreuxRow.badge("prospection")?.state == "rejected")
        for row in export.cfas {
            #expect(row.badges.count == 12)
            for badge in row.badges where badge.validFrom != nil || badge.validUntil != nil {
                #expect(isISODay(badge.validFrom) && isISODay(badge.validUntil), "\(row.uai) \(badge.badge)")
            }
        }

        let csv = try lab.hubOK(["export", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("\u{FEFF}"), "a byte-order mark for spreadsheets")
        let lines = String(csv.drop { $0 == "\u{FEFF}" }).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "uai;name;badge;state;validFrom;validUntil;labelHeld;labelLapsesOn")
        #expect(lines.count == 1 + 3 * 12, "\(csv)")
        #expect(lines.contains("0141234R;CFA du Bâtiment de Caen;attractivite;awarded;2026-03-01;2027-03-01;true;2027-03-01"), "\(csv)")
        #expect(lines.contains("0271234V;CFA Interprofessionnel d'Évreux;apprentis;changes-requested;;;false;"), "\(csv)")
        for line in lines.dropFirst() {
            let fields = line.components(separatedBy: ";")
            #expect(fields.count == 8, "\(line)")
            guard fields.count == 8 else { continue }
            for date in [fields[4], fields[5], fields[7]] where !date.isEmpty { #expect(isISODay(date), "\(line)") }
            #expect(["true", "false"].contains(fields[6]), "\(line)")
        }

        let log = try lab.audit(caen.uai)
        #expect(log.allSatisfy { $0.uai == caen.uai }, "only Caen's rows")
        let actions = log.map(\.action)
        #expect(actions.first == "register")
        #expect(actions.filter { $0 == "ingest" }.count == 10 && actions.filter { $0 == "vote-approve" }.count == 20)
        #expect(actions.contains("label-awarded") && actions.contains("decisions-delivered"))
        #expect(!log.contains { $0.actor == Member.paul }, "the refused recusal left no row")
        let awards = log.filter { $0.toState == "awarded" }
        #expect(awards.count == 10 && awards.allSatisfy { $0.actor == Member.sophie && $0.fromState == "approved" && $0.commit != nil })
        let text = try lab.hubOK(["log", caen.uai]).stdoutLines
        #expect(text.count == log.count)
        #expect(text.contains { $0.contains("  sophie.region  state  0141234R  tutorat  approved → awarded  ") }, "\(text)")
    }

    /// The CFA edits its local decisions ref (sync never pushes it, and takes the Région's back),
    /// then renews tutorat: a replaced text evidence, an added one, a retitled one. The hub ingests
    /// it as a renewal and `hub diff` shows exactly that.
    mutating func renewal() throws {
        let awardedCommit = try serverCommit(caen, tag: try tag(caen, "tutorat"))
        let regionRef = try server.repository(caen.uai).refs()[Self.decisionsRef]
        let local = try lab.git(caen, ["rev-parse", Self.decisionsRef])
        #expect(local == regionRef)
        let forged = try lab.git(caen, ["commit-tree", "\(local)^{tree}", "-p", local, "-m", "Décisions modifiées par le CFA"])
        try lab.git(caen, ["update-ref", Self.decisionsRef, forged])

        let procedure = lab.folder(caen).appendingPathComponent("badges/tutorat/evidence/procedure-historique-echanges.md")
        let oldLine = "- Durée de conservation : durée du contrat + 1 an, puis archivage."
        let newLine = "- Durée de conservation : durée du contrat + 2 ans, puis archivage."
        try edit(procedure, replacing: oldLine, with: newLine)
        let registre = try lab.box.write("date;apprenti;tuteur;canal\n2026-09-14;A. Martin;J. Dupont;classe virtuelle\n",
                                         to: "inbox/registre-echanges-2026.csv")
        try lab.cfaOK(caen, ["add", "tutorat", registre.path, "--criterion", "historique-echanges", "--title", "Registre des échanges 2026"])
        let claim = lab.folder(caen).appendingPathComponent("badges/tutorat/claim.yaml")
        let added = try #require(try ClaimData.parse(readText(claim)).evidence.first { $0.file == "registre-echanges-2026.csv" }).id
        let oldTitle = "Liste des formateurs missionnés pour le tutorat à distance"
        let newTitle = "Formateurs missionnés pour le tutorat à distance (2026-2027)"
        try editEvidence(claim, id: "tuteurs-missionnes", field: "title", to: newTitle)
        try lab.save(caen, "Tutorat : procédure 2026, registre des échanges")
        let check = try lab.cfaOK(caen, ["check", "--json"]).json(CheckDecisionsJSON.self)
        #expect(check.badge("tutorat")?.renewal == true && check.badge("tutorat")?.ready == true, "\(check.badge("tutorat").map(\.problems) ?? [])")
        let renewalTag = try #require(try lab.submit(caen, ["tutorat"], message: "Renouvellement du badge tutorat")["tutorat"])
        let sent = try lab.sync(caen)
        #expect(sent.sentSubmissions == [renewalTag])
        #expect(try server.repository(caen.uai).refs()[Self.decisionsRef] == regionRef, "sync pushed the decisions ref")
        let forgedOnServer = try server.git.result(["--git-dir=\(server.repository(caen.uai).path)", "cat-file", "-e", forged])
        #expect(!forgedOnServer.succeeded, "the forged decisions commit reached the server")
        #expect(try lab.git(caen, ["rev-parse", Self.decisionsRef]) == regionRef, "sync takes the Région's decisions back")

        let (result, report) = try lab.reconcile()
        #expect(result.status == 0 && report.cfa(caen.uai)?.newSubmissions == [renewalTag], "\(result)")
        let renewalCommit = try serverCommit(caen, tag: renewalTag)
        let queued = try lab.queue().filter { $0.uai == caen.uai }
        #expect(queued.map(\.badge) == ["tutorat"] && queued.first?.kind == "renewal" && queued.first?.state == "submitted")
        #expect(queued.first?.commit == renewalCommit)

        let diff = try lab.hubOK(["diff", caen.uai, "tutorat", "--json"]).json(HubDiffJSON.self)
        #expect(diff.kind == "renewal" && diff.commit == renewalCommit && diff.baseCommit == awardedCommit && diff.renewalRulesMet == true)
        let renewal = try #require(diff.renewal)
        let changes = try #require(renewal.changes)
        #expect(changes.evidenceAdded.map(\.id) == [added])
        #expect(changes.evidenceAdded.first?.title == "Registre des échanges 2026" && changes.evidenceAdded.first?.criterion == "historique-echanges")
        #expect(changes.evidenceRemoved.isEmpty)
        let changed = Dictionary(changes.evidenceChanged.map { ($0.id, $0.changes) }, uniquingKeysWith: { a, _ in a })
        #expect(changed == ["procedure-historique": ["replaced"], "tuteurs-missionnes": ["retitled"]], "\(changed)")
        let retitled = changes.evidenceChanged.first { $0.id == "tuteurs-missionnes" }
        #expect(retitled?.before.title == oldTitle && retitled?.after.title == newTitle)
        #expect(changes.fields.isEmpty && changes.narrative == nil && changes.criteriaNewlyMet.isEmpty && changes.criteriaNoLongerMet.isEmpty)
        #expect(Set(renewal.files.map { "\($0.change) \($0.path)" }) == [
            "modified badges/tutorat/claim.yaml", "modified badges/tutorat/evidence/procedure-historique-echanges.md",
            "added badges/tutorat/evidence/registre-echanges-2026.csv",
        ], "\(renewal.files)")
        #expect(renewal.files.count == 3)
        #expect(renewal.evidenceText.map(\.evidence) == ["procedure-historique"])
        let text = try #require(renewal.evidenceText.first)
        #expect(text.path == "badges/tutorat/evidence/procedure-historique-echanges.md")
        #expect(text.diff.lines.filter { ["-", "+"].contains($0.op) }.map { $0.op + $0.text } == ["-" + oldLine, "+" + newLine])
        #expect(Set(diff.inventory.map(\.evidenceID)) == ["tuteurs-missionnes", "classe-virtuelle", "procedure-historique", added])

        let shown = try lab.hubOK(["diff", caen.uai, "tutorat"]).stdout
        for expected in [
            "Renewal: \(awardedCommit.prefix(7)) (awarded) → \(renewalCommit.prefix(7)) (requested)",
            "+ evidence added: \(added) « Registre des échanges 2026 » → historique-echanges",
            "~ evidence procedure-historique: file replaced",
            "~ evidence tuteurs-missionnes: title « \(oldTitle) » → « \(newTitle) »",
            "Content of badges/tutorat/evidence/procedure-historique-echanges.md:",
            "    - \(oldLine)", "    + \(newLine)", "Renewal rule: met",
        ] {
            #expect(shown.contains(expected), "hub diff lacks «\(expected)»:\n\(shown)")
        }
        #expect(!shown.contains("classe-virtuelle"), "an unchanged evidence is listed:\n\(shown)")
    }
}
