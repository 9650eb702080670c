public import DossierCore
public import DossierRepository
public import Foundation

/// Where a dossier's media objects are exchanged: the remote repository's own `lfs/objects`
/// (path remotes, as git-lfs does) or a git-lfs server's batch API (HTTP).
public protocol MediaRemote {
    /// Sends the objects the remote lacks, read from `store` (it asks the remote first).
    /// Returns the pointers actually sent. Any failure throws: refs must not be pushed then.
    func upload(_ pointers: [LFSPointer], from store: MediaStore, progress: MediaProgress?) throws -> [LFSPointer]

    /// Fetches objects into `store`, each checked against its oid before it lands there.
    /// Objects the remote does not have are returned (the sync goes on and says so); a transport
    /// or server failure throws.
    func download(_ pointers: [LFSPointer], into store: MediaStore, progress: MediaProgress?) throws -> [LFSPointer]
}

/// Media transfer progress: files and bytes done so far, of the totals.
public struct MediaProgressState: Sendable, Equatable {
    public var files: Int
    public var totalFiles: Int
    public var bytes: Int
    public var totalBytes: Int
    public var isUpload: Bool

    public init(files: Int, totalFiles: Int, bytes: Int, totalBytes: Int, isUpload: Bool) {
        self.files = files
        self.totalFiles = totalFiles
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.isUpload = isUpload
    }
}

public typealias MediaProgress = @Sendable (MediaProgressState) -> Void

/// Why a media transfer failed: one line each.
public enum MediaTransferError: Error, Equatable, Localized {
    /// The LFS server refused the credentials (401/403).
    case unauthorized(url: String)
    /// The server refused an object as too large (413).
    case tooLarge(url: String)
    /// Any other HTTP status (404 for the endpoint, 5xx…), with the server's message.
    case server(url: String, status: Int, message: String)
    /// No connection, connection cut, time-out.
    case connection(url: String, detail: String)
    /// An ssh remote needs the HTTP endpoint of its media server (`lfs.url` in `.lfsconfig`).
    case noEndpoint(url: String)
    /// A local object's bytes no longer match its id: it is not sent.
    case corruptObject(path: String, oid: String)
    /// The server sent bytes that do not match the object's id: nothing was stored.
    case corruptDownload(oid: String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .unauthorized(let url):
            lang.pick(fr: "serveur de médias : accès refusé (\(url)) — vérifiez DOSSIER_TOKEN", en: "media server: access refused (\(url)) — check DOSSIER_TOKEN")
        case .tooLarge(let url):
            lang.pick(fr: "serveur de médias : fichier trop volumineux refusé (\(url))", en: "media server: file refused as too large (\(url))")
        case .server(let url, let status, let message):
            lang.pick(fr: "serveur de médias : erreur \(status) (\(url)) \(message)", en: "media server: error \(status) (\(url)) \(message)")
        case .connection(let url, let detail):
            lang.pick(fr: "serveur de médias injoignable (\(url)) : \(detail) — rien n'est perdu, relancez « dossier sync »",
                      en: "media server unreachable (\(url)): \(detail) — nothing is lost, run `dossier sync` again")
        case .noEndpoint(let url):
            lang.pick(fr: "pas de serveur de médias pour \(url) : indiquez lfs.url dans .lfsconfig",
                      en: "no media server for \(url): set lfs.url in .lfsconfig")
        case .corruptObject(let path, let oid):
            lang.pick(fr: "le média \(path) est altéré (son contenu ne correspond plus à \(oid.prefix(12))…) : il n'est pas envoyé ; rajoutez le fichier",
                      en: "media \(path) is damaged (its content no longer matches \(oid.prefix(12))…): not sent; add the file again")
        case .corruptDownload(let oid):
            lang.pick(fr: "le serveur a envoyé un contenu qui ne correspond pas à \(oid.prefix(12))… : rien n'a été enregistré",
                      en: "the server sent content that does not match \(oid.prefix(12))…: nothing was stored")
        }
    }
}
