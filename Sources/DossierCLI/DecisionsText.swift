internal import DossierCore
internal import DossierRepository

extension DecisionsView {
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
