public import Foundation

/// How to reach a remote: where credentials come from, which ssh hosts are trusted, how long a
/// silent server is waited for, and what then happens. A plain value: the executable builds it
/// from its flags and environment; libraries never read the environment nor end the process.
public struct RemoteOptions: Sendable {
    public var credentials: CredentialSource
    /// Trust (and record in `knownHosts`) an ssh host never seen before.
    public var acceptNewHost: Bool
    public var knownHosts: KnownHosts
    /// Seconds without any answer from the server before giving up as unreachable.
    public var timeout: TimeInterval
    /// What to do when the server stopped answering for `timeout` seconds. libgit2 cannot cancel a
    /// transfer stuck in a read: the transfer is abandoned to this handler (the CLI prints the
    /// error and exits; the hub gives up on that CFA alone).
    public var onTimeout: @Sendable (RemoteError) -> Void

    /// The time-out when none is given.
    public static let defaultTimeout: TimeInterval = 60

    public init(credentials: CredentialSource, knownHosts: KnownHosts, acceptNewHost: Bool = false,
                timeout: TimeInterval = RemoteOptions.defaultTimeout, onTimeout: @escaping @Sendable (RemoteError) -> Void) {
        self.credentials = credentials
        self.knownHosts = knownHosts
        self.acceptNewHost = acceptNewHost
        self.timeout = timeout
        self.onTimeout = onTimeout
    }
}
