internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation

/// `dossier check`: which badges are ready, what is missing, and the label progress.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: L10n.t("Vérifie chaque badge et la progression vers le label.",
                             "Check every badge and the progress towards the label."),
            discussion: L10n.t("""
                Un dossier bien formé mais incomplet sort avec le code 0 ; un dossier mal formé sort avec 1 et \
                des erreurs « fichier:ligne ». Avec --renewal, la version attribuée est celle de --since, sinon \
                la dernière étiquette awards/<badge>/… de chaque badge.
                """, """
                A well-formed but incomplete dossier exits 0; a malformed one exits 1 with `file:line` errors. \
                With --renewal, the awarded snapshot is --since, else each badge's newest awards/<badge>/… tag.
                """))
    }

    @OptionGroup var options: GlobalOptions
    @Flag(help: ArgumentHelp(L10n.t("Vérifier selon les règles de renouvellement.", "Check against the renewal rules.")))
    var renewal = false
    @Option(help: ArgumentHelp(L10n.t("Version attribuée à comparer (renouvellement).", "Awarded snapshot to compare with (renewal)."),
                               valueName: "revision"))
    var since: String?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output.")))
    var json = false

    func validate() throws {
        if since != nil, !renewal { throw ValidationError(L10n.t("--since va avec --renewal", "--since goes with --renewal")) }
    }

    func run() throws {
        let context = try CommandContext(options)
        let workspace = try context.workspace()
        let dossier = try DossierReader(source: workspace.workingSource, catalogue: context.catalogue).loadValid()
        // Evidence digests through the stat cache: only files changed since the last check are hashed.
        let files = workspace.cachedWorkingSource()
        // Badges the Région awarded before (its decisions, fetched by sync) are checked for renewal.
        let decisions = try Decisions.read(from: workspace.repository)
        let awarded = try workspace.history.awardedClaims(revision: since)
        let report = try Checker(catalogue: context.catalogue)
            .check(dossier, source: files,
                   options: .init(renewal: renewal, awarded: awarded, renewalBadges: Set(decisions.awards.keys),
                                  extraProblems: try MediaCheck(workspace: workspace).problems(dossier, files: files)))
        files.persist()
        let view = DecisionsView(decisions, today: Day.today(environment: ProcessInfo.processInfo.environment), catalogue: context.catalogue)
        if json { return try Output.json(CheckJSON(report, lang: context.lang, decisions: view)) }
        CheckText(context: context).print(report, identity: dossier.identity, decisions: view)
        if !view.isEmpty {
            Output.line()
            view.print(context)
        }
    }
}

/// The JSON shape of `check`.
struct CheckJSON: Encodable {
    struct BadgeJSON: Encodable {
        let id: String
        let title: String
        let mandatory: Bool
        /// Checked against the renewal rules (awarded before, or --renewal).
        let renewal: Bool
        let started: Bool
        let status: String?
        let ready: Bool
        let criteriaMet: [String]
        let problems: [ProblemJSON]
    }

    struct LabelJSON: Encodable {
        let readyBadges: Int
        let badgesRequired: Int
        let mandatoryReady: Int
        let mandatoryTotal: Int
        let missingMandatory: [String]
        let badgesStillNeeded: Int
        let eligible: Bool
        /// Held today, from the Région's decisions; then when it lapses unless these are renewed.
        let held: Bool
        let lapsesOn: Day?
        let renewToPrevent: [String]
    }

    let catalogueVersion: String
    let renewal: Bool
    let badges: [BadgeJSON]
    let problems: [ProblemJSON]
    let label: LabelJSON
    let decisions: DecisionsView

    init(_ report: CheckReport, lang: Lang, decisions: DecisionsView) {
        self.decisions = decisions
        catalogueVersion = report.catalogueVersion
        renewal = report.renewal
        badges = report.badges.map { badge in
            BadgeJSON(id: badge.id, title: badge.title, mandatory: badge.mandatory, renewal: badge.renewal, started: badge.status != nil,
                      status: badge.status?.rawValue, ready: badge.ready, criteriaMet: badge.criteriaMet,
                      problems: badge.problems.map { ProblemJSON($0, lang: lang, badge: badge.id) })
        }
        problems = report.problems.map { ProblemJSON($0, lang: lang) }
        let progress = report.label
        label = LabelJSON(readyBadges: progress.readyBadges, badgesRequired: progress.badgesRequired,
                          mandatoryReady: progress.mandatoryReady, mandatoryTotal: progress.mandatoryTotal,
                          missingMandatory: progress.missingMandatory, badgesStillNeeded: progress.badgesStillNeeded,
                          eligible: progress.eligible, held: decisions.labelHeld, lapsesOn: decisions.labelLapsesOn,
                          renewToPrevent: decisions.renewToPrevent)
    }
}

/// The text shape of `check`.
struct CheckText {
    let context: CommandContext

