internal import DossierCore
public import Foundation

/// A remote's address, classified by transport: a bare repository on disk (or a shared drive),
/// ssh (`ssh://` or scp-like `user@host:path`), or HTTP(S).
public struct RemoteAddress: Sendable, Equatable {
    public enum Transport: String, Sendable { case local, ssh, http, https }

    /// The URL as libgit2 takes it.
    public let url: String
    public let transport: Transport
    /// Host and port, for ssh and HTTP.
    public let host: String?
    public let port: Int?

    /// Parses what a user typed; relative paths are made absolute against `folder`.
    public init(_ text: String, relativeTo folder: String) throws {
        let lower = text.lowercased()
        if lower.hasPrefix("file://") {
            self.init(url: text, transport: .local, host: nil, port: nil)
        } else if lower.hasPrefix("ssh://") || lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
                throw DossierError(.invalidValue(field: "URL", value: text, expected: Expectation(fr: "ssh://, http(s)://, file:// ou un chemin", en: "ssh://, http(s)://, file:// or a path")))
            }
            let transport: Transport = lower.hasPrefix("ssh://") ? .ssh : (lower.hasPrefix("https://") ? .https : .http)
            self.init(url: text, transport: transport, host: host, port: components.port)
        } else if text.contains("://") {
            throw DossierError(.invalidValue(field: "URL", value: text, expected: Expectation(fr: "ssh://, http(s)://, file:// ou un chemin", en: "ssh://, http(s)://, file:// or a path")))
        } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"), text.distance(from: text.startIndex, to: colon) > 1 {
            // scp-like: [user@]host:path (a one-letter prefix would be a Windows drive).
            let hostPart = text[..<colon]
            let host = hostPart.split(separator: "@").last.map(String.init) ?? String(hostPart)
            self.init(url: text, transport: .ssh, host: host, port: nil)
        } else {
            let absolute = text.hasPrefix("/") ? text : folder + "/" + text
            self.init(url: URL(fileURLWithPath: absolute).standardizedFileURL.path, transport: .local, host: nil, port: nil)
        }
    }

    init(url: String, transport: Transport, host: String?, port: Int?) {
        self.url = url
        self.transport = transport
        self.host = host
        self.port = port
    }

    /// The folder on disk of a local remote (`file://` taken off), nil for a network remote.
    public var localPath: String? {
        guard transport == .local else { return nil }
        return url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
    }

    /// The name `known_hosts` uses: `host`, or `[host]:port` for a port other than 22.
    public var knownHostsName: String? {
        guard let host else { return nil }
        if let port, port != 22 { return "[\(host)]:\(port)" }
        return host
    }
}
