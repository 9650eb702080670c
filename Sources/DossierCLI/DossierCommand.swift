internal import ArgumentParser
internal import DossierCore
internal import DossierRepository
internal import Foundation
internal import Hub
internal import Remote
internal import Sync

/// `dossier`: the CFA's evidence dossier for the label « CFA numérique normand ».
struct DossierCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "dossier",
            abstract: L10n.t("Le dossier de preuves du CFA pour le label « CFA numérique normand ».",
                             "The CFA's evidence dossier for the label « CFA numérique normand »."),
            discussion: L10n.t("""
                Codes de sortie : 0 réussite ; 1 erreur (entrée invalide, dossier mal formé) ; 2 serveur injoignable ; 3 authentification ou hôte refusé ; 4 conflits à régler ; 5 dépôt modifié sur le serveur ; 6 « hub reconcile » en échec pour au moins un CFA ; 7 « sync » refusé hors de la branche main ; 8 occupé : une autre commande travaille sur ce dossier ou ce hub (réessayez) ; 9 « verify » : badge non valide ; 64 usage incorrect. \
                Messages en français si LANG commence par fr, ou avec --lang fr.
                """, """
                Exit codes: 0 success; 1 error (bad input, malformed dossier); 2 remote unreachable; 3 authentication or host refused; 4 conflicts to settle; 5 submission tag changed on the remote; 6 `hub reconcile` failed for some CFA; 7 `sync` refused outside the main branch; 8 busy: another command is working on this dossier or hub (try again); 9 `verify`: credential not valid; 64 bad usage. \
                Messages are in French when LANG starts with fr, or with --lang fr.
                """),
            subcommands: [
                InitCommand.self, CatalogueCommand.self, AddCommand.self, LinkCommand.self, RemoveCommand.self,
                RetitleCommand.self, MoveCommand.self, SetCommand.self, CheckCommand.self, SaveCommand.self, StatusCommand.self, LogCommand.self, DiffCommand.self,
                CloneCommand.self, RemoteCommand.self, SyncCommand.self, SubmitCommand.self, ProposeCommand.self, ResolveCommand.self,
                MediaCommand.self, BadgesCommand.self, VerifyCommand.self, UICommand.self, HubCommand.self,
            ])
    }

    /// `--lang`, `--catalogue` and `-C`, accepted before the subcommand as well as after it (each
    /// subcommand's help lists them).
    @OptionGroup(visibility: .hidden) var options: GlobalOptions

    /// The tool's version, as `dossier --version` prints it.
    static let toolVersion = "0.1.0"

    /// `dossier --version`. A flag of the root alone (not `configuration.version`, which the parser
    /// would list in every subcommand's help although only the root answers it); the entry point
    /// refuses it given with any subcommand (`DossierTool`).
    @Flag(name: .long, help: ArgumentHelp(L10n.t("Affiche la version.", "Show the version."))) var version = false

    init() {}

    /// `dossier` alone shows the help; `dossier --version` the version.
    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        Output.line(Self.toolVersion)
    }
}

/// What each command needs: the language, the catalogue, and where it runs.
struct CommandContext {
    let lang: Lang
    let catalogue: Catalogue
    let folder: String

    init(_ options: GlobalOptions) throws {
        lang = options.language ?? L10n.lang
        catalogue = try options.loadCatalogue()
        folder = options.workingFolder
    }

    init(lang: Lang, catalogue: Catalogue, folder: String) {
        self.lang = lang
        self.catalogue = catalogue
        self.folder = folder
    }

    func t(_ fr: String, _ en: String) -> String { lang.pick(fr: fr, en: en) }

    /// The dossier this command works on.
    /// The dossier this command works on. With `repair` (every command but `status`, which shows
    /// it), what a killed command left is repaired first when no other command is working (an
    /// interrupted sync finished, stale git locks removed), and said on stderr.
    func workspace(repair: Bool = true) throws -> Workspace {
        let workspace = try Workspace.open(at: folder, catalogue: catalogue)
        let text = LockWaitText(context: self)
        text.configure(workspace)
        if repair {
            _ = try workspace.repairIfIdle()
            text.printRepairs(workspace)
        }
        return workspace
    }
}
