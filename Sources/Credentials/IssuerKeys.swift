internal import Foundation
public import LinkedData
internal import Crypto
internal import _CryptoExtras

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

/// An RSA public key and its JWK form (RFC 7517) and thumbprint (RFC 7638).
public struct RSAPublicKey: Sendable {
    let key: _RSA.Signing.PublicKey

    public init(jwk: JSONObject) throws(CredentialError) {
        guard jwk["kty"] == "RSA", let n = jwk["n"]?.stringValue.flatMap(Base64URL.decode),
              let e = jwk["e"]?.stringValue.flatMap(Base64URL.decode),
              let key = try? _RSA.Signing.PublicKey(n: n, e: e), key.keySizeInBits >= 2048
        else { throw .invalidKey("RSA JWK") }
        self.key = key
    }

    init(key: _RSA.Signing.PublicKey) { self.key = key }

    private var primitives: (n: String, e: String) {
        guard let values = try? key.getKeyPrimitives() else { return ("", "") }
        return (Base64URL.encode(values.modulus), Base64URL.encode(values.publicExponent))
    }

    /// RFC 7638 thumbprint: base64url(SHA-256 of the canonical JWK members e, kty, n).
    public var thumbprint: String {
        let (n, e) = primitives
        return Base64URL.encode(SHA256.hash(data: Array("{\"e\":\"\(e)\",\"kty\":\"RSA\",\"n\":\"\(n)\"}".utf8)))
    }

    /// The public JWK, with `kid` when given (never any private member).
    public func jwk(kid: String? = nil) -> JSONObject {
        let (n, e) = primitives
        var object = JSONObject([("kty", "RSA"), ("n", .string(n)), ("e", .string(e)), ("alg", "RS256"), ("use", "sig")])
        if let kid { object["kid"] = .string(kid) }
        return object
    }

    func isValidRS256(signature: [UInt8], for data: [UInt8]) -> Bool {
        key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
    }
}
