import DossierCore

/// Why a sync, clone or submission could not go on. Each has its own exit code.
public enum SyncError: Error, Equatable, Localized {
    case noRemote
    case unsavedChanges(Int)
    case conflictsOpen(Int)
    case noMergeInProgress
    case notADossierRemote(url: String)
    case otherCFA(remote: String, local: String)
    case unrelatedHistory
    case tampering([String])
    case badgeNotReady(String)
    /// Each push was refused because someone pushed to the remote between our fetch and our push.
    case remoteKeptChanging
    /// A reference of a remote on a path is locked by another program (its lock file, relative
    /// to the remote repository): nothing of it was changed.
    case remoteReferenceLocked(String)
    /// Another dossier client is pushing to the same remote on a path, for longer than we wait.
    case remotePushBusy
    /// Another dossier command is syncing this dossier.
    case busy
    /// HEAD is on another branch (nil: detached): sync exchanges `main` only.
    case notOnMain(branch: String?)

    /// The process exit code: 4 conflicts to settle, 5 tampered submission tags, 7 not on the
    /// `main` branch, 8 another dossier command is working on this dossier (or another computer
    /// kept pushing to the same remote on a path), 1 anything else
    /// (a failed exchange with the remote is a `RemoteError`: 2 unreachable, 3 refused).
    public var exitCode: Int32 {
        switch self {
        case .conflictsOpen: 4
        case .tampering: 5
        case .notOnMain: 7
        case .busy, .remotePushBusy: 8
        default: 1
        }
    }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .noRemote:
            return lang.pick(fr: "aucun serveur défini : « dossier remote set URL »", en: "no remote set: `dossier remote set URL`")
        case .unsavedChanges(let count):
            return lang.pick(fr: "\(count) modification(s) non enregistrée(s) : « dossier save -m … » d'abord",
                             en: "\(count) unsaved change(s): `dossier save -m …` first")
        case .conflictsOpen(let count):
            return lang.pick(fr: "\(count) conflit(s) à régler (« dossier status », puis « dossier resolve »)",
                             en: "\(count) conflict(s) to settle (`dossier status`, then `dossier resolve`)")
        case .noMergeInProgress:
            return lang.pick(fr: "aucun conflit en cours", en: "no conflict in progress")
        case .notADossierRemote(let url):
            return lang.pick(fr: "\(url) ne contient pas de dossier (pas de dossier.yaml)", en: "\(url) holds no dossier (no dossier.yaml)")
        case .otherCFA(let remote, let local):
            return lang.pick(fr: "le serveur contient le dossier d'un autre CFA (UAI \(remote), ici \(local))",
                             en: "the remote holds another CFA's dossier (UAI \(remote), here \(local))")
        case .unrelatedHistory:
            return lang.pick(fr: "l'historique du serveur n'a rien de commun avec celui-ci", en: "the remote's history has nothing in common with this one")
        case .tampering(let tags):
            return lang.pick(fr: "dépôt(s) modifié(s) sur le serveur, non écrasé(s) : \(tags.joined(separator: ", "))",
                             en: "submission tag(s) changed on the remote, not overwritten: \(tags.joined(separator: ", "))")
        case .badgeNotReady(let badge):
            return lang.pick(fr: "le badge \(badge) n'est pas prêt (voir « dossier check »)", en: "badge \(badge) is not ready (see `dossier check`)")
        case .busy:
            return lang.pick(fr: "une autre commande dossier travaille sur ce dossier ; réessayez quand elle aura fini",
                             en: "another dossier command is working on this dossier; try again when it has finished")
        case .notOnMain(let branch?):
            return lang.pick(fr: "les enregistrements sont sur la branche « \(branch) », que « dossier sync » n'envoie pas : revenez sur main (« git switch main » puis « git merge \(branch) »), puis synchronisez",
                             en: "the saves are on branch '\(branch)', which `dossier sync` does not send: come back to main (`git switch main` then `git merge \(branch)`), then sync")
        case .notOnMain(nil):
            return lang.pick(fr: "HEAD n'est sur aucune branche (« detached HEAD ») et « dossier sync » n'envoie que main : gardez vos enregistrements et revenez sur main (« git branch travail », « git switch main », puis « git merge travail »), puis synchronisez",
                             en: "HEAD is on no branch (detached HEAD) and `dossier sync` sends main only: keep your saves and come back to main (`git branch travail`, `git switch main`, then `git merge travail`), then sync")
        case .remoteKeptChanging:
            return lang.pick(fr: "le serveur a changé pendant chaque essai d'envoi (d'autres envois en même temps) ; relancez « dossier sync »",
                             en: "the remote changed during each attempt to send (other pushes at the same time); run `dossier sync` again")
        case .remoteReferenceLocked(let file):
            return lang.pick(fr: "une référence du serveur est verrouillée par un autre programme (\(file)) : rien n'a été envoyé ; relancez « dossier sync » quand il aura fini",
                             en: "a reference of the remote is locked by another program (\(file)): nothing was sent; run `dossier sync` again once it is done")
        case .remotePushBusy:
            return lang.pick(fr: "un autre poste envoie vers ce serveur depuis longtemps ; relancez « dossier sync » plus tard",
                             en: "another computer has been sending to this remote for a long time; run `dossier sync` again later")
        }
    }
}
