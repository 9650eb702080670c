import Credentials
import DossierCore
import Foundation
import LinkedData
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// An award signs its credential in the same transaction; revocation sets its status bit; the label
/// has its own credential; without keys awards wait for `issueBadgeCredentials`.
@Suite struct IssuingAtAwardTests {
    @Test(arguments: StoreKind.allCases)
    func anAwardStoresACredentialBothVerifiersAccept(_ kind: StoreKind) throws {
        let f = try BadgesFixture(kind)
        defer { f.remove() }
        let award = try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        let credential = try #require(try f.credential(BadgesFixture.caen, "prospection"))
        #expect(credential.awardID == award.id)
        #expect(credential.validFrom == award.validFrom && credential.validUntil == award.validUntil)

        let json = try JSONValue.parse(credential.json)
        #expect(json["id"]?.stringValue == BadgesFixture.baseURL + "/credentials/\(BadgesFixture.caen)/prospection.json")
        #expect(json["credentialSubject"]?["name"]?.stringValue == "CFA de Caen <Métiers & Arts>")
        let evidence = json["evidence"]?.asArray.first?["description"]?.stringValue ?? ""
        #expect(evidence.contains("submissions/prospection/2026-01-10-1") && evidence.contains(BadgesFixture.commit(BadgesFixture.caen, "prospection", 1)))
        #expect(json["issuer"]?["email"]?.stringValue == "label-numerique@normandie.example")

        #expect(try f.verify(credential.json).isValid)
        #expect(try f.verify(credential.jwt).isValid)

        let documents = try f.issuerDocuments()
        let jsonFile = try f.folder.write(credential.json, to: "badge.json")
        let jwtFile = try f.folder.write(credential.jwt, to: "badge.jwt")
        for file in [jsonFile, jwtFile] {
            let run = try Tools.ob3verify(file.path, documents: documents, folder: f.folder)
            #expect(run.status == 0 && !run.stdout.contains("FAIL"), "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("PASS"), "\(run.stdout)")
        }
        let profileFile = try f.folder.write(documents.profile, to: "profile.json")
        let schema = try Tools.schemaErrors([("achievementcredential.json", jsonFile.path), ("profile.json", profileFile.path)])
        #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")
    }

