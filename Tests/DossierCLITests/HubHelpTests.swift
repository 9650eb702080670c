import ArgumentParser
import Foundation
import Testing
import TestServers
@testable import DossierCLI
@testable import DossierCore

/// The help of `dossier hub`: every subcommand listed with its abstract, in English and in French.
@Suite("Hub help")
struct HubHelpTests {
    /// Each subcommand: name, type, abstract in French and in English, key options.
    struct Entry: Sendable {
        let name: String
        let type: ParsableCommand.Type
        let fr: String
        let en: String
        let options: [String]
    }

    static let entries: [Entry] = [
        Entry(name: "init", type: HubInitCommand.self, fr: "Crée un hub : base de revue, miroirs, réglages.",
              en: "Create a hub: review store, mirrors, settings.", options: ["<path>", "--approvals", "--distinct-roles"]),
        Entry(name: "register", type: HubRegisterCommand.self, fr: "Inscrit le dépôt d'un CFA.", en: "Register a CFA's repository.",
              options: ["<uai>", "<url>", "--name"]),
        Entry(name: "cfas", type: HubCFAsCommand.self, fr: "Liste les CFA inscrits.", en: "List the registered CFAs.", options: ["--json"]),
        Entry(name: "reconcile", type: HubReconcileCommand.self,
              fr: "Récupère les dossiers des CFA, enregistre les nouvelles demandes et renvoie les décisions.",
              en: "Fetch the CFAs' dossiers, ingest new requests and send decisions back.", options: ["--jobs", "--json", "--quiet"]),
        Entry(name: "queue", type: HubQueueCommand.self, fr: "Les demandes en attente de décision.", en: "Requests awaiting a decision.",
              options: ["--json"]),
        Entry(name: "show", type: HubShowCommand.self, fr: "Montre une demande : inventaire, contrôle, avis, changements.",
              en: "Show a request: inventory, check, votes, changes.", options: ["<uai>", "<badge>", "--json"]),
        Entry(name: "diff", type: HubDiffCommand.self, fr: "Ce qui a changé depuis la dernière attribution (ou l'inventaire complet).",
              en: "What changed since the last award (or the full inventory).", options: ["<uai>", "<badge>", "--json"]),
        Entry(name: "member", type: HubMemberCommand.self, fr: "Le groupe de pairs.", en: "The peer group.", options: ["add", "list"]),
        Entry(name: "vote", type: HubVoteCommand.self, fr: "Donne (ou retire) l'avis d'un membre sur une demande.",
              en: "Cast (or withdraw) a member's vote on a request.",
              options: ["<verdict>", "values: approve, reject, changes, withdraw", "--member", "-m", "--message"]),
        Entry(name: "award", type: HubAwardCommand.self, fr: "Décerne le badge (membre de la Région, quorum atteint, aucun veto).",
              en: "Award the badge (a Région member, with quorum and no blocking vote).", options: ["--member", "--date"]),
        Entry(name: "revoke", type: HubRevokeCommand.self, fr: "Retire un badge décerné (membre de la Région).",
              en: "Revoke an awarded badge (a Région member).", options: ["--member", "--reason"]),
        Entry(name: "label", type: HubLabelCommand.self, fr: "Le label du CFA : détenu ou non, badges valides, date où il tombera.",
              en: "The CFA's label: held or not, valid badges, when it will lapse.", options: ["<uai>", "--date", "--json"]),
        Entry(name: "export", type: HubExportCommand.self, fr: "Tableau CFA × badges (états, dates, label) pour les bilans de la Région.",
              en: "CFAs × badges table (states, dates, label) for the Région's reporting.", options: ["--format", "values: csv, json", "--date"]),
        Entry(name: "serve", type: HubServeCommand.self,
              fr: "Sert l'application web des relecteurs (file d'attente, demandes, preuves, avis).",
              en: "Serve the reviewers' web application (queue, requests, evidence, votes).", options: ["--listen", "--base-url"]),
        Entry(name: "keys", type: HubKeysCommand.self, fr: "Les clés de signature des badges (Open Badges 3.0) de la Région.",
              en: "The Région's signing keys for badges (Open Badges 3.0).", options: ["init", "rotate", "show"]),
        Entry(name: "credentials", type: HubCredentialsCommand.self, fr: "Les attestations signées (Open Badges 3.0) des badges décernés.",
              en: "The signed credentials (Open Badges 3.0) of awarded badges.", options: ["issue", "list"]),
        Entry(name: "publish", type: HubPublishCommand.self,
              fr: "Écrit le site public des badges : vitrine, profil de l'émetteur, attestations, liste de révocation.",
              en: "Write the badges' public site: showcase, issuer profile, credentials, revocation list.", options: ["<path>", "--base-url"]),
        Entry(name: "catalogue", type: HubCatalogueCommand.self,
              fr: "Les versions du catalogue de la Région : brouillon, publication, diffusion aux CFA.",
              en: "The Région's catalogue versions: draft, publication, delivery to the CFAs.", options: ["list", "show", "edit", "add-badge", "check", "publish"]),
        Entry(name: "proposals", type: HubProposalsCommand.self, fr: "Les propositions de badges des CFA.",
              en: "The CFAs' badge proposals.", options: ["--json"]),
        Entry(name: "proposal", type: HubProposalCommand.self,
              fr: "Une proposition de badge d'un CFA : la lire, la comparer, voter, l'accepter ou la refuser.",
              en: "One CFA's badge proposal: read it, compare it, vote, accept or decline it.",
              options: ["show", "diff", "vote", "accept", "decline"]),
        Entry(name: "log", type: HubLogCommand.self, fr: "Le journal des opérations (qui, quand, pourquoi, quel commit).",
              en: "The operation log (who, when, why, which commit).", options: ["<uai>", "--json"]),
    ]

