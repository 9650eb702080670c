import DossierCore
import Foundation
import Hub
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HubWeb

@Suite("Web: what each role sees and may do")
struct RoleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let member: String
        let uai: String
        let canVote: Bool
        let canAward: Bool
        var testDescription: String { "\(member) on \(uai)" }
    }

    static let cases = [
        Case(member: "pilote-caen", uai: WebFixture.caen, canVote: false, canAward: false),
        Case(member: "pilote-caen", uai: WebFixture.rouen, canVote: true, canAward: false),
        Case(member: "badgeons-1", uai: WebFixture.caen, canVote: true, canAward: false),
        Case(member: "region-1", uai: WebFixture.caen, canVote: true, canAward: true),
    ]

    @Test("every page opens for every role; the forms follow the hub's rules", arguments: cases)
    func pages(_ role: Case) async throws {
        let fixture = try WebFixture()
        for uai in [WebFixture.caen, WebFixture.rouen] {
            try fixture.submit(uai, badge: fixture.badge, evidence: [WebFixture.text("notes", "Notes", "notes.txt", "texte")])
        }
        let base = "/cfa/\(role.uai)/\(fixture.badge)"
        try await fixture.run { browser in
            #expect(try await browser.signIn(role.member).status == .seeOther)
            for path in ["/", "/queue", base, base + "/evidence/notes", base + "/evidence/notes/raw"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            let page = try await browser.get(base)
            #expect(page.text.contains(base + "/vote\"") == role.canVote)
            #expect(page.text.contains(base + "/award\"") == role.canAward)
            #expect(page.text.contains("href=\"/operations\"") == role.canAward)
            let csrf = try #require(Browser.csrf(in: page))
            let id = try fixture.hub.currentSubmission(uai: role.uai, badge: fixture.badge).id ?? 0
            // Award without the form token: refused before the rules are even asked.
            #expect(try await browser.post(base + "/award", [("submission", String(id))]).status == .forbidden)
            let vote = try await browser.post(base + "/vote", [("csrf", csrf), ("submission", String(id)), ("verdict", "approve"), ("message", "ok")])
            #expect(vote.status == (role.canVote ? .seeOther : .forbidden))
            #expect(try fixture.votes(role.uai, fixture.badge).count == (role.canVote ? 1 : 0))
            let award = try await browser.post(base + "/award", [("csrf", csrf), ("submission", String(id))])
            // A Région member meets the quorum rule (one approval is not enough); the others the role rule.
            #expect(award.status == (role.canAward ? .conflict : .forbidden))
            #expect(try fixture.hub.validAward(uai: role.uai, badge: fixture.badge, on: WebFixture.today) == nil)
        }
    }
}
