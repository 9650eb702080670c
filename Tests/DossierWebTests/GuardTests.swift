import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DossierWeb

/// The application is reachable only from this computer, through the launch address, with the
/// server's own `Host`, and forms only with this run's token.
@Suite struct GuardTests {
    @Test func withoutTheLaunchTokenEveryPageIsRefused() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            let page = try await browser.get("/")
            #expect(page.status == .forbidden)
            #expect(page.text.contains("clé secrète"))
            #expect(!page.text.contains("Tableau de bord</h1>"))
            let wrong = try await browser.get("/open?token=" + String(repeating: "A", count: 43))
            #expect(wrong.status == .forbidden)
            #expect(browser.cookies[UISession.cookieName] == nil)
        }
    }

    @Test func theLaunchAddressGivesASessionCookie() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            let open = try await browser.get("/open?token=\(browser.launchToken)")
            #expect(open.status == .seeOther)
            #expect(open.headers[.location] == "/")
            let cookie = open.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("Tableau de bord"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == nil)
        }
    }

    @Test(arguments: ["evil.example:48213", "127.0.0.1:1", "127.0.0.2:48213", "localhost.evil.example:48213", "127.0.0.1.nip.io:48213", ""])
    func aForgedHostIsRefused(host: String) async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            browser.host = host
            let page = try await browser.get("/")
            #expect(page.status == .misdirectedRequest)
            #expect(!page.text.contains("Tableau de bord</h1>"))
        }
    }

    @Test func localhostNamesAreAccepted() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            for host in ["localhost:\(UIFixture.port)", "[::1]:\(UIFixture.port)"] {
                browser.host = host
                #expect(try await browser.get("/").status == .ok)
            }
        }
    }

    @Test func aFormWithoutTheTokenChangesNothing() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let refused = try await browser.post("/quit", [("csrf", "forged")])
            #expect(refused.status == .forbidden)
            let missing = try await browser.post("/quit", [])
            #expect(missing.status == .forbidden)
        }
        // The server was not told to quit: a later "Quitter" with the token is the first.
        #expect(!fixture.app.quitSignal.hasFired)
    }

    @Test func hostRules() {
        #expect(UIGuard.hostsAreAllowed(["127.0.0.1:8123"], port: 8123))
        #expect(UIGuard.hostsAreAllowed(["localhost"], port: 8123))
        #expect(!UIGuard.hostsAreAllowed([], port: 8123))
        #expect(!UIGuard.hostsAreAllowed(["localhost:8123", "evil.example:8123"], port: 8123))
        #expect(!UIGuard.hostsAreAllowed(["attacker.example"], port: 8123))
    }

    @Test func connectionsFromAnotherAddressAreRefused() {
        #expect(UIGuard.isLoopback("127.0.0.1"))
        #expect(UIGuard.isLoopback("::1"))
        #expect(!UIGuard.isLoopback("192.168.1.20"))
        #expect(!UIGuard.isLoopback("10.0.0.1"))
    }

    @Test func quitAnswersThenStops() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let home = try await browser.get("/")
            let quit = try await browser.submit("/quit", from: home, [])
            #expect(quit.status == .ok)
            #expect(quit.text.contains("Application arrêtée"))
        }
        #expect(fixture.app.quitSignal.hasFired)
    }

    @Test func englishOnRequest() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            _ = try await browser.get("/lang?to=en&back=/")
            let page = try await browser.get("/")
            #expect(page.text.contains("Dashboard"))
            #expect(page.text.contains("<html lang=\"en\">"))
        }
    }
}
