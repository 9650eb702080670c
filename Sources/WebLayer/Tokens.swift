internal import Crypto
import Foundation

/// Random tokens for cookies and invitation links, and the hashes the store keeps of them.
public enum Tokens {
    /// 32 random bytes, URL-safe base64 without padding.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps of a token: its SHA-256, hexadecimal.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A CSRF token bound to a session (or pre-session) token: HMAC-SHA256 of the purpose.
    public static func csrf(for token: String, purpose: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: SymmetricKey(data: Data(token.utf8)))
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in constant time (for CSRF tokens).
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A token as it may appear in a cookie or a URL (what `random` makes).
    public static func isWellFormed(_ token: String) -> Bool {
        token.count == 43 && token.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }
}
