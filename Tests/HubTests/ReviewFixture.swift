import DossierCore
import Foundation
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// The two `ReviewStore` implementations, for tests run against both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, memory

    var testDescription: String { rawValue }

    /// A new, empty store (the SQLite one in `folder`).
    func make(in folder: URL) throws -> ReviewStore {
        switch self {
        case .sqlite: try SQLiteReviewStore(path: folder.appendingPathComponent("review.sqlite").path)
        case .memory: MemoryReviewStore()
        }
    }
}

/// The built-in catalogue, loaded once.
private let reviewCatalogue = Result { try Catalogue.builtin() }

/// A hub with three registered CFAs and a peer group, over either store, in a temporary folder.
struct ReviewFixture {
    static let caen = "0141234R"
    static let rouen = "0761234D"
    static let evreux = "0271234V"

    /// Fixed moments (noon UTC: the same day in Normandy).
    static func moment(_ day: String, minute: Int = 0) -> Date {
        let parsed = Day(day)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parsed.year, month: parsed.month, day: parsed.day,
                                                  hour: 12, minute: minute))!
    }

    let folder: TemporaryFolder
    let hub: Hub
    var store: ReviewStore { hub.store }
    var catalogue: Catalogue { hub.catalogue }

    init(_ kind: StoreKind = .memory, quorum: Quorum = Quorum()) throws {
        folder = try TemporaryFolder(prefix: "hub-review")
        let catalogue = try reviewCatalogue.get()
        let settings = HubSettings(quorum: quorum)
        switch kind {
        case .sqlite:
            hub = try Hub.create(at: folder.path + "/hub", settings: settings, catalogue: catalogue)
        case .memory:
            hub = Hub(root: folder.path + "/hub", settings: settings, store: MemoryReviewStore(), catalogue: catalogue)
        }
        let now = Self.moment("2026-01-05")
        for (uai, name) in [(Self.caen, "CFA de Caen"), (Self.rouen, "CFA de Rouen"), (Self.evreux, "CFA d'Évreux")] {
            _ = try hub.register(uai: uai, url: "https://git.example.fr/\(uai).git", name: name, now: now)
        }
        // Two pilots (Caen, Rouen), three Badgeons representatives, two Région members.
        _ = try hub.addMember(id: "pilote-caen", role: .cfaPilote, uai: Self.caen, now: now)
        _ = try hub.addMember(id: "pilote-rouen", role: .cfaPilote, uai: Self.rouen, now: now)
        for id in ["badgeons-1", "badgeons-2", "badgeons-3"] { _ = try hub.addMember(id: id, role: .badgeons, uai: nil, now: now) }
        for id in ["region-1", "region-2"] { _ = try hub.addMember(id: id, role: .region, uai: nil, now: now) }
    }

    func remove() { folder.remove() }

    /// A fake 40-hex commit id, distinct per (uai, badge, n).
    static func commit(_ uai: String, _ badge: String, _ n: Int) -> String {
        let seed = "\(uai)/\(badge)/\(n)".unicodeScalars.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1.value)) &* 1099511628211 }
        return String(repeating: String(seed, radix: 16, uppercase: false), count: 3).padding(toLength: 40, withPad: "0", startingAt: 0)
    }

    /// Stores a submission of `badge` by `uai` the way the reconciler does: open requests of the
    /// same badge are superseded by it (the logic of `CFAReconcile`).
    @discardableResult
    func submit(_ uai: String, _ badge: String, n: Int = 1, kind: Submission.Kind = .first,
                on day: String = "2026-01-10") throws -> Submission {
        let now = Self.moment(day)
        let tag = "submissions/\(badge)/\(day)-\(n)"
        let commit = Self.commit(uai, badge, n)
        let submission = Submission(uai: uai, badge: badge, tag: tag, tagTarget: commit, commit: commit, kind: kind,
                                    submittedAt: now, ingestedAt: now, ready: true, problems: [], message: "Demande \(badge)\n")
        return try store.write { tx in
            for var older in try tx.submissions(uai: uai, badge: badge) where older.state.isOpen {
                try hub.setState(tx, &older, .superseded, actor: "hub", now: now, reason: nil, codes: [.supersededBy(tag: tag)])
            }
            return try tx.insert(submission, evidence: [])
        }
    }

    /// Submits `badge`, gathers the default quorum (a Badgeons and a Région approval) and awards it on `day`.
    @discardableResult
    func award(_ uai: String, _ badge: String, on day: String, n: Int = 1) throws -> Award {
        try submit(uai, badge, n: n, kind: n == 1 ? .first : .renewal, on: day)
        let now = Self.moment(day)
        try hub.vote(uai: uai, badge: badge, memberID: "badgeons-1", verdict: .approve, reason: "Preuves solides", now: now)
        try hub.vote(uai: uai, badge: badge, memberID: "region-2", verdict: .approve, reason: "Conforme", now: now)
        return try hub.award(uai: uai, badge: badge, memberID: "region-1", day: Day(day)!, now: now)
    }

    func submission(_ id: Int64?) throws -> Submission {
        try #require(try store.read { tx in try id.flatMap(tx.submission) })
    }

    func votes(_ id: Int64?) throws -> [Vote] {
        try store.read { tx in try id.map(tx.votes(submission:)) ?? [] }
    }

    func audit() throws -> [AuditEntry] { try store.read { try $0.audit(uai: nil) } }

    /// The state-change rows of the operation log for one submission.
    func stateChanges(_ id: Int64?) throws -> [AuditEntry] {
        try audit().filter { $0.action == "state" && $0.submissionID == id }
    }
}
