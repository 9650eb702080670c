import DossierCore
import DossierRepository
import WebLayer

/// Where one badge stands for the CFA, in the order a person reads it: the Région's decision
/// first, then a request waiting for one, then the dossier's own state.
enum BadgeState: Equatable {
    case notStarted
    case inProgress
    case ready
    case requested(Day)
    case awarded(until: Day)
    case renew(by: Day)
    case sentBack(Decision)
    case revoked(Day)

    /// The state of `badge` from the check, the decisions and the submission tags made on this laptop.
    static func of(_ badge: BadgeCheck, claim: Claim? = nil, decisions: Decisions, view: DecisionsView, requests: [SubmissionTag],
                   today: Day) -> BadgeState {
        let latest = decisions.latest[badge.id]
        let newestRequest = requests.filter { $0.badge == badge.id }.max()
        // A request newer than the latest decision is waiting for the peer group.
        if let newestRequest, latest.flatMap({ SubmissionTag($0.submission) }).map({ $0 < newestRequest }) ?? true {
            return .requested(newestRequest.day)
        }
        if let award = view.awards.first(where: { $0.badge == badge.id }), !award.expired {
            return award.renewalDue ? .renew(by: award.validUntil) : .awarded(until: award.validUntil)
        }
        if let latest {
            switch latest.outcome {
            case .changesRequested, .rejected: return .sentBack(latest)
            case .revoked: return .revoked(latest.date)
            default: break
            }
        }
        if badge.status == nil { return .notStarted }
        // A draft claim with nothing in it yet (`init` makes one per badge) is not started.
        if let claim, !(claim.status == .ready || !claim.evidence.isEmpty
                || !claim.narrative.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || claim.level != nil) { return .notStarted }
        return badge.ready && badge.status == .ready ? .ready : .inProgress
    }

    /// A class name for the card (colour repeats what the words say).
    var cssClass: String {
        switch self {
        case .notStarted: "st-not-started"
        case .inProgress: "st-in-progress"
        case .ready: "st-ready"
        case .requested: "st-requested"
        case .awarded: "st-awarded"
        case .renew: "st-renew"
        case .sentBack, .revoked: "st-sent-back"
        }
    }

    /// A symbol that says the state without colour.
    var symbol: String {
        switch self {
        case .notStarted: "○"
        case .inProgress: "◐"
        case .ready: "✓"
        case .requested: "✉"
        case .awarded: "★"
        case .renew: "↻"
        case .sentBack: "↺"
        case .revoked: "⊘"
        }
    }

    func text(_ lang: Lang) -> String {
        switch self {
        case .notStarted: lang.t("pas commencé", "not started")
        case .inProgress: lang.t("en cours", "in progress")
        case .ready: lang.t("prêt à demander", "ready to request")
        case .requested(let day): lang.t("demandé le \(day.text(lang))", "requested on \(day.text(lang))")
        case .awarded(let until): lang.t("décerné jusqu'au \(until.text(lang))", "awarded until \(until.text(lang))")
        case .renew(let by): lang.t("à renouveler avant le \(by.text(lang))", "to renew by \(by.text(lang))")
        case .sentBack(let decision):
            decision.outcome == .rejected ? lang.t("demande refusée le \(decision.date.text(lang))", "request rejected on \(decision.date.text(lang))")
                : lang.t("renvoyé pour modifications le \(decision.date.text(lang))", "sent back for changes on \(decision.date.text(lang))")
        case .revoked(let day): lang.t("retiré le \(day.text(lang))", "revoked on \(day.text(lang))")
        }
    }

    /// The reviewers' reasons, when the request was sent back.
    var reasons: [Decision.Reason] {
        if case .sentBack(let decision) = self { return decision.reasons }
        return []
    }
}

extension Day {
    /// A day as a person reads it: « 6 décembre 2026 », "6 December 2026".
    func text(_ lang: Lang) -> String {
        let months = lang == .fr
            ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let parts = description.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return description }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }
}
