import DossierCore
import Foundation
import GRDB
import Testing
import TestServers
@testable import Hub
@testable import HubReview

/// Reasons and check problems are stored as codes with arguments and rendered in the reader's
/// language; rows stored before codes (English text) stay readable as they were.
@Suite struct StoredTextTests {
    private static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func codesAreStoredAndRenderedInTheReadersLanguage() throws {
        let folder = try TemporaryFolder(prefix: "hub-text")
        defer { folder.remove() }
        let path = folder.path + "/review.sqlite"
        let store = try SQLiteReviewStore(path: path)
        let day = try #require(Day("2026-11-30"))
        let reasons: [HubReason] = [.tagMoved(tag: "submissions/tutorat/2026-11-30-1", ingestedOn: day),
                                    .unsafeTree(tag: "submissions/tutorat/2026-11-30-2", refusal: .symlink("badges/tutorat/evidence/x")),
                                    .invalidDossier(tag: "submissions/tutorat/2026-11-30-3", errors: [DossierError(.missingField("uai"), file: "dossier.yaml", line: 2)])]
        try store.write { tx in
            var cfa = CFARecord(uai: "0141234R", name: nil, url: "/x", registeredAt: Self.t0)
            cfa.failure = reasons
            try tx.insert(cfa)
            var submission = Submission(uai: "0141234R", badge: "tutorat", tag: "submissions/tutorat/2026-11-30-1",
                                        tagTarget: String(repeating: "a", count: 40), commit: String(repeating: "b", count: 40),
                                        kind: .first, submittedAt: Self.t0, ingestedAt: Self.t0, ready: false,
                                        problems: [.problem(.levelTooLow(level: 1, required: 2)),
                                                   .problem(.tooFewCriteria(needed: 2, met: 1, among: ["a", "b"]))], message: "")
            submission = try tx.insert(submission, evidence: [])
            try tx.append(AuditEntry(at: Self.t0, actor: "hub", action: "reconcile-failed", uai: "0141234R", codes: reasons))
        }
        let (cfa, submission, entry) = try store.read { tx in
            (try tx.cfa("0141234R"), try tx.submissions(uai: nil, badge: nil).first, try tx.audit(uai: nil).last)
        }
        #expect(cfa?.failureReasons == reasons)
        #expect(entry?.reasonCodes == reasons)
        let french = HubReason.line(reasons, .fr)
        #expect(french.contains("submissions/tutorat/2026-11-30-1 : étiquette déplacée chez le CFA (historique réécrit) ; la demande reçue le 2026-11-30 est conservée"), "\(french)")
        #expect(french.contains("lien symbolique dans le dossier : badges/tutorat/evidence/x"), "\(french)")
        #expect(entry?.reasonText(.fr) == french)
        #expect(entry?.reasonText(.en)?.contains("moved upstream (history rewritten)") == true)
        #expect(submission?.problems.map { $0.text(.fr) } == [Problem.levelTooLow(level: 1, required: 2).text(.fr),
                                                               Problem.tooFewCriteria(needed: 2, met: 1, among: ["a", "b"]).text(.fr)])
        // In the file: codes and arguments, not sentences.
        let raw = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT problems FROM submission") }
        #expect(raw == #"[{"args":["1","2"],"code":"levelTooLow"},{"args":["2","1","a","b"],"code":"tooFewCriteria"}]"#
                || raw == #"[{"code":"levelTooLow","args":["1","2"]},{"code":"tooFewCriteria","args":["2","1","a","b"]}]"#, "\(raw ?? "")")
    }

    /// Rows written by a hub from before codes: English text in `lastError`, `reason` and `problems`.
    @Test func rowsStoredBeforeCodesStayReadable() throws {
        let folder = try TemporaryFolder(prefix: "hub-text")
        defer { folder.remove() }
        let path = folder.path + "/review.sqlite"
        _ = try SQLiteReviewStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO cfa (uai, url, registeredAt, lastError) VALUES ('0141234R', '/x', '2026-01-01 00:00:00.000', 'unreachable: no answer for 60 s')")
            try db.execute(sql: """
                INSERT INTO submission (uai, badge, tag, tagTarget, "commit", kind, state, submittedAt, ingestedAt, ready, problems, message)
                VALUES ('0141234R', 'tutorat', 't', 'a', 'b', 'first', 'superseded', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000', 0,
                        '["levelTooLow: level 1 is below the required 2"]', '')
                """)
            try db.execute(sql: "INSERT INTO audit (at, actor, action, uai, reason) VALUES ('2026-01-01 00:00:00.000', 'hub', 'state', '0141234R', 'superseded by t2')")
        }
        let store = try SQLiteReviewStore(path: path)
        let (cfa, submission, entry) = try store.read { tx in
            (try tx.cfa("0141234R"), try tx.submissions(uai: nil, badge: nil).first, try tx.audit(uai: nil).first)
        }
        #expect(cfa?.hasFailed == true && cfa?.failureReasons == [.legacy("unreachable: no answer for 60 s")])
        #expect(submission?.problems == [.legacy("levelTooLow: level 1 is below the required 2")])
        #expect(submission?.problems.first?.code == "levelTooLow")
        #expect(entry?.reasonText(.fr) == "superseded by t2" && entry?.reasonCodes == nil)
    }
}
