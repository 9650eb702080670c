internal import Crypto
public import Foundation

/// The ssh `known_hosts` file: which host keys are trusted for which hosts.
public struct KnownHosts: Sendable {
    /// The file, usually `~/.ssh/known_hosts` (`DOSSIER_KNOWN_HOSTS` overrides it).
    public let path: String

    /// What the file says about a host and the key it presented.
    public enum Verdict: Equatable, Sendable {
        case trusted
        /// The host is not in the file.
        case unknown
        /// The host is in the file with another key: possibly an impostor.
        case changed
    }

    public init(path: String) { self.path = path }

    /// The file to use: `DOSSIER_KNOWN_HOSTS` in the process environment the executable passes,
    /// else `.ssh/known_hosts` in the home folder it names.
    public static func standard(environment: [String: String], home: String) -> KnownHosts {
        if let path = environment["DOSSIER_KNOWN_HOSTS"], !path.isEmpty { return KnownHosts(path: path) }
        return KnownHosts(path: home + "/.ssh/known_hosts")
    }

    /// Looks up `host` (as `known_hosts` names it) with the key it presented (raw key blob).
    public func verdict(host: String, key: [UInt8]) -> Verdict {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return .unknown }
        let presented = Data(key).base64EncodedString()
        var sawHost = false
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 3, !fields[0].hasPrefix("#") else { continue }
            var patterns = fields[0]
            var keyIndex = 2
            if patterns.hasPrefix("@") {   // @cert-authority / @revoked markers: skip the marker
                guard fields.count >= 4 else { continue }
                if patterns == "@revoked", String(fields[3]) == presented { return .changed }
                patterns = fields[1]
                keyIndex = 3
            }
            guard patterns.split(separator: ",").contains(where: { Self.matches(String($0), host: host) }) else { continue }
            sawHost = true
            if String(fields[keyIndex]) == presented { return .trusted }
        }
        return sawHost ? .changed : .unknown
    }

    /// Appends a line trusting `key` for `host` (as `ssh` does on first connection when asked).
    public func add(host: String, keyType: String, key: [UInt8]) throws {
        let line = "\(host) \(keyType) \(Data(key).base64EncodedString())\n"
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            let existing = (try? Data(contentsOf: url)) ?? Data()
            try handle.seekToEnd()
            if let last = existing.last, last != UInt8(ascii: "\n") { try handle.write(contentsOf: Data("\n".utf8)) }
            try handle.write(contentsOf: Data(line.utf8))
        } else {
            try Data(line.utf8).write(to: url)
        }
    }

    /// The key type name `known_hosts` uses for a libssh2 raw type.
    public static func keyType(libssh2Type: Int) -> String {
        switch libssh2Type {
        case 1: "ssh-rsa"
        case 2: "ssh-dss"
        case 3: "ecdsa-sha2-nistp256"
        case 4: "ecdsa-sha2-nistp384"
        case 5: "ecdsa-sha2-nistp521"
        case 6: "ssh-ed25519"
        default: "unknown"
        }
    }

    /// A plain pattern (with `*` and `?` wildcards, `!` negation ignored) or a hashed `|1|salt|hash` entry.
    static func matches(_ pattern: String, host: String) -> Bool {
        if pattern.hasPrefix("|1|") {
            let parts = pattern.split(separator: "|")
            guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
                  let hash = Data(base64Encoded: String(parts[2])) else { return false }
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(host.utf8), using: SymmetricKey(data: salt))
            return Data(mac) == hash
        }
        if pattern.hasPrefix("!") { return false }
        return wildcard(Array(pattern.lowercased()), Array(host.lowercased()))
    }

    private static func wildcard(_ pattern: [Character], _ text: [Character]) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            return (0...text.count).contains { wildcard(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
        }
        guard let head = text.first, first == "?" || first == head else { return false }
        return wildcard(Array(pattern.dropFirst()), Array(text.dropFirst()))
    }
}
