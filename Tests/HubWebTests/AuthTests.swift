import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb
import WebLayer

@Suite("Web: sign-in, sessions, CSRF, headers")
struct AuthTests {
    @Test("every page but sign-in and static files needs a session: GET goes to the sign-in page")
    func signedOutRedirects() async throws {
        let fixture = try WebFixture()
        try fixture.submit(WebFixture.caen, badge: fixture.badge)
        try await fixture.run { browser in
            for path in ["/", "/queue", "/cfa/\(WebFixture.caen)/\(fixture.badge)", "/cfa/\(WebFixture.caen)/\(fixture.badge)/evidence/x"] {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/signin?next=") == true)
            }
            #expect(try await browser.get("/signin").status == .ok)
            #expect(try await browser.get("/static/app.css").status == .ok)
            #expect(try await browser.get("/static/favicon.svg").status == .ok)
        }
    }

    @Test("sign-in sets an HttpOnly, SameSite session cookie; the store keeps only its hash")
    func signIn() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            let response = try await browser.signIn("badgeons-1")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/queue")
            let cookie = response.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name) } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let token = try #require(browser.cookies[SessionCookie.name])
            #expect(try fixture.hub.sessionMember(tokenHash: Tokens.hash(token), now: WebFixture.now)?.1.id == "badgeons-1")
            #expect(try fixture.hub.store.read { tx in try tx.session(token) } == nil)
            let queue = try await browser.get("/queue")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("badgeons-1"))
        }
    }

    @Test("over https the cookie is Secure")
    func secureCookie() async throws {
        let fixture = try WebFixture(baseURL: "https://revue.example.fr")
        try await fixture.run { browser in
            let response = try await browser.signIn("region-1")
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix(SessionCookie.name) && $0.contains("; Secure") })
        }
    }

    @Test("a wrong password is refused; failures are throttled per member, even with the right password after")
    func throttling() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            for _ in 0..<5 {
                #expect(try await browser.signIn("badgeons-1", password: "wrong password!").status == .unauthorized)
            }
            let refused = try await browser.signIn("badgeons-1")
            #expect(refused.status == .tooManyRequests)
            #expect(browser.cookies[SessionCookie.name] == nil)
            // Another member from elsewhere is not affected by this member's counter.
            var other = Browser(browser.client)
            other.headers[.xForwardedFor] = "192.0.2.7"
            #expect(try await other.signIn("badgeons-2").status == .seeOther)
        }
    }

    @Test("sign-in without the page's form token is refused and opens no session")
    func signInCSRF() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            let response = try await browser.post("/signin", [("member", "region-1"), ("password", WebFixture.password)])
            #expect(response.status == .forbidden)
            #expect(browser.cookies[SessionCookie.name] == nil)
        }
    }

    @Test("sign-out ends the session at once: the old cookie no longer works")
    func signOut() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let token = try #require(browser.cookies[SessionCookie.name])
            let page = try await browser.get("/queue")
            let csrf = try #require(Browser.csrf(in: page))
            #expect(try await browser.post("/signout", [("csrf", csrf)]).status == .seeOther)
            browser.cookies[SessionCookie.name] = token
            #expect(try await browser.get("/queue").status == .seeOther)
            #expect(try fixture.hub.sessionMember(tokenHash: Tokens.hash(token), now: WebFixture.now) == nil)
        }
    }

    @Test("sign-out without the session's token is refused (403) and the session stays")
    func signOutCSRF() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            #expect(try await browser.post("/signout", [("csrf", "0000")]).status == .forbidden)
            #expect(try await browser.get("/queue").status == .ok)
        }
    }

    @Test("hub member disable ends a member's sessions: the old cookie is refused, a POST writes nothing")
    func disabledMember() async throws {
        let fixture = try WebFixture()
        try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")
            let csrf = try #require(Browser.csrf(in: page))
            try WebAccounts(hub: fixture.hub, settings: fixture.app.settings).disable(memberID: "badgeons-1")
            #expect(try await browser.get("/queue").status == .seeOther)
            let vote = try await browser.post("/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote",
                                              [("csrf", csrf), ("submission", "1"), ("verdict", "approve"), ("message", "ok")])
            #expect(vote.status == .unauthorized)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).isEmpty)
            #expect(try await browser.signIn("badgeons-1").status == .unauthorized)
        }
    }

    @Test("every response carries the security headers")
    func securityHeaders() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            for path in ["/signin", "/nowhere", "/static/app.css"] {
                let response = try await browser.get(path)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.referrerPolicy] != nil)
            }
        }
    }

    @Test("unknown routes are a 404 page, signed in or not")
    func notFound() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            let out = try await browser.get("/no/such/page")
            #expect(out.status == .notFound)
            #expect(out.text.contains("<html lang=\"fr\""))
            _ = try await browser.signIn("region-1")
            let signedIn = try await browser.get("/no/such/page")
            #expect(signedIn.status == .notFound)
            #expect(signedIn.text.contains("Cette page n&#39;existe pas"))
        }
    }

    @Test("French by default, English by Accept-Language or the switch")
    func language() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            let french = try await browser.get("/signin")
            #expect(french.text.contains("Mot de passe") && !french.text.contains("role=\"alert\""))
            browser.headers[.acceptLanguage] = "en-GB,en;q=0.9,fr;q=0.5"
            let english = try await browser.get("/signin")
            #expect(english.text.contains("Password") && english.text.contains("<html lang=\"en\""))
            let switched = try await browser.get("/lang?to=fr&back=/signin")
            #expect(switched.status == .seeOther && switched.headers[.location] == "/signin")
            #expect(try await browser.get("/signin").text.contains("Mot de passe"))
            // The switch never sends the browser to another site.
            #expect(try await browser.get("/lang?to=en&back=//evil.example").headers[.location] == "/")
        }
    }

    @Test("an invitation link sets a password once, signs the member in, then is spent")
    func invitation() async throws {
        let fixture = try WebFixture()
        try await fixture.run { browser in
            let (url, _) = try WebAccounts(hub: fixture.hub, settings: fixture.app.settings).invite(memberID: "badgeons-2")
            let path = String(url[try #require(url.range(of: "/invitation/")).lowerBound...])
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            let csrf = try #require(Browser.csrf(in: page))
            #expect(try await browser.post(path, [("csrf", csrf), ("password", "short"), ("confirm", "short")]).status == .badRequest)
            let done = try await browser.post(path, [("csrf", csrf), ("password", "a new long password"), ("confirm", "a new long password")])
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/queue").status == .ok)
            #expect(try await browser.get(path).status == .badRequest)
            var other = Browser(browser.client)
            #expect(try await other.signIn("badgeons-2", password: "a new long password").status == .seeOther)
        }
    }

    @Test("an oversized body is refused with 413 and writes nothing")
    func oversizedBody() async throws {
        let fixture = try WebFixture(maxBody: 2048)
        try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")
            let csrf = try #require(Browser.csrf(in: page))
            let response = try await browser.post("/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote",
                                                  [("csrf", csrf), ("submission", "1"), ("verdict", "approve"),
                                                   ("message", String(repeating: "x", count: 10_000))])
            #expect(response.status == .contentTooLarge)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).isEmpty)
        }
    }

    @Test("a malformed form is a 400 page and writes nothing")
    func malformedForm() async throws {
        let fixture = try WebFixture()
        try fixture.submit(WebFixture.rouen, badge: fixture.badge)
        try await fixture.run { browser in
            _ = try await browser.signIn("badgeons-1")
            let page = try await browser.get("/cfa/\(WebFixture.rouen)/\(fixture.badge)")
            let csrf = try #require(Browser.csrf(in: page))
            let url = "/cfa/\(WebFixture.rouen)/\(fixture.badge)/vote"
            #expect(try await browser.post(url, raw: "csrf=\(csrf)&submission=1&verdict=approve&message=%ZZ").status == .badRequest)
            #expect(try await browser.post(url, [("csrf", csrf), ("submission", "1"), ("verdict", "maybe"), ("message", "m")]).status == .badRequest)
            #expect(try await browser.post(url, raw: "{}", contentType: "application/json").status == .badRequest)
            #expect(try fixture.votes(WebFixture.rouen, fixture.badge).isEmpty)
        }
    }
}

@Suite("Web: over a real socket")
struct LiveTests {
    @Test("failed sign-ins are throttled per address too (the proxy's X-Forwarded-For, believed from loopback only)")
    func throttlePerAddress() async throws {
        let fixture = try WebFixture()
        let application = Application(router: fixture.app.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { (client: any TestClientProtocol) async throws -> Void in
            var attacker = Browser(client)
            attacker.headers[.xForwardedFor] = "192.0.2.1"
            for member in ["badgeons-1", "badgeons-2", "region-1", "pilote-caen", "nobody"] {
                #expect(try await attacker.signIn(member, password: "guessing wrong").status == .unauthorized)
            }
            // The right password from that address is refused now, for any member…
            #expect(try await attacker.signIn("badgeons-1").status == .tooManyRequests)
            // …but not from another address.
            var colleague = Browser(client)
            colleague.headers[.xForwardedFor] = "192.0.2.2"
            #expect(try await colleague.signIn("badgeons-2").status == .seeOther)
        }
    }
}
