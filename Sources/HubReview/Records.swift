import DossierCore
import Foundation

/// A CFA registered at the hub: where its dossier repository is, and what the last reconcile saw.
public struct CFARecord: Sendable, Equatable, Codable {
    public var uai: String
    public var name: String?
    public var url: String
    public var registeredAt: Date
    /// A digest of the remote's dossier references at the last complete ingest (nil: never).
    public var refsDigest: String?
    public var lastReconciledAt: Date?
    /// Why the last reconcile of this CFA failed, as English text: rows written before reasons
    /// were stored as codes (`failure` replaces it).
    public var lastError: String?
    /// Why the last reconcile of this CFA failed (codes), or nil when it succeeded.
    public var failure: [HubReason]?
    /// The decisions commit last delivered to the CFA's repository.
    public var decisionsDelivered: String?

    /// Whether the last reconcile of this CFA failed.
    public var hasFailed: Bool { failure != nil || lastError != nil }

    /// Why the last reconcile failed, whichever way it was stored.
    public var failureReasons: [HubReason] { failure ?? lastError.map { [.legacy($0)] } ?? [] }

    public init(uai: String, name: String?, url: String, registeredAt: Date) {
        self.uai = uai
        self.name = name
        self.url = url
        self.registeredAt = registeredAt
    }
}

/// A member of the peer group.
public struct Member: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// A pilot CFA's representative (recused from its own CFA).
        case cfaPilote = "cfa-pilote"
        /// A representative of « Badgeons la Normandie ».
        case badgeons
        /// The Région's apprenticeship directorate: the only role that awards and revokes.
        case region
    }

    public var id: String
    public var role: Role
    /// For a pilot CFA's member: that CFA.
    public var uai: String?
    public var addedAt: Date

    public init(id: String, role: Role, uai: String?, addedAt: Date) {
        self.id = id
        self.role = role
        self.uai = uai
        self.addedAt = addedAt
    }
}

/// A request for one badge: a submission tag of a CFA, as ingested.
public struct Submission: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case first, renewal }

    public enum State: String, Sendable, Codable, CaseIterable {
        case submitted
        case inReview = "in-review"
        case changesRequested = "changes-requested"
        case approved
        case awarded
        case rejected
        case expired
        case revoked
        /// A newer submission of the same badge replaced it; its votes do not carry over.
        case superseded

        /// States in which the peer group still votes.
        public var isOpen: Bool { [.submitted, .inReview, .changesRequested, .approved, .rejected].contains(self) }
    }

    public var id: Int64?
    public var uai: String
    public var badge: String
    /// The tag name, `submissions/<badge>/<YYYY-MM-DD>-<n>`.
    public var tag: String
    /// The tag object (annotated) or commit (lightweight) the tag pointed to when ingested.
    public var tagTarget: String
    public var commit: String
    public var kind: Kind
    public var state: State
    public var submittedAt: Date
    public var ingestedAt: Date
    /// Whether the catalogue's check found the badge ready.
    public var ready: Bool
    /// The check's problems for this badge (codes; English lines in rows stored before codes).
    public var problems: [CheckProblem]
    /// For a renewal: the commit awarded last time, and the semantic diff from it (JSON).
    public var baseCommit: String?
    public var diffJSON: String?
    /// The renewal rules' verdict (nil for a first award).
    public var renewalRulesMet: Bool?
    public var message: String
    /// The catalogue version the request was checked against: the one in force on the day it was
    /// submitted (nil: ingested before versions were recorded).
    public var catalogueVersion: String?

    public init(uai: String, badge: String, tag: String, tagTarget: String, commit: String, kind: Kind,
                submittedAt: Date, ingestedAt: Date, ready: Bool, problems: [CheckProblem], message: String) {
        self.uai = uai
        self.badge = badge
        self.tag = tag
        self.tagTarget = tagTarget
        self.commit = commit
        self.kind = kind
        state = .submitted
        self.submittedAt = submittedAt
        self.ingestedAt = ingestedAt
        self.ready = ready
        self.problems = problems
        self.message = message
    }
}

/// One evidence of a submission, as inventoried at ingest.
public struct EvidenceRecord: Sendable, Equatable, Codable {
    public var submissionID: Int64
    public var evidenceID: String
    public var criterion: String
    public var title: String
    public var path: String?
    public var sha256: String?
    public var size: Int?
    public var url: String?
    public var kind: String?
    /// Stored as media (a git-lfs pointer in git): `sha256` and `size` are the pointer's oid and
    /// size, read without downloading the content.
    public var media: Bool

