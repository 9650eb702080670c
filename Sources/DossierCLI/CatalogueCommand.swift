internal import ArgumentParser
internal import DossierCore

/// `dossier catalogue`: what each badge asks for.
struct CatalogueCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "catalogue",
            abstract: L10n.t("Montre les badges, leurs critères, leur durée et leurs règles.",
                             "Show the badges, their criteria, validity and rules."))
    }

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp(L10n.t("Un seul badge, en détail.", "One badge, in detail.")))
    var badge: String?
    @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output.")))
    var json = false

    struct CatalogueJSON: Encodable {
        let version: String
        let label: Catalogue.Label
        let badges: [Badge]
    }

    func run() throws {
        let context = try CommandContext(options)
        let catalogue = context.catalogue
        var badges = catalogue.badges
        if let badge {
            guard let found = catalogue.badge(badge) else { throw DossierError(.unknownBadge(badge)) }
            badges = [found]
        }
        if json { return try Output.json(CatalogueJSON(version: catalogue.version, label: catalogue.label, badges: badges)) }
        let t = context.t
        if badge == nil {
            Output.line(t("Catalogue \(catalogue.version) — label « \(catalogue.label.title) » : \(catalogue.label.badgesRequired) badges dont les \(catalogue.mandatoryBadges.count) obligatoires",
                          "Catalogue \(catalogue.version) — label « \(catalogue.label.title) »: \(catalogue.label.badgesRequired) badges including the \(catalogue.mandatoryBadges.count) mandatory ones"))
            Output.line()
            for badge in badges {
                let mandatory = badge.mandatory ? t("obligatoire", "mandatory") : t("au choix", "optional")
                Output.line("  " + Table.pad(badge.id, 22) + Table.pad(badge.title, 32) + Table.pad(mandatory, 13)
                            + t("\(badge.validityYears) an(s)", "\(badge.validityYears) year(s)"))
            }
            Output.line()
            Output.line(t("Détail d'un badge : dossier catalogue BADGE", "One badge in detail: dossier catalogue BADGE"))
            return
        }
        for badge in badges { describe(badge, context: context) }
    }

    private func describe(_ badge: Badge, context: CommandContext) {
        let t = context.t
        Output.line("\(badge.number). \(badge.title) (\(badge.id)) — " + (badge.mandatory ? t("obligatoire", "mandatory") : t("au choix", "optional"))
                    + t(", valable \(badge.validityYears) an(s)", ", valid \(badge.validityYears) year(s)"))
        if !badge.summary.isEmpty { Output.line("   " + badge.summary) }
        Output.line(t("   Ce qu'il reconnaît : ", "   Recognises: ") + badge.recognises)
        Output.line(t("   Critères :", "   Criteria:"))
        for criterion in badge.criteria { Output.line("     - \(criterion.id) : \(criterion.text)") }
        Output.line(t("   Exigence : ", "   Requirement: ") + badge.requirement.text(context.lang))
        let first = badge.firstAward.map { $0.text(context.lang) }.joined(separator: " ; ")
        let renewal = badge.renewal.map { $0.text(context.lang) }.joined(separator: " ; ")
        Output.line(t("   Première attribution : ", "   First award: ") + (first.isEmpty ? t("les critères suffisent", "the criteria suffice") : first))
        Output.line(t("   Renouvellement : ", "   Renewal: ") + (renewal.isEmpty ? t("les critères suffisent", "the criteria suffice") : renewal))
        if let text = badge.rulesText { Output.line(t("   Texte du label : ", "   Label text: ") + text) }
        Output.line()
    }
}


/// Column padding for text tables (counts characters, not bytes).
enum Table {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
