import Credentials
import DossierCore
import Foundation
import Hub
import Testing
import TestServers

/// Catalogue versions: published by the hub (a Région member, a newer version, a draft the
/// catalogue's loader accepts), delivered on `refs/dossier/catalogue` by reconcile, received by the
/// CFA's sync and used by its commands; a ref the CFA forges is never trusted and is overwritten.
@Suite struct CatalogueDeliveryTests {
    static let thirteenthBadge = """
          - id: inclusion-numerique
            number: 13
            title: "Inclusion numérique"
            summary: "Accompagnement des apprentis éloignés du numérique"
            recognises: "Les actions du CFA pour que chaque apprenti dispose d'un équipement et des usages de base"
            mandatory: false
            validityYears: 2
            criteria:
              - id: diagnostic
                text: "Un diagnostic des usages et de l'équipement est fait à l'entrée en formation"
              - id: ateliers
                text: "Ateliers d'initiation aux usages numériques"
            firstAward: []

        """

    /// A draft with the 13th badge appended.
    static func draftWithThirteenthBadge(_ catalogues: HubCatalogues) throws -> String {
        let path = try catalogues.makeDraft()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        try (text + thirteenthBadge).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct CatalogueJSON: Decodable {
        struct Badge: Decodable { let id: String }
        let version: String
        let badges: [Badge]
    }

    func catalogueVersion(_ lab: HubLab, _ cfa: LabCFA) throws -> CatalogueJSON {
        let result = try lab.dossierOK(["catalogue", "--json"], in: cfa.dossier)
        return try JSONDecoder().decode(CatalogueJSON.self, from: result.standardOutput)
    }

    @Test func publishingIsForARegionMemberWithANewerVersionAndAValidDraft() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let catalogues = try lab.hub.catalogues
        #expect(try catalogues.published().map(\.version.description) == ["2026.1"])
        #expect(!catalogues.hasPublications)

        #expect(throws: CatalogueError.noDraft) {
            try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "region-1")
        }
        let draft = try Self.draftWithThirteenthBadge(catalogues)
        #expect(throws: HubError.notRegion("badgeons-1")) {
            try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "badgeons-1")
        }
        #expect(throws: HubError.unknownMember("nobody")) {
            try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "nobody")
        }
        #expect(throws: CatalogueError.invalidVersion("2027.x")) {
            try lab.hub.publishCatalogue(version: "2027.x", message: "badge 13", memberID: "region-1")
        }
        #expect(throws: CatalogueError.alreadyPublished("2026.1")) {
            try lab.hub.publishCatalogue(version: "2026.1", message: "badge 13", memberID: "region-1")
        }
        #expect(throws: CatalogueError.notNewer(version: "2025.3", newest: "2026.1")) {
            try lab.hub.publishCatalogue(version: "2025.3", message: "badge 13", memberID: "region-1")
        }
        #expect(!catalogues.hasPublications)
        #expect(try lab.hub.store.read { try $0.audit(uai: nil) }.filter { $0.action == "catalogue-publish" }.isEmpty)

        // A draft the loader refuses: its file and line, nothing published.
        let good = try String(contentsOfFile: draft, encoding: .utf8)
        try good.replacingOccurrences(of: "validityYears: 2\n    criteria:\n      - id: diagnostic",
                                      with: "validityYears: 9\n    criteria:\n      - id: diagnostic").write(toFile: draft, atomically: true, encoding: .utf8)
        let refused = #expect(throws: DossierError.self) {
            try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "region-1")
        }
        #expect(refused?.text(.en).hasPrefix("catalogue/draft.yaml:") == true, "\(refused?.text(.en) ?? "")")
        #expect(refused?.text(.en).contains("validityYears") == true)
        #expect(!catalogues.hasPublications)

        try good.write(toFile: draft, atomically: true, encoding: .utf8)
        let published = try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "region-1")
        #expect(published.version == "2027.1" && published.badge("inclusion-numerique") != nil)
        #expect(try catalogues.published().map(\.version.description) == ["2026.1", "2027.1"])
        #expect(try catalogues.newest().version == "2027.1")
        // The built-in version is written as it is shipped; the draft is gone; the publication recorded.
        #expect(try catalogues.bytes(CatalogueVersion("2026.1")!) == Catalogue.builtinBytes)
        #expect(!FileManager.default.fileExists(atPath: catalogues.draftPath))
        #expect(try catalogues.publications().map(\.member) == ["region-1"])
        #expect(try lab.hub.store.read { try $0.audit(uai: nil) }.filter { $0.action == "catalogue-publish" }.count == 1)
        // The next version must be newer still, and needs a new draft.
        #expect(throws: CatalogueError.noDraft) {
            try lab.hub.publishCatalogue(version: "2027.2", message: "again", memberID: "region-1")
        }
        _ = try catalogues.makeDraft()
        #expect(throws: CatalogueError.notNewer(version: "2026.9", newest: "2027.1")) {
            try lab.hub.publishCatalogue(version: "2026.9", message: "older", memberID: "region-1")
        }
    }

    @Test func aPublishedVersionReachesTheCFAThroughReconcileAndSync() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let cfa = try lab.addCFA("0141234R")
        _ = try lab.reconcile()
        // Nothing published: no catalogue ref anywhere, the CFA keeps the built-in catalogue.
        #expect(try cfa.remote.refs()[DossierReferences.catalogue] == nil)
        #expect(try catalogueVersion(lab, cfa).version == "2026.1")

        _ = try Self.draftWithThirteenthBadge(try lab.hub.catalogues)
        try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "region-1")
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.catalogueDelivered) == [true])
        #expect(report.cfas.map(\.status) == [.updated])
        let delivered = try #require(try cfa.remote.commit(of: DossierReferences.catalogue))
        #expect(try cfa.remote.files(at: DossierReferences.catalogue) == ["README.md", "versions/2026.1.yaml", "versions/2027.1.yaml"])
        // Once delivered, nothing more to push.
        let again = try lab.reconcile()
        #expect(again.cfas.map(\.catalogueDelivered) == [false] && again.cfas.map(\.status) == [.unchanged])

        // The CFA's sync receives it; every command now uses 2027.1 (the 13th badge is known).
        let sync = try lab.dossierOK(["sync", "--lang", "en"], in: cfa.dossier)
        #expect(sync.stdout.contains("The Région's catalogue received: version(s) 2026.1, 2027.1"), "\(sync.stdout)")
        let received = try catalogueVersion(lab, cfa)
        #expect(received.version == "2027.1" && received.badges.contains { $0.id == "inclusion-numerique" })
        let local = try lab.git.run(["rev-parse", DossierReferences.catalogue], in: cfa.dossier).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(local == delivered)
        // `--catalogue FILE` still wins; the sync never pushed anything of it back.
        let builtin = lab.folder.path + "/builtin.yaml"
        try Data(Catalogue.builtinBytes).write(to: URL(fileURLWithPath: builtin))
        let chosen = try lab.dossierOK(["catalogue", "--json", "--catalogue", builtin], in: cfa.dossier)
        #expect(try JSONDecoder().decode(CatalogueJSON.self, from: chosen.standardOutput).version == "2026.1")
        #expect(try cfa.remote.commit(of: DossierReferences.catalogue) == delivered)
        // A second laptop gets it with clone.
        let clone = lab.folder.appending("clone")
        try lab.dossierOK(["clone", cfa.remote.path, clone.path])
        let cloned = try JSONDecoder().decode(CatalogueJSON.self, from: try lab.dossierOK(["catalogue", "--json"], in: clone).standardOutput)
        #expect(cloned.version == "2027.1")
        // check says the dossier was written against an older version (a warning, not a blocker).
        let check = try lab.dossier(["check", "--lang", "en"], in: cfa.dossier)
        #expect(check.stdout.contains("the dossier targets catalogue 2026.1, the tool has 2027.1"), "\(check.stdout)")
        // …which version applies now, and what changed in it.
        #expect(check.stdout.contains("The Région's catalogue 2027.1 applies; the dossier was checked against 2026.1."), "\(check.stdout)")
        #expect(check.stdout.contains("  + badge added: inclusion-numerique « Inclusion numérique » (optional)"))
        let diff = try lab.dossierOK(["catalogue", "--diff", "2026.1", "2027.1", "--lang", "fr"], in: cfa.dossier)
        #expect(diff.stdout == "Du catalogue 2026.1 au 2027.1 :\n  + badge ajouté : inclusion-numerique « Inclusion numérique » (au choix)\n")
        let unknown = try lab.dossier(["catalogue", "--diff", "2025.1", "--lang", "en"], in: cfa.dossier)
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown catalogue version: 2025.1"))
        // Once the dossier records 2027.1, check says nothing more about it.
        let identity = cfa.dossier.appendingPathComponent("dossier.yaml")
        let text = try String(contentsOf: identity, encoding: .utf8)
        try text.replacingOccurrences(of: "catalogueVersion: \"2026.1\"", with: "catalogueVersion: \"2027.1\"").write(to: identity, atomically: true, encoding: .utf8)
        let checked = try lab.dossier(["check", "--lang", "en"], in: cfa.dossier)
        #expect(checked.stdout.contains("catalogue 2027.1, first award"), "\(checked.stdout)")
        #expect(!checked.stdout.contains("applies") && !checked.stdout.contains("targets catalogue"), "\(checked.stdout)")
    }

    /// A CFA writes its own `refs/dossier/catalogue` on its remote (a changed 2027.1, an invented
    /// 2099.1) and moves the ref by hand on a laptop: the laptop never uses either, and the next
    /// reconcile puts the hub's ref back.
    @Test func aCatalogueRefForgedByTheCFAIsNeverTrusted() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let cfa = try lab.addCFA("0141234R")
        _ = try Self.draftWithThirteenthBadge(try lab.hub.catalogues)
        try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "region-1")
        _ = try lab.reconcile()
        try lab.dossierOK(["sync"], in: cfa.dossier)
        let genuine = try #require(try cfa.remote.commit(of: DossierReferences.catalogue))

        // The forgery: 2027.1 changed (the 13th badge made mandatory), pushed by hand with git.
        let forge = lab.folder.appending("forge")
        try lab.git.run(["clone", "--quiet", "--no-checkout", cfa.remote.path, forge.path])
        try lab.git.run(["fetch", "--quiet", "origin", "+\(DossierReferences.catalogue):refs/heads/forged"], in: forge)
        try lab.git.run(["checkout", "--quiet", "forged"], in: forge)
        let file = forge.appendingPathComponent("versions/2027.1.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "mandatory: false\n    validityYears: 2\n    criteria:\n      - id: diagnostic",
                                      with: "mandatory: true\n    validityYears: 2\n    criteria:\n      - id: diagnostic")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: file, encoding: .utf8) != text)
        try lab.git.run(["commit", "--quiet", "-am", "forged"], in: forge)
        try lab.git.run(["push", "--quiet", "--force", "origin", "forged:\(DossierReferences.catalogue)"], in: forge)
        #expect(try cfa.remote.commit(of: DossierReferences.catalogue) != genuine)

        let sync = try lab.dossierOK(["sync", "--lang", "en"], in: cfa.dossier)
        #expect(sync.stderr.contains("received catalogue refused: a version received before was changed"), "\(sync.stderr)")
        let local = try lab.git.run(["rev-parse", DossierReferences.catalogue], in: cfa.dossier).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(local == genuine)

        // Moved by hand on the laptop: the commands still use what the sync accepted.
        let forgedCommit = try lab.git.run(["rev-parse", DossierReferences.incomingCatalogue], in: cfa.dossier).trimmingCharacters(in: .whitespacesAndNewlines)
        try lab.git.run(["update-ref", DossierReferences.catalogue, forgedCommit], in: cfa.dossier)
        let status = try lab.dossierOK(["catalogue", "inclusion-numerique", "--lang", "en"], in: cfa.dossier)
        #expect(status.stdout.contains("optional") && !status.stdout.contains("mandatory"), "\(status.stdout)")
        try lab.git.run(["update-ref", DossierReferences.catalogue, genuine], in: cfa.dossier)

        // The hub overwrites the forged ref at its next reconcile.
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.catalogueDelivered) == [true])
        #expect(try cfa.remote.commit(of: DossierReferences.catalogue) == genuine)
        let after = try lab.dossierOK(["sync", "--lang", "en"], in: cfa.dossier)
        #expect(!after.stderr.contains("refused"), "\(after.stderr)")
    }

    /// A version published before `hub keys init` is signed at the next reconcile; one published
    /// with keys is signed at once; the signatures travel beside the versions and verify.
    @Test func versionsAreSignedWithTheIssuerKeyAndDeliveredWithTheirSignatures() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let cfa = try lab.addCFA("0141234R")
        _ = try Self.draftWithThirteenthBadge(try lab.hub.catalogues)
        try lab.hub.publishCatalogue(version: "2027.1", message: "badge 13", memberID: "region-1")
        _ = try lab.reconcile()
        #expect(try cfa.remote.files(at: DossierReferences.catalogue) == ["README.md", "versions/2026.1.yaml", "versions/2027.1.yaml"])

        try IssuerKeyStore(folder: lab.hub.keysFolder).initialize()
        let report = try lab.reconcile()
        #expect(try lab.hub.catalogues.signatures().count == 2)
        #expect(report.cfas.map(\.catalogueDelivered) == [true], "\(report.cfas)")
        #expect(try cfa.remote.files(at: DossierReferences.catalogue) == [
            "README.md", "versions/2026.1.jws", "versions/2026.1.yaml", "versions/2027.1.jws", "versions/2027.1.yaml"])
        _ = try lab.hub.catalogues.makeDraft()
        try lab.hub.publishCatalogue(version: "2027.2", message: "same badges", memberID: "region-1")
        let signatures = try lab.hub.catalogues.signatures()
        #expect(signatures.keys.map(\.description).sorted() == ["2026.1", "2027.1", "2027.2"])
        let keys = try #require(try lab.hub.badgeIssuing?.issuer()).trustedKeys()
        for (version, bytes) in try lab.hub.catalogues.published() {
            #expect(CatalogueSignature.isValid(try #require(signatures[version]), version: version.description, file: bytes, keys: keys))
        }
        // Signed once: a later reconcile does not re-sign (the same ref in every mirror).
        let before = try lab.hub.catalogues.signatures()
        _ = try lab.reconcile()
        #expect(try lab.hub.catalogues.signatures() == before)
        #expect(try cfa.remote.files(at: DossierReferences.catalogue).filter { $0.hasSuffix(".jws") }.count == 3)
    }

    @Test func withNothingPublishedAForgedRefIsDeleted() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        _ = try lab.reconcile()
        let main = try #require(try cfa.remote.commit(of: DossierReferences.main))
        try cfa.remote.run(["update-ref", DossierReferences.catalogue, main])
        // The laptop refuses it (not a catalogue) and keeps the built-in one.
        let sync = try lab.dossierOK(["sync", "--lang", "en"], in: cfa.dossier)
        #expect(sync.stderr.contains("received catalogue refused"), "\(sync.stderr)")
        #expect(try catalogueVersion(lab, cfa).version == "2026.1")
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.catalogueDelivered) == [true])
        #expect(try cfa.remote.refs()[DossierReferences.catalogue] == nil)
    }

    @Test func hubCatalogueCommands() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let hub = ["--hub", lab.hubPath, "--lang", "en"]
        let list = try lab.dossierOK(["hub", "catalogue", "list"] + hub)
        #expect(list.stdout.contains("2026.1  built-in catalogue"))
        let edit = try lab.dossierOK(["hub", "catalogue", "edit"] + hub)
        #expect(edit.stdout.contains("Draft made: \(lab.hubPath)/catalogue/draft.yaml"))
        let draft = lab.hubPath + "/catalogue/draft.yaml"
        try (try String(contentsOfFile: draft, encoding: .utf8) + Self.thirteenthBadge).write(toFile: draft, atomically: true, encoding: .utf8)
        #expect(try lab.dossierOK(["hub", "catalogue", "check"] + hub).stdout.contains("Draft valid: 13 badges."))
        // The version is an argument (`--version` is the tool's own flag); a member that is not the Région's is refused.
        let refused = try lab.dossier(["hub", "catalogue", "publish", "2027.1", "-m", "badge 13", "--member", "badgeons-1"] + hub)
        #expect(refused.status == 1 && refused.stderr.contains("badgeons-1"))
        let published = try lab.dossierOK(["hub", "catalogue", "publish", "2027.1", "-m", "badge 13", "--member", "region-1"] + hub)
        #expect(published.stdout.contains("Catalogue 2027.1 published (13 badges)"))
        let again = try lab.dossier(["hub", "catalogue", "publish", "2027.1", "-m", "badge 13", "--member", "region-1"] + hub)
        #expect(again.status == 1 && again.stderr.contains("catalogue version 2027.1 is already published"), "\(again.stderr)")
        let shown = try lab.dossierOK(["hub", "catalogue", "show"] + hub)
        #expect(shown.stdout.hasPrefix("version: \"2027.1\"") || shown.stdout.contains("\nversion: \"2027.1\""))
        #expect(try lab.dossierOK(["hub", "catalogue", "show", "2026.1"] + hub).standardOutput == Data(Catalogue.builtinBytes))
        let unknown = try lab.dossier(["hub", "catalogue", "show", "2030.1"] + hub)
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown catalogue version: 2030.1"))
        let listed = try lab.dossierOK(["hub", "catalogue", "list"] + hub)
        #expect(listed.stdout.contains("2027.1  published on") && listed.stdout.contains("by region-1: badge 13"))
        // Hub commands now use the hub's newest version: the 13th badge is known to review.
        #expect(try lab.dossierOK(["hub", "catalogue", "list", "--json"] + hub).stdout.contains("\"2027.1\""))
    }

    static func moment(_ day: String) -> Date {
        ISO8601DateFormatter().date(from: day + "T12:00:00Z") ?? Date()
    }

    /// Tags the CFA's current save as a request made on `day` and pushes the tag (with the git CLI:
    /// `dossier submit` dates its tags today).
    func request(_ lab: HubLab, _ cfa: LabCFA, _ badge: String, on day: String) throws {
        let name = "submissions/\(badge)/\(day)-1"
        try lab.git.run(["tag", "-a", name, "-m", "demande"], in: cfa.dossier)
        try lab.git.run(["push", "--quiet", cfa.remote.path, "refs/tags/\(name)"], in: cfa.dossier)
    }

    /// 2027.1 (in force from 2027-01-10) adds a required criterion to prospection: a request made
    /// before is checked with 2026.1, the renewal made after with 2027.1; the award records its version.
    @Test func eachRequestIsCheckedAgainstTheVersionInForceOnItsDay() throws {
        let lab = try HubLab()
        try lab.addReviewers()
        let cfa = try lab.addCFA("0141234R")
        let draft = try lab.hub.catalogues.makeDraft()
        var text = try String(contentsOfFile: draft, encoding: .utf8)
        for (old, new) in [("required: [veille, integration]", "required: [veille, integration, partenariats]"),
                           ("utilisation du WEB\"\n", "utilisation du WEB\"\n      - id: partenariats\n        text: \"Partenariats avec les branches\"\n")] {
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: draft, atomically: true, encoding: .utf8)
        try lab.hub.publishCatalogue(version: "2027.1", message: "partenariats", memberID: "region-1", now: Self.moment("2027-01-10"))
        let schedule = try lab.hub.catalogues.schedule()
        #expect(schedule.inForce(on: Day("2027-01-09")!)?.version == "2026.1")
        #expect(schedule.inForce(on: Day("2027-01-10")!)?.version == "2027.1")

        // A first request made before the new version: the rules of its day (ready), recorded.
        try request(lab, cfa, "prospection", on: "2027-01-05")
        _ = try lab.reconcile(now: Self.moment("2027-01-12"))
        let first = try #require(try lab.submissions(cfa.uai).last)
        #expect(first.catalogueVersion == "2026.1" && first.kind == .first)
        #expect(first.ready, "\(first.problems)")
        let award = try lab.award(cfa.uai, "prospection", day: "2027-01-12")
        #expect(award.catalogueVersion == "2026.1")

        // The renewal, made after: the rules in force at renewal (the new criterion is missing).
        try request(lab, cfa, "prospection", on: "2027-02-01")
        _ = try lab.reconcile(now: Self.moment("2027-02-02"))
        let renewal = try #require(try lab.submissions(cfa.uai).last)
        #expect(renewal.tag == "submissions/prospection/2027-02-01-1")
        #expect(renewal.kind == .renewal && renewal.catalogueVersion == "2027.1")
        #expect(!renewal.ready)
        #expect(renewal.problems.contains { $0.text(.en).contains("partenariats") }, "\(renewal.problems.map { $0.text(.en) })")
        #expect(!first.problems.contains { $0.text(.en).contains("partenariats") })

        // Reviewers see it.
        let shown = try lab.dossierOK(["hub", "show", cfa.uai, "prospection", "--hub", lab.hubPath, "--lang", "en"])
        #expect(shown.stdout.contains("Check: blocking problems (catalogue 2027.1)"), "\(shown.stdout)")
        let json = try lab.dossierOK(["hub", "show", cfa.uai, "prospection", "--hub", lab.hubPath, "--json"]).stdout
        #expect(json.contains("\"catalogueVersion\" : \"2027.1\""), "\(json)")
    }

    /// `hub catalogue add-badge FILE`: the badge's mistakes at its own file and line, the draft
    /// unchanged until the result loads.
    @Test func aBadgeAddedFromAFileIsCheckedAtItsOwnLines() throws {
        let lab = try HubLab()
        let catalogues = try lab.hub.catalogues
        let good = """
            id: inclusion-numerique
            number: 13
            title: "Inclusion numérique"
            mandatory: false
            validityYears: 2
            criteria:
              - id: diagnostic
                text: "Un diagnostic des usages"
            firstAward: []

            """
        let badValidity = good.replacingOccurrences(of: "validityYears: 2", with: "validityYears: 9")
        let refused = #expect(throws: DossierError.self) { try catalogues.addBadge(Array(badValidity.utf8), file: "badge.yaml") }
        #expect(refused?.text(.en).hasPrefix("badge.yaml:5:") == true, "\(refused?.text(.en) ?? "")")
        let draft = try Data(contentsOf: URL(fileURLWithPath: catalogues.draftPath))
        #expect(draft == Data(Catalogue.builtinBytes))
        let duplicate = good.replacingOccurrences(of: "id: inclusion-numerique", with: "id: tutorat")
        let again = #expect(throws: DossierError.self) { try catalogues.addBadge(Array(duplicate.utf8), file: "badge.yaml") }
        #expect(again?.text(.en).contains("duplicate badge id tutorat") == true, "\(again?.text(.en) ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: catalogues.draftPath)) == draft)

        let file = lab.folder.path + "/badge.yaml"
        try good.write(toFile: file, atomically: true, encoding: .utf8)
        let added = try lab.dossierOK(["hub", "catalogue", "add-badge", file, "--hub", lab.hubPath, "--lang", "en"])
        #expect(added.stdout.contains("Badge inclusion-numerique added to the draft"), "\(added.stdout)")
        let checked = try catalogues.checkDraft()
        #expect(checked.badges.count == 13 && checked.badge("inclusion-numerique")?.criteria.map(\.id) == ["diagnostic"])
    }
}
