public import LinkedData
internal import Crypto
internal import _CryptoExtras

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