    static let memberEntries: [Entry] = [
        Entry(name: "member add", type: HubMemberCommand.Add.self, fr: "Ajoute un membre.", en: "Add a member.",
              options: ["<id>", "--role", "values: cfa-pilote, badgeons, region", "--uai"]),
        Entry(name: "member list", type: HubMemberCommand.List.self, fr: "Liste les membres.", en: "List the members.", options: ["--json"]),
        Entry(name: "member passwd", type: HubMemberCommand.Passwd.self,
              fr: "Donne un mot de passe web à un membre (lu au terminal sans écho, ou sur l'entrée standard).",
              en: "Give a member a web password (read from the terminal without echo, or from standard input).", options: ["<id>"]),
        Entry(name: "member invite", type: HubMemberCommand.Invite.self,
              fr: "Crée un lien d'invitation à usage unique (le membre y choisit son mot de passe).",
              en: "Make a one-time invitation link (the member chooses a password there).", options: ["<id>", "--base-url", "--days"]),
        Entry(name: "member disable", type: HubMemberCommand.Disable.self,
              fr: "Coupe l'accès web d'un membre : plus de connexion, sessions fermées aussitôt.",
              en: "End a member's web access: no sign-in, sessions ended at once.", options: ["<id>"]),
    ]

    /// The leaves of `hub keys` and `hub credentials` (Open Badges, docs/BADGES.md).
    static let badgeLeafEntries: [Entry] = [
        Entry(name: "keys init", type: HubKeysInitCommand.self, fr: "Crée les clés de la Région et signe les badges déjà décernés.",
              en: "Make the Région's keys and sign the badges already awarded.", options: ["--keys"]),
        Entry(name: "keys rotate", type: HubKeysRotateCommand.self,
              fr: "Remplace les clés ; les anciennes clés publiques restent publiées (les badges déjà signés restent vérifiables).",
              en: "Replace the keys; the old public keys stay published (badges signed earlier still verify).", options: []),
        Entry(name: "keys show", type: HubKeysShowCommand.self, fr: "Les clés publiques de la Région, en service et retirées.",
              en: "The Région's public keys, current and retired.", options: []),
        Entry(name: "credentials issue", type: HubCredentialsIssueCommand.self,
              fr: "Signe les attestations en attente (badges décernés sans clé, label, liste de révocation).",
              en: "Sign the pending credentials (badges awarded without keys, label, revocation list).", options: []),
        Entry(name: "credentials list", type: HubCredentialsListCommand.self, fr: "Les attestations enregistrées.",
              en: "The stored credentials.", options: ["<uai>"]),
    ]