    func print(_ report: CheckReport, identity: DossierIdentity, decisions: DecisionsView) {
        let t = context.t
        Output.line("\(identity.name) (\(identity.uai)) — " + t("catalogue \(report.catalogueVersion), ", "catalogue \(report.catalogueVersion), ")
                    + (report.renewal ? t("renouvellement", "renewal")
                       : report.badges.contains(where: \.renewal)
                       ? t("renouvellement pour les badges déjà décernés", "renewal for the badges already awarded")
                       : t("première attribution", "first award")))
        Output.line()
        // Badges the Région awarded and that are valid today: held, their renewal prepared ahead.
        let held = Dictionary(decisions.awards.filter { !$0.expired }.map { ($0.badge, $0) }, uniquingKeysWith: { a, _ in a })
        for badge in report.badges {
            let mandatory = badge.mandatory ? t("obligatoire", "mandatory") : t("au choix", "optional")
            if let award = held[badge.id] {
                let renewal = badge.ready ? t("renouvellement prêt", "renewal ready") : t("renouvellement à préparer", "renewal to prepare")
                let due = award.renewalDue ? t(" (à envoyer avant le \(award.validUntil))", " (to send before \(award.validUntil))") : ""
                Output.line("★ " + Table.pad(badge.id, 22) + Table.pad(mandatory, 13) + t("décerné ", "awarded ")
                            + ValidityText.until(award.validUntil, context.lang) + " — " + renewal + due)
                // What the renewal still needs matters once it is due, or when asked (--renewal).
                guard award.renewalDue || report.renewal else { continue }
            } else {
                let mark = badge.ready ? "✔" : (badge.status == nil ? "·" : "✘")
                let state = badge.ready ? t("prêt", "ready") : (badge.status == nil ? t("pas commencé", "not started") : t("incomplet", "incomplete"))
                let renewal = badge.renewal && !report.renewal ? t(" (renouvellement)", " (renewal)") : ""
                Output.line("\(mark) " + Table.pad(badge.id, 22) + Table.pad(mandatory, 13) + state + renewal)
            }
            guard badge.status != nil else { continue }
            for problem in badge.problems {
                Output.line("    " + (problem.isBlocking ? "- " : t("(conseil) ", "(advice) ")) + problem.text(context.lang, badge: badge.id))
            }
        }
        for problem in report.problems { Output.line(t("(conseil) ", "(advice) ") + problem.text(context.lang)) }
        Output.line()
        if decisions.labelHeld {
            return printHeld(report, decisions: decisions, held: Set(held.keys))
        }
        // A badge counts towards the label when it is ready, or awarded and still valid.
        let label = report.label
        let counted = report.badges.filter { $0.ready || held[$0.id] != nil }
        let mandatoryCounted = counted.filter(\.mandatory).count
        let missingMandatory = report.badges.filter { $0.mandatory && !$0.ready && held[$0.id] == nil }.map(\.id)
        let stillNeeded = max(label.badgesRequired - counted.count, missingMandatory.count)
        let countedText = held.isEmpty ? t("prêts", "ready") : t("prêts ou décernés", "ready or awarded")
        Output.line(t("Label : \(counted.count)/\(label.badgesRequired) badges \(countedText), \(mandatoryCounted)/\(label.mandatoryTotal) obligatoires.",
                      "Label: \(counted.count)/\(label.badgesRequired) badges \(countedText), \(mandatoryCounted)/\(label.mandatoryTotal) mandatory."))
        if counted.count >= label.badgesRequired, missingMandatory.isEmpty {
            Output.line(t("Le dossier remplit les conditions du label « CFA numérique normand ».",
                          "The dossier meets the conditions of the label « CFA numérique normand »."))
        } else {
            var needs: [String] = []
            if !missingMandatory.isEmpty {
                needs.append(t("obligatoires à terminer : ", "mandatory still to finish: ") + missingMandatory.joined(separator: ", "))
            }
            needs.append(t("encore \(stillNeeded) badge(s) prêt(s)", "\(stillNeeded) more ready badge(s)"))
            Output.line(t("Il manque : ", "Still needed: ") + needs.joined(separator: " ; "))
        }
    }

    /// The label part when the CFA holds the label: that it holds it, until when, and what to renew.
    private func printHeld(_ report: CheckReport, decisions: DecisionsView, held: Set<String>) {
        let t = context.t
        let renewalsReady = report.badges.filter { held.contains($0.id) && $0.ready }.count
        Output.line(t("Label « CFA numérique normand » : détenu (\(held.count) badges décernés valables).",
                      "Label « CFA numérique normand »: held (\(held.count) awarded badges valid)."))
        if let lapse = decisions.labelLapsesOn {
            Output.line(t("Il tombera le \(lapse) sans renouvellement de : ", "It lapses on \(lapse) unless renewed: ")
                        + decisions.renewToPrevent.joined(separator: ", "))
        }
        if !decisions.renewalsDue.isEmpty {
            Output.line(t("À renouveler maintenant (moins de \(DecisionsView.renewalNoticeDays) jours) : ",
                          "Renewal due now (under \(DecisionsView.renewalNoticeDays) days): ") + decisions.renewalsDue.joined(separator: ", "))
        }
        Output.line(t("Renouvellements prêts : \(renewalsReady)/\(held.count).", "Renewals ready: \(renewalsReady)/\(held.count)."))
    }
}
