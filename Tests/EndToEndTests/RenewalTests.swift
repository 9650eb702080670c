import Foundation
import Testing
import TestServers

/// `check --renewal`: against `--since`, or the newest `awards/<badge>/…` tag.
@Suite("Renewal")
struct RenewalTests {
    @Test("--since the first save: noUpdateSinceAward until evidence is added")
    func sinceFirstCommit() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let first = try box.gitOK(["rev-list", "--max-parents=0", "HEAD"], in: dir)

        let firstAward = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(firstAward.renewal == false)
        #expect(firstAward.badge("tutorat")?.ready == true)

        let renewal = try box.dossierOK(["check", "--renewal", "--since", first, "--json"], in: dir).json(CheckOutput.self)
        #expect(renewal.renewal)
        let tutorat = try #require(renewal.badge("tutorat"))
        #expect(tutorat.codes == ["noUpdateSinceAward"])
        #expect(tutorat.ready == false)
        // Badges with their own renewal rule do not use the default one.
        #expect(renewal.badge("prospection")?.codes == [], "12/12 coverage: prospection renews")
        #expect(renewal.badge("ressources")?.codes == [], "level 2: ressources renews")
        #expect(renewal.label.eligible == false)
        let text = try box.dossierOK(["check", "--renewal", "--since", first], in: dir).stdout
        #expect(text.contains("renewal"))
        #expect(text.contains("no evidence added or updated since the award"))

        // A retitle is not an update.
        try edit(dir.appendingPathComponent("badges/tutorat/claim.yaml"), replacing: "title: \"Liste des formateurs", with: "title: \"(2026) Liste des formateurs")
        let retitled = try box.dossierOK(["check", "--renewal", "--since", first, "--json"], in: dir).json(CheckOutput.self)
        #expect(retitled.badge("tutorat")?.codes == ["noUpdateSinceAward"])

