import DossierRepository
import Foundation

/// One sync (or media fetch) at a time per dossier: held for a whole sync, network transfers
/// included (`.git/dossier/transfer.lock`), while the dossier's lock (`Workspace.withLock`) is only
/// taken around the sync's local steps, so that a save never waits for the network. Holding it
/// proves no transfer is under way: the references and packs a killed transfer left are stale.
final class TransferLock {
    private let lock: FileLock

    init(gitDirectory: String) throws {
        guard let lock = try FileLock(path: gitDirectory + "dossier/transfer.lock") else { throw SyncError.busy }
        self.lock = lock
        _ = FileLock.removeStale(gitDirectory, files: ["FETCH_HEAD.lock"], lockFolders: ["refs/remotes", "refs/dossier"],
                                 partialFiles: [("objects/pack", "pack_git2_")])
    }
}
