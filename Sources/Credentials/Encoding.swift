internal import Foundation

/// base58btc (Bitcoin alphabet), as multibase `z…` uses it.
enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base 58, least significant first
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = String(repeating: "1", count: zeros) + String(decoding: digits.reversed().map { alphabet[Int($0)] }, as: UTF8.self)
        return text
    }

    static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []  // base 256, least significant first
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            var carry = value
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        let zeros = text.utf8.prefix { $0 == UInt8(ascii: "1") }.count
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}

/// base64url without padding (JWS, multibase `u…`).
enum Base64URL {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard text.allSatisfy({ $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}

/// Multikey / multibase forms of Ed25519 keys (https://www.w3.org/TR/controller-document/#multikey).
public enum Multikey {
    static let ed25519PublicHeader: [UInt8] = [0xED, 0x01]
    static let ed25519PrivateHeader: [UInt8] = [0x80, 0x26]

    /// `z6Mk…` for a 32-byte Ed25519 public key.
    public static func encodePublic(_ raw: [UInt8]) -> String { "z" + Base58.encode(ed25519PublicHeader + raw) }

    /// The 32 raw bytes of a `z6Mk…` Ed25519 public key, nil for anything else.
    public static func decodePublic(_ multibase: String) -> [UInt8]? {
        guard multibase.hasPrefix("z"), let bytes = Base58.decode(String(multibase.dropFirst())),
              bytes.count == 34, Array(bytes.prefix(2)) == ed25519PublicHeader
        else { return nil }
        return Array(bytes.dropFirst(2))
    }

    /// `z3u2…` for a 32-byte Ed25519 seed.
    public static func encodePrivate(_ seed: [UInt8]) -> String { "z" + Base58.encode(ed25519PrivateHeader + seed) }

    public static func decodePrivate(_ multibase: String) -> [UInt8]? {
        guard multibase.hasPrefix("z"), let bytes = Base58.decode(String(multibase.dropFirst())),
              bytes.count == 34, Array(bytes.prefix(2)) == ed25519PrivateHeader
        else { return nil }
        return Array(bytes.dropFirst(2))
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
