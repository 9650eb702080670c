import ArgumentParser
import DossierCore
import DossierRepository
import Foundation
import Hub
import Remote
import Sync

/// `dossier`: the CFA's evidence dossier for the label « CFA numérique normand ».
public struct DossierCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "dossier",
            abstract: L10n.t("Le dossier de preuves du CFA pour le label « CFA numérique normand ».",
                             "The CFA's evidence dossier for the label « CFA numérique normand »."),
            discussion: L10n.t("""
                Codes de sortie : 0 réussite ; 1 erreur (entrée invalide, dossier mal formé) ; 2 serveur injoignable ; 3 authentification ou hôte refusé ; 4 conflits à régler ; 5 dépôt modifié sur le serveur ; 6 « hub reconcile » en échec pour au moins un CFA ; 7 « sync » refusé hors de la branche main ; 8 occupé : une autre commande travaille sur ce dossier ou ce hub (réessayez) ; 64 usage incorrect. \
                Messages en français si LANG commence par fr, ou avec --lang fr.
                """, """
                Exit codes: 0 success; 1 error (bad input, malformed dossier); 2 remote unreachable; 3 authentication or host refused; 4 conflicts to settle; 5 submission tag changed on the remote; 6 `hub reconcile` failed for some CFA; 7 `sync` refused outside the main branch; 8 busy: another command is working on this dossier or hub (try again); 64 bad usage. \
                Messages are in French when LANG starts with fr, or with --lang fr.
                """),
            version: "0.1.0",
            subcommands: [
                InitCommand.self, CatalogueCommand.self, AddCommand.self, LinkCommand.self, RemoveCommand.self,
                SetCommand.self, CheckCommand.self, SaveCommand.self, StatusCommand.self, LogCommand.self, DiffCommand.self,
                CloneCommand.self, RemoteCommand.self, SyncCommand.self, SubmitCommand.self, ResolveCommand.self,
                MediaCommand.self, HubCommand.self,
            ])
    }

    public init() {}

    /// Runs the command line, printing failures as one line in the user's language.
    public static func main(_ arguments: [String]? = nil) {
        do {
            var command = try parseAsRoot(GlobalOptions.movedAfterSubcommand(arguments ?? Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as DossierError {
            Output.error(error.text(L10n.lang))
            Foundation.exit(ExitCode.failure.rawValue)
        } catch let error as WorkspaceError {
            Output.error(error.text(L10n.lang))
            Foundation.exit(error.exitCode)
        } catch let error as SyncError {
            Output.error(error.text(L10n.lang))
            Foundation.exit(error.exitCode)
        } catch let error as RemoteError {
            Output.error(error.text(L10n.lang))
            Foundation.exit(error.exitCode)
        } catch let error as MediaTransferError {
            Output.error(error.text(L10n.lang))
            switch error {
            case .connection: Foundation.exit(2)
            case .unauthorized: Foundation.exit(3)
            default: Foundation.exit(ExitCode.failure.rawValue)
            }
        } catch let error as HubError {
            Output.error(error.text(L10n.lang))
            Foundation.exit(ExitCode.failure.rawValue)
        } catch let code as ExitCode {
            // A command that already said everything (reconcile with failed CFAs: exit 6).
            Foundation.exit(code.rawValue)
        } catch let errors as DossierErrors {
            for error in errors.errors { Output.error(error.text(L10n.lang)) }
            Foundation.exit(ExitCode.failure.rawValue)
        } catch {
            // Help and version are "errors" that exit 0: let the parser print them in full.
            guard exitCode(for: error) != .success else { exit(withError: error) }
            // Usage errors: one line, without the usage block.
            let message = UsageErrorText.text(message(for: error), lang: L10n.lang)
            Output.error(L10n.t("Erreur : ", "Error: ") + message + L10n.t(" (voir --help)", " (see --help)"))
            Foundation.exit(exitCode(for: error).rawValue)
        }
    }
}

/// What each command needs: the language, the catalogue, and where it runs.
struct CommandContext {
    let lang: Lang
    let catalogue: Catalogue
    let folder: String

    init(_ options: GlobalOptions) throws {
        lang = options.lang.flatMap(Lang.init(rawValue:)) ?? L10n.lang
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
