internal import Crypto

/// An Ed25519 key for Data Integrity proofs (`eddsa-rdfc-2022`).
public struct Ed25519SigningKey: Sendable {
    /// The 32-byte seed (swift-crypto's key type is not Sendable on Linux: the key is rebuilt to sign).
    public let seed: [UInt8]
    public let publicKey: [UInt8]

    public init(seed: [UInt8]) throws(CredentialError) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .invalidKey("Ed25519 seed")
        }
        self.seed = seed
        self.publicKey = Array(key.publicKey.rawRepresentation)
    }

    public static func generate() -> Ed25519SigningKey {
        let key = Curve25519.Signing.PrivateKey()
        return Ed25519SigningKey(seed: Array(key.rawRepresentation), publicKey: Array(key.publicKey.rawRepresentation))
    }

    private init(seed: [UInt8], publicKey: [UInt8]) {
        self.seed = seed
        self.publicKey = publicKey
    }

    /// `z6Mk…`
    public var publicKeyMultibase: String { Multikey.encodePublic(publicKey) }

    func sign(_ data: [UInt8]) throws(CredentialError) -> [UInt8] {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
              let signature = try? key.signature(for: data)
        else { throw .signingFailed }
        return Array(signature)
    }
}