    public init(submissionID: Int64, evidenceID: String, criterion: String, title: String, path: String?,
                sha256: String?, size: Int?, url: String?, kind: String?, media: Bool = false) {
        self.media = media
        self.submissionID = submissionID
        self.evidenceID = evidenceID
        self.criterion = criterion
        self.title = title
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.url = url
        self.kind = kind
    }
}

/// A peer-group member's vote on one submission snapshot.
public struct Vote: Sendable, Equatable, Codable {
    public enum Verdict: String, Sendable, Codable, CaseIterable { case approve, reject, changes }

    public var id: Int64?
    public var submissionID: Int64
    public var memberID: String
    public var verdict: Verdict
    public var reason: String
    public var castAt: Date
    /// Set when the member withdrew the vote or cast a newer one.
    public var withdrawnAt: Date?

    public init(submissionID: Int64, memberID: String, verdict: Verdict, reason: String, castAt: Date) {
        self.submissionID = submissionID
        self.memberID = memberID
        self.verdict = verdict
        self.reason = reason
        self.castAt = castAt
    }
}

/// A badge the Région awarded: the snapshot (commit) and its validity.
public struct Award: Sendable, Equatable, Codable {
    public var id: Int64?
    public var uai: String
    public var badge: String
    public var submissionID: Int64
    public var commit: String
    public var validFrom: Day
    /// The first day it is no longer valid: `validFrom` plus the badge's validity.
    public var validUntil: Day
    public var awardedBy: String
    public var awardedAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?
    public var revokeReason: String?
    /// The day the revocation takes effect (the hub's today when it was recorded).
    public var revokedOn: Day?
    /// Set when a renewal's award replaced this one before it expired.
    public var replacedBy: Int64?
    /// The catalogue version of the request awarded (nil: awarded before versions were recorded).
    public var catalogueVersion: String?

    public init(uai: String, badge: String, submissionID: Int64, commit: String, validFrom: Day, validUntil: Day,
                awardedBy: String, awardedAt: Date) {
        self.uai = uai
        self.badge = badge
        self.submissionID = submissionID
        self.commit = commit
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.awardedBy = awardedBy
        self.awardedAt = awardedAt
    }

    /// The first day the award no longer counts because it was revoked.
    public var revocationDay: Day? { revokedOn ?? revokedAt.map(Day.init) }

    /// Valid on `day`: within its dates, and not revoked by then.
    public func isValid(on day: Day) -> Bool { LabelStatus.isValid(self, on: day) }
}

/// The label « CFA numérique normand » becoming held or lapsing for a CFA, on a day.
public struct LabelEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case awarded, lapsed }

    public var id: Int64?
    public var uai: String
    public var kind: Kind
    public var day: Day
    public var recordedAt: Date

    public init(uai: String, kind: Kind, day: Day, recordedAt: Date) {
        self.uai = uai
        self.kind = kind
        self.day = day
        self.recordedAt = recordedAt
    }
}

/// One line of the operation log: who did what, when, why, on which commit.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64?
    public var at: Date
    /// A member id, or `hub` for the reconciler and automatic expiries.
    public var actor: String
    public var action: String
    public var uai: String?
    public var badge: String?
    public var submissionID: Int64?
    public var commit: String?
    public var fromState: String?
    public var toState: String?
    /// A member's own words, or (rows written before codes) the hub's English text.
    public var reason: String?
    /// The hub's reasons, as codes (rendered in the reader's language).
    public var reasonCodes: [HubReason]?

    public init(at: Date, actor: String, action: String, uai: String? = nil, badge: String? = nil,
                submissionID: Int64? = nil, commit: String? = nil, fromState: String? = nil,
                toState: String? = nil, reason: String? = nil, codes: [HubReason]? = nil) {
        reasonCodes = codes
        self.at = at
        self.actor = actor
        self.action = action
        self.uai = uai
        self.badge = badge
        self.submissionID = submissionID
        self.commit = commit
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
    }
}

extension AuditEntry {
    /// The reason in the reader's language: the hub's codes rendered, followed by a member's words.
    public func reasonText(_ lang: Lang) -> String? {
        let parts = (reasonCodes.map { [HubReason.line($0, lang)] } ?? []) + (reason.map { [$0] } ?? [])
        return parts.isEmpty ? nil : parts.joined(separator: lang.pick(fr: " ; ", en: "; "))
    }
}