    @Test(arguments: StoreKind.allCases)
    func revokingSetsTheStatusBitAndOb3verifySaysRevoked(_ kind: StoreKind) throws {
        let f = try BadgesFixture(kind)
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        try f.award(BadgesFixture.rouen, "prospection", on: "2026-01-10")
        try f.hub.revoke(uai: BadgesFixture.caen, badge: "prospection", memberID: "region-1", reason: "Preuve falsifiée",
                         day: Day("2026-03-01"), now: BadgesFixture.moment("2026-03-01"))
        let revoked = try #require(try f.credential(BadgesFixture.caen, "prospection"))
        let other = try #require(try f.credential(BadgesFixture.rouen, "prospection"))
        #expect(revoked.revokedAt != nil && other.revokedAt == nil)

        let list = try JSONValue.parse(try f.issuerDocuments().statusList)
        let bits = try StatusList(encoded: try #require(list["credentialSubject"]?["encodedList"]?.stringValue))
        #expect(try bits.isSet(revoked.statusIndex))
        #expect(try !bits.isSet(other.statusIndex))

        let report = try f.verify(revoked.json)
        #expect(!report.isValid && report.failed(.status))
        #expect(try f.verify(other.json).isValid)
        let run = try Tools.ob3verify(try f.folder.write(revoked.json, to: "revoked.json").path, documents: try f.issuerDocuments(), folder: f.folder)
        #expect(run.status != 0 && run.stdout.contains("FAIL revocation bit"), "\(run.stdout)")
    }

    @Test func aRenewalReissuesWithTheSameIdIndexAndFirstAwardDate() throws {
        let f = try BadgesFixture()
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        let first = try #require(try f.credential(BadgesFixture.caen, "prospection"))
        let renewal = try f.award(BadgesFixture.caen, "prospection", on: "2028-12-01", n: 2)
        let second = try #require(try f.credential(BadgesFixture.caen, "prospection"))
        #expect(second.awardID == renewal.id && second.statusIndex == first.statusIndex)
        #expect(second.firstAwarded == first.firstAwarded && second.validUntil == renewal.validUntil)
        let a = try JSONValue.parse(first.json), b = try JSONValue.parse(second.json)
        #expect(a["id"] == b["id"] && a["awardedDate"] == b["awardedDate"] && a["validFrom"] != b["validFrom"])
        #expect(try f.verify(second.json, on: "2029-02-01").isValid)
    }

    @Test(arguments: StoreKind.allCases)
    func theLabelCredentialFollowsTheLabelAndARevocation(_ kind: StoreKind) throws {
        let f = try BadgesFixture(kind)
        defer { f.remove() }
        try f.earnTheLabel(BadgesFixture.caen)
        let label = try #require(try f.credential(BadgesFixture.caen, BadgeCredential.label))
        let status = try f.hub.label(uai: BadgesFixture.caen, on: Day("2026-01-15")!)
        #expect(status.held && label.validUntil == status.lapsesOn)
        let json = try JSONValue.parse(label.json)
        #expect(json["credentialSubject"]?["achievement"]?["achievementType"]?.stringValue == "QualityAssuranceCredential")
        #expect(try f.verify(label.json).isValid)
        let labelFile = try f.folder.write(label.json, to: "label.json")
        let run = try Tools.ob3verify(labelFile.path, documents: try f.issuerDocuments(), folder: f.folder)
        #expect(run.status == 0, "\(run.stdout)")

        // Revoking a mandatory badge revokes the label's credential the same day.
        let mandatory = try #require(f.catalogue.mandatoryBadges.first?.id)
        try f.hub.revoke(uai: BadgesFixture.caen, badge: mandatory, memberID: "region-1", reason: "Retrait",
                         day: Day("2026-04-01"), now: BadgesFixture.moment("2026-04-01"))
        let revoked = try #require(try f.credential(BadgesFixture.caen, BadgeCredential.label))
        #expect(revoked.revokedAt == BadgesFixture.moment("2026-04-01"))
        #expect(try f.verify(revoked.json).failed(.status))
        let again = try Tools.ob3verify(labelFile.path, documents: try f.issuerDocuments(), folder: f.folder)
        #expect(again.status != 0 && again.stdout.contains("FAIL revocation bit"), "\(again.stdout)")
    }

    @Test func aRenewalThatMovesTheLapseDateReissuesTheLabel() throws {
        let f = try BadgesFixture()
        defer { f.remove() }
        try f.earnTheLabel(BadgesFixture.caen)
        let before = try #require(try f.credential(BadgesFixture.caen, BadgeCredential.label))
        let status = try f.hub.label(uai: BadgesFixture.caen, on: Day("2026-01-15")!)
        // Renew the badges whose end makes the label lapse.
        for badge in status.renewToPrevent { try f.award(BadgesFixture.caen, badge, on: "2026-06-01", n: 2) }
        let after = try #require(try f.credential(BadgesFixture.caen, BadgeCredential.label))
        #expect(after.validUntil > before.validUntil)
        #expect(after.statusIndex == before.statusIndex && after.firstAwarded == before.firstAwarded)
        #expect(try f.verify(after.json, on: "2026-07-01").isValid)
    }

    @Test(arguments: StoreKind.allCases)
    func withoutKeysAwardsWaitAndKeysInitIssuesThem(_ kind: StoreKind) throws {
        let f = try BadgesFixture(kind, keys: false)
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        #expect(try f.hub.badgeCredentials(uai: nil).isEmpty)
        #expect(try f.hub.publishedIssuerDocuments() == nil)
        #expect(throws: CredentialError.self) { try f.hub.issueBadgeCredentials(day: Day("2026-01-11")!) }

        try IssuerKeyStore(folder: f.hub.keysFolder).initialize()
        #expect(try f.hub.issueBadgeCredentials(day: Day("2026-01-11")!, now: BadgesFixture.moment("2026-01-11")) == 1)
        let credential = try #require(try f.credential(BadgesFixture.caen, "prospection"))
        #expect(try f.verify(credential.json).isValid)
        #expect(try f.hub.issueBadgeCredentials(day: Day("2026-01-12")!, now: BadgesFixture.moment("2026-01-12")) == 0)  // nothing left
        #expect(try f.hub.store.read { try $0.audit(uai: BadgesFixture.caen) }.contains { $0.action == "credential-pending" })
    }

    @Test(arguments: StoreKind.allCases)
    func aMissingPrivateKeyRefusesTheAwardWithOneClearLine(_ kind: StoreKind) throws {
        let f = try BadgesFixture(kind)
        defer { f.remove() }
        for file in try FileManager.default.contentsOfDirectory(atPath: f.hub.keysFolder) where file.hasPrefix("ed25519-") {
            try FileManager.default.removeItem(atPath: f.hub.keysFolder + "/" + file)
        }
        var thrown: CredentialError?
        do { try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10") } catch let error as CredentialError { thrown = error }
        let error = try #require(thrown)
        guard case .keyFile(_, .missing) = error else { Issue.record("\(error)"); return }
        #expect(!error.text(.fr).contains("\n") && error.text(.fr).contains("dossier hub keys init"), "\(error.text(.fr))")
        // Nothing was recorded: the award and its credential are one transaction.
        #expect(try f.hub.store.read { try $0.awards(uai: BadgesFixture.caen) }.isEmpty)
        #expect(try f.hub.badgeCredentials(uai: nil).isEmpty)
    }

    @Test func afterARotationEarlierCredentialsStillVerify() throws {
        let f = try BadgesFixture(.sqlite)
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        let old = try #require(try f.credential(BadgesFixture.caen, "prospection"))
        _ = try f.hub.rotateKeys(day: Day("2026-02-01")!, now: BadgesFixture.moment("2026-02-01"))
        try f.award(BadgesFixture.caen, "tutorat", on: "2026-02-02")
        let new = try #require(try f.credential(BadgesFixture.caen, "tutorat"))
        let documents = try f.issuerDocuments()
        #expect(documents.rotations.count == 1)
        #expect(try f.verify(old.json).isValid && f.verify(old.jwt).isValid)
        #expect(try f.verify(new.json).isValid && f.verify(new.jwt).isValid)
        let run = try Tools.ob3verify(try f.folder.write(old.json, to: "old.json").path, documents: documents, folder: f.folder)
        #expect(run.status == 0, "\(run.stdout)")
    }
}
