internal import Crypto
internal import _CryptoExtras

/// An RSA key (2048 bits or more) for VC-JWT proofs, RS256.
public struct RSASigningKey: Sendable {
    let key: _RSA.Signing.PrivateKey

    public init(pem: String) throws(CredentialError) {
        guard let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) else { throw .invalidKey("RSA PEM") }
        self.key = key
    }

    public static func generate() throws(CredentialError) -> RSASigningKey {
        guard let key = try? _RSA.Signing.PrivateKey(keySize: .bits2048) else { throw .signingFailed }
        return RSASigningKey(key: key)
    }

    private init(key: _RSA.Signing.PrivateKey) { self.key = key }

    public var pem: String { key.pemRepresentation }
    public var publicKey: RSAPublicKey { RSAPublicKey(key: key.publicKey) }

    func signRS256(_ data: [UInt8]) throws(CredentialError) -> [UInt8] {
        guard let signature = try? key.signature(for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5) else {
            throw .signingFailed
        }
        return Array(signature.rawRepresentation)
    }
}
