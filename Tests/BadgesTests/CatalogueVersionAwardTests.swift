import Credentials
import DossierCore
import Foundation
import LinkedData
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// Which rules apply when (issue 14) as the credentials and the label see them: an award lasts the
/// validity of the version its request was checked against, the label rule is the one of the
/// version in force on the day, and an Achievement whose criteria changed in a later version is a
/// new revision whose `related` names the previous one (issue 12).
@Suite struct CatalogueVersionAwardTests {
    /// Publishes `2027.1` on 2027-01-10 from the current draft with `edits` applied, and reopens the hub.
    static func publish(_ f: inout BadgesFixture, _ edits: [(String, String)]) throws {
        let catalogues = try f.hub.catalogues
        let draft = try catalogues.makeDraft()
        var text = try String(contentsOfFile: draft, encoding: .utf8)
        for (old, new) in edits {
            #expect(text.contains(old), "draft lacks \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: draft, atomically: true, encoding: .utf8)
        try f.hub.publishCatalogue(version: "2027.1", message: "règles 2027", memberID: "region-1", now: BadgesFixture.moment("2027-01-10"))
        f.hub = try Hub.open(at: f.root, catalogue: try catalogues.newest())
        #expect(f.hub.schedule.catalogues.map(\.version) == ["2026.1", "2027.1"])
    }

    /// A request checked against `version`, approved by the quorum and awarded on `day`.
    @discardableResult
    static func award(_ f: BadgesFixture, _ uai: String, _ badge: String, on day: String, version: String, n: Int = 1) throws -> Award {
        let now = BadgesFixture.moment(day)
        let commit = BadgesFixture.commit(uai, badge, n)
        var submission = Submission(uai: uai, badge: badge, tag: "submissions/\(badge)/\(day)-\(n)", tagTarget: commit, commit: commit,
                                    kind: n == 1 ? .first : .renewal, submittedAt: now, ingestedAt: now, ready: true, problems: [],
                                    message: "Demande\n")
        submission.catalogueVersion = version
        _ = try f.hub.store.write { tx in try tx.insert(submission, evidence: []) }
        try f.hub.vote(uai: uai, badge: badge, memberID: "badgeons-1", verdict: .approve, reason: "Preuves solides", now: now)
        try f.hub.vote(uai: uai, badge: badge, memberID: "region-2", verdict: .approve, reason: "Conforme", now: now)
        return try f.hub.award(uai: uai, badge: badge, memberID: "region-1", day: Day(day)!, now: now)
    }

    static let reworded = ("Les CFA doivent être en veille et en anticipation sur les évolutions",
                           "Les CFA assurent une veille documentée et anticipent les évolutions")

    @Test func aBadgeWhoseCriteriaChangedIsANewAchievementRelatedToThePreviousOne() throws {
        var f = try BadgesFixture(.sqlite)
        defer { f.remove() }
        let base = BadgesFixture.baseURL
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        let before = try JSONValue.parse(try #require(try f.credential(BadgesFixture.caen, "prospection")).json)
        #expect(before["credentialSubject"]?["achievement"]?["id"]?.stringValue == base + "/achievements/prospection.json")
        #expect(before["credentialSubject"]?["achievement"]?["related"] == nil)

        try Self.publish(&f, [Self.reworded])
        try Self.award(f, BadgesFixture.rouen, "prospection", on: "2027-02-01", version: "2027.1")
        try Self.award(f, BadgesFixture.rouen, "tutorat", on: "2027-02-01", version: "2027.1")
        let text = try #require(try f.credential(BadgesFixture.rouen, "prospection")).json
        let achievement = try #require(try JSONValue.parse(text)["credentialSubject"]?["achievement"])
        #expect(achievement["id"]?.stringValue == base + "/achievements/prospection/2027.1.json")
        #expect(achievement["version"]?.stringValue == "2027.1")
        #expect(achievement["criteria"]?["id"]?.stringValue == base + "/achievements/prospection/2027.1.html")
        #expect(achievement["criteria"]?["narrative"]?.stringValue?.contains(Self.reworded.1) == true)
        let related = try #require(achievement["related"]?.asArray.first)
        #expect(related["id"]?.stringValue == base + "/achievements/prospection.json")
        #expect(related["version"]?.stringValue == "2026.1" && related["type"] == ["Related"])
        // A badge the new version did not change keeps its first definition.
        let tutorat = try JSONValue.parse(try #require(try f.credential(BadgesFixture.rouen, "tutorat")).json)
        #expect(tutorat["credentialSubject"]?["achievement"]?["id"]?.stringValue == base + "/achievements/tutorat.json")
        #expect(tutorat["credentialSubject"]?["achievement"]?["version"]?.stringValue == "2026.1")
        #expect(tutorat["credentialSubject"]?["achievement"]?["related"] == nil)
        // The credential issued before is untouched.
        #expect(try JSONValue.parse(try #require(try f.credential(BadgesFixture.caen, "prospection")).json) == before)

        // Both verifiers and the official schema accept the credential with `related`.
        #expect(try f.verify(text, on: "2027-03-01").isValid)
        let file = try f.folder.write(text, to: "revised.json")
        let run = try Tools.ob3verify(file.path, documents: try f.issuerDocuments(), folder: f.folder, now: "2027-03-01T00:00:00Z")
        #expect(run.status == 0 && run.stdout.contains("PASS") && !run.stdout.contains("FAIL"), "\(run.stdout)\(run.stderr)")
        let schema = try Tools.schemaErrors([("achievementcredential.json", file.path)])
        #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")

        // The public site has both revisions, each at its id, linked to each other.
        let site = f.folder.path + "/site"
        try PublicSite(hub: f.hub, baseURL: nil, day: Day("2027-03-01")!).write(to: site)
        let first = try JSONValue.parse(String(contentsOfFile: site + "/achievements/prospection.json", encoding: .utf8))
        let second = try JSONValue.parse(String(contentsOfFile: site + "/achievements/prospection/2027.1.json", encoding: .utf8))
        #expect(first["id"]?.stringValue == base + "/achievements/prospection.json" && first["version"]?.stringValue == "2026.1")
        #expect(second["id"] == achievement["id"] && second["related"] == achievement["related"])
        let newPage = try String(contentsOfFile: site + "/achievements/prospection/2027.1.html", encoding: .utf8)
        #expect(newPage.contains("href=\"../prospection.html\"") && newPage.contains("src=\"../prospection.svg\""))
        #expect(newPage.contains("href=\"2027.1.json\"") && newPage.contains("href=\"../../style.css\""), "\(newPage)")
        let oldPage = try String(contentsOfFile: site + "/achievements/prospection.html", encoding: .utf8)
        #expect(oldPage.contains("Une version plus récente"))
        #expect(!FileManager.default.fileExists(atPath: site + "/achievements/tutorat"))
    }

    @Test func anAwardLastsTheValidityOfTheVersionItsRequestWasCheckedAgainst() throws {
        var f = try BadgesFixture(.sqlite)
        defer { f.remove() }
        // attractivite: 1 year in 2026.1, 2 years in 2027.1.
        let old = "validityYears: 1           # card says 1 an\n    criteria:\n      # The website"
        try Self.publish(&f, [(old, old.replacingOccurrences(of: "validityYears: 1 ", with: "validityYears: 2 "))])
        #expect(f.hub.catalogue.badge("attractivite")?.validityYears == 2)
        let checkedBefore = try Self.award(f, BadgesFixture.caen, "attractivite", on: "2027-02-01", version: "2026.1")
        let checkedAfter = try Self.award(f, BadgesFixture.rouen, "attractivite", on: "2027-02-01", version: "2027.1")
        #expect(checkedBefore.validUntil == Day("2028-02-01") && checkedBefore.catalogueVersion == "2026.1")
        #expect(checkedAfter.validUntil == Day("2029-02-01") && checkedAfter.catalogueVersion == "2027.1")
    }

    /// 2027.1 makes post-cfa mandatory from 2027-01-10: a CFA labelled under 2026.1 without it
    /// holds the label until that day, not after; its lapse day is known in advance.
    @Test func theLabelRuleIsTheOneOfTheVersionInForce() throws {
        var f = try BadgesFixture(.sqlite)
        defer { f.remove() }
        try f.earnTheLabel(BadgesFixture.caen, on: "2026-01-15")
        let postCFA = "  - id: post-cfa\n    number: 12\n    title: \"Post-CFA\"\n"
        let draft = try f.hub.catalogues.makeDraft()
        let text = try String(contentsOfFile: draft, encoding: .utf8)
        let start = try #require(text.range(of: postCFA))
        let mandatory = try #require(text.range(of: "mandatory: false", range: start.upperBound..<text.endIndex))
        try text.replacingCharacters(in: mandatory, with: "mandatory: true").write(toFile: draft, atomically: true, encoding: .utf8)
        let labelBefore = try #require(try f.credential(BadgesFixture.caen, BadgeCredential.label))
        #expect(labelBefore.validUntil == Day("2027-01-15") && labelBefore.revokedAt == nil)
        try Self.publish(&f, [])
        #expect(f.hub.catalogue.mandatoryBadges.count == 6)
        // Published on 2027-01-10: from that day the label no longer holds, its credential (valid
        // until 2027-01-15 by the old rule) is revoked at the publication.
        let labelAfter = try #require(try f.credential(BadgesFixture.caen, BadgeCredential.label))
        #expect(labelAfter.revokedAt != nil)
        #expect(!(try f.verify(labelAfter.json, on: "2027-01-11").isValid))

        let held = try f.hub.label(uai: BadgesFixture.caen, on: Day("2026-06-01")!)
        #expect(held.held && held.missingMandatory.isEmpty)
        #expect(held.lapsesOn == Day("2027-01-10"), "\(String(describing: held.lapsesOn))")
        let before = try f.hub.label(uai: BadgesFixture.caen, on: Day("2027-01-09")!)
        #expect(before.held)
        let after = try f.hub.label(uai: BadgesFixture.caen, on: Day("2027-01-12")!)
        #expect(!after.held && after.missingMandatory == ["post-cfa"], "\(after)")
        #expect(after.validBadges.count == 10)
        // The review room records the lapse on the day the new rule came into force.
        try f.hub.refreshExpiries(on: Day("2027-01-12")!, now: BadgesFixture.moment("2027-01-12"))
        let events = try f.hub.store.read { try $0.labelEvents(uai: BadgesFixture.caen) }
        #expect(events.map(\.kind) == [.awarded, .lapsed] && events.last?.day == Day("2027-01-10"), "\(events)")
    }
}
