import DossierCore
import Foundation
import Testing
@testable import Hub
@testable import HubReview

/// The one door between reconcile and the review room (`ReconcileInbox`), over both stores.
@Suite("Reconcile inbox")
struct ReconcileInboxTests {
    let caen = ReviewFixture.caen

    func request(_ f: ReviewFixture, n: Int, on day: String) -> Submission {
        let commit = ReviewFixture.commit(caen, "tutorat", n)
        let now = ReviewFixture.moment(day)
        return Submission(uai: caen, badge: "tutorat", tag: "submissions/tutorat/\(day)-\(n)", tagTarget: commit, commit: commit,
                          kind: .first, submittedAt: now, ingestedAt: now, ready: true, problems: [], message: "Demande\n")
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchIsStoredWholeAndSupersedesTheOpenRequest(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let older = try f.submit(caen, "tutorat", n: 1, on: "2026-01-10")
        let inbox: any ReconcileInbox = f.hub
        let now = ReviewFixture.moment("2026-01-12")
        try inbox.receive(IngestBatch(uai: caen, items: [.init(submission: request(f, n: 2, on: "2026-01-12"), evidence: [])],
                                      notes: [.olderRequestsSkipped(count: 1)], refsDigest: "digest-1", now: now))
        let state = try inbox.ingestState(uai: caen)
        #expect(state.submissions.map(\.tag) == [older.tag, "submissions/tutorat/2026-01-12-2"])
        #expect(state.submissions.map(\.state) == [.superseded, .submitted])
        let record = try #require(try f.store.read { try $0.cfa(caen) })
        #expect(record.refsDigest == "digest-1")
        #expect(record.lastReconciledAt == now)
        #expect(try f.audit().filter { $0.uai == caen }.map(\.action).suffix(3) == ["state", "ingest", "ingest-bounded"])
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchThatCannotBeStoredLeavesNothing(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let inbox: any ReconcileInbox = f.hub
        var stray = request(f, n: 1, on: "2026-01-12")
        stray.uai = "0509999Z"  // never registered
        let batch = IngestBatch(uai: "0509999Z", items: [.init(submission: stray, evidence: [])], notes: [],
                                refsDigest: "digest-1", now: ReviewFixture.moment("2026-01-12"))
        #expect(throws: (any Error).self) { try inbox.receive(batch) }
        #expect(try f.store.read { try $0.submissions(uai: nil, badge: nil) }.isEmpty)
        #expect(try f.audit().allSatisfy { $0.action != "ingest" })
    }

    @Test(arguments: StoreKind.allCases)
    func decisionsAreDueAfterAChangeOrWhenTheRemoteLacksThem(_ kind: StoreKind) throws {
        let f = try ReviewFixture(kind)
        defer { f.remove() }
        let inbox: any ReconcileInbox = f.hub
        #expect(try inbox.decisionsDue(uai: caen, remoteHas: nil) == nil)
        try f.award(caen, "tutorat", on: "2026-02-01")
        let due = try #require(try inbox.decisionsDue(uai: caen, remoteHas: nil))
        #expect(due.decisions.map(\.outcome) == [.awarded])
        let pushed = String(repeating: "a", count: 40)
        try inbox.decisionsDelivered(due, uai: caen, pushed: pushed, now: ReviewFixture.moment("2026-02-02"))
        #expect(try inbox.decisionsDue(uai: caen, remoteHas: pushed) == nil)
        // The CFA's repository lost them: due again, though nothing was decided since.
        #expect(try inbox.decisionsDue(uai: caen, remoteHas: nil)?.decisions.count == 1)
        #expect(try f.store.read { try $0.cfa(caen) }?.decisionsDelivered == pushed)
    }
}
