import DossierCore
import Dispatch
import Foundation
import GRDB
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// The `ReviewStore` contract, against the SQLite file and the in-memory store; then what only
/// the SQLite file has (migrations, WAL, the file's own columns).
@Suite struct StoreTests {
    private static let uai = "0141234R"
    /// Whole seconds: SQLite keeps dates to the millisecond.
    private static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    private static func cfa(_ uai: String = uai) -> CFARecord {
        CFARecord(uai: uai, name: "CFA de Caen", url: "https://git.example.fr/\(uai).git", registeredAt: t0)
    }

    private static func submission(_ tag: String = "submissions/tutorat/2026-05-28-1", uai: String = uai) -> Submission {
        Submission(uai: uai, badge: "tutorat", tag: tag, tagTarget: String(repeating: "a", count: 40),
                   commit: String(repeating: "b", count: 40), kind: .first, submittedAt: t0, ingestedAt: t0 + 60,
                   ready: true, problems: [], message: "Demande\n")
    }

    private func withStore(_ kind: StoreKind, _ body: (ReviewStore, TemporaryFolder) throws -> Void) throws {
        let folder = try TemporaryFolder(prefix: "hub-store")
        defer { folder.remove() }
        try body(try kind.make(in: folder.url), folder)
    }

    // MARK: contract, both stores

