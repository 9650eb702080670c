import DossierCore
import Foundation

/// A `ReviewStore` held in memory: for tests of the review logic, and the protocol's second implementation.
///
/// It keeps the SQLite store's contract: `write` works on a copy of the state and commits it only
/// when its body returns (a thrown error leaves nothing behind, ids included); `read` sees the
/// state committed when it began and never waits for a writer; ids are auto-incremented from 1;
/// duplicates throw the same `HubError`s; the same foreign keys are enforced (a violation throws
/// `MemoryReviewStore.Violation`); lists come back in the same order (by id, UAI or member id).
/// One writer at a time; thread-safe.
public final class MemoryReviewStore: ReviewStore, @unchecked Sendable {
    /// A constraint the SQLite schema would enforce, broken.
    public struct Violation: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Serialises writers.
    private let writer = NSLock()
    /// Guards `committed`; held only to copy or replace it.
    private let guardian = NSLock()
    private var committed = MemoryTables()

    public init() {}

    public func read<T>(_ body: (ReviewTransaction) throws -> T) throws -> T {
        try body(MemoryTransaction(tables: snapshot(), writable: false))
    }

    public func write<T>(_ body: (ReviewTransaction) throws -> T) throws -> T {
        writer.lock()
        defer { writer.unlock() }
        let transaction = MemoryTransaction(tables: snapshot(), writable: true)
        let result = try body(transaction)
        guardian.lock()
        committed = transaction.tables
        guardian.unlock()
        return result
    }

    private func snapshot() -> MemoryTables {
        guardian.lock()
        defer { guardian.unlock() }
        return committed
    }
}

/// The rows of a `MemoryReviewStore` (a value: copied per transaction).
struct MemoryTables {
    var cfas: [String: CFARecord] = [:]
    var members: [String: Member] = [:]
    var submissions: [Int64: Submission] = [:]
    /// In insertion order, as SQLite's rowid.
    var evidence: [EvidenceRecord] = []
    var votes: [Int64: Vote] = [:]
    var awards: [Int64: Award] = [:]
    var labelEvents: [Int64: LabelEvent] = [:]
    var audit: [Int64: AuditEntry] = [:]
    var settings: [String: String] = [:]
    var credentials: [String: MemberCredential] = [:]
    var sessions: [String: WebSession] = [:]
    var invitations: [String: WebInvitation] = [:]
    var signInFailures: [Int64: SignInFailure] = [:]
    /// Keyed by "<uai> <badge>".
    var badgeCredentials: [String: BadgeCredential] = [:]
    var statusEntries: [Int: StatusEntry] = [:]
    var proposals: [Int64: ProposalSubmission] = [:]
    var proposalVotes: [Int64: ProposalVote] = [:]
    /// The last id given per table (SQLite's `sqlite_sequence`).
    var sequence: [String: Int64] = [:]

    mutating func nextID(_ table: String, explicit: Int64?) -> Int64 {
        let id = explicit ?? (sequence[table, default: 0] + 1)
        sequence[table] = max(sequence[table, default: 0], id)
        return id
    }
}

/// `ReviewTransaction` over a private copy of the tables.
final class MemoryTransaction: ReviewTransaction {
    private(set) var tables: MemoryTables
    private let writable: Bool

    init(tables: MemoryTables, writable: Bool) {
        self.tables = tables
        self.writable = writable
    }

    private func violation(_ text: String) -> MemoryReviewStore.Violation { .init(description: text) }

    private func change() throws {
        guard writable else { throw violation("a change inside a read transaction") }
    }

    private func sorted<V>(_ rows: [Int64: V]) -> [V] { rows.sorted { $0.key < $1.key }.map(\.value) }

    // MARK: foreign keys

    private func requireCFA(_ uai: String) throws {
        guard tables.cfas[uai] != nil else { throw violation("foreign key: no CFA \(uai)") }
    }

    private func requireMember(_ id: String) throws {
        guard tables.members[id] != nil else { throw violation("foreign key: no member \(id)") }
    }

    private func requireSubmission(_ id: Int64) throws {
        guard tables.submissions[id] != nil else { throw violation("foreign key: no submission \(id)") }
    }

