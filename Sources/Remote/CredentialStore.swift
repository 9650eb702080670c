import Foundation

/// The git credential store (`~/.git-credentials`, the file `git credential-store` keeps and
/// `CredentialSource` reads): one `scheme://user:password@host[:port]` line per server.
public enum CredentialStore {
    /// Remembers `user`/`password` for the server of `url` in `home`'s store (readable by its owner
    /// only), replacing an earlier line for the same server. Only for http(s) addresses.
    public static func remember(url: String, user: String, password: String, home: String) throws {
        guard let address = URLComponents(string: url), let scheme = address.scheme, ["http", "https"].contains(scheme),
              let host = address.host else { return }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escaped(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        let server = "\(scheme)://\(host)" + (address.port.map { ":\($0)" } ?? "")
        let path = home + "/.git-credentials"
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var lines = existing.split(whereSeparator: \.isNewline).map(String.init).filter { line in
            guard let stored = URLComponents(string: line) else { return true }
            return !(stored.scheme == scheme && stored.host == host && stored.port == address.port)
        }
        lines.append("\(scheme)://\(escaped(user)):\(escaped(password))@\(server.dropFirst(scheme.count + 3))")
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        _ = try FileManager.default.replaceItemAt(URL(fileURLWithPath: path), withItemAt: URL(fileURLWithPath: temporary))
    }
}
