internal import ArgumentParser
internal import Credentials
internal import DossierCore
internal import DossierRepository
internal import Foundation

/// `dossier badges [list] [--json]` and `dossier badges export`: the signed credentials the Région
/// delivered with its decisions, verified offline with the pinned issuer keys.
struct BadgesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "badges",
                             abstract: L10n.t("Les badges signés (Open Badges 3.0) reçus de la Région : validité, statut, export.",
                                              "The signed credentials (Open Badges 3.0) received from the Région: validity, status, export."),
                             subcommands: [List.self, Export.self], defaultSubcommand: List.self)
    }

    /// `dossier badges [list]`.
    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list",
                                 abstract: L10n.t("Liste les badges signés du CFA, vérifiés hors ligne : titre, validité, statut.",
                                                  "List the CFA's signed credentials, verified offline: title, validity, status."))
        }

        @OptionGroup var options: GlobalOptions
        @Flag(help: ArgumentHelp(L10n.t("Sortie JSON.", "JSON output."))) var json = false

        func run() throws {
            let context = try CommandContext(options)
            let workspace = try context.workspace(repair: false)
            let badges = try CFABadges.read(from: workspace.repository)
            if json { return try Output.json(BadgesJSON(badges, lang: context.lang)) }
            BadgesText(context: context).print(badges)
        }
    }

    /// `dossier badges export BADGE|label --format svg|png|json|jwt [-o FILE]`.
    struct Export: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "export",
                                 abstract: L10n.t("Écrit un badge signé : image avec le badge intégré (svg, png) ou le badge brut (json, jwt).",
                                                  "Write a signed credential: image with the credential baked in (svg, png) or the raw credential (json, jwt)."),
                                 discussion: L10n.t("Sans -o, écrit BADGE.FORMAT dans le dossier courant ; « -o - » écrit sur la sortie standard.",
                                                    "Without -o, writes BADGE.FORMAT in the current folder; `-o -` writes to standard output."))
        }

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp(L10n.t("Badge (identifiant du catalogue) ou « label ».", "Badge (catalogue id) or `label`.")))
        var badge: String
        @Option(help: ArgumentHelp(L10n.t("Format : svg, png, json ou jwt.", "Format: svg, png, json or jwt."), valueName: "format"))
        var format: String = "svg"
        @Option(name: .shortAndLong, help: ArgumentHelp(L10n.t("Fichier à écrire (- : sortie standard).", "File to write (-: standard output)."),
                                                       valueName: "file"))
        var output: String?

        func validate() throws {
            guard BadgeExport.Format(rawValue: format) != nil else {
                throw ValidationError(L10n.t("--format accepte svg, png, json ou jwt", "--format takes svg, png, json or jwt"))
            }
        }

        func run() throws {
            let context = try CommandContext(options)
            let workspace = try context.workspace(repair: false)
            let badges = try CFABadges.read(from: workspace.repository)
            let held = try badges.credential(badge)
            let format = BadgeExport.Format(rawValue: format) ?? .svg
            let bytes = try BadgeExport.bytes(format, badge: badge, delivered: badges.delivered)
            if held.standing != .valid {
                Output.error(context.t("Attention : ce badge est « \(held.standing.text(.fr)) ».",
                                       "Warning: this credential is \(held.standing.text(.en))."))
            }
            if output == "-" { return Output.file(bytes) }
            let name = output ?? "\(badge).\(format.rawValue)"
            let path = name.hasPrefix("/") ? name : context.folder + "/" + name
            try AtomicFile.write(Data(bytes), to: path)
            Output.line(context.t("Écrit : \(path)", "Written: \(path)"))
        }
    }
}

/// `dossier badges` for people: one line per credential, warnings first.
struct BadgesText {
    let context: CommandContext

    func print(_ badges: CFABadges) {
        let t = context.t
        if badges.untrustedKeys {
            Output.line(t("Attention : la Région a livré des clés de signature qui ne sont pas celles enregistrées, sans déclaration signée par l'ancienne clé ; les badges signés avec elles ne sont pas reconnus.",
                          "Warning: the Région delivered signing keys other than the pinned ones, without a statement signed by the previous key; credentials signed with them are not trusted."))
        }
        guard !badges.held.isEmpty else {
            Output.line(t("Aucun badge signé reçu de la Région (« dossier sync » les reçoit avec les décisions).",
                          "No signed credential received from the Région (`dossier sync` receives them with the decisions)."))
            return
        }
        if badges.noPinnedKeys {
            Output.line(t("Clés de la Région inconnues (aucune reçue) : signatures non vérifiables.",
                          "The Région's keys are unknown (none received): signatures cannot be checked."))
        }
        Output.line(t("Badges signés par la Région :", "Credentials signed by the Région:"))
        for held in badges.held {
            Output.line("  " + Self.line(held, lang: context.lang))
        }
        if badges.held.contains(where: { !$0.revocationChecked && $0.standing == .valid }) {
            Output.line(t("(révocation non vérifiée : liste de statuts non reçue)", "(revocation not checked: no status list received)"))
        }
    }

    static func line(_ held: CFABadges.Held, lang: Lang) -> String {
        let from = held.validFrom.map { String($0.prefix(10)) } ?? "?"
        let period = held.validUntil.map { lang.pick(fr: "du \(from) au \(String($0.prefix(10)))", en: "from \(from) to \(String($0.prefix(10)))") }
            ?? lang.pick(fr: "depuis le \(from)", en: "since \(from)")
        return "\(held.badge) — \(held.title)" + lang.pick(fr: " : ", en: ": ") + "\(held.standing.text(lang)) (\(period))"
    }
}

/// `dossier badges --json`.
struct BadgesJSON: Encodable {
    struct Credential: Encodable {
        let badge: String
        let title: String
        let validFrom: String?
        let validUntil: String?
        let status: CFABadges.Standing
        let statusText: String
        let revocationChecked: Bool
        let checks: [String]
    }

    let credentials: [Credential]
    let issuerKeysPinned: Bool
    let untrustedIssuerKeys: Bool

    init(_ badges: CFABadges, lang: Lang) {
        credentials = badges.held.map { held in
            Credential(badge: held.badge, title: held.title, validFrom: held.validFrom, validUntil: held.validUntil,
                       status: held.standing, statusText: held.standing.text(lang), revocationChecked: held.revocationChecked,
                       checks: held.report.checks.map { $0.text(lang) })
        }
        issuerKeysPinned = !badges.noPinnedKeys
        untrustedIssuerKeys = badges.untrustedKeys
    }
}