    private func check(_ award: Award) throws {
        try requireCFA(award.uai)
        try requireSubmission(award.submissionID)
        try requireMember(award.awardedBy)
        if let revokedBy = award.revokedBy { try requireMember(revokedBy) }
        if let replacedBy = award.replacedBy, tables.awards[replacedBy] == nil { throw violation("foreign key: no award \(replacedBy)") }
    }

    // MARK: registry

    func cfas() throws -> [CFARecord] { tables.cfas.values.sorted { $0.uai < $1.uai } }
    func cfa(_ uai: String) throws -> CFARecord? { tables.cfas[uai] }

    func insert(_ cfa: CFARecord) throws {
        try change()
        guard tables.cfas[cfa.uai] == nil else { throw HubError.alreadyRegistered(cfa.uai) }
        tables.cfas[cfa.uai] = cfa
    }

    func update(_ cfa: CFARecord) throws {
        try change()
        guard tables.cfas[cfa.uai] != nil else { throw violation("no CFA \(cfa.uai) to update") }
        tables.cfas[cfa.uai] = cfa
    }

    // MARK: peer group

    func members() throws -> [Member] { tables.members.values.sorted { $0.id < $1.id } }
    func member(_ id: String) throws -> Member? { tables.members[id] }

    func insert(_ member: Member) throws {
        try change()
        if tables.members[member.id] != nil { throw HubError.memberExists(member.id) }
        if let uai = member.uai, tables.cfas[uai] == nil { throw HubError.unknownCFA(uai) }
        tables.members[member.id] = member
    }

    // MARK: submissions

    func submissions(uai: String?, badge: String?) throws -> [Submission] {
        sorted(tables.submissions).filter { (uai == nil || $0.uai == uai) && (badge == nil || $0.badge == badge) }
    }

    func submission(_ id: Int64) throws -> Submission? { tables.submissions[id] }

    func submissions(states: [Submission.State]) throws -> [Submission] {
        sorted(tables.submissions).filter { states.contains($0.state) }
    }

    func queueRecords(states: [Submission.State]) throws -> [QueueRecord] {
        try submissions(states: states).compactMap(QueueRecord.init)
    }

    func submissionCount(states: [Submission.State]) throws -> Int {
        tables.submissions.values.filter { states.contains($0.state) }.count
    }

    func submission(uai: String, tag: String) throws -> Submission? {
        sorted(tables.submissions).first { $0.uai == uai && $0.tag == tag }
    }

    func insert(_ submission: Submission, evidence: [EvidenceRecord]) throws -> Submission {
        try change()
        try requireCFA(submission.uai)
        if let id = submission.id, tables.submissions[id] != nil { throw violation("unique: submission \(id)") }
        if tables.submissions.values.contains(where: { $0.uai == submission.uai && $0.tag == submission.tag }) {
            throw violation("unique: submission \(submission.uai) \(submission.tag)")
        }
        var stored = submission
        let id = tables.nextID("submission", explicit: submission.id)
        stored.id = id
        tables.submissions[id] = stored
        for var item in evidence {
            item.submissionID = id
            if tables.evidence.contains(where: { $0.submissionID == id && $0.evidenceID == item.evidenceID }) {
                throw violation("unique: evidence \(item.evidenceID) of submission \(id)")
            }
            tables.evidence.append(item)
        }
        return stored
    }

    func update(_ submission: Submission) throws {
        try change()
        guard let id = submission.id, tables.submissions[id] != nil else { throw violation("no submission to update") }
        try requireCFA(submission.uai)
        if tables.submissions.values.contains(where: { $0.id != id && $0.uai == submission.uai && $0.tag == submission.tag }) {
            throw violation("unique: submission \(submission.uai) \(submission.tag)")
        }
        tables.submissions[id] = submission
    }

    func evidence(submission: Int64) throws -> [EvidenceRecord] {
        tables.evidence.filter { $0.submissionID == submission }
    }

    // MARK: votes

    func votes(submission: Int64) throws -> [Vote] {
        sorted(tables.votes).filter { $0.submissionID == submission }
    }

    func votes(submissions: [Int64]) throws -> [Vote] {
        let wanted = Set(submissions)
        return sorted(tables.votes).filter { wanted.contains($0.submissionID) }
    }

    func insert(_ vote: Vote) throws -> Vote {
        try change()
        try requireSubmission(vote.submissionID)
        try requireMember(vote.memberID)
        if let id = vote.id, tables.votes[id] != nil { throw violation("unique: vote \(id)") }
        var stored = vote
        let id = tables.nextID("vote", explicit: vote.id)
        stored.id = id
        tables.votes[id] = stored
        return stored
    }

