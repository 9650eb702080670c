/// Downloads a public document (a credential, an issuer Profile, a status list) for `dossier verify`.
/// The library only defines what it needs; the command line provides the HTTP(S) implementation
/// (tests use it against nginx on loopback). Throws `BadgeError.download` when the document cannot be had.
public protocol DocumentFetcher: Sendable {
    func fetch(_ url: String) throws -> [UInt8]
}
