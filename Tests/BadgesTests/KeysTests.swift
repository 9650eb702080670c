import Credentials
import DossierCore
import Foundation
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// `hub keys init [--keys DIR]`: where the keys go, who can read them, what is refused.
@Suite struct KeysTests {
    @Test func keysInitWithAFolderRecordsItInHubYAMLAndSignsEarlierAwards() throws {
        let f = try BadgesFixture(.sqlite, keys: false)
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        let elsewhere = f.folder.path + "/secret-keys"
        let (hub, issued) = try Hub.initializeKeys(root: f.root, folder: elsewhere, catalogue: f.catalogue, day: Day("2026-01-11")!,
                                                   now: BadgesFixture.moment("2026-01-11"))
        #expect(issued == 1)
        #expect(hub.keysFolder == elsewhere && hub.settings.keysFolder == elsewhere)
        #expect(try Hub.open(at: f.root, catalogue: f.catalogue).keysFolder == elsewhere)  // recorded in hub.yaml
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: elsewhere)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
        for file in try FileManager.default.contentsOfDirectory(atPath: elsewhere) where !file.hasSuffix(".json") {
            let fileMode = try #require(try FileManager.default.attributesOfItem(atPath: elsewhere + "/" + file)[.posixPermissions] as? Int)
            #expect(fileMode & 0o077 == 0, "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: f.root + "/keys"))
        // A second init refuses: rotation is its own, explicit act.
        #expect(throws: CredentialError.self) {
            try Hub.initializeKeys(root: f.root, folder: nil, catalogue: f.catalogue, day: Day("2026-01-12")!)
        }
    }

    @Test func keysAreNeverMadeInsideTheMirrors() throws {
        let f = try BadgesFixture(.sqlite, keys: false)
        defer { f.remove() }
        #expect(throws: CredentialError.self) {
            try Hub.initializeKeys(root: f.root, folder: f.root + "/mirrors/keys", catalogue: f.catalogue, day: Day("2026-01-12")!)
        }
        #expect(!FileManager.default.fileExists(atPath: f.root + "/mirrors/keys"))
    }

    @Test func olderHubYAMLFilesStayValidAndTheNewFieldsAreRead() throws {
        let folder = try TemporaryFolder(prefix: "hub-yaml")
        defer { folder.remove() }
        let old = try folder.write("name: Région Normandie\nquorum:\n  approvals: 2\n  distinctRoles: 2\njobs: 4\n", to: "old.yaml")
        let settings = try HubSettings.load(old.path)
        #expect(settings.publicURL == HubSettings.defaultPublicURL && settings.issuerName == "Région Normandie" && settings.keysFolder == nil)
        let new = try folder.write("publicURL: https://badges.example.fr/\nissuerEmail: label@example.fr\n", to: "new.yaml")
        let read = try HubSettings.load(new.path)
        #expect(read.publicURL == "https://badges.example.fr/" && read.issuerEmail == "label@example.fr")
        let bad = try folder.write("publicURL: ftp://example.fr\n", to: "bad.yaml")
        #expect(throws: HubError.self) { try HubSettings.load(bad.path) }
    }
}