    func update(_ vote: Vote) throws {
        try change()
        guard let id = vote.id, tables.votes[id] != nil else { throw violation("no vote to update") }
        try requireSubmission(vote.submissionID)
        try requireMember(vote.memberID)
        tables.votes[id] = vote
    }

    // MARK: awards

    func awards(uai: String?) throws -> [Award] {
        sorted(tables.awards).filter { uai == nil || $0.uai == uai }
    }

    func insert(_ award: Award) throws -> Award {
        try change()
        try check(award)
        if let id = award.id, tables.awards[id] != nil { throw violation("unique: award \(id)") }
        var stored = award
        let id = tables.nextID("award", explicit: award.id)
        stored.id = id
        tables.awards[id] = stored
        return stored
    }

    func update(_ award: Award) throws {
        try change()
        guard let id = award.id, tables.awards[id] != nil else { throw violation("no award to update") }
        try check(award)
        tables.awards[id] = award
    }

    // MARK: label

    func labelEvents(uai: String) throws -> [LabelEvent] {
        sorted(tables.labelEvents).filter { $0.uai == uai }
    }

    func insert(_ event: LabelEvent) throws {
        try change()
        try requireCFA(event.uai)
        if let id = event.id, tables.labelEvents[id] != nil { throw violation("unique: label event \(id)") }
        var stored = event
        let id = tables.nextID("labelEvent", explicit: event.id)
        stored.id = id
        tables.labelEvents[id] = stored
    }

    // MARK: operation log

    func audit(uai: String?) throws -> [AuditEntry] {
        sorted(tables.audit).filter { uai == nil || $0.uai == uai }
    }

    func append(_ entry: AuditEntry) throws {
        try change()
        if let id = entry.id, tables.audit[id] != nil { throw violation("unique: audit \(id)") }
        var stored = entry
        let id = tables.nextID("audit", explicit: entry.id)
        stored.id = id
        tables.audit[id] = stored
    }

    // MARK: web access

    func credential(_ memberID: String) throws -> MemberCredential? { tables.credentials[memberID] }

    func upsert(_ credential: MemberCredential) throws {
        try change()
        try requireMember(credential.memberID)
        tables.credentials[credential.memberID] = credential
    }

    func session(_ tokenHash: String) throws -> WebSession? { tables.sessions[tokenHash] }

    func insert(_ session: WebSession) throws {
        try change()
        try requireMember(session.memberID)
        guard tables.sessions[session.tokenHash] == nil else { throw violation("unique: session") }
        tables.sessions[session.tokenHash] = session
    }

    func deleteSession(_ tokenHash: String) throws {
        try change()
        tables.sessions[tokenHash] = nil
    }

    func deleteSessions(memberID: String) throws {
        try change()
        tables.sessions = tables.sessions.filter { $0.value.memberID != memberID }
    }

    func deleteExpiredSessions(before date: Date) throws {
        try change()
        tables.sessions = tables.sessions.filter { $0.value.expiresAt > date }
    }

    func invitation(_ tokenHash: String) throws -> WebInvitation? { tables.invitations[tokenHash] }

    func insert(_ invitation: WebInvitation) throws {
        try change()
        try requireMember(invitation.memberID)
        guard tables.invitations[invitation.tokenHash] == nil else { throw violation("unique: invitation") }
        tables.invitations[invitation.tokenHash] = invitation
    }

    func deleteInvitations(memberID: String) throws {
        try change()
        tables.invitations = tables.invitations.filter { $0.value.memberID != memberID }
    }

    func signInFailures(key: String, since: Date) throws -> Int {
        tables.signInFailures.values.filter { $0.key == key && $0.at >= since }.count
    }

    func insert(_ failure: SignInFailure) throws {
        try change()
        var stored = failure
        let id = tables.nextID("signInFailure", explicit: failure.id)
        stored.id = id
        tables.signInFailures[id] = stored
    }

    func deleteSignInFailures(before date: Date) throws {
        try change()
        tables.signInFailures = tables.signInFailures.filter { $0.value.at >= date }
    }

    func clearSignInFailures(key: String) throws {
        try change()
        tables.signInFailures = tables.signInFailures.filter { $0.value.key != key }
    }

