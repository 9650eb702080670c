import DossierCore

/// Why a command could not work on the dossier's repository right now.
public enum WorkspaceError: Error, Equatable, Localized {
    /// Another dossier command held the dossier's lock for longer than the wait.
    case busy
    /// The lock file cannot be opened (permissions, read-only disk).
    case lockUnavailable(String)
    /// An interrupted sync was bringing in changes to files edited since: they need a person.
    case interruptedSync([String])
    /// The branch moved under the command (another program wrote it): nothing was overwritten.
    case branchMoved
    /// Files changed while a sync was bringing in saves: nothing was changed.
    case changedDuringSync
    /// A file the tool keeps under `.git/dossier/` cannot be read (damaged or edited by hand).
    case damagedFile(String)

    /// The process exit code: 8 when another command kept the dossier busy (try again), else 1.
    public var exitCode: Int32 { self == .busy ? 8 : 1 }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .busy:
            return lang.pick(fr: "une autre commande dossier travaille sur ce dossier ; réessayez quand elle aura fini",
                             en: "another dossier command is working on this dossier; try again when it has finished")
        case .lockUnavailable(let path):
            return lang.pick(fr: "impossible d'ouvrir le verrou \(path)", en: "cannot open the lock \(path)")
        case .interruptedSync(let paths):
            return lang.pick(fr: "une synchronisation interrompue apportait des changements à des fichiers modifiés depuis (\(paths.joined(separator: ", "))) : rien n'a été écrasé ; rapprochez-les à la main ou demandez de l'aide",
                             en: "an interrupted sync was bringing changes to files edited since (\(paths.joined(separator: ", "))): nothing was overwritten; reconcile them by hand or ask for help")
        case .branchMoved:
            return lang.pick(fr: "l'historique du dossier a été modifié par un autre programme pendant la commande : rien n'a été écrasé, relancez-la",
                             en: "the dossier's history was changed by another program during the command: nothing was overwritten, run it again")
        case .damagedFile(let path):
            return lang.pick(fr: "le fichier \(path) est endommagé (modifié à la main ?) : rien n'a été changé ; demandez de l'aide ou supprimez-le puis relancez « dossier sync »",
                             en: "the file \(path) is damaged (edited by hand?): nothing was changed; ask for help, or remove it and run `dossier sync` again")
        case .changedDuringSync:
            return lang.pick(fr: "des fichiers ont changé pendant la synchronisation : rien n'a été modifié ; « dossier save -m … » puis « dossier sync »",
                             en: "files changed during the sync: nothing was changed; `dossier save -m …` then `dossier sync`")
        }
    }
}
