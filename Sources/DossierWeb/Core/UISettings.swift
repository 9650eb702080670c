import DossierCore
import Foundation
import Remote
import WebLayer

/// What `dossier ui` is given by the executable: where it runs, the catalogue, the clock, how to reach
/// the remote. The library reads no environment; the command line builds this.
public struct UISettings: Sendable {
    /// The dossier's folder, or the empty folder where the first steps create or get one.
    public var folder: String
    /// The catalogue given (`--catalogue FILE`) or built in. Unless `followsReceivedCatalogues` is
    /// false, the newest version the Région sent to this dossier replaces it (`ReceivedCatalogues`),
    /// as every command reads it, including versions a sync from the page brings.
    public var catalogue: Catalogue
    public var followsReceivedCatalogues = true
    public var now: @Sendable () -> Date = { Date() }
    public var today: @Sendable () -> Day = { Day(Date()) }
    /// The user's home folder, where "remember this password" keeps it (`~/.git-credentials`, as
    /// `git credential-store` does); nil: never remembered.
    public var home: String?
    /// Connection settings for sync and clone, in the reader's language.
    public var remote: @Sendable (Lang) -> RemoteOptions
    /// The largest form body (uploads are streamed to disk and not bound by this).
    public var maxFormBytes = 1024 * 1024
    /// The largest evidence file accepted by upload.
    public var maxUploadBytes: Int64 = 64 * 1024 * 1024 * 1024
    /// One line per request (method, path, status, time), or nothing.
    public var requestLog: (@Sendable (String) -> Void)?

    public init(folder: String, catalogue: Catalogue, remote: @escaping @Sendable (Lang) -> RemoteOptions) {
        self.folder = folder
        self.catalogue = catalogue
        self.remote = remote
    }
}
