internal import DossierCore
public import Foundation
public import Git

/// One exchange with a remote (fetch, push, reference listing) with credentials, host-key checks,
/// progress and a watchdog, its failures mapped to `RemoteError`. Used by the CFA's sync and the
/// hub's reconciler alike.
public struct RemoteTransfer {
    public let options: RemoteOptions
    /// The folder relative remote paths are resolved from.
    public let folder: String
    /// Receives transfer progress (nil: silent); a display concern, not a connection setting.
    public let progress: ((TransferProgress) -> Void)?

    public init(options: RemoteOptions, relativeTo folder: String, progress: ((TransferProgress) -> Void)? = nil) {
        self.options = options
        self.folder = folder
        self.progress = progress
    }

    /// Runs a transfer with credentials, host-key checks and progress, mapping failures to `RemoteError`.
    public func run(_ remote: Remote, _ body: (TransferCallbacks) throws -> Void) throws {
        let callbacks = TransferCallbacks()
        let address = try? RemoteAddress(remote.url, relativeTo: folder)
        var hostProblem: RemoteError?
        let timedOut = RemoteError.noAnswer(url: remote.url, seconds: Int(options.timeout))
        // At the time-out: the caller's decision first (the CLI reports and exits), then the transfer's
        // sockets are shut down so that a caller that goes on (the CFA's application, the hub) gets
        // its thread, and the transfer lock it holds, back at once.
        let watchdog = TransferWatchdog(seconds: options.timeout) { [onTimeout = options.onTimeout, aborter = callbacks.aborter] in
            onTimeout(timedOut)
            aborter.abort()
        }
        defer { watchdog.stop() }
        // A server that asked for credentials earlier in this process gets them with the first
        // request (HTTPS or loopback only; see AskingHosts).
        callbacks.upFrontCredentials = AskingHosts.shared.upFrontCredentials(for: remote.url, from: options.credentials)
        var askedForPassword = false
        callbacks.credentials = { [options] request in
            watchdog.answered()
            if request.allowsUserPassword { askedForPassword = true }
            return options.credentials.credential(for: request)
        }
        // Remembered only when the transfer never left the remote's own server (libgit2 gives the
        // remote's URL to the credentials callback even after a redirect to another one).
        defer { if askedForPassword, !callbacks.connectedToAnotherHost { AskingHosts.shared.remember(askedBy: remote.url) } }
        callbacks.certificateCheck = { [options] certificate, host in
            watchdog.answered()
            switch certificate {
            case .sshHostKey(let type, let key, let sha256):
                let name = address?.knownHostsName ?? host
                switch options.knownHosts.verdict(host: name, key: key) {
                case .trusted: return true
                case .changed:
                    hostProblem = .hostKeyChanged(host: name)
                    return false
                case .unknown:
                    guard options.acceptNewHost else {
                        hostProblem = .unknownHost(host: name, fingerprint: Data(sha256).base64EncodedString().replacingOccurrences(of: "=", with: ""))
                        return false
                    }
                    try? options.knownHosts.add(host: name, keyType: KnownHosts.keyType(libssh2Type: type), key: key)
                    return true
                }
            case .x509(let valid), .other(let valid):
                return valid
            }
        }
        callbacks.progress = { [progress] state in
            watchdog.answered()
            progress?(state)
        }
        // A path that is not there (an unmounted shared drive) is unreachable, not a bad URL.
        if let path = address?.localPath {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw RemoteError.unreachable(url: remote.url, detail: RemoteError.noSuchFolder)
            }
        }
        do {
            try body(callbacks)
        } catch let error as GitError {
            if callbacks.aborter.wasAborted { throw timedOut }
            if let hostProblem { throw hostProblem }
            if callbacks.authenticationRefused || error.isAuthenticationFailure { throw RemoteError.authenticationRefused(url: remote.url) }
            if error.isNetworkFailure { throw RemoteError.unreachable(url: remote.url, detail: error.message) }
            if error.isCorruptData { throw RemoteError.corruptTransfer(error.message) }
            throw DossierError(.git(error.message))
        }
    }
}
