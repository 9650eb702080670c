import ArgumentParser
import DossierCore
import DossierRepository

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
        // Badges the Région awarded before (its decisions, fetched by sync) are checked for renewal.
        let decisions = try Decisions.read(from: workspace.repository)
        let awarded = try workspace.history.awardedClaims(revision: since)
        let report = try Checker(catalogue: context.catalogue)
            .check(dossier, source: workspace.workingSource,
                   options: .init(renewal: renewal, awarded: awarded, renewalBadges: Set(decisions.awards.keys),
                                  extraProblems: try MediaCheck(workspace: workspace).problems(dossier)))
        let view = DecisionsView(decisions, today: Day.today(), catalogue: context.catalogue)
        if json { return try Output.json(CheckJSON(report, lang: context.lang, decisions: view)) }
        CheckText(context: context).print(report, identity: dossier.identity)
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
                          eligible: progress.eligible)
    }
}

/// The text shape of `check`.
struct CheckText {
    let context: CommandContext

    func print(_ report: CheckReport, identity: DossierIdentity) {
        let t = context.t
        Output.line("\(identity.name) (\(identity.uai)) — " + t("catalogue \(report.catalogueVersion), ", "catalogue \(report.catalogueVersion), ")
                    + (report.renewal ? t("renouvellement", "renewal")
                       : report.badges.contains(where: \.renewal)
                       ? t("renouvellement pour les badges déjà décernés", "renewal for the badges already awarded")
                       : t("première attribution", "first award")))
        Output.line()
        for badge in report.badges {
            let mark = badge.ready ? "✔" : (badge.status == nil ? "·" : "✘")
            let state = badge.ready ? t("prêt", "ready") : (badge.status == nil ? t("pas commencé", "not started") : t("incomplet", "incomplete"))
            let mandatory = badge.mandatory ? t("obligatoire", "mandatory") : t("au choix", "optional")
            let renewal = badge.renewal && !report.renewal ? t(" (renouvellement)", " (renewal)") : ""
            Output.line("\(mark) " + Table.pad(badge.id, 22) + Table.pad(mandatory, 13) + state + renewal)
            guard badge.status != nil else { continue }
            for problem in badge.problems {
                Output.line("    " + (problem.isBlocking ? "- " : t("(conseil) ", "(advice) ")) + problem.text(context.lang, badge: badge.id))
            }
        }
        for problem in report.problems { Output.line(t("(conseil) ", "(advice) ") + problem.text(context.lang)) }
        let label = report.label
        Output.line()
        Output.line(t("Label : \(label.readyBadges)/\(label.badgesRequired) badges prêts, \(label.mandatoryReady)/\(label.mandatoryTotal) obligatoires.",
                      "Label: \(label.readyBadges)/\(label.badgesRequired) badges ready, \(label.mandatoryReady)/\(label.mandatoryTotal) mandatory."))
        if label.eligible {
            Output.line(t("Le dossier remplit les conditions du label « CFA numérique normand ».",
                          "The dossier meets the conditions of the label « CFA numérique normand »."))
        } else {
            var needs: [String] = []
            if !label.missingMandatory.isEmpty {
                needs.append(t("obligatoires à terminer : ", "mandatory still to finish: ") + label.missingMandatory.joined(separator: ", "))
            }
            needs.append(t("encore \(label.badgesStillNeeded) badge(s) prêt(s)", "\(label.badgesStillNeeded) more ready badge(s)"))
            Output.line(t("Il manque : ", "Still needed: ") + needs.joined(separator: " ; "))
        }
    }
}