    // MARK: badge credentials

    func badgeCredentials(uai: String?) throws -> [BadgeCredential] {
        tables.badgeCredentials.values.filter { uai == nil || $0.uai == uai }
            .sorted { ($0.uai, $0.badge) < ($1.uai, $1.badge) }
    }

    func upsert(_ credential: BadgeCredential) throws {
        try change()
        guard tables.cfas[credential.uai] != nil else { throw violation("foreign key: badgeCredential.uai") }
        if let awardID = credential.awardID, tables.awards[awardID] == nil { throw violation("foreign key: badgeCredential.awardID") }
        let key = "\(credential.uai) \(credential.badge)"
        if tables.badgeCredentials.contains(where: { $0.key != key && $0.value.statusIndex == credential.statusIndex }) {
            throw violation("unique: badgeCredential.statusIndex")
        }
        tables.badgeCredentials[key] = credential
    }

    func statusEntries() throws -> [StatusEntry] { tables.statusEntries.values.sorted { $0.statusIndex < $1.statusIndex } }

    func upsert(_ entry: StatusEntry) throws {
        try change()
        guard tables.cfas[entry.uai] != nil else { throw violation("foreign key: statusEntry.uai") }
        tables.statusEntries[entry.statusIndex] = entry
    }

    // MARK: proposals

    func proposals(uai: String?, slug: String?) throws -> [ProposalSubmission] {
        sorted(tables.proposals).filter { (uai == nil || $0.uai == uai) && (slug == nil || $0.slug == slug) }
    }

    func proposal(_ id: Int64) throws -> ProposalSubmission? { tables.proposals[id] }

    func proposal(uai: String, tag: String) throws -> ProposalSubmission? {
        sorted(tables.proposals).first { $0.uai == uai && $0.tag == tag }
    }

    func insert(_ proposal: ProposalSubmission) throws -> ProposalSubmission {
        try change()
        try requireCFA(proposal.uai)
        if let id = proposal.id, tables.proposals[id] != nil { throw violation("unique: proposal \(id)") }
        if tables.proposals.values.contains(where: { $0.uai == proposal.uai && $0.tag == proposal.tag }) {
            throw violation("unique: proposal \(proposal.uai) \(proposal.tag)")
        }
        if let member = proposal.decidedBy { try requireMember(member) }
        var stored = proposal
        let id = tables.nextID("proposal", explicit: proposal.id)
        stored.id = id
        tables.proposals[id] = stored
        return stored
    }

    func update(_ proposal: ProposalSubmission) throws {
        try change()
        guard let id = proposal.id, tables.proposals[id] != nil else { throw violation("no proposal to update") }
        try requireCFA(proposal.uai)
        if let member = proposal.decidedBy { try requireMember(member) }
        if tables.proposals.values.contains(where: { $0.id != id && $0.uai == proposal.uai && $0.tag == proposal.tag }) {
            throw violation("unique: proposal \(proposal.uai) \(proposal.tag)")
        }
        tables.proposals[id] = proposal
    }

    func proposalVotes(proposal: Int64) throws -> [ProposalVote] {
        sorted(tables.proposalVotes).filter { $0.proposalID == proposal }
    }

    func insert(_ vote: ProposalVote) throws -> ProposalVote {
        try change()
        guard tables.proposals[vote.proposalID] != nil else { throw violation("foreign key: no proposal \(vote.proposalID)") }
        try requireMember(vote.memberID)
        if let id = vote.id, tables.proposalVotes[id] != nil { throw violation("unique: proposal vote \(id)") }
        var stored = vote
        let id = tables.nextID("proposalVote", explicit: vote.id)
        stored.id = id
        tables.proposalVotes[id] = stored
        return stored
    }

    func update(_ vote: ProposalVote) throws {
        try change()
        guard let id = vote.id, tables.proposalVotes[id] != nil else { throw violation("no proposal vote to update") }
        guard tables.proposals[vote.proposalID] != nil else { throw violation("foreign key: no proposal \(vote.proposalID)") }
        try requireMember(vote.memberID)
        tables.proposalVotes[id] = vote
    }

    // MARK: settings

    func value(_ key: String) throws -> String? { tables.settings[key] }

    func setValue(_ value: String?, for key: String) throws {
        try change()
        tables.settings[key] = value
    }
}
