internal import DossierCore
internal import DossierRepository
internal import Foundation

/// How commands wait for the dossier's lock, and what they say about it and about repairs.
struct LockWaitText {
    let context: CommandContext

    /// The wait comes from `DOSSIER_LOCK_WAIT` (seconds) when set; a line on stderr says a
    /// command is waiting for another one.
    func configure(_ workspace: Workspace) {
        if let text = ProcessInfo.processInfo.environment["DOSSIER_LOCK_WAIT"], let seconds = TimeInterval(text), seconds >= 0 {
            workspace.lockWait = seconds
        }
        let message = context.t("Une autre commande dossier travaille sur ce dossier : attente de sa fin…",
                                "Another dossier command is working on this dossier: waiting for it to finish…")
        workspace.onLockWait = { Output.error(message) }
    }

    /// One line per repair done when the lock was taken (stale locks, an interrupted sync), on
    /// stderr (`toStandardOutput` for `status`, whose output it is); each is said once.
    func printRepairs(_ workspace: Workspace, toStandardOutput: Bool = false) {
        let repair = workspace.repairs
        workspace.repairs = Repair()
        let say: (String) -> Void = toStandardOutput ? { Output.line($0) } : { Output.error($0) }
        if repair.finishedInterruptedSync {
            say(context.t("Une synchronisation interrompue a été terminée (fichiers et historique remis d'accord).",
                                  "An interrupted sync was finished (files and history brought back in line)."))
        }
        if !repair.removedLocks.isEmpty {
            say(context.t("Verrou(s) laissé(s) par une commande interrompue, retiré(s) : \(repair.removedLocks.joined(separator: ", ")).",
                                  "Lock(s) left by an interrupted command, removed: \(repair.removedLocks.joined(separator: ", "))."))
        }
    }
}
