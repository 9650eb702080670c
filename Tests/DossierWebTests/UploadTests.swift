import DossierCore
import DossierRepository
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DossierWeb

/// `POST /badge/:id/upload`: files streamed to `.git/dossier/uploads/` then moved into the badge as
/// `dossier add` records them; hostile names, a cut body, a missing token, a stale page: refused,
/// nothing written, no temporary file left.
@Suite struct UploadTests {
    static func fields(_ page: TestResponse, criterion: String = "personnels-identifies") -> [UploadPart] {
        [.field("csrf", UIBrowser.csrf(in: page) ?? ""), .field("fingerprint", UIBrowser.hidden("fingerprint", in: page) ?? ""),
         .field("criterion", criterion)]
    }

    static func uploadsAreEmpty(_ fixture: UIFixture) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixture.root + "/.git/dossier/uploads")) ?? []).isEmpty
    }

    @Test func filesAreRecordedAsAddRecordsThem() async throws {
        let fixture = try UIFixture()
        let video = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let response = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [
                .field("title", ""), .file("Vidéo métiers.mp4", video), .file("charte.pdf", Array("%PDF-1.7\r\n--x".utf8)),
            ])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/badge/tutorat?done=added&n=2")
            let claim = try fixture.claim("tutorat")
            #expect(claim.evidence.map(\.id) == ["video-metiers", "charte"])
            #expect(claim.evidence.map(\.title) == ["Vidéo métiers", "charte"])
            #expect(claim.evidence.allSatisfy { $0.criterion == "personnels-identifies" })
            #expect(claim.evidence[0].location == .file(path: "Vidéo métiers.mp4", sha256: Digest.sha256(video), size: video.count))
            let folder = fixture.root + "/badges/tutorat/evidence/"
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "Vidéo métiers.mp4")) == Data(video))
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "charte.pdf")) == Data("%PDF-1.7\r\n--x".utf8))
            #expect(Self.uploadsAreEmpty(fixture))
            let after = try await browser.get("/badge/tutorat?done=added&n=2").text
            #expect(after.contains("2 fichier(s) ajouté(s)."))
            #expect(BadgePageTests.article("personnels-identifies", in: after).contains("Vidéo métiers.mp4"))
            // A title given for several files names each of them.
            let again = try await browser.get("/badge/tutorat")
            _ = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(again, criterion: "outils-distance") + [
                .field("title", "Captures"), .file("a.png", [1]), .file("b.png", [2]),
            ])
            #expect(try fixture.claim("tutorat").evidence.suffix(2).map(\.title) == ["Captures (a.png)", "Captures (b.png)"])
        }
    }

    @Test(arguments: ["../evil.txt", "../../.git/config", "a/b.txt", "C:\\\\Users\\\\evil.txt", ".git", ".gitattributes", "..", "nul%00byte.txt",
                      "line%0Abreak.txt", "tab\tname.txt", "bell\u{7}.txt"])
    func hostileNamesAreRefused(name: String) async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let before = fixture.snapshot()
            let wire = name.replacingOccurrences(of: "%00", with: "\u{0}")
            let response = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [
                .file("ok.txt", Array("fine".utf8)), .file(wire, Array("evil".utf8)),
            ])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Nom de fichier refusé"))
            #expect(response.text.contains("rien n&#39;a été écrit") || response.text.contains("rien n'a été écrit"))
            #expect(fixture.snapshot() == before)
            #expect(Self.uploadsAreEmpty(fixture))
        }
    }

    @Test func anUploadCutInTheMiddleLeavesNothing() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let before = fixture.snapshot()
            let response = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [
                .file("complete.pdf", Array("whole".utf8)), .file("video.mp4", [UInt8](repeating: 9, count: 100_000)),
            ], close: false)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("L&#39;envoi s&#39;est interrompu") || response.text.contains("L'envoi s'est interrompu"))
            #expect(fixture.snapshot() == before)
            #expect(Self.uploadsAreEmpty(fixture))
        }
    }

    @Test func withoutTheTokenFirstNothingIsWritten() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let before = fixture.snapshot()
            let fields = Self.fields(page)
            // No token; a forged one; the token after the file (a file's bytes would come before it).
            for parts in [Array(fields.dropFirst()) + [.file("a.pdf", [1])], [.field("csrf", "forged")] + fields.dropFirst() + [.file("a.pdf", [1])],
                          Array(fields.dropFirst()) + [.file("a.pdf", [1]), fields[0]]] {
                let response = try await browser.postMultipart("/badge/tutorat/upload", parts)
                #expect(response.status == .forbidden)
                #expect(fixture.snapshot() == before)
            }
            #expect(Self.uploadsAreEmpty(fixture))
        }
    }

    @Test func aStalePageABadCriterionOrNoFileAreRefused() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            // Edited on the command line after the page was shown.
            let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
            try workspace.editor.set(badge: "tutorat", field: .narrative, value: "depuis le terminal")
            let before = fixture.snapshot()
            let stale = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [.file("a.pdf", [1])])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Ce badge a été modifié en dehors de cette page"))
            #expect(fixture.snapshot() == before)
            let fresh = try await browser.get("/badge/tutorat")
            let badCriterion = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(fresh, criterion: "nope") + [.file("a.pdf", [1])])
            #expect(badCriterion.status == .badRequest)
            #expect(badCriterion.text.contains("critère inconnu pour le badge tutorat : nope"))
            let noFile = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(fresh) + [.file("", [])])
            #expect(noFile.status == .badRequest)
            #expect(noFile.text.contains("Aucun fichier choisi"))
            let unknownBadge = try await browser.postMultipart("/badge/nope/upload", Self.fields(fresh) + [.file("a.pdf", [1])])
            #expect(unknownBadge.status == .notFound)
            let notMultipart = try await browser.submit("/badge/tutorat/upload", from: fresh, [("criterion", "personnels-identifies")])
            #expect(notMultipart.status == .badRequest)
            #expect(fixture.snapshot() == before)
            #expect(Self.uploadsAreEmpty(fixture))
        }
    }

    @Test func aNameAlreadyThereIsRefusedAndTheUploadRemoved() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            var page = try await browser.get("/badge/tutorat")
            _ = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [.file("charte.pdf", [1])])
            page = try await browser.get("/badge/tutorat")
            let before = fixture.snapshot()
            let response = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [.file("new.pdf", [3]), .file("charte.pdf", [2])])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("badges/tutorat/evidence/charte.pdf existe déjà"))
            #expect(fixture.snapshot() == before)
            #expect(Self.uploadsAreEmpty(fixture))
        }
    }

    @Test func aFileOverTheLimitIsRefusedAndRemoved() async throws {
        let fixture = try UIFixture()
        var settings = fixture.app.settings
        settings.maxUploadBytes = 1000
        let app = UIApp(settings: settings)
        app.assumePort(UIFixture.port)
        let before = fixture.snapshot()
        try await Application(router: app.router()).test(.router) { client in
            var browser = UIBrowser(client, launchToken: app.session.launchToken)
            try await browser.open()
            let page = try await browser.get("/badge/tutorat")
            let response = try await browser.postMultipart("/badge/tutorat/upload", Self.fields(page) + [
                .file("small.pdf", [UInt8](repeating: 1, count: 1000)), .file("big.mp4", [UInt8](repeating: 2, count: 1001)),
            ])
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("Fichier trop volumineux : « big.mp4 » dépasse 1000 octets."))
        }
        #expect(fixture.snapshot() == before)
        #expect(Self.uploadsAreEmpty(fixture))
    }
}
