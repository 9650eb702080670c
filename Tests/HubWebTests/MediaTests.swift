import DossierCore
import Foundation
import Git
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Remote
import Testing
@testable import HubWeb

@Suite("Web: media evidence (videos)")
struct MediaTests {
    static let evreux = "0271234V"
    static let video: [UInt8] = [0, 0, 0, 0x18] + Array("ftypmp42".utf8) + Array(repeating: 7, count: 3000)

    static func options() -> RemoteOptions {
        RemoteOptions(credentials: CredentialSource(environment: [:], home: "/nonexistent", sshKey: nil),
                      knownHosts: .standard(environment: [:], home: "/nonexistent"),
                      timeout: 10) { _ in }
    }

    /// A CFA whose repository is a path (its media store is `lfs/objects` there) with a video request.
    func fixture(options: RemoteOptions?) throws -> WebFixture {
        let fixture = try WebFixture(mediaOptions: options)
        let remote = fixture.folder + "/evreux.git"
        _ = try Repository.create(at: remote, bare: true)
        try WebFixture.storeMedia(Self.video, inRepository: remote)
        _ = try fixture.hub.register(uai: Self.evreux, url: remote, name: "CFA d'Évreux", now: WebFixture.now)
        try fixture.submit(Self.evreux, badge: fixture.badge, media: [("video", "demo.mp4", Self.video)])
        return fixture
    }

    @Test("a video not yet at the hub: the page offers the fetch button; once fetched it streams with ranges")
    func fetchThenStream() async throws {
        let fixture = try fixture(options: Self.options())
        let page = "/cfa/\(Self.evreux)/\(fixture.badge)/evidence/video"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let before = try await browser.get(page)
            #expect(before.status == .ok)
            #expect(before.text.contains("action=\"\(page)/fetch\"") && !before.text.contains("<video"))
            #expect(try await browser.get(page + "/raw").status == .notFound)
            let csrf = try #require(Browser.csrf(in: before))
            #expect(try await browser.post(page + "/fetch", [("csrf", "bad")]).status == .forbidden)
            let fetched = try await browser.post(page + "/fetch", [("csrf", csrf)])
            #expect(fetched.status == .seeOther)
            let after = try await browser.get(page)
            #expect(after.text.contains("<video") && !after.text.contains("/fetch\""))
            let whole = try await browser.get(page + "/raw")
            #expect(whole.status == .ok && whole.headers[.contentType] == "video/mp4" && whole.body.readableBytes == Self.video.count)
            browser.headers[.range] = "bytes=4-11"
            let part = try await browser.get(page + "/raw")
            #expect(part.status == .partialContent && part.text == "ftypmp42")
            #expect(part.headers[.contentRange] == "bytes 4-11/\(Self.video.count)")
        }
    }

    @Test("without media settings there is no fetch button and the action is 404")
    func noFetch() async throws {
        let fixture = try fixture(options: nil)
        let page = "/cfa/\(Self.evreux)/\(fixture.badge)/evidence/video"
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let before = try await browser.get(page)
            #expect(!before.text.contains("/fetch\"") && before.text.contains("hub media"))
            let csrf = try #require(Browser.csrf(in: before))
            #expect(try await browser.post(page + "/fetch", [("csrf", csrf)]).status == .notFound)
        }
    }
}
