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