    /// The leaves of `hub catalogue` (docs/CATALOGUE.md).
    static let catalogueLeafEntries: [Entry] = [
        Entry(name: "proposal show", type: HubProposalCommand.Show.self, fr: "Montre une proposition : critères, raisons, avis, état.",
              en: "Show a proposal: criteria, why, votes, state.", options: ["<uai>", "<slug>"]),
        Entry(name: "proposal diff", type: HubProposalCommand.Diff.self,
              fr: "Ce qui a changé entre les deux dernières soumissions d'une proposition.",
              en: "What changed between a proposal's two latest submissions.", options: ["<uai>", "<slug>"]),
        Entry(name: "proposal vote", type: HubProposalCommand.VoteOn.self, fr: "Donne l'avis d'un membre sur une proposition.",
              en: "Cast a member's vote on a proposal.", options: ["<verdict>", "values: approve, reject, changes", "--member", "-m", "--message"]),
        Entry(name: "proposal accept", type: HubProposalCommand.Accept.self,
              fr: "Accepte une proposition (un membre de la Région) : le badge entre dans le brouillon du catalogue.",
              en: "Accept a proposal (a Région member): the badge goes into the catalogue's draft.", options: ["--member", "-m", "--from"]),
        Entry(name: "proposal decline", type: HubProposalCommand.Decline.self, fr: "Refuse une proposition (un membre de la Région).",
              en: "Decline a proposal (a Région member).", options: ["--member", "-m"]),
        Entry(name: "catalogue list", type: HubCatalogueCommand.List.self, fr: "Liste les versions publiées.",
              en: "List the published versions.", options: ["--json"]),
        Entry(name: "catalogue show", type: HubCatalogueCommand.Show.self,
              fr: "Affiche une version publiée (par défaut la dernière), ou le brouillon.",
              en: "Print a published version (default: the newest), or the draft.", options: ["<version>"]),
        Entry(name: "catalogue edit", type: HubCatalogueCommand.Edit.self,
              fr: "Crée le brouillon de la prochaine version (depuis la dernière publiée) et donne son chemin.",
              en: "Make the draft of the next version (from the newest published one) and print its path.", options: []),
        Entry(name: "catalogue add-badge", type: HubCatalogueCommand.AddBadge.self,
              fr: "Ajoute un badge (un fichier YAML : les champs d'une entrée de badges:) au brouillon.",
              en: "Add a badge (a YAML file: the fields of a badges: entry) to the draft.", options: ["<file>"]),
        Entry(name: "catalogue check", type: HubCatalogueCommand.Check.self,
              fr: "Vérifie le brouillon avec les règles du catalogue (erreurs fichier:ligne).",
              en: "Check the draft with the catalogue's rules (file:line errors).", options: []),
        Entry(name: "catalogue publish", type: HubCatalogueCommand.Publish.self,
              fr: "Publie le brouillon comme nouvelle version (un membre de la Région).",
              en: "Publish the draft as a new version (a Région member).", options: ["<version>", "-m", "--message", "--member"]),
    ]

    /// The text with every run of white space made one space (the help wraps long lines).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func t(_ fr: String, _ en: String) -> String { L10n.lang == .fr ? fr : en }

    /// The subcommands `dossier hub` declares, by name.
    static var declared: [(name: String, type: ParsableCommand.Type)] {
        HubCommand.configuration.subcommands.map { ($0.configuration.commandName ?? "", $0) }
    }

