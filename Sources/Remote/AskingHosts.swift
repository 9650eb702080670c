public import Foundation
public import Git

/// The HTTP servers (scheme, host and port) that asked this process for credentials. A later
/// transfer to one of them sends the credentials with its first request (`BasicCredentials`, Git/UpFrontCredentials.swift)
/// instead of an anonymous request that the server answers 401: a round trip less per transfer,
/// which the hub pays per CFA and per reconcile. Only over HTTPS, or plain HTTP on the loopback
/// interface: over a network, plain HTTP would show the credentials before anyone asked for them.
/// Remembered in memory, for the process only.
public final class AskingHosts: @unchecked Sendable {
    public static let shared = AskingHosts()

    private let lock = NSLock()
    private var origins: Set<String> = []

    public init() {}

    /// `scheme://host:port` of a URL to which credentials may be sent up front, else nil.
    public static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              var host = components.host?.lowercased(), !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        switch scheme {
        case "https":
            return "https://\(host):\(components.port ?? 443)"
        case "http" where ["127.0.0.1", "localhost", "::1"].contains(host):
            return "http://\(host):\(components.port ?? 80)"
        default:
            return nil
        }
    }

    /// Notes that the server of `url` asked for a user and password.
    public func remember(askedBy url: String) {
        guard let origin = Self.origin(of: url) else { return }
        lock.withLock { _ = origins.insert(origin) }
    }

    /// Whether the server of `url` asked before (and may get credentials up front).
    public func asked(_ url: String) -> Bool {
        guard let origin = Self.origin(of: url) else { return false }
        return lock.withLock { origins.contains(origin) }
    }

    /// The credentials to send with the first request to `url`: those `source` would give when
    /// asked, when its server asked before; nil otherwise.
    public func upFrontCredentials(for url: String, from source: CredentialSource) -> BasicCredentials? {
        guard asked(url) else { return nil }
        let request = CredentialRequest(url: url, usernameFromURL: URLComponents(string: url)?.user, attempt: 1,
                                        allowsSSHKey: false, allowsUserPassword: true, allowsUsername: false)
        guard case .userPassword(let user, let password)? = source.credential(for: request) else { return nil }
        return BasicCredentials(user: user, password: password)
    }
}
