internal import Clibgit2
internal import GitCertificates
internal import GitSocketStream

/// The process-wide libgit2 initialisation, done once before the first handle is opened.
enum Libgit2 {
    /// Evaluated once, thread-safely, by Swift's lazy global initialisation. The system CA bundle
    /// is not parsed here (see GitCertificates): only before a transfer that may use TLS.
    private static let initialised: Bool = {
        dossier_certificates_defer(1)
        git_libgit2_init()
        dossier_certificates_defer(0)
        // Sockets (HTTP, HTTPS, ssh) opened with TCP_NODELAY (see GitSocketStream). Should
        // registering fail, libgit2 keeps its own stream: slower over HTTP, never wrong.
        _ = dossier_socket_stream_register()
        // GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION stays on, although git does not re-hash objects
        // as it reads them and it costs a fifth of a `diff` of two large claims: a remote that is
        // a folder (a USB key, the hub's mirrors) is read by libgit2's local transport, which
        // indexes no pack, and this check is what refuses an object whose bytes are not its id
        // (SyncBadInputTests).
        git_error_clear()
        return true
    }()

    /// Ensures `git_libgit2_init` has run.
    static func ensureInitialised() {
        _ = initialised
    }

    /// The deferred CA bundle, parsed once; false when libgit2 refused it.
    private static let certificatesLoaded: Bool = {
        ensureInitialised()
        guard let file = dossier_certificates_deferred_file() else { return true }
        let loaded = dossier_set_ssl_cert_file(file) == 0
        git_error_clear()
        return loaded
    }()

    /// Before a transfer to `url`: loads the CA bundle unless the remote is a local folder (a
    /// path or `file://`), the only kind that can never lead to a TLS connection.
    static func prepareTransfer(to url: String) {
        if isLocal(url) { return }
        _ = certificatesLoaded
    }

    /// Whether the system CA bundle was deferred at initialisation, and how many CA files were
    /// parsed since (for tests).
    static var certificatesState: (deferredFile: String?, parsed: Int) {
        ensureInitialised()
        return (dossier_certificates_deferred_file().map { String(cString: $0) }, Int(dossier_certificates_parsed()))
    }

    /// How many sockets libgit2 opened through GitSocketStream on the calling thread, and on how
    /// many of them TCP_NODELAY read back as on after `connect` (for tests).
    static var socketState: (connections: Int, nodelay: Int) {
        ensureInitialised()
        return (Int(dossier_socket_stream_connections()), Int(dossier_socket_stream_connections_nodelay()))
    }

    /// A path (`/srv/…`, `./x`, `remote.git`) or a `file://` URL; anything with a scheme or
    /// the `host:path` form of ssh may go over the network.
    static func isLocal(_ url: String) -> Bool {
        if url.lowercased().hasPrefix("file://") { return true }
        if url.contains("://") { return false }
        return url.hasPrefix("/") || url.hasPrefix(".") || !url.contains(":")
    }
}
