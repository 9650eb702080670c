internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Git

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
    @Option(name: .customLong("diff"), parsing: .upToNextOption,
            help: ArgumentHelp(L10n.t("Ce qui a changé entre deux versions (A B), ou de A au catalogue utilisé (A).",
                                      "What changed between two versions (A B), or from A to the catalogue in use (A)."),
                               valueName: "version"))
    var diff: [String] = []

    func validate() throws {
        guard diff.count <= 2 else { throw ValidationError(L10n.t("--diff prend une ou deux versions", "--diff takes one or two versions")) }
        if !diff.isEmpty, badge != nil { throw ValidationError(L10n.t("--diff ne prend pas de badge", "--diff takes no badge")) }
    }

    struct CatalogueJSON: Encodable {
        let version: String
        let label: Catalogue.Label
        let badges: [Badge]
    }

    func run() throws {
        let context = try CommandContext(options)
        let catalogue = context.catalogue
        if !diff.isEmpty {
            let known = try Self.knownVersions(context)
            let old = try Self.version(diff[0], among: known)
            let new = diff.count == 2 ? try Self.version(diff[1], among: known) : catalogue
            let changes = CatalogueDiff(from: old, to: new)
            if json { return try Output.json(changes) }
            for line in changes.lines(context.lang) { Output.line(line) }
            return
        }
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

extension CatalogueCommand {
    /// The catalogues this dossier knows: the built-in one, those received from the Région, and
    /// the one in use (`--catalogue FILE`).
    static func knownVersions(_ context: CommandContext) throws -> [Catalogue] {
        var known = [try Catalogue.builtin()]
        if let repository = try? Repository.open(at: context.folder) { known += try ReceivedCatalogues.all(repository: repository) }
        known.append(context.catalogue)
        return known
    }

    static func version(_ text: String, among known: [Catalogue]) throws -> Catalogue {
        guard let version = CatalogueVersion(text) else { throw CatalogueError.invalidVersion(text) }
        guard let found = known.last(where: { CatalogueVersion($0.version) == version }) else { throw CatalogueError.unknownVersion(text) }
        return found
    }

    /// What `check` says when the catalogue in use is newer than the one the dossier was last
    /// checked against (`catalogueVersion` in dossier.yaml): which version applies, and what changed.
    static func newerVersionLines(identity: DossierIdentity, context: CommandContext) -> [String] {
        guard let recorded = identity.catalogueVersion, let old = CatalogueVersion(recorded),
              let current = CatalogueVersion(context.catalogue.version), old < current else { return [] }
        let t = context.t
        var lines = [t("Le catalogue \(current) de la Région s'applique ; le dossier a été vérifié avec le \(old).",
                       "The Région's catalogue \(current) applies; the dossier was checked against \(old).")]
        if let known = try? knownVersions(context), let before = known.last(where: { CatalogueVersion($0.version) == old }) {
            lines += CatalogueDiff(from: before, to: context.catalogue).lines(context.lang)
        }
        lines.append(t("Une fois le dossier revu, notez catalogueVersion: \"\(current)\" dans dossier.yaml puis enregistrez (dossier save).",
                       "Once the dossier is reviewed, set catalogueVersion: \"\(current)\" in dossier.yaml and save (dossier save)."))
        return lines
    }
}


/// Column padding for text tables (counts characters, not bytes).
enum Table {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
