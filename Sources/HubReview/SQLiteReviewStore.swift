import DossierCore
import Foundation
public import GRDB

/// The hub's review store: one SQLite file through GRDB, in WAL mode with foreign keys on.
public final class SQLiteReviewStore: ReviewStore {
    let pool: DatabasePool

    /// Opens (creating when needed) the store at `path` and applies pending migrations. A command
    /// that meets another one writing waits `busyWait` seconds, then fails with `HubError.storeBusy`.
    public init(path: String, busyWait: TimeInterval = SQLiteReviewStore.busyWait) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A command that meets another one writing waits this long, then fails with one line (every
        // write transaction of the hub is short: no git work inside one).
        configuration.busyMode = .timeout(busyWait)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw HubError.storeBusy
        } catch let error as DatabaseError {
            throw HubError.corruptStore("\(path): \(error.message ?? error.description)")
        }
    }

    /// The journal mode SQLite reports (`wal`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Whether SQLite enforces foreign keys on this store's connections.
    public func foreignKeysEnabled() throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false }
    }

    /// The names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// How long a command waits for another one's write to end.
    public static let busyWait: TimeInterval = 10

    public func read<T>(_ body: (ReviewTransaction) throws -> T) throws -> T {
        try Self.classified { try pool.read { db in try body(SQLiteTransaction(db: db)) } }
    }

    public func write<T>(_ body: (ReviewTransaction) throws -> T) throws -> T {
        try Self.classified { try pool.write { db in try body(SQLiteTransaction(db: db)) } }
    }

    /// SQLite's own errors become `HubError`s: never a raw library message for the user.
    static func classified<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw HubError.storeBusy
            default: throw HubError.storeFailure(error.resultCode.primaryResultCode.rawValue)
            }
        }
    }
}

/// `ReviewTransaction` over one GRDB connection inside a transaction.
struct SQLiteTransaction: ReviewTransaction {
    let db: Database

    func cfas() throws -> [CFARecord] { try CFARecord.order(Column("uai")).fetchAll(db) }
    func cfa(_ uai: String) throws -> CFARecord? { try CFARecord.fetchOne(db, key: uai) }

    func insert(_ cfa: CFARecord) throws {
        do { try cfa.insert(db) } catch DatabaseError.SQLITE_CONSTRAINT { throw HubError.alreadyRegistered(cfa.uai) }
    }

    func update(_ cfa: CFARecord) throws { try cfa.update(db) }

    func members() throws -> [Member] { try Member.order(Column("id")).fetchAll(db) }
    func member(_ id: String) throws -> Member? { try Member.fetchOne(db, key: id) }

    func insert(_ member: Member) throws {
        if try Member.exists(db, key: member.id) { throw HubError.memberExists(member.id) }
        if let uai = member.uai, try CFARecord.exists(db, key: uai) == false { throw HubError.unknownCFA(uai) }
        try member.insert(db)
    }

    func submissions(uai: String?, badge: String?) throws -> [Submission] {
        var request = Submission.all()
        if let uai { request = request.filter(Column("uai") == uai) }
        if let badge { request = request.filter(Column("badge") == badge) }
        return try request.order(Column("id")).fetchAll(db)
    }

    func submission(_ id: Int64) throws -> Submission? { try Submission.fetchOne(db, key: id) }

    func submissions(states: [Submission.State]) throws -> [Submission] {
        try Submission.filter(states.map(\.rawValue).contains(Column("state"))).order(Column("id")).fetchAll(db)
    }

