import DossierCore
import Foundation
import Git

/// One exchange with a remote (fetch, push, reference listing) with credentials, host-key checks,
/// progress and a watchdog, its failures mapped to `SyncError`. Used by the CFA's sync and the
/// hub's reconciler alike.
public struct RemoteTransfer {
    public let options: Syncer.Options
    /// The folder relative remote paths are resolved from.
    public let folder: String

    public init(options: Syncer.Options, relativeTo folder: String) {
        self.options = options
        self.folder = folder
    }

    /// Runs a transfer with credentials, host-key checks and progress, mapping failures to `SyncError`.
    public func run(_ remote: Remote, _ body: (TransferCallbacks) throws -> Void) throws {
        let callbacks = TransferCallbacks()
        let address = try? RemoteAddress(remote.url, relativeTo: folder)
        var hostProblem: SyncError?
        let watchdog = TransferWatchdog(
            seconds: options.timeout,
            message: SyncError.unreachable(url: remote.url, detail: options.lang.pick(
                fr: "aucune réponse depuis \(Int(options.timeout)) s", en: "no answer for \(Int(options.timeout)) s")).text(options.lang),
            action: options.onTimeout)
        defer { watchdog.stop() }
        callbacks.credentials = { [options] request in
            watchdog.answered()
            return options.credentials.credential(for: request)
        }
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
        callbacks.progress = { [options] progress in
            watchdog.answered()
            options.progress?(progress)
        }
        // A path that is not there (an unmounted shared drive) is unreachable, not a bad URL.
        if let address, address.transport == .local {
            let path = address.url.hasPrefix("file://") ? String(address.url.dropFirst("file://".count)) : address.url
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw SyncError.unreachable(url: remote.url, detail: "no such folder")
            }
        }
        do {
            try body(callbacks)
        } catch let error as GitError {
            if let hostProblem { throw hostProblem }
            if callbacks.authenticationRefused || error.isAuthenticationFailure { throw SyncError.authenticationRefused(url: remote.url) }
            if error.isNetworkFailure { throw SyncError.unreachable(url: remote.url, detail: error.message) }
            let lower = error.message.lowercased()
            if ["pack", "eof", "corrupt", "inflate", "checksum", "object"].contains(where: lower.contains) {
                throw SyncError.corruptTransfer(error.message)
            }
            throw DossierError(.git(error.message))
        }
    }
}
