import DossierCore
import Foundation

/// Where the hub keeps its review state: the registry, the peer group, submissions with their
/// evidence inventory, votes, awards, label events and the operation log.
///
/// The review logic talks only to this protocol, so a server database can replace the SQLite
/// file without touching it. Every change happens inside `write`, which is one transaction:
/// all of it lands, or none of it (an error thrown by `body` rolls it back). `read` sees a
/// consistent snapshot. Implementations: `SQLiteReviewStore` (GRDB, the hub's file) and
/// `MemoryReviewStore` (tests).
public protocol ReviewStore: AnyObject, Sendable {
    func read<T>(_ body: (ReviewTransaction) throws -> T) throws -> T
    func write<T>(_ body: (ReviewTransaction) throws -> T) throws -> T
}

/// The operations available inside one transaction of a `ReviewStore`.
public protocol ReviewTransaction {
    // Registry
    func cfas() throws -> [CFARecord]
    func cfa(_ uai: String) throws -> CFARecord?
    /// Adds a CFA; throws `HubError.alreadyRegistered` when the UAI is taken.
    func insert(_ cfa: CFARecord) throws
    func update(_ cfa: CFARecord) throws

    // Peer group
    func members() throws -> [Member]
    func member(_ id: String) throws -> Member?
    /// Adds a member; throws `HubError.memberExists` when the id is taken.
    func insert(_ member: Member) throws

    // Submissions
    /// Submissions, oldest first, optionally for one CFA and one badge.
    func submissions(uai: String?, badge: String?) throws -> [Submission]
    func submission(_ id: Int64) throws -> Submission?
    /// Submissions in one of `states`, oldest first.
    func submissions(states: [Submission.State]) throws -> [Submission]
    /// What the queue shows of the submissions in one of `states`, oldest first (`QueueRecord`).
    func queueRecords(states: [Submission.State]) throws -> [QueueRecord]
    /// How many submissions are in one of `states` (without reading them).
    func submissionCount(states: [Submission.State]) throws -> Int
    func submission(uai: String, tag: String) throws -> Submission?
    /// Stores a new submission with its evidence inventory; returns it with its id.
    func insert(_ submission: Submission, evidence: [EvidenceRecord]) throws -> Submission
    func update(_ submission: Submission) throws
    func evidence(submission: Int64) throws -> [EvidenceRecord]

    // Votes
    /// Votes cast on a submission, oldest first (withdrawn ones included).
    func votes(submission: Int64) throws -> [Vote]
    /// Votes cast on any of these submissions, oldest first (withdrawn ones included).
    func votes(submissions: [Int64]) throws -> [Vote]
    func insert(_ vote: Vote) throws -> Vote
    func update(_ vote: Vote) throws

    // Awards
    /// Awards, oldest first, optionally for one CFA.
    func awards(uai: String?) throws -> [Award]
    func insert(_ award: Award) throws -> Award
    func update(_ award: Award) throws

    // Label
    func labelEvents(uai: String) throws -> [LabelEvent]
    func insert(_ event: LabelEvent) throws

    // Operation log
    func audit(uai: String?) throws -> [AuditEntry]
    func append(_ entry: AuditEntry) throws

    // Web access (credentials, sessions, invitations, failed sign-ins): hashes only, never a token.
    func credential(_ memberID: String) throws -> MemberCredential?
    /// Adds or replaces the member's credential.
    func upsert(_ credential: MemberCredential) throws
    func session(_ tokenHash: String) throws -> WebSession?
    func insert(_ session: WebSession) throws
    func deleteSession(_ tokenHash: String) throws
    func deleteSessions(memberID: String) throws
    func deleteExpiredSessions(before: Date) throws
    func invitation(_ tokenHash: String) throws -> WebInvitation?
    func insert(_ invitation: WebInvitation) throws
    func deleteInvitations(memberID: String) throws
    /// Failed sign-ins counted against `key` at or after `since`.
    func signInFailures(key: String, since: Date) throws -> Int
    func insert(_ failure: SignInFailure) throws
    func deleteSignInFailures(before: Date) throws
    func clearSignInFailures(key: String) throws

    // Open Badges credentials (one per CFA and badge, the label included) and the revocation list's indexes.
    /// Credentials, ordered by CFA and badge, optionally for one CFA.
    func badgeCredentials(uai: String?) throws -> [BadgeCredential]
    /// Adds or replaces the credential of (`uai`, `badge`).
    func upsert(_ credential: BadgeCredential) throws
    /// Every index of the revocation list ever given, by index.
    func statusEntries() throws -> [StatusEntry]
    /// Adds or replaces an index of the revocation list.
    func upsert(_ entry: StatusEntry) throws

    // Small settings the hub keeps beside its data (the decisions version per CFA…).
    func value(_ key: String) throws -> String?
    func setValue(_ value: String?, for key: String) throws

    // Badge proposals (issue 14): the CFAs' proposals of new badges and the peer group's votes on them.
    /// Proposal submissions, oldest first, optionally for one CFA and one slug.
    func proposals(uai: String?, slug: String?) throws -> [ProposalSubmission]
    func proposal(_ id: Int64) throws -> ProposalSubmission?
    func proposal(uai: String, tag: String) throws -> ProposalSubmission?
    /// Stores a new proposal submission; returns it with its id.
    func insert(_ proposal: ProposalSubmission) throws -> ProposalSubmission
    func update(_ proposal: ProposalSubmission) throws
    /// Votes cast on a proposal submission, oldest first (withdrawn ones included).
    func proposalVotes(proposal: Int64) throws -> [ProposalVote]
    func insert(_ vote: ProposalVote) throws -> ProposalVote
    func update(_ vote: ProposalVote) throws
}
