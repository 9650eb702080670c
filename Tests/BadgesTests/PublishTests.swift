import Credentials
import DossierCore
import Foundation
import LinkedData
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// `hub publish`: the static site served by a real nginx and fetched back; the decisions ref's files.
@Suite struct PublishTests {
    @Test func thePublishedSiteIsServedAndEveryCredentialVerifiesFromIt() throws {
        let site = try TemporaryFolder(prefix: "site")
        defer { site.remove() }
        // The site's URL must be known before awarding: every id in a credential points into it.
        let server = try StaticSiteServer(root: site.path)
        let f = try BadgesFixture(.sqlite, baseURL: server.baseURL)
        defer { f.remove() }
        try f.earnTheLabel(BadgesFixture.caen)
        try f.award(BadgesFixture.rouen, "prospection", on: "2026-01-10")
        try f.hub.revoke(uai: BadgesFixture.rouen, badge: "prospection", memberID: "region-1", reason: "Retrait",
                         day: Day("2026-02-01"), now: BadgesFixture.moment("2026-02-01"))
        // The Région's own artwork for one badge.
        try FileManager.default.createDirectory(atPath: f.root + "/artwork", withIntermediateDirectories: true)
        try Data(Self.tinyPNG).write(to: URL(fileURLWithPath: f.root + "/artwork/tutorat.png"))

        let summary = try PublicSite(hub: f.hub, baseURL: nil, day: Day("2026-06-01")!).write(to: site.path)
        #expect(summary.labelled == 1 && summary.credentials == 12)

        // The issuer Profile, with JWK and Multikey, at the URL the credentials name.
        let issuer = try server.get("/issuer.json")
        #expect(issuer.status == 200)
        let profile = try JSONValue.parse(Array(issuer.body))
        let types = Set((profile["verificationMethod"] ?? .null).asArray.compactMap { $0["type"]?.stringValue })
        #expect(types == ["Multikey", "JsonWebKey"])

        // Each credential fetched back verifies with keys and status list fetched from the site.
        let statusList = try JSONValue.parse(Array(try server.get("/status/1.json").body))
        let verifier = CredentialVerifier(trustedKeys: try TrustedKeys(profile: profile),
                                          statusLists: [server.baseURL + "/status/1.json": statusList],
                                          now: BadgesFixture.moment("2026-06-01"))
        let label = try server.get("/credentials/\(BadgesFixture.caen)/label.json")
        #expect(label.status == 200 && label.contentType.hasPrefix("application/json"))
        let labelJSON = try JSONValue.parse(Array(label.body))
        #expect(labelJSON["id"]?.stringValue == server.baseURL + "/credentials/\(BadgesFixture.caen)/label.json")
        #expect(verifier.verify(bytes: Array(label.body)).isValid)
        #expect(verifier.verify(bytes: Array(try server.get("/credentials/\(BadgesFixture.caen)/label.jwt").body)).isValid)
        #expect(verifier.verify(bytes: Array(try server.get("/credentials/\(BadgesFixture.rouen)/prospection.json").body)).failed(.status))

        // Baked images: the generated SVG, and the Région's PNG artwork.
        let svg = try server.get("/credentials/\(BadgesFixture.caen)/label.svg")
        #expect(svg.status == 200 && svg.contentType.hasPrefix("image/svg+xml"))
        #expect(verifier.verify(bytes: Array(svg.body)).isValid)
        if let tutorat = try f.credential(BadgesFixture.caen, "tutorat") {
            let png = try server.get("/credentials/\(BadgesFixture.caen)/tutorat.png")
            #expect(png.status == 200 && verifier.verify(bytes: Array(png.body)).isValid)
            #expect(tutorat.revokedAt == nil)
        }

        // Achievements: JSON and a French criteria page; every id of the credential resolves.
        for key in ["credentialSubject", "issuer"] {
            let id = try #require(labelJSON[key]?["id"]?.stringValue)
            #expect(try server.get(String(id.dropFirst(server.baseURL.count))).status == 200, "\(id)")
        }
        let achievement = try #require(labelJSON["credentialSubject"]?["achievement"])
        for url in [achievement["id"]?.stringValue, achievement["criteria"]?["id"]?.stringValue, achievement["image"]?["id"]?.stringValue] {
            let url = try #require(url)
            #expect(try server.get(String(url.dropFirst(server.baseURL.count))).status == 200, "\(url)")
        }

        // The showcase: the labelled CFA, escaped, accessible, no script.
        let index = String(decoding: try server.get("/index.html").body, as: UTF8.self)
        #expect(index.contains("CFA de Caen &lt;Métiers &amp; Arts&gt;") && !index.contains("<Métiers"))
        #expect(index.contains("<html lang=\"fr\">") && index.components(separatedBy: "<h1>").count == 2)
        #expect(!index.lowercased().contains("<script"))
        #expect(index.contains("scope=\"col\"") && index.contains("alt=\""))
        #expect(!index.contains("cfa/\(BadgesFixture.rouen).html\">CFA de Rouen</a></h3>"))  // no valid badge left
        let criteria = String(decoding: try server.get("/achievements/prospection.html").body, as: UTF8.self)
        #expect(criteria.contains("<h2>Critères</h2>"))
        let verify = try server.get("/verifier.html")
        #expect(verify.status == 200)

        // axe-core in headless Chromium on the pages a visitor reads (no serious or critical violation, no script).
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            let axe = try Tools.run([Tools.packageRoot.appendingPathComponent("Tests/BadgesTests/axe.py").path, server.baseURL,
                                     "/index.html", "/cfa/\(BadgesFixture.caen).html", "/cfa/\(BadgesFixture.rouen).html",
                                     "/achievements/prospection.html", "/achievements/\(f.catalogue.label.id).html", "/verifier.html"])
            #expect(axe.status == 0, "\(axe.stdout)\(axe.stderr)")
            #expect(axe.stdout.components(separatedBy: "checked ").count == 7, "\(axe.stdout)")
        } else {
            Issue.record("chromium is missing: run scripts/install-deps.sh")
        }
    }

    @Test func aBaseURLOtherThanTheOneCredentialsNameIsRefused() throws {
        let f = try BadgesFixture()
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        #expect(throws: PublishError.baseURLMismatch(issued: BadgesFixture.baseURL, given: "https://ailleurs.example")) {
            try PublicSite(hub: f.hub, baseURL: "https://ailleurs.example/", day: Day("2026-06-01")!)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theDecisionsRefCarriesTheCredentialFilesAndBecomesDue(_ kind: StoreKind) throws {
        let f = try BadgesFixture(kind)
        defer { f.remove() }
        try f.award(BadgesFixture.caen, "prospection", on: "2026-01-10")
        let due = try #require(try f.hub.decisionsDue(uai: BadgesFixture.caen, remoteHas: nil))
        #expect(Set(due.files.keys) == [CredentialPaths.json("prospection"), CredentialPaths.jwt("prospection"),
                                        CredentialPaths.issuerProfile, CredentialPaths.statusList])
        try f.hub.decisionsDelivered(due, uai: BadgesFixture.caen, pushed: "abc", now: BadgesFixture.moment("2026-01-10"))
        #expect(try f.hub.decisionsDue(uai: BadgesFixture.caen, remoteHas: "abc") == nil)
        // A rotation changes the Profile every holder receives, and adds a statement.
        _ = try f.hub.rotateKeys(day: Day("2026-02-01")!)
        let after = try #require(try f.hub.decisionsDue(uai: BadgesFixture.caen, remoteHas: "abc"))
        #expect(after.files[CredentialPaths.rotation(1)] != nil)
        #expect(after.files[CredentialPaths.issuerProfile] != due.files[CredentialPaths.issuerProfile])
        // A CFA without credentials gets no credential file.
        #expect(try f.hub.decisionsDue(uai: BadgesFixture.rouen, remoteHas: nil)?.files.isEmpty ?? true)
    }

    @Test func publishingAgainRewritesOnlyWhatChangedAndLeavesNoTemporaryFile() throws {
        let f = try BadgesFixture(.sqlite)
        defer { f.remove() }
        try f.earnTheLabel(BadgesFixture.caen)
        let site = f.folder.path + "/site"
        let first = try PublicSite(hub: f.hub, baseURL: nil, day: Day("2026-06-01")!).write(to: site)
        let manager = FileManager.default
        func inode(_ path: String) throws -> Int { try #require(try manager.attributesOfItem(atPath: site + "/" + path)[.systemFileNumber] as? Int) }
        let page = "cfa/\(BadgesFixture.caen).html", credential = "credentials/\(BadgesFixture.caen)/prospection.json"
        let (pageBefore, credentialBefore) = (try inode(page), try inode(credential))
        let pageText = try String(contentsOfFile: site + "/" + page, encoding: .utf8)

        // A revocation: the CFA's page changes (replaced: a new file), its credentials do not (left alone).
        try f.hub.revoke(uai: BadgesFixture.caen, badge: "tutorat", memberID: "region-1", reason: "Retrait",
                         day: Day("2026-02-01"), now: BadgesFixture.moment("2026-02-01"))
        let second = try PublicSite(hub: f.hub, baseURL: nil, day: Day("2026-06-01")!).write(to: site)
        #expect(second.files == first.files && second.labelled == 0)
        #expect(try String(contentsOfFile: site + "/" + page, encoding: .utf8) != pageText)
        #expect(try String(contentsOfFile: site + "/" + page, encoding: .utf8).contains("révoqué"))
        #expect(try inode(page) != pageBefore && inode(credential) == credentialBefore)
        let leftovers = try manager.subpathsOfDirectory(atPath: site).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A 1×1 PNG, standing for the Région's artwork.
    static let tinyPNG: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC") ?? Data())
}
