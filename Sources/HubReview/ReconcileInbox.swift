import DossierCore
import Foundation

/// The one door between the two rooms of the hub. Reconcile (mirrors, fetching, ingestion, the
/// decisions ref) asks the review room what it needs to know about a CFA and hands it what it
/// ingested; it never reaches into the review store or the review rules. `Review` implements it.
public protocol ReconcileInbox: AnyObject, Sendable {
    /// The registered CFAs, in registry order.
    func cfas() throws -> [CFARecord]
    /// What is already stored for a CFA: its submissions, awards and the rewritten tags the
    /// Région accepted (one read).
    func ingestState(uai: String) throws -> IngestState
    /// Stores what one reconcile of a CFA ingested, in one transaction: all of it or none.
    func receive(_ batch: IngestBatch) throws
    /// The CFA's decisions when they may need delivering: nil when nothing was decided since the
    /// last delivery and the remote still has the delivered commit (`remoteHas`, its decisions ref).
    func decisionsDue(uai: String, remoteHas: String?) throws -> DecisionsDue?
    /// Records that the CFA's repository has its decisions: `pushed` is the commit reconcile just
    /// pushed, nil when the remote already had them (or there is none to send).
    func decisionsDelivered(_ due: DecisionsDue, uai: String, pushed: String?, now: Date) throws
    /// Records a failed reconcile of a CFA (an audit row only when the reasons changed).
    func recordFailure(uai: String, reasons: [HubReason], now: Date) throws
    /// Clears a CFA's last failure, with its audit row.
    func recordRecovery(uai: String, now: Date) throws
    /// Records the catalogue version that published each accepted badge proposal (its decision
    /// then carries it and is delivered again); returns how many changed.
    @discardableResult
    func recordPublishedProposals(now: Date) throws -> Int
}

/// What the review room holds of a CFA before a reconcile ingests anything.
public struct IngestState: Sendable {
    public var submissions: [Submission]
    public var awards: [Award]
    /// Rewritten tags the Région accepted: tag → where it pointed when accepted ("" when deleted).
    var accepted: [String: String]
    /// The CFA's proposal submissions already ingested (badge proposals), oldest first.
    public var proposals: [ProposalSubmission] = []

    public init(submissions: [Submission], awards: [Award], accepted: [String: String]) {
        self.submissions = submissions
        self.awards = awards
        self.accepted = accepted
    }

    /// Whether the Région accepted the tag pointing at `upstream` (nil: the tag deleted).
    public func isAccepted(tag: String, upstream: String?) -> Bool {
        accepted[tag] == (upstream ?? Review.deletedTag)
    }
}

/// What one reconcile of a CFA ingested: new submissions with their evidence inventory (check
/// verdict, renewal rules and base included in each submission), the notes of a bounded run,
/// and the remote's references digest to remember.
public struct IngestBatch: Sendable {
    public struct Item: Sendable {
        public var submission: Submission
        public var evidence: [EvidenceRecord]

        public init(submission: Submission, evidence: [EvidenceRecord]) {
            self.submission = submission
            self.evidence = evidence
        }
    }

    public var uai: String
    public var items: [Item]
    /// Why the run took fewer requests than there were (older ones skipped, the per-run limit).
    public var notes: [HubReason]
    public var refsDigest: String
    public var now: Date
    /// The badge proposals ingested (refused ones included, with their reason).
    public var proposals: [ProposalSubmission] = []

    public init(uai: String, items: [Item], notes: [HubReason], refsDigest: String, now: Date) {
        self.uai = uai
        self.items = items
        self.notes = notes
        self.refsDigest = refsDigest
        self.now = now
    }
}

/// The decisions a CFA should see, with the version of the review data they reflect.
public struct DecisionsDue: Sendable {
    public var decisions: [Decision]
    /// The credential files the decisions ref carries beside the decisions (`CredentialPaths` →
    /// content): the CFA's credentials, the issuer Profile, the status list, rotation statements.
    public var files: [String: String] = [:]
    /// The decisions on the CFA's badge proposals (`proposals/<slug>/<day>-<n>.yaml`).
    public var proposalDecisions: [ProposalDecision] = []
    /// The CFA's decisions epoch when read (counts changes that may alter its decisions).
    var epoch: String?
}
