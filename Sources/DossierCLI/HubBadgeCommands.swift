internal import ArgumentParser
internal import DossierCore
internal import Foundation
internal import Hub

/// `dossier hub keys init|rotate|show`: the Région's issuer keys (docs/BADGES.md).
struct HubKeysCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "keys",
            abstract: L10n.t("Les clés de signature des badges (Open Badges 3.0) de la Région.",
                             "The Région's signing keys for badges (Open Badges 3.0)."),
            discussion: L10n.t("""
                Les clés privées restent dans le dossier des clés (par défaut <hub>/keys, lisible par son seul propriétaire) : \
                jamais dans un miroir, jamais dans git. Sans clé, les badges sont décernés et leurs attestations signées \
                dès « dossier hub keys init ».
                """, """
                Private keys stay in the keys folder (default <hub>/keys, readable by its owner only): never in a mirror, \
                never in git. Without keys, badges are awarded and their credentials signed as soon as `dossier hub keys init` runs.
                """),
            subcommands: [HubKeysInitCommand.self, HubKeysRotateCommand.self, HubKeysShowCommand.self])
    }
}

struct HubKeysInitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "init", abstract: L10n.t("Crée les clés de la Région et signe les badges déjà décernés.",
                                                                   "Make the Région's keys and sign the badges already awarded."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Option(help: ArgumentHelp(L10n.t("Dossier des clés (par défaut : <hub>/keys ; retenu dans hub.yaml).",
                                      "Keys folder (default: <hub>/keys; recorded in hub.yaml)."), valueName: "dir"))
    var keys: String?

    func run() throws {
        let context = try CommandContext(options)
        let root = hubRoot(hubOptions, context)
        let today = Day.today(environment: ProcessInfo.processInfo.environment)
        let folder = keys.map { $0.hasPrefix("/") ? $0 : context.folder + "/" + $0 }
        let (hub, issued) = try Hub.initializeKeys(root: root, folder: folder, catalogue: hubCatalogue(options, root: root, context: context), day: today)
        Output.line(context.lang.pick(fr: "Clés de la Région créées dans \(hub.keysFolder).", en: "The Région's keys made in \(hub.keysFolder)."))
        if issued > 0 {
            Output.line(context.lang.pick(fr: "\(issued) attestation(s) de badge signée(s).", en: "\(issued) badge credential(s) signed."))
        }
    }
}

struct HubKeysRotateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "rotate", abstract: L10n.t(
            "Remplace les clés ; les anciennes clés publiques restent publiées (les badges déjà signés restent vérifiables).",
            "Replace the keys; the old public keys stay published (badges signed earlier still verify)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions

    func run() throws {
        let context = try HubContext(options, hubOptions)
        _ = try context.hub.rotateKeys(day: context.today)
        Output.line(context.t("Nouvelles clés en service ; déclaration de rotation signée par l'ancienne clé.",
                              "New keys in use; rotation statement signed by the old key."))
    }
}

struct HubKeysShowCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: L10n.t("Les clés publiques de la Région, en service et retirées.",
                                                                   "The Région's public keys, current and retired."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions

    func run() throws {
        let context = try HubContext(options, hubOptions)
        for key in try context.hub.issuerKeyHistory() {
            let state = key.retired.map { context.t("retirée le \($0)", "retired on \($0)") } ?? context.t("en service", "current")
            Output.line("\(key.kind)  \(key.fragment)  \(key.created)  \(state)")
        }
    }
}

/// `dossier hub credentials issue|list`: the badges' signed credentials.
struct HubCredentialsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "credentials",
            abstract: L10n.t("Les attestations signées (Open Badges 3.0) des badges décernés.",
                             "The signed credentials (Open Badges 3.0) of awarded badges."),
            subcommands: [HubCredentialsIssueCommand.self, HubCredentialsListCommand.self])
    }
}

struct HubCredentialsIssueCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "issue", abstract: L10n.t(
            "Signe les attestations en attente (badges décernés sans clé, label, liste de révocation).",
            "Sign the pending credentials (badges awarded without keys, label, revocation list)."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions

    func run() throws {
        let context = try HubContext(options, hubOptions)
        let issued = try context.refreshed().issueBadgeCredentials(day: context.today)
        Output.line(context.t("\(issued) attestation(s) signée(s) ou révoquée(s).", "\(issued) credential(s) signed or revoked."))
    }
}

struct HubCredentialsListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: L10n.t("Les attestations enregistrées.", "The stored credentials."))
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var hubOptions: HubOptions
    @Argument(help: "UAI") var uai: String?

    func run() throws {
        let context = try HubContext(options, hubOptions)
        for credential in try context.hub.badgeCredentials(uai: uai) {
            let state = credential.revokedAt != nil ? context.t("révoquée", "revoked") : context.t("valide", "valid")
            Output.line("\(credential.uai)  \(credential.badge)  \(credential.validFrom) → \(credential.validUntil)  \(state)")
        }
    }
}

/// The hub folder an option names (relative to the current folder), as `HubContext` computes it.
func hubRoot(_ options: HubOptions, _ context: CommandContext) -> String {
    options.hub.map { $0.hasPrefix("/") ? $0 : context.folder + "/" + $0 } ?? context.folder
}

extension HubAwardCommand {
    /// Says whether the award's credential was signed, or waits for the keys.
    static func credentialLine(_ context: HubContext, uai: String, badge: String, awardID: Int64?) throws {
        guard context.hub.badgeIssuing != nil else { return }
        let signed = try context.hub.badgeCredentials(uai: uai).contains { $0.badge == badge && $0.awardID == awardID && awardID != nil }
        Output.line(signed
            ? context.t("Attestation Open Badges signée (JSON et JWT).", "Open Badges credential signed (JSON and JWT).")
            : context.t("Attestation non signée : pas encore de clés (« dossier hub keys init » la signera).",
                        "Credential not signed: no keys yet (`dossier hub keys init` will sign it)."))
    }
}
