import DossierCore
import Foundation
import Hub
import HubReview
import Testing
@testable import HubWeb

/// The web access records in both stores (they stay in step).
@Suite("Web access in the review store")
struct CredentialStoreTests {
    enum Kind: String, CaseIterable { case sqlite, memory }

    func hub(_ kind: Kind) throws -> (Hub, String) {
        let folder = NSTemporaryDirectory() + "hubweb-store-" + UUID().uuidString
        let catalogue = try Catalogue.builtin()
        let hub: Hub = switch kind {
        case .sqlite: try Hub.create(at: folder, catalogue: catalogue)
        case .memory: Hub(root: folder, settings: HubSettings(), store: MemoryReviewStore(), catalogue: catalogue)
        }
        _ = try hub.addMember(id: "m", role: .badgeons, uai: nil)
        return (hub, folder)
    }

    @Test("sessions, invitations, disabling and throttling behave the same in both stores", arguments: Kind.allCases)
    func lifecycle(kind: Kind) throws {
        let (hub, folder) = try hub(kind)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try hub.setPasswordHash(memberID: "m", hash: "$2b$04$x", actor: "hub", now: now)
        #expect(try hub.credential(memberID: "m")?.passwordHash == "$2b$04$x")
        try hub.openSession(WebSession(tokenHash: "h1", memberID: "m", createdAt: now, expiresAt: now.addingTimeInterval(60), address: nil))
        #expect(try hub.sessionMember(tokenHash: "h1", now: now)?.1.id == "m")
        #expect(try hub.sessionMember(tokenHash: "h1", now: now.addingTimeInterval(61)) == nil)
        try hub.invite(memberID: "m", tokenHash: "i1", expiresAt: now.addingTimeInterval(60), actor: "hub", now: now)
        #expect(try hub.invitation(tokenHash: "i1", now: now)?.memberID == "m")
        try hub.disableMember("m", actor: "hub", now: now)
        #expect(try hub.sessionMember(tokenHash: "h1", now: now) == nil)
        #expect(try hub.invitation(tokenHash: "i1", now: now) == nil)
        #expect(throws: HubError.memberDisabled("m")) { try hub.invite(memberID: "m", tokenHash: "i2", expiresAt: now.addingTimeInterval(60), actor: "hub", now: now) }
        #expect(throws: HubError.invitationInvalid) { try hub.acceptInvitation(tokenHash: "i1", passwordHash: "x", now: now) }
        let throttle = SignInThrottle(failures: 2, window: 60)
        try hub.recordSignInFailure(keys: ["member:m"], throttle: throttle, now: now)
        #expect(try !hub.signInThrottled(keys: ["member:m"], throttle: throttle, now: now))
        try hub.recordSignInFailure(keys: ["member:m"], throttle: throttle, now: now)
        #expect(try hub.signInThrottled(keys: ["member:m", "address:x"], throttle: throttle, now: now))
        #expect(try !hub.signInThrottled(keys: ["member:m"], throttle: throttle, now: now.addingTimeInterval(61)))
        #expect(try hub.audit(uai: nil).map(\.action).contains("member-disable"))
        #expect(throws: HubError.unknownMember("nobody")) { try hub.disableMember("nobody", actor: "hub", now: now) }
    }

    @Test("the queue's reads (by state, votes of many requests, the count) agree in both stores", arguments: Kind.allCases)
    func queueReads(kind: Kind) throws {
        let (hub, folder) = try hub(kind)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try hub.register(uai: "0141234R", url: "https://git.example.fr/c.git", name: nil, now: now)
        _ = try hub.addMember(id: "r", role: .region, uai: nil, now: now)
        let badges = hub.catalogue.badges.prefix(3).map(\.id)
        let ids = try badges.map { badge in
            try hub.store.write { tx in
                try tx.insert(Submission(uai: "0141234R", badge: badge, tag: "submissions/\(badge)/2026-01-01-1", tagTarget: "t", commit: "c",
                                         kind: .first, submittedAt: now, ingestedAt: now, ready: true, problems: [], message: ""),
                              evidence: []).id ?? 0
            }
        }
        try hub.vote(uai: "0141234R", badge: badges[0], memberID: "m", verdict: .approve, reason: "ok", now: now)
        try hub.vote(uai: "0141234R", badge: badges[1], memberID: "r", verdict: .reject, reason: "non", now: now)
        try hub.store.write { tx in
            guard var closed = try tx.submission(ids[2]) else { return }
            closed.state = .superseded
            try tx.update(closed)
        }
        #expect(try hub.store.read { try $0.submissions(states: [.submitted, .inReview, .rejected]) }.map(\.id) == [ids[0], ids[1]])
        #expect(try hub.store.read { try $0.submissionCount(states: [.superseded]) } == 1)
        #expect(try hub.openRequestCount() == 2)
        #expect(try hub.store.read { try $0.votes(submissions: ids) }.map(\.memberID) == ["m", "r"])
        #expect(try hub.store.read { try $0.votes(submissions: []) }.isEmpty)
        let queue = try hub.reviewQueue(today: Day(now))
        #expect(queue.map(\.entry.badge).sorted() == [badges[0], badges[1]].sorted())
        #expect(queue.first { $0.entry.badge == badges[0] }?.approvalRoles == [.badgeons])
    }
}
