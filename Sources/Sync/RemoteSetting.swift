import DossierRepository
import Foundation
internal import Remote

/// The Région's address for a dossier (`dossier remote set|show`, and the CFA's pages).
public enum RemoteSetting {
    /// Checks `text` (a bare repository path, file://, ssh://, user@host:path, http(s)://; a relative
    /// path is relative to `folder`) and records it as the dossier's remote, under the dossier lock.
    /// Returns the address recorded.
    @discardableResult
    public static func set(_ text: String, for workspace: Workspace, relativeTo folder: String) throws -> String {
        let address = try RemoteAddress(text, relativeTo: folder)
        try workspace.withLock { try workspace.repository.setRemote(named: Syncer.remoteName, url: address.url) }
        return address.url
    }

    /// The dossier's remote address, if one is set.
    public static func current(_ workspace: Workspace) throws -> String? {
        try workspace.repository.remote(named: Syncer.remoteName)?.url
    }
}