    func queueRecords(states: [Submission.State]) throws -> [QueueRecord] {
        // The queue's columns only, decoded by hand: no JSON column, no Codable decoder.
        let rows = try Row.fetchCursor(db, Submission
            .select(Column("id"), Column("uai"), Column("badge"), Column("tag"), Column("commit"), Column("kind"), Column("state"),
                    Column("submittedAt"), Column("ingestedAt"), Column("ready"), Column("renewalRulesMet"))
            .filter(states.map(\.rawValue).contains(Column("state"))).order(Column("id")))
        var records: [QueueRecord] = []
        while let row = try rows.next() {
            let kindText: String = row["kind"], stateText: String = row["state"]
            guard let kind = Submission.Kind(rawValue: kindText), let state = Submission.State(rawValue: stateText) else {
                throw HubError.corruptStore("submission \(row["id"] as Int64): kind \(kindText), state \(stateText)")
            }
            records.append(QueueRecord(id: row["id"], uai: row["uai"], badge: row["badge"], tag: row["tag"], commit: row["commit"],
                                       kind: kind, state: state, submittedAt: row["submittedAt"], ingestedAt: row["ingestedAt"],
                                       ready: row["ready"], renewalRulesMet: row["renewalRulesMet"]))
        }
        return records
    }

    func submissionCount(states: [Submission.State]) throws -> Int {
        try Submission.filter(states.map(\.rawValue).contains(Column("state"))).fetchCount(db)
    }

    func submission(uai: String, tag: String) throws -> Submission? {
        try Submission.filter(Column("uai") == uai && Column("tag") == tag).fetchOne(db)
    }

    func insert(_ submission: Submission, evidence: [EvidenceRecord]) throws -> Submission {
        var stored = submission
        try stored.insert(db)
        guard let id = stored.id else { throw HubError.corruptStore("submission without id") }
        for var item in evidence {
            item.submissionID = id
            try item.insert(db)
        }
        return stored
    }

    func update(_ submission: Submission) throws { try submission.update(db) }

    func evidence(submission: Int64) throws -> [EvidenceRecord] {
        try EvidenceRecord.filter(Column("submissionID") == submission).order(Column("rowid")).fetchAll(db)
    }

    func votes(submission: Int64) throws -> [Vote] {
        try Vote.filter(Column("submissionID") == submission).order(Column("id")).fetchAll(db)
    }

