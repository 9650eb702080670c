internal import ArgumentParser
internal import DossierCore

/// `dossier retitle`: gives an evidence a new title (what the CFA's application's badge page does).
struct RetitleCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "retitle",
            abstract: L10n.t("Change le titre d'une preuve.", "Change an evidence's title."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge.", "Badge id.")))
    var badge: String
    @Argument(help: ArgumentHelp(L10n.t("Identifiant de la preuve.", "Evidence id."), valueName: "evidence-id"))
    var evidence: String
    @Argument(help: ArgumentHelp(L10n.t("Le nouveau titre.", "The new title.")))
    var title: String

    func run() throws {
        let context = try CommandContext(options)
        try context.workspace().editor.retitle(badge: badge, evidence: evidence, title: title)
        Output.line(context.t("Preuve \(evidence) du badge \(badge) renommée : \(title.trimmingCharacters(in: .whitespacesAndNewlines))",
                              "Evidence \(evidence) of badge \(badge) retitled: \(title.trimmingCharacters(in: .whitespacesAndNewlines))"))
    }
}

/// `dossier move`: makes an evidence support another criterion of the same badge.
struct MoveCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "move",
            abstract: L10n.t("Rattache une preuve à un autre critère du même badge.",
                             "Attach an evidence to another criterion of the same badge."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Identifiant du badge.", "Badge id.")))
    var badge: String
    @Argument(help: ArgumentHelp(L10n.t("Identifiant de la preuve.", "Evidence id."), valueName: "evidence-id"))
    var evidence: String
    @Option(help: ArgumentHelp(L10n.t("Le critère qu'elle étaye désormais.", "The criterion it now supports.")))
    var criterion: String

    func run() throws {
        let context = try CommandContext(options)
        try context.workspace().editor.move(badge: badge, evidence: evidence, criterion: criterion)
        Output.line(context.t("Preuve \(evidence) du badge \(badge) rattachée au critère \(criterion).",
                              "Evidence \(evidence) of badge \(badge) now supports criterion \(criterion)."))
    }
}