    /// The SUBCOMMANDS section of a help text: name → abstract (wrapped lines joined).
    static func subcommands(in help: String) -> [String: String] {
        var result: [String: String] = [:]
        var current: String?
        for line in help.components(separatedBy: "\n").drop(while: { !$0.hasPrefix("SUBCOMMANDS:") }).dropFirst() {
            if let match = line.firstMatch(of: /^  (\S+)\s{2,}(\S.*)$/) {
                current = String(match.1)
                result[String(match.1)] = String(match.2)
            } else if let name = current, line.hasPrefix("          "), !line.trimmingCharacters(in: .whitespaces).isEmpty {
                result[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                current = nil
            }
        }
        return result
    }

    @Test("`dossier hub` declares every subcommand; the root help lists hub")
    func declared() {
        let names = Self.declared.map(\.name)
        #expect(Self.entries.map(\.name).filter(names.contains) == Self.entries.map(\.name), "declared: \(names)")
        #expect(Set(names).count == names.count && !names.contains(""))
        #expect(HubMemberCommand.configuration.subcommands.map { $0.configuration.commandName } == ["add", "list", "passwd", "invite", "disable"])
        #expect(DossierCommand.configuration.subcommands.contains { ObjectIdentifier($0) == ObjectIdentifier(HubCommand.self) })
        #expect(DossierCommand.helpMessage().contains("  hub "))
        let exitCodes = t("6 « hub reconcile » en échec pour au moins un CFA", "6 `hub reconcile` failed for some CFA")
        #expect(Self.flat(DossierCommand.helpMessage()).contains(exitCodes))
    }

    @Test("the hub help lists every subcommand with its abstract, in this process's language")
    func listsEverySubcommand() {
        let raw = DossierCommand.helpMessage(for: HubCommand.self)
        let help = Self.flat(raw)
        #expect(help.contains("USAGE: dossier hub <subcommand>"))
        // Every declared subcommand, with its own abstract; the known ones with the expected text.
        let listed = Self.subcommands(in: raw)
        #expect(Set(listed.keys) == Set(Self.declared.map(\.name)), "\(raw)")
        for (name, type) in Self.declared {
            let abstract = type.configuration.abstract
            #expect(!abstract.isEmpty && listed[name] == Self.flat(abstract), "hub help lists \(name): \(listed[name] ?? "nothing")")
        }
        for entry in Self.entries {
            #expect(help.contains(Self.flat("\(entry.name) \(t(entry.fr, entry.en))")), "hub help lists \(entry.name)")
        }
        #expect(help.contains(t("6 « reconcile » a échoué pour au moins un CFA", "6 `reconcile` failed for at least one CFA")))
        let member = Self.flat(DossierCommand.helpMessage(for: HubMemberCommand.self))
        for entry in Self.memberEntries {
            let leaf = entry.name.split(separator: " ").last.map(String.init) ?? entry.name
            #expect(member.contains("\(leaf) \(t(entry.fr, entry.en))"), "member help lists \(leaf)")
        }
    }

    @Test("each hub subcommand's help: usage, abstract, --hub, the global options and its key options")
    func everySubcommand() {
        for entry in Self.entries + Self.memberEntries + Self.badgeLeafEntries + Self.catalogueLeafEntries
        where !["member", "keys", "credentials", "catalogue", "proposal"].contains(entry.name) {
            let help = DossierCommand.helpMessage(for: entry.type)
            #expect(help.contains("dossier hub \(entry.name)"), "usage line of hub \(entry.name)")
            #expect(Self.flat(help).contains(Self.flat(t(entry.fr, entry.en))), "hub \(entry.name) shows its abstract")
            #expect(help.contains("--lang") && help.contains("--catalogue"), "hub \(entry.name) takes the global options")
            if entry.name != "init" {
                #expect(help.contains("--hub <dir>"), "hub \(entry.name) takes --hub")
                #expect(help.contains(t("Dossier du hub", "Hub folder")), "hub \(entry.name) explains --hub")
            }
            for option in entry.options { #expect(Self.flat(help).contains(option), "hub \(entry.name) help mentions \(option)") }
        }
    }

    @Test("`dossier hub --help` from the built binary, in English (C.UTF-8) and in French (fr_FR.UTF-8)",
          arguments: ["C.UTF-8", "fr_FR.UTF-8"])
    func bothLanguages(lang: String) throws {
        let french = lang.hasPrefix("fr")
        let binary = try DossierBinary.path()
        let help = try Self.run(binary, ["hub", "--help"], lang: lang)
        #expect(help.status == 0, "\(help.output)")
        let text = Self.flat(help.output)
        #expect(text.contains(french ? "Le hub de la Région : rapprochement des dossiers" : "The Région's hub: reconcile dossiers"), "\(help.output)")
        for entry in Self.entries {
            let line = Self.flat("\(entry.name) \(french ? entry.fr : entry.en)")
            #expect(text.contains(line), "\(lang): hub help lists «\(line)»:\n\(help.output)")
        }
        // Every declared subcommand is listed, and its abstract is not the other language's.
        let other = try Self.run(binary, ["hub", "--help"], lang: french ? "C.UTF-8" : "fr_FR.UTF-8")
        let (listed, otherListed) = (Self.subcommands(in: help.output), Self.subcommands(in: other.output))
        #expect(Set(listed.keys) == Set(Self.declared.map(\.name)), "\(lang): \(help.output)")
        for (name, _) in Self.declared {
            #expect(listed[name] != nil && listed[name] != otherListed[name], "\(lang): «\(name)» is not translated: \(listed[name] ?? "nothing")")
        }
        let member = try Self.run(binary, ["hub", "member", "--help"], lang: lang)
        for entry in Self.memberEntries {
            let leaf = entry.name.split(separator: " ").last.map(String.init) ?? entry.name
            #expect(Self.flat(member.output).contains("\(leaf) \(french ? entry.fr : entry.en)"), "\(lang): \(member.output)")
        }
        // --lang wins over LANG.
        let forced = try Self.run(binary, ["hub", "--help", "--lang", french ? "en" : "fr"], lang: lang)
        #expect(Self.flat(forced.output).contains(french ? "queue Requests awaiting a decision." : "queue Les demandes en attente de décision."),
                "\(forced.output)")
    }

    // MARK: the built binary

    /// Runs the binary with only LANG set for the language; stdout and stderr together.
    static func run(_ binary: String, _ arguments: [String], lang: String) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] { environment[key] = nil }
        environment["LANG"] = lang
        let result = try ProcessRunner.run(binary, arguments, environment: environment)
        return (result.status, result.stdout + result.stderr)
    }
}