    func votes(submissions: [Int64]) throws -> [Vote] {
        guard !submissions.isEmpty else { return [] }
        // In chunks: SQLite limits the parameters of one statement.
        var votes: [Vote] = []
        for start in stride(from: 0, to: submissions.count, by: 500) {
            let chunk = Array(submissions[start..<min(start + 500, submissions.count)])
            votes += try Vote.filter(chunk.contains(Column("submissionID"))).fetchAll(db)
        }
        return votes.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    func insert(_ vote: Vote) throws -> Vote {
        var stored = vote
        try stored.insert(db)
        return stored
    }

    func update(_ vote: Vote) throws { try vote.update(db) }

    func awards(uai: String?) throws -> [Award] {
        var request = Award.all()
        if let uai { request = request.filter(Column("uai") == uai) }
        return try request.order(Column("id")).fetchAll(db)
    }

    func insert(_ award: Award) throws -> Award {
        var stored = award
        try stored.insert(db)
        return stored
    }

    func update(_ award: Award) throws { try award.update(db) }

    func labelEvents(uai: String) throws -> [LabelEvent] {
        try LabelEvent.filter(Column("uai") == uai).order(Column("id")).fetchAll(db)
    }

    func insert(_ event: LabelEvent) throws {
        var stored = event
        try stored.insert(db)
    }

    func audit(uai: String?) throws -> [AuditEntry] {
        var request = AuditEntry.all()
        if let uai { request = request.filter(Column("uai") == uai) }
        return try request.order(Column("id")).fetchAll(db)
    }

    func append(_ entry: AuditEntry) throws {
        var stored = entry
        try stored.insert(db)
    }

    func credential(_ memberID: String) throws -> MemberCredential? { try MemberCredential.fetchOne(db, key: memberID) }
    func upsert(_ credential: MemberCredential) throws { try credential.save(db) }
    func session(_ tokenHash: String) throws -> WebSession? { try WebSession.fetchOne(db, key: tokenHash) }
    func insert(_ session: WebSession) throws { try session.insert(db) }
    func deleteSession(_ tokenHash: String) throws { _ = try WebSession.deleteOne(db, key: tokenHash) }
    func deleteSessions(memberID: String) throws { _ = try WebSession.filter(Column("memberID") == memberID).deleteAll(db) }
    func deleteExpiredSessions(before date: Date) throws { _ = try WebSession.filter(Column("expiresAt") <= date).deleteAll(db) }
    func invitation(_ tokenHash: String) throws -> WebInvitation? { try WebInvitation.fetchOne(db, key: tokenHash) }
    func insert(_ invitation: WebInvitation) throws { try invitation.insert(db) }
    func deleteInvitations(memberID: String) throws { _ = try WebInvitation.filter(Column("memberID") == memberID).deleteAll(db) }

    func signInFailures(key: String, since: Date) throws -> Int {
        try SignInFailure.filter(Column("key") == key && Column("at") >= since).fetchCount(db)
    }

    func insert(_ failure: SignInFailure) throws {
        var stored = failure
        try stored.insert(db)
    }

    func deleteSignInFailures(before date: Date) throws { _ = try SignInFailure.filter(Column("at") < date).deleteAll(db) }
    func clearSignInFailures(key: String) throws { _ = try SignInFailure.filter(Column("key") == key).deleteAll(db) }

    func badgeCredentials(uai: String?) throws -> [BadgeCredential] {
        var request = BadgeCredential.order(Column("uai"), Column("badge"))
        if let uai { request = request.filter(Column("uai") == uai) }
        return try request.fetchAll(db)
    }

    func upsert(_ credential: BadgeCredential) throws { try credential.save(db) }
    func statusEntries() throws -> [StatusEntry] { try StatusEntry.order(Column("statusIndex")).fetchAll(db) }
    func upsert(_ entry: StatusEntry) throws { try entry.save(db) }

    func proposals(uai: String?, slug: String?) throws -> [ProposalSubmission] {
        var request = ProposalSubmission.all()
        if let uai { request = request.filter(Column("uai") == uai) }
        if let slug { request = request.filter(Column("slug") == slug) }
        return try request.order(Column("id")).fetchAll(db)
    }

    func proposal(_ id: Int64) throws -> ProposalSubmission? { try ProposalSubmission.fetchOne(db, key: id) }

    func proposal(uai: String, tag: String) throws -> ProposalSubmission? {
        try ProposalSubmission.filter(Column("uai") == uai && Column("tag") == tag).fetchOne(db)
    }

    func insert(_ proposal: ProposalSubmission) throws -> ProposalSubmission {
        var stored = proposal
        try stored.insert(db)
        return stored
    }

    func update(_ proposal: ProposalSubmission) throws { try proposal.update(db) }

    func proposalVotes(proposal: Int64) throws -> [ProposalVote] {
        try ProposalVote.filter(Column("proposalID") == proposal).order(Column("id")).fetchAll(db)
    }

    func insert(_ vote: ProposalVote) throws -> ProposalVote {
        var stored = vote
        try stored.insert(db)
        return stored
    }

    func update(_ vote: ProposalVote) throws { try vote.update(db) }

    func value(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    func setValue(_ value: String?, for key: String) throws {
        if let value {
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        } else {
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
        }
    }
}

extension CFARecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "cfa"
}

extension Member: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "member"
}

extension Submission: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submission"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension EvidenceRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "evidence"
}

extension Vote: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "vote"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Award: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "award"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LabelEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "labelEvent"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension BadgeCredential: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "badgeCredential"
}

extension StatusEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "statusEntry"
}

extension MemberCredential: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "memberCredential"
}

extension WebSession: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "webSession"
}

extension WebInvitation: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "webInvitation"
}

extension SignInFailure: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "signInFailure"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ProposalSubmission: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "proposal"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ProposalVote: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "proposalVote"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap(Day.init)
    }
}
