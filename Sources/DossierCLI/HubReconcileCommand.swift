internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub
#if canImport(Glibc)
internal import Glibc
#endif

/// `dossier hub reconcile`: fetch every CFA into its mirror, ingest new submissions, deliver decisions.
struct HubReconcileCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "reconcile",
            abstract: L10n.t("Récupère les dossiers des CFA, enregistre les nouvelles demandes et renvoie les décisions.",
                             "Fetch the CFAs' dossiers, ingest new requests and send decisions back."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @OptionGroup var transfer: TransferOptions
    @Option(help: ArgumentHelp(L10n.t("CFA traités en parallèle (par défaut : réglage du hub).",
                                      "CFAs processed in parallel (default: the hub's setting)."))) var jobs: Int?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false
    @Argument(help: ArgumentHelp(L10n.t("Seulement ces CFA (UAI).", "Only these CFAs (UAI)."))) var only: [String] = []

    func validate() throws {
        if let jobs, !(1...64).contains(jobs) { throw ValidationError(L10n.t("--jobs va de 1 à 64", "--jobs ranges from 1 to 64")) }
    }

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let t = context.t
        var reconcileOptions = Reconciler.Options(jobs: jobs ?? context.hub.settings.jobs,
                                                  transfer: transfer.remoteOptions(lang: context.lang))
        let total = try context.hub.cfas().filter { only.isEmpty || only.contains($0.uai) }.count
        if !transfer.quiet, !json, isatty(STDERR_FILENO) == 1 {
            var done = 0
            reconcileOptions.onOutcome = { outcome in
                done += 1
                Output.error("[\(done)/\(total)] \(outcome.uai) " + Self.describe(outcome, context.lang))
            }
        }
        let report: ReconcileReport
        do {
            report = try Reconciler(hub: context.hub, options: reconcileOptions).run(only: only.isEmpty ? nil : only)
        } catch HubError.reconcileRunning {
            Output.error(HubError.reconcileRunning.text(context.lang))
            throw ExitCode(Self.busyExitCode)
        }
        try context.hub.refreshExpiries(on: context.today)
        if json {
            try Output.json(report)
        } else {
            Output.line(t("\(report.newSubmissions) nouvelle(s) demande(s), \(report.unchanged) CFA inchangé(s), \(report.failed.count) en échec.",
                          "\(report.newSubmissions) new request(s), \(report.unchanged) CFA(s) unchanged, \(report.failed.count) failed."))
            let delivered = report.cfas.filter(\.decisionsDelivered).map(\.uai)
            if !delivered.isEmpty {
                Output.line(t("Décisions envoyées à : ", "Decisions sent to: ") + delivered.joined(separator: ", "))
            }
            let catalogue = report.cfas.filter(\.catalogueDelivered).map(\.uai)
            if !catalogue.isEmpty {
                Output.line(t("Catalogue envoyé à : ", "Catalogue sent to: ") + catalogue.joined(separator: ", "))
            }
            for outcome in report.cfas where outcome.status == .new {
                // Badge proposals ingested follow the requests (docs/CATALOGUE.md, « Proposals at the hub »).
                Output.line("  \(outcome.uai) : " + (outcome.newSubmissions + outcome.newProposals).joined(separator: ", "))
            }
            for outcome in report.cfas where !outcome.notes.isEmpty {
                Output.line("  \(outcome.uai) : " + HubText.reasons(outcome.notes, context.lang))
            }
            for outcome in report.failed {
                Output.line(t("  échec ", "  failed ") + "\(outcome.uai) : " + HubText.reasons(outcome.reasons, context.lang))
            }
        }
        if !report.failed.isEmpty { throw ExitCode(6) }
    }

    /// The exit code when another reconcile holds the hub's lock.
    static let busyExitCode: Int32 = 8

    static func describe(_ outcome: CFAOutcome, _ lang: Lang) -> String {
        let t = { (fr: String, en: String) in lang.pick(fr: fr, en: en) }
        let delivered = (outcome.decisionsDelivered ? t(", décisions envoyées", ", decisions sent") : "")
            + (outcome.catalogueDelivered ? t(", catalogue envoyé", ", catalogue sent") : "")
        switch outcome.status {
        case .new:
            let proposals = outcome.newProposals.isEmpty ? ""
                : t(", \(outcome.newProposals.count) proposition(s) de badge", ", \(outcome.newProposals.count) badge proposal(s)")
            return t("\(outcome.newSubmissions.count) nouvelle(s) demande(s)", "\(outcome.newSubmissions.count) new request(s)") + proposals + delivered
        case .unchanged: return t("inchangé", "unchanged")
        case .updated: return t("à jour", "up to date") + delivered
        case .failed: return t("échec : ", "failed: ") + HubText.reasons(outcome.reasons, lang)
        }
    }
}
