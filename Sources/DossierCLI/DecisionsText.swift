internal import DossierCore
internal import DossierRepository

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
    /// When the label is held: the first day it stops being held if nothing is renewed.
    let labelLapsesOn: Day?
    /// When the label is held: the badges whose validity ends that day (renewing them keeps it).
    let renewToPrevent: [String]

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
        let validAwards = decisions.awards.values.filter { $0.isValid(on: today) }
        func holds(_ badges: Set<String>) -> Bool {
            badges.count >= catalogue.label.badgesRequired && catalogue.mandatoryBadges.allSatisfy { badges.contains($0.id) }
        }
        var valid = Set(validAwards.map(\.badge))
        labelHeld = holds(valid)
        // Let validities end in order: the first end that breaks the rule is when the label lapses.
        var lapse: (day: Day, badges: [String])?
        if labelHeld {
            let ends = Dictionary(grouping: validAwards.compactMap { award in award.validUntil.map { (award.badge, $0) } }, by: \.1)
            for day in ends.keys.sorted() {
                let ending = (ends[day] ?? []).map(\.0)
                valid.subtract(ending)
                if !holds(valid) {
                    lapse = (day, ending.sorted { rank($0) < rank($1) })
                    break
                }
            }
        }
        labelLapsesOn = lapse?.day
        renewToPrevent = lapse?.badges ?? []
    }

    var isEmpty: Bool { awards.isEmpty && sentBack.isEmpty && revoked.isEmpty }

    func print(_ context: CommandContext) {
        guard !isEmpty else { return }
        let t = context.t
        Output.line(t("Décisions de la Région :", "The Région's decisions:"))
        for award in awards {
            var line = "  ✔ \(award.badge) " + t("décerné, ", "awarded, ")
                + ValidityText.range(from: award.validFrom, until: award.validUntil, context.lang)
            if award.expired {
                line += t(" — expiré", " — expired")
            } else if award.renewalDue {
                line += t(" — à renouveler (moins de \(Self.renewalNoticeDays) jours)", " — renewal due (under \(Self.renewalNoticeDays) days)")
            }
            Output.line(line)
        }
        if labelHeld {
            Output.line(t("  ★ label « CFA numérique normand » détenu", "  ★ label « CFA numérique normand » held")
                        + (labelLapsesOn.map { day in
                            t(" ; il tombera le \(day) sans renouvellement de : ", "; it lapses on \(day) unless renewed: ")
                                + renewToPrevent.joined(separator: ", ")
                        } ?? ""))
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
