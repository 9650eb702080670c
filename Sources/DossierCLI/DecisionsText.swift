import DossierCore
import DossierRepository

/// The Région's decisions as `status` and `check` show them: awards with their expiry, renewals
/// due within 90 days, requests sent back with the reviewers' reasons.
struct DecisionsView: Encodable {
    struct AwardJSON: Encodable {
        let badge: String
        let validFrom: Day
        let validUntil: Day
        let expired: Bool
        let renewalDue: Bool
        let commit: String
    }

    struct SentBackJSON: Encodable {
        let badge: String
        let submission: String
        let outcome: String
        let date: Day
        let reasons: [Decision.Reason]
    }

    let awards: [AwardJSON]
    let renewalsDue: [String]
    let sentBack: [SentBackJSON]
    let revoked: [SentBackJSON]
    /// Whether the badges valid today give the label (10 including the 5 mandatory).
    let labelHeld: Bool

    /// Days before the end of a badge's validity from which its renewal is due.
    static let renewalNoticeDays = 90

    init(_ decisions: Decisions, today: Day, catalogue: Catalogue) {
        let order = catalogue.badges.map(\.id)
        func rank(_ badge: String) -> Int { order.firstIndex(of: badge) ?? .max }
        let due = Set(decisions.renewalsDue(on: today, within: Self.renewalNoticeDays).map(\.badge))
        awards = decisions.awards.values.compactMap { award -> AwardJSON? in
            guard let from = award.validFrom, let until = award.validUntil else { return nil }
            return AwardJSON(badge: award.badge, validFrom: from, validUntil: until, expired: until <= today,
                             renewalDue: due.contains(award.badge), commit: award.commit)
        }.sorted { rank($0.badge) < rank($1.badge) }
        renewalsDue = awards.filter(\.renewalDue).map(\.badge)
        func json(_ decision: Decision) -> SentBackJSON {
            SentBackJSON(badge: decision.badge, submission: decision.submission, outcome: decision.outcome.rawValue,
                         date: decision.date, reasons: decision.reasons)
        }
        sentBack = decisions.sentBack.map(json).sorted { rank($0.badge) < rank($1.badge) }
        revoked = decisions.latest.values.filter { $0.outcome == .revoked }.map(json).sorted { rank($0.badge) < rank($1.badge) }
        let valid = Set(decisions.awards.values.filter { $0.isValid(on: today) }.map(\.badge))
        labelHeld = valid.count >= catalogue.label.badgesRequired && catalogue.mandatoryBadges.allSatisfy { valid.contains($0.id) }
    }

    var isEmpty: Bool { awards.isEmpty && sentBack.isEmpty && revoked.isEmpty }

    func print(_ context: CommandContext) {
        guard !isEmpty else { return }
        let t = context.t
        Output.line(t("Décisions de la Région :", "The Région's decisions:"))
        for award in awards {
            var line = "  ✔ \(award.badge) " + t("décerné, valable du \(award.validFrom) au \(award.validUntil)",
                                                  "awarded, valid \(award.validFrom) to \(award.validUntil)")
            if award.expired {
                line += t(" — expiré", " — expired")
            } else if award.renewalDue {
                line += t(" — à renouveler (moins de \(Self.renewalNoticeDays) jours)", " — renewal due (under \(Self.renewalNoticeDays) days)")
            }
            Output.line(line)
        }
        if labelHeld {
            Output.line(t("  ★ label « CFA numérique normand » détenu", "  ★ label « CFA numérique normand » held"))
        }
        for item in sentBack {
            let what = item.outcome == Decision.Outcome.rejected.rawValue
                ? t("demande refusée", "request rejected") : t("modifications demandées", "changes requested")
            Output.line("  ↩ \(item.badge)" + t(" : ", ": ") + "\(what) (\(item.date), \(item.submission))")
            for reason in item.reasons { Output.line("      \(reason.member) (\(reason.role))" + t(" : ", ": ") + reason.text) }
        }
        for item in revoked {
            Output.line("  ✘ \(item.badge)" + t(" : badge retiré", ": badge revoked") + " (\(item.date))"
                        + (item.reasons.first.map { " — \($0.text)" } ?? ""))
        }
        Output.line()
    }
}