        // New evidence, saved or not, is.
        let file = try box.write("Registre des visios 2026\n", to: "in/registre-visios-2026.csv")
        try box.dossierOK(["add", "tutorat", file.path, "--criterion", "historique-echanges"], in: dir)
        let unsaved = try box.dossierOK(["check", "--renewal", "--since", first, "--json"], in: dir).json(CheckOutput.self)
        #expect(unsaved.badge("tutorat")?.codes == [])
        #expect(unsaved.badge("tutorat")?.ready == true)
        #expect(unsaved.badge("accessibilite")?.codes == ["noUpdateSinceAward"], "other badges are unaffected")
        try box.dossierOK(["save", "-m", "Tutorat : registre 2026", "--author", testAuthor], in: dir)
        let saved = try box.dossierOK(["check", "--renewal", "--since", first, "--json"], in: dir).json(CheckOutput.self)
        #expect(saved.badge("tutorat")?.ready == true)
        // Against the new save, nothing changed since.
        let sinceHead = try box.dossierOK(["check", "--renewal", "--since", "HEAD", "--json"], in: dir).json(CheckOutput.self)
        #expect(sinceHead.badge("tutorat")?.codes == ["noUpdateSinceAward"])
    }

    @Test("a replaced evidence file counts as an update")
    func replacedFileCounts() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let csv = dir.appendingPathComponent("badges/tutorat/evidence/tuteurs-distance-2025-2026.csv")
        try writeText(try readText(csv) + "M. Nouveau;tuteur;2026\n", to: csv)
        try box.dossierOK(["save", "-m", "Tuteurs 2026", "--author", testAuthor], in: dir)
        let check = try box.dossierOK(["check", "--renewal", "--since", "HEAD~1", "--json"], in: dir).json(CheckOutput.self)
        #expect(check.badge("tutorat")?.codes == [])
        #expect(check.badge("plan-formation")?.codes == ["noUpdateSinceAward"])
    }

    @Test("the awarded snapshot comes from an awards/<badge>/<date> tag")
    func awardTag() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let first = try box.gitOK(["rev-parse", "HEAD"], in: dir)

        // Without a tag nor --since, the snapshot is unknown.
        let untagged = try box.dossierOK(["check", "--renewal", "--json"], in: dir).json(CheckOutput.self)
        #expect(untagged.badge("tutorat")?.codes == ["awardSnapshotUnknown"])

        try box.gitOK(["tag", "awards/tutorat/2025-06-01", first], in: dir)
        let tagged = try box.dossierOK(["check", "--renewal", "--json"], in: dir).json(CheckOutput.self)
        #expect(tagged.badge("tutorat")?.codes == ["noUpdateSinceAward"])
        #expect(tagged.badge("accessibilite")?.codes == ["awardSnapshotUnknown"], "the tag is per badge")

        let file = try box.write("Charte du tutorat 2026\n", to: "in/charte-2026.md")
        try box.dossierOK(["add", "tutorat", file.path, "--criterion", "outils-distance"], in: dir)
        try box.dossierOK(["save", "-m", "Charte 2026", "--author", testAuthor], in: dir)
        let updated = try box.dossierOK(["check", "--renewal", "--json"], in: dir).json(CheckOutput.self)
        #expect(updated.badge("tutorat")?.codes == [])
        #expect(updated.badge("tutorat")?.ready == true)

        // A newer award tag on the latest save: nothing new since that award.
        try box.gitOK(["tag", "awards/tutorat/2026-06-01", "HEAD"], in: dir)
        let newer = try box.dossierOK(["check", "--renewal", "--json"], in: dir).json(CheckOutput.self)
        #expect(newer.badge("tutorat")?.codes == ["noUpdateSinceAward"])

        // An annotated tag works like a light one.
        try box.gitOK(["tag", "-a", "-m", "Attribution", "awards/accessibilite/2025-06-01", first], in: dir)
        let annotated = try box.dossierOK(["check", "--renewal", "--json"], in: dir).json(CheckOutput.self)
        #expect(annotated.badge("accessibilite")?.codes == ["noUpdateSinceAward"])
    }

    @Test("prospection with coverage 5/6: ready at first award, coverageIncomplete at renewal")
    func prospectionCoverage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "boulangerie-rouen", uai: "0761234D")
        let first = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(first.badge("prospection")?.ready == true)
        #expect(first.badge("ressources")?.ready == true, "level 1 is enough at first award")

        let renewal = try box.dossierOK(["check", "--renewal", "--since", "HEAD", "--json"], in: dir).json(CheckOutput.self)
        let prospection = try #require(renewal.badge("prospection"))
        #expect(prospection.codes == ["coverageIncomplete"])
        #expect(prospection.problems.first?.message.contains("5/6") == true)
        #expect(renewal.badge("ressources")?.codes == ["levelTooLow"])
        #expect(renewal.badge("apprentis")?.codes.contains("coverageIncomplete") == true)

        // Completing the coverage fixes it, without any new evidence.
        try box.dossierOK(["set", "prospection", "coverage", "6/6"], in: dir)
        let complete = try box.dossierOK(["check", "--renewal", "--since", "HEAD", "--json"], in: dir).json(CheckOutput.self)
        #expect(complete.badge("prospection")?.codes == [])
        // Without coverage at all, renewal says so.
        try box.dossierOK(["set", "prospection", "coverage", "none"], in: dir)
        let missing = try box.dossierOK(["check", "--renewal", "--since", "HEAD", "--json"], in: dir).json(CheckOutput.self)
        #expect(missing.badge("prospection")?.codes == ["coverageMissing"])
    }

    @Test("--since without --renewal is a usage error; an unknown --since revision is one line")
    func sinceErrors() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier()
        let usage = try box.dossier(["check", "--since", "HEAD"], in: dir)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--since goes with --renewal"))
        let unknown = try box.dossier(["check", "--renewal", "--since", "no-such-rev"], in: dir)
        #expect(unknown.status == 1)
        #expect(unknown.stderrLines == ["unknown revision: no-such-rev (see `dossier log`)"])
        #expect(unknown.stdout.isEmpty)
    }
}