    @Test(arguments: StoreKind.allCases)
    func everyRecordTypeRoundTrips(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            var cfa = Self.cfa()
            cfa.refsDigest = "digest"
            cfa.lastReconciledAt = Self.t0 + 3600
            cfa.lastError = "unreachable"
            cfa.decisionsDelivered = String(repeating: "c", count: 40)
            let member = Member(id: "pilote-caen", role: .cfaPilote, uai: Self.uai, addedAt: Self.t0)
            let region = Member(id: "region-1", role: .region, uai: nil, addedAt: Self.t0)
            var submission = Self.submission()
            submission.kind = .renewal
            submission.state = .changesRequested
            submission.ready = false
            submission.problems = [.legacy("criterion veille: no evidence"), .problem(.levelTooLow(level: 2, required: 3))]
            submission.baseCommit = String(repeating: "d", count: 40)
            submission.diffJSON = #"{"added":["e1"]}"#
            submission.renewalRulesMet = false
            let evidence = [
                EvidenceRecord(submissionID: 0, evidenceID: "e2", criterion: "veille", title: "Veille 2026", path: "evidence/veille.pdf",
                               sha256: String(repeating: "e", count: 64), size: 1234, url: nil, kind: "file"),
                EvidenceRecord(submissionID: 0, evidenceID: "e1", criterion: "integration", title: "Site", path: nil,
                               sha256: nil, size: nil, url: "https://cfa.example.fr", kind: "url"),
            ]
            var vote = Vote(submissionID: 0, memberID: "region-1", verdict: .changes, reason: "Preuve manquante", castAt: Self.t0)
            var award = Award(uai: Self.uai, badge: "tutorat", submissionID: 0, commit: submission.commit,
                              validFrom: Day("2028-02-29")!, validUntil: Day("2030-02-28")!, awardedBy: "region-1", awardedAt: Self.t0)
            let event = LabelEvent(uai: Self.uai, kind: .lapsed, day: Day("2029-02-28")!, recordedAt: Self.t0)
            let entry = AuditEntry(at: Self.t0, actor: "region-1", action: "state", uai: Self.uai, badge: "tutorat", submissionID: 1,
                                   commit: submission.commit, fromState: "in-review", toState: "changes-requested", reason: "Pourquoi")

            try store.write { tx in
                try tx.insert(cfa)
                try tx.insert(member)
                try tx.insert(region)
                submission = try tx.insert(submission, evidence: evidence)
                vote.submissionID = try #require(submission.id)
                vote = try tx.insert(vote)
                vote.withdrawnAt = Self.t0 + 120
                try tx.update(vote)
                award.submissionID = vote.submissionID
                award = try tx.insert(award)
                award.revokedAt = Self.t0 + 7200
                award.revokedBy = "region-1"
                award.revokeReason = "Fraude"
                try tx.update(award)
                try tx.insert(event)
                try tx.append(entry)
                try tx.setValue("3", for: "decisions.\(Self.uai)")
            }

            try store.read { tx throws in
                #expect(try tx.cfas() == [cfa])
                #expect(try tx.cfa(Self.uai) == cfa)
                #expect(try tx.members() == [member, region])
                #expect(try tx.member("region-1") == region)
                #expect(submission.id == 1)
                #expect(try tx.submission(1) == submission)
                #expect(try tx.submission(uai: Self.uai, tag: submission.tag) == submission)
                #expect(try tx.submissions(uai: nil, badge: nil) == [submission])
                #expect(try tx.evidence(submission: 1) == evidence.map { var e = $0; e.submissionID = 1; return e })
                #expect(try tx.votes(submission: 1) == [vote])
                #expect(try tx.awards(uai: Self.uai) == [award])
                var storedEvent = event
                storedEvent.id = 1
                #expect(try tx.labelEvents(uai: Self.uai) == [storedEvent])
                var storedEntry = entry
                storedEntry.id = 1
                #expect(try tx.audit(uai: Self.uai) == [storedEntry])
                #expect(try tx.audit(uai: "0761234D").isEmpty)
                #expect(try tx.value("decisions.\(Self.uai)") == "3")
                #expect(try tx.value("missing") == nil)
            }
            try store.write { tx in try tx.setValue("4", for: "decisions.\(Self.uai)") }
            #expect(try store.read { try $0.value("decisions.\(Self.uai)") } == "4")
            try store.write { tx in try tx.setValue(nil, for: "decisions.\(Self.uai)") }
            #expect(try store.read { try $0.value("decisions.\(Self.uai)") } == nil)
        }
    }

    /// The queue's projection reads the same requests as `submissions(states:)`, column for column.
    @Test(arguments: StoreKind.allCases)
    func queueRecordsAreTheSubmissionsProjected(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            try store.write { tx in
                try tx.insert(Self.cfa())
                var renewal = Self.submission("submissions/tutorat/2026-05-28-2")
                renewal.kind = .renewal
                renewal.state = .inReview
                renewal.renewalRulesMet = true
                renewal.ready = false
                var done = Self.submission("submissions/tutorat/2026-05-28-3")
                done.state = .awarded
                for submission in [Self.submission(), renewal, done] { _ = try tx.insert(submission, evidence: []) }
            }
            let states: [Submission.State] = [.submitted, .inReview]
            let (records, submissions) = try store.read { tx in (try tx.queueRecords(states: states), try tx.submissions(states: states)) }
            #expect(records.count == 2)
            #expect(records == submissions.compactMap(QueueRecord.init))
            #expect(records.map(\.kind) == [.first, .renewal] && records.map(\.renewalRulesMet) == [nil, true])
            #expect(records.map(\.submittedAt) == [Self.t0, Self.t0] && records.map(\.ready) == [true, false])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func listsComeBackInTheirOrder(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            try store.write { tx in
                for uai in ["0761234D", "0271234V", "0141234R"] { try tx.insert(Self.cfa(uai)) }
                for id in ["zoe", "adam", "mia"] { try tx.insert(Member(id: id, role: .badgeons, uai: nil, addedAt: Self.t0)) }
                for (n, uai) in ["0761234D", "0141234R", "0761234D"].enumerated() {
                    var submission = Self.submission("submissions/tutorat/2026-05-28-\(n)", uai: uai)
                    submission.badge = n == 2 ? "prospection" : "tutorat"
                    _ = try tx.insert(submission, evidence: [])
                }
                for member in ["zoe", "adam"] {
                    _ = try tx.insert(Vote(submissionID: 2, memberID: member, verdict: .approve, reason: "ok", castAt: Self.t0))
                }
            }
            try store.read { tx throws in
                #expect(try tx.cfas().map(\.uai) == ["0141234R", "0271234V", "0761234D"])
                #expect(try tx.members().map(\.id) == ["adam", "mia", "zoe"])
                #expect(try tx.submissions(uai: nil, badge: nil).map(\.id) == [1, 2, 3])
                #expect(try tx.submissions(uai: "0761234D", badge: nil).map(\.id) == [1, 3])
                #expect(try tx.submissions(uai: "0761234D", badge: "tutorat").map(\.id) == [1])
                #expect(try tx.submissions(uai: nil, badge: "tutorat").map(\.id) == [1, 2])
                #expect(try tx.votes(submission: 2).map(\.memberID) == ["zoe", "adam"])
                #expect(try tx.votes(submission: 2).map(\.id) == [1, 2])
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicatesThrowTheHubsErrors(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            try store.write { tx in
                try tx.insert(Self.cfa())
                try tx.insert(Member(id: "badgeons-1", role: .badgeons, uai: nil, addedAt: Self.t0))
                _ = try tx.insert(Self.submission(), evidence: [])
            }
            #expect(throws: HubError.alreadyRegistered(Self.uai)) { try store.write { try $0.insert(Self.cfa()) } }
            #expect(throws: HubError.memberExists("badgeons-1")) {
                try store.write { try $0.insert(Member(id: "badgeons-1", role: .region, uai: nil, addedAt: Self.t0)) }
            }
            #expect(throws: HubError.unknownCFA("0761234D")) {
                try store.write { try $0.insert(Member(id: "pilote-rouen", role: .cfaPilote, uai: "0761234D", addedAt: Self.t0)) }
            }
            // The same tag of the same CFA twice.
            #expect(throws: (any Error).self) { try store.write { _ = try $0.insert(Self.submission(), evidence: []) } }
            try store.read { tx throws in
                #expect(try tx.cfas().count == 1)
                #expect(try tx.members().map(\.id) == ["badgeons-1"])
                #expect(try tx.submissions(uai: nil, badge: nil).count == 1)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func foreignKeysAreEnforced(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            try store.write { tx in
                try tx.insert(Self.cfa())
                try tx.insert(Member(id: "region-1", role: .region, uai: nil, addedAt: Self.t0))
            }
            // A vote for a missing submission, by a missing member; a submission of an unknown CFA;
            // an award of a missing submission; a label event of an unknown CFA.
            #expect(throws: (any Error).self) {
                try store.write { _ = try $0.insert(Vote(submissionID: 42, memberID: "region-1", verdict: .approve, reason: "ok", castAt: Self.t0)) }
            }
            #expect(throws: (any Error).self) {
                try store.write { _ = try $0.insert(Self.submission(uai: "0761234D"), evidence: []) }
            }
            let stored = try store.write { try $0.insert(Self.submission(), evidence: []) }
            let id = try #require(stored.id)
            #expect(throws: (any Error).self) {
                try store.write { _ = try $0.insert(Vote(submissionID: id, memberID: "nobody", verdict: .approve, reason: "ok", castAt: Self.t0)) }
            }
            #expect(throws: (any Error).self) {
                try store.write { tx in
                    _ = try tx.insert(Award(uai: Self.uai, badge: "tutorat", submissionID: 42, commit: stored.commit, validFrom: Day("2026-01-01")!,
                                            validUntil: Day("2028-01-01")!, awardedBy: "region-1", awardedAt: Self.t0))
                }
            }
            #expect(throws: (any Error).self) {
                try store.write { try $0.insert(LabelEvent(uai: "0761234D", kind: .awarded, day: Day("2026-01-01")!, recordedAt: Self.t0)) }
            }
            try store.read { tx throws in
                #expect(try tx.votes(submission: id).isEmpty)
                #expect(try tx.awards(uai: nil).isEmpty)
                #expect(try tx.submissions(uai: nil, badge: nil).count == 1)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedWriteLeavesNothingBehind(_ kind: StoreKind) throws {
        struct Abort: Error {}
        try withStore(kind) { store, _ throws in
            try store.write { try $0.insert(Self.cfa("0761234D")) }
            #expect(throws: Abort.self) {
                try store.write { tx in
                    try tx.insert(Self.cfa())
                    try tx.insert(Member(id: "region-1", role: .region, uai: nil, addedAt: Self.t0))
                    let submission = try tx.insert(Self.submission(), evidence: [])
                    _ = try tx.insert(Vote(submissionID: submission.id!, memberID: "region-1", verdict: .approve, reason: "ok", castAt: Self.t0))
                    try tx.append(AuditEntry(at: Self.t0, actor: "hub", action: "test"))
                    var rouen = try #require(try tx.cfa("0761234D"))
                    rouen.lastError = "changed"
                    try tx.update(rouen)
                    try tx.setValue("x", for: "key")
                    throw Abort()
                }
            }
            try store.read { tx throws in
                #expect(try tx.cfas().map(\.uai) == ["0761234D"])
                #expect(try tx.cfa("0761234D")?.lastError == nil)
                #expect(try tx.members().isEmpty)
                #expect(try tx.submissions(uai: nil, badge: nil).isEmpty)
                #expect(try tx.votes(submission: 1).isEmpty)
                #expect(try tx.audit(uai: nil).isEmpty)
                #expect(try tx.value("key") == nil)
            }
            // Ids given inside the rolled-back write are given again.
            try store.write { try $0.insert(Self.cfa()) }
            let submission = try store.write { try $0.insert(Self.submission(), evidence: []) }
            #expect(submission.id == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aReadCannotChangeAnything(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            #expect(throws: (any Error).self) { try store.read { try $0.insert(Self.cfa()) } }
            #expect(try store.read { try $0.cfas() }.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aReadDoesNotWaitForAWriteAndSeesTheCommittedState(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            try store.write { try $0.insert(Self.cfa("0761234D")) }
            let inside = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            let writer = Thread {
                try? store.write { tx in
                    try tx.insert(Self.cfa())
                    inside.signal()
                    // Bounded, so a read that waits for this write fails the test instead of hanging.
                    _ = release.wait(timeout: .now() + 10)
                }
                done.signal()
            }
            writer.start()
            inside.wait()
            let seenDuringWrite = try store.read { try $0.cfas().map(\.uai) }
            release.signal()
            done.wait()
            #expect(seenDuringWrite == ["0761234D"])
            #expect(try store.read { try $0.cfas().map(\.uai) } == ["0141234R", "0761234D"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentReadersSeeOnlyWholeTransactions(_ kind: StoreKind) throws {
        try withStore(kind) { store, _ throws in
            let writes = 200
            let finished = DispatchSemaphore(value: 0)
            let writer = Thread {
                defer { finished.signal() }
                for n in 0..<writes {
                    try? store.write { tx in
                        try tx.append(AuditEntry(at: Self.t0, actor: "hub", action: "first-\(n)"))
                        try tx.append(AuditEntry(at: Self.t0, actor: "hub", action: "second-\(n)"))
                    }
                }
            }
            writer.start()
            let torn = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: 400) { _ in
                let count = (try? store.read { try $0.audit(uai: nil).count }) ?? -1
                if count < 0 || count % 2 != 0 { torn.increment() }
            }
            finished.wait()
            #expect(torn.value == 0)
            #expect(try store.read { try $0.audit(uai: nil).map(\.id) } == (1...Int64(2 * writes)).map { $0 })
        }
    }

    // MARK: the SQLite file

    @Test func theSQLiteFileHasItsMigrationsWALAndForeignKeys() throws {
        let folder = try TemporaryFolder(prefix: "hub-store")
        defer { folder.remove() }
        let store = try SQLiteReviewStore(path: folder.path + "/review.sqlite")
        #expect(try store.appliedMigrations() == ["v1-registry-review-awards", "v2-media-evidence", "v3-revocation-day", "v4-reason-codes", "v5-web-access", "v6-badge-credentials", "v7-catalogue-version", "v8-proposals"])
        #expect(try store.journalMode() == "wal")
        #expect(try store.foreignKeysEnabled())
        // Reopening applies nothing twice.
        let again = try SQLiteReviewStore(path: folder.path + "/review.sqlite")
        #expect(try again.appliedMigrations() == ["v1-registry-review-awards", "v2-media-evidence", "v3-revocation-day", "v4-reason-codes", "v5-web-access", "v6-badge-credentials", "v7-catalogue-version", "v8-proposals"])
    }

    @Test func reopeningTheFileKeepsTheData() throws {
        let folder = try TemporaryFolder(prefix: "hub-store")
        defer { folder.remove() }
        let path = folder.path + "/review.sqlite"
        let stored = try {
            let store = try SQLiteReviewStore(path: path)
            return try store.write { tx in
                try tx.insert(Self.cfa())
                return try tx.insert(Self.submission(), evidence: [])
            }
        }()
        let reopened = try SQLiteReviewStore(path: path)
        try reopened.read { tx throws in
            #expect(try tx.cfas() == [Self.cfa()])
            #expect(try tx.submissions(uai: nil, badge: nil) == [stored])
        }
    }

    @Test func daysAreStoredAsISOText() throws {
        let folder = try TemporaryFolder(prefix: "hub-store")
        defer { folder.remove() }
        let path = folder.path + "/review.sqlite"
        let store = try SQLiteReviewStore(path: path)
        try store.write { tx in
            try tx.insert(Self.cfa())
            try tx.insert(Member(id: "region-1", role: .region, uai: nil, addedAt: Self.t0))
            let submission = try tx.insert(Self.submission(), evidence: [])
            _ = try tx.insert(Award(uai: Self.uai, badge: "tutorat", submissionID: submission.id!, commit: submission.commit,
                                    validFrom: Day("2028-02-29")!, validUntil: Day("2030-02-28")!, awardedBy: "region-1", awardedAt: Self.t0))
            try tx.insert(LabelEvent(uai: Self.uai, kind: .awarded, day: Day("2027-01-05")!, recordedAt: Self.t0))
        }
        // A second, independent connection reads the raw columns.
        let raw = try DatabaseQueue(path: path)
        try raw.read { db in
            let award = try #require(try Row.fetchOne(db, sql: "SELECT validFrom, typeof(validFrom) AS t1, validUntil, typeof(validUntil) AS t2 FROM award"))
            #expect(award["validFrom"] as String? == "2028-02-29")
            #expect(award["t1"] as String? == "text")
            #expect(award["validUntil"] as String? == "2030-02-28")
            #expect(award["t2"] as String? == "text")
            let event = try #require(try Row.fetchOne(db, sql: "SELECT day, typeof(day) AS t FROM labelEvent"))
            #expect(event["day"] as String? == "2027-01-05")
            #expect(event["t"] as String? == "text")
        }
    }

    @Test func anUnreadableFileIsReportedAsACorruptStore() throws {
        let folder = try TemporaryFolder(prefix: "hub-store")
        defer { folder.remove() }
        let path = folder.path + "/review.sqlite"
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteReviewStore(path: path)
        } throws: { error in
            if case HubError.corruptStore = error { return true }
            return false
        }
    }
}

/// A counter shared by concurrent closures.
private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
