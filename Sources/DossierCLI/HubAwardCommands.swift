internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub award UAI BADGE --member ID [--date D]`.
struct HubAwardCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "award", abstract: L10n.t("Décerne le badge (membre de la Région, quorum atteint, aucun veto).",
                                                                    "Award the badge (a Région member, with quorum and no blocking vote)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: "badge") var badge: String
    @Option(help: ArgumentHelp(L10n.t("Membre de la Région qui décerne.", "The Région member awarding."))) var member: String
    @Option(help: ArgumentHelp(L10n.t("Début de validité AAAA-MM-JJ (par défaut : aujourd'hui).", "Valid from YYYY-MM-DD (default: today)."))) var date: String?

    func validate() throws { _ = try parseDay(date, option: "--date") }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let day = try parseDay(date, option: "--date") ?? context.today
        let warnings = try Self.dateWarnings(day, context: context, uai: uai, badge: badge)
        let award = try context.refreshed().award(uai: uai, badge: badge, memberID: member, day: day)
        for warning in warnings { Output.error(warning) }
        Output.line(context.t("Badge \(badge) décerné au CFA \(uai), ", "Badge \(badge) awarded to CFA \(uai), ")
                    + ValidityText.range(from: award.validFrom, until: award.validUntil, context.lang) + ".")
        try Self.credentialLine(context, uai: uai, badge: badge, awardID: award.id)
        let label = try context.hub.label(uai: uai, on: context.today)
        if label.held { Output.line(context.t("Le CFA détient le label « CFA numérique normand ».", "The CFA holds the label « CFA numérique normand ».")) }
    }
}

extension HubAwardCommand {
    /// A validity that starts before the request (its ingestion, or its tag's date when earlier),
    /// or after today, can be meant (an award decided on paper before the hub; one from the start
    /// of the next term) but is more often a typing slip: it is recorded, and said on stderr.
    static func dateWarnings(_ day: Day, context: HubContext, uai: String, badge: String) throws -> [String] {
        var warnings: [String] = []
        if day > context.today {
            warnings.append(context.t("Attention : --date \(day) est dans le futur (aujourd'hui : \(context.today)) ; le badge ne compte qu'à partir de cette date.",
                                      "Warning: --date \(day) is in the future (today: \(context.today)); the badge only counts from that day."))
        }
        let submission = try context.hub.currentSubmission(uai: uai, badge: badge)
        let requested = Day(min(submission.submittedAt, submission.ingestedAt))
        if day < requested {
            warnings.append(context.t("Attention : --date \(day) précède la demande (\(requested)) ; la validité commence avant elle.",
                                      "Warning: --date \(day) is before the request (\(requested)); the validity starts before it."))
        }
        return warnings
    }
}

/// `dossier hub revoke UAI BADGE --member ID --reason R`.
struct HubRevokeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "revoke", abstract: L10n.t("Retire un badge décerné (membre de la Région).", "Revoke an awarded badge (a Région member)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Argument(help: "badge") var badge: String
    @Option(help: ArgumentHelp(L10n.t("Membre de la Région.", "The Région member."))) var member: String
    @Option(help: ArgumentHelp(L10n.t("La raison du retrait.", "Why it is revoked."))) var reason: String

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let hub = try context.refreshed()
        let before = try hub.badgeCredentials(uai: uai)
        _ = try hub.revoke(uai: uai, badge: badge, memberID: member, reason: reason, day: context.today)
        Output.line(context.t("Badge \(badge) retiré au CFA \(uai).", "Badge \(badge) revoked for CFA \(uai)."))
        for line in Self.credentialLines(context, badge: badge, before: before, after: try hub.badgeCredentials(uai: uai)) {
            Output.line(line)
        }
    }

    /// What the revocation did to the signed credentials: the badge's status bit set and, when the
    /// CFA lost the label by it, the label's credential revoked the same day.
    static func credentialLines(_ context: HubContext, badge: String, before: [BadgeCredential], after: [BadgeCredential]) -> [String] {
        let wasLive = Set(before.filter { $0.revokedAt == nil }.map(\.badge))
        let revoked = after.filter { $0.revokedAt != nil && wasLive.contains($0.badge) }
        var lines: [String] = []
        if let credential = revoked.first(where: { $0.badge == badge }) {
            lines.append(context.t(
                "Son attestation Open Badges est marquée révoquée dans la liste de statuts (index \(credential.statusIndex)) ; publiez le site (« dossier hub publish ») pour que les vérificateurs le voient.",
                "Its Open Badges credential is marked revoked in the status list (index \(credential.statusIndex)); publish the site (`dossier hub publish`) for verifiers to see it."))
        } else {
            lines.append(context.t("Aucune attestation signée de ce badge (pas de clés lors de l'attribution) : la liste de statuts n'a pas changé.",
                                   "No signed credential for this badge (no keys when it was awarded): the status list did not change."))
        }
        if let label = revoked.first(where: \.isLabel) {
            lines.append(context.t(
                "Le CFA perd le label « CFA numérique normand » : l'attestation du label est révoquée aujourd'hui (index \(label.statusIndex) de la liste de statuts).",
                "The CFA loses the label « CFA numérique normand »: the label's credential is revoked today (status list index \(label.statusIndex))."))
        }
        return lines
    }
}

/// `dossier hub label UAI`.
struct HubLabelCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "label", abstract: L10n.t("Le label du CFA : détenu ou non, badges valides, date où il tombera.",
                                                                    "The CFA's label: held or not, valid badges, when it will lapse."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String
    @Option(help: ArgumentHelp(L10n.t("À cette date AAAA-MM-JJ (par défaut : aujourd'hui).", "On this YYYY-MM-DD date (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func validate() throws { _ = try parseDay(date, option: "--date") }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let day = try parseDay(date, option: "--date") ?? context.today
        let label = try context.refreshed().label(uai: uai, on: day)
        if json { return try Output.json(label) }
        let t = context.t
        let required = context.hub.catalogue.label.badgesRequired
        Output.line(label.held ? t("Label « CFA numérique normand » : détenu", "Label « CFA numérique normand »: held")
                               : t("Label « CFA numérique normand » : non détenu", "Label « CFA numérique normand »: not held"))
        Output.line(t("Badges valides le \(day) : \(label.validBadges.count)/\(required)", "Valid badges on \(day): \(label.validBadges.count)/\(required)"))
        for badge in label.validBadges {
            Output.line("  \(badge.badge)\(badge.mandatory ? " *" : "")  " + ValidityText.until(badge.validUntil, context.lang))
        }
        if !label.missingMandatory.isEmpty {
            Output.line(t("Obligatoires manquants : ", "Mandatory missing: ") + label.missingMandatory.joined(separator: ", "))
        }
        if let lapse = label.lapsesOn {
            Output.line(t("Le label tombera le \(lapse) sans renouvellement de : ", "The label lapses on \(lapse) unless renewed: ")
                        + label.renewToPrevent.joined(separator: ", "))
        }
    }
}

/// `dossier hub export --format csv|json`.
struct HubExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export", abstract: L10n.t("Tableau CFA × badges (états, dates, label) pour les bilans de la Région.",
                                                                     "CFAs × badges table (states, dates, label) for the Région's reporting."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Option(help: ArgumentHelp(L10n.t("Format du tableau.", "Table format."))) var format: ExportFormat
    @Option(help: ArgumentHelp(L10n.t("À cette date AAAA-MM-JJ (par défaut : aujourd'hui).", "On this YYYY-MM-DD date (default: today)."))) var date: String?

    func validate() throws {
        _ = try parseDay(date, option: "--date")
    }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let day = try parseDay(date, option: "--date") ?? context.today
        let export = try context.refreshed().export(on: day)
        if format == .json { return try Output.json(export) }
        Output.file(Array(export.csv().utf8))
    }
}

/// `dossier hub log [UAI]`: the operation log.
struct HubLogCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "log", abstract: L10n.t("Le journal des opérations (qui, quand, pourquoi, quel commit).",
                                                                  "The operation log (who, when, why, which commit)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

    func run() throws {
        let context = try HubContext(options, hubOptions)
        if let uai, try !context.hub.cfas().contains(where: { $0.uai == uai }) { throw HubError.unknownCFA(uai) }
        let entries = try context.hub.audit(uai: uai)
        if json { return try Output.json(["entries": entries]) }
        let formatter = ISO8601DateFormatter()
        for entry in entries {
            var parts = [formatter.string(from: entry.at), entry.actor, entry.action]
            if let uai = entry.uai { parts.append(uai) }
            if let badge = entry.badge { parts.append(badge) }
            if let from = entry.fromState, let to = entry.toState {
                parts.append(Submission.State.text(code: from, context.lang) + " → " + Submission.State.text(code: to, context.lang))
            }
            if let commit = entry.commit { parts.append(String(commit.prefix(7))) }
            if let reason = HubText.reason(entry, context.lang) { parts.append("« \(reason) »") }
            Output.line(parts.joined(separator: "  "))
        }
    }
}
