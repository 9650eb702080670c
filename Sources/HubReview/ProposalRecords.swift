import DossierCore
import Foundation

/// A CFA's proposal of a new badge as the hub ingested it: one proposal tag
/// (`proposals/<slug>/<YYYY-MM-DD>-<n>`) with the proposal file it named, `proposals/<slug>.yaml`.
/// An amended proposal is a new tag: the older one is superseded and its votes do not carry over.
public struct ProposalSubmission: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case submitted
        case inReview = "in-review"
        case changesRequested = "changes-requested"
        case approved
        case rejected
        /// The Région put the badge into the next catalogue version's draft.
        case accepted
        /// The Région declined it.
        case declined
        /// Refused at ingest: the file does not parse, is mandatory, or reuses a badge id.
        case refused
        /// A newer submission of the same proposal replaced it.
        case superseded

        /// States in which the peer group still votes.
        public var isOpen: Bool { [.submitted, .inReview, .changesRequested, .approved, .rejected].contains(self) }

        init(_ state: Submission.State) {
            switch state {
            case .inReview: self = .inReview
            case .changesRequested: self = .changesRequested
            case .approved: self = .approved
            case .rejected: self = .rejected
            default: self = .submitted
            }
        }
    }

    public var id: Int64?
    public var uai: String
    /// The proposed badge id (the file's name).
    public var slug: String
    /// The tag name, `proposals/<slug>/<YYYY-MM-DD>-<n>`.
    public var tag: String
    /// The tag object (annotated) or commit (lightweight) the tag pointed to when ingested.
    public var tagTarget: String
    public var commit: String
    public var submittedAt: Date
    public var ingestedAt: Date
    /// The proposal file as the CFA wrote it (UTF-8; hostile text: escape it when shown).
    public var text: String
    /// The tag's message.
    public var message: String
    public var state: State
    /// Why it was refused at ingest (state `refused`).
    public var refusal: ProposalRefusal?
    /// The Région member who accepted or declined it, when, and why.
    public var decidedBy: String?
    public var decidedAt: Date?
    public var decisionReason: String?
    /// Accepted: the badge id that went into the draft, and the entry as added (YAML).
    public var badge: String?
    public var entry: String?
    /// Accepted: the first published catalogue version that holds the badge.
    public var catalogueVersion: String?

    public init(uai: String, slug: String, tag: String, tagTarget: String, commit: String, submittedAt: Date, ingestedAt: Date,
                text: String, message: String, state: State = .submitted, refusal: ProposalRefusal? = nil) {
        self.uai = uai
        self.slug = slug
        self.tag = tag
        self.tagTarget = tagTarget
        self.commit = commit
        self.submittedAt = submittedAt
        self.ingestedAt = ingestedAt
        self.text = text
        self.message = message
        self.state = state
        self.refusal = refusal
    }

    /// The proposal file's bytes.
    public var bytes: [UInt8] { Array(text.utf8) }
}

/// A peer-group member's vote on one proposal submission (same verdicts and rules as on requests).
public struct ProposalVote: Sendable, Equatable, Codable {
    public var id: Int64?
    public var proposalID: Int64
    public var memberID: String
    public var verdict: Vote.Verdict
    public var reason: String
    public var castAt: Date
    /// Set when the member withdrew the vote or cast a newer one.
    public var withdrawnAt: Date?

    public init(proposalID: Int64, memberID: String, verdict: Vote.Verdict, reason: String, castAt: Date) {
        self.proposalID = proposalID
        self.memberID = memberID
        self.verdict = verdict
        self.reason = reason
        self.castAt = castAt
    }

    /// The same vote in a request's shape, to count with `Tally`.
    var asVote: Vote {
        var vote = Vote(submissionID: proposalID, memberID: memberID, verdict: verdict, reason: reason, castAt: castAt)
        vote.id = id
        vote.withdrawnAt = withdrawnAt
        return vote
    }
}

/// Why the hub refused a proposal at ingest, as a code (rendered in the reader's language).
public enum ProposalRefusal: Sendable, Equatable, Codable, Localized {
    /// The tagged save has no `proposals/<slug>.yaml`.
    case noFile(path: String)
    /// The file does not parse or breaks the catalogue's schema (`Proposal.parse`): mandatory,
    /// an id the catalogue already has, a slug that differs from the file name, a field wrong.
    case invalid([DossierError])
    /// Any other reason `Proposal.parse` gave (its text in English).
    case other(String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .noFile(let path):
            lang.pick(fr: "l'enregistrement étiqueté ne contient pas \(path)", en: "the tagged save holds no \(path)")
        case .invalid(let errors):
            errors.map { $0.text(lang) }.joined(separator: "; ")
        case .other(let text):
            text
        }
    }
}

extension ProposalSubmission.State {
    /// The state as reviewers read it: French words in French, the stored code in English.
    public func words(_ lang: Lang) -> String {
        guard lang == .fr else { return rawValue }
        switch self {
        case .submitted: return "déposée"
        case .inReview: return "en examen"
        case .changesRequested: return "modifications demandées"
        case .approved: return "approuvée par les pairs"
        case .rejected: return "avis défavorable"
        case .accepted: return "acceptée"
        case .declined: return "refusée par la Région"
        case .refused: return "refusée à la réception"
        case .superseded: return "remplacée"
        }
    }
}

extension ProposalSubmission {
    /// The proposal file read for display: parsed against a catalogue without badges (an accepted
    /// proposal's id is in the catalogue since); nil when it does not parse (a refused one).
    public func parsed(label catalogue: Catalogue) -> Proposal? {
        try? Proposal.parse(bytes, file: ProposalTag.file(slug: slug),
                            catalogue: Catalogue(version: catalogue.version, label: catalogue.label, badges: []))
    }
}
