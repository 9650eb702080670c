internal import Foundation
internal import LinkedData

/// A key rotation statement: a compact JWS (RS256) signed with the retiring RSA key, whose payload
/// names the new keys. A CFA that pinned the issuer's keys at its first sync accepts keys that arrive
/// with a chain of such statements from a key it trusts, and reports any other change of key the
/// way ssh reports a changed host key.
///
///     header  {"alg":"RS256","typ":"JWT","kid":"<retiring RSA thumbprint>"}
///     payload {"iat":…, "keys":[{"kind":"ed25519","fragment":"z6Mk…"},
///                               {"kind":"rsa","fragment":"<thumbprint>","jwk":{…}}]}
public enum KeyRotation {
    static func statement(signedBy old: RSASigningKey, newEd25519: Ed25519SigningKey, newRSA: RSAPublicKey, at date: Date) throws(CredentialError) -> String {
        let header: JSONValue = ["alg": "RS256", "typ": "JWT", "kid": .string(old.publicKey.thumbprint)]
        let payload: JSONValue = [
            "iat": .int(Int(date.timeIntervalSince1970)),
            "keys": [
                ["kind": "ed25519", "fragment": .string(newEd25519.publicKeyMultibase)],
                ["kind": "rsa", "fragment": .string(newRSA.thumbprint), "jwk": .object(newRSA.jwk())],
            ],
        ]
        let input = Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(payload.serialized().utf8))
        return input + "." + Base64URL.encode(try old.signRS256(Array(input.utf8)))
    }
}

extension TrustedKeys {
    /// Applies rotation statements in order: each must be signed by an RSA key already trusted for
    /// `issuerID` (`<issuerID>#<thumbprint>`); its new keys are then trusted for that issuer too.
    /// Throws on the first statement that does not verify (nothing of it is trusted).
    public mutating func accept(rotations: [String], issuerID: String) throws(CredentialError) {
        for statement in rotations {
            let decoded = try VCJWT.decode(statement)
            guard decoded.header["alg"] == "RS256", let thumbprint = decoded.header["kid"]?.stringValue,
                  let signer = rsa[IssuerIdentity.verificationMethod(issuerID, thumbprint)], signer.controller == issuerID,
                  signer.key.isValidRS256(signature: decoded.signature, for: decoded.signingInput)
            else { throw .invalidKey("key rotation statement not signed by a trusted key") }
            var added = TrustedKeys()
            for key in (decoded.payload["keys"] ?? .null).asArray {
                guard let fragment = key["fragment"]?.stringValue else { throw .invalidKey("key rotation statement") }
                let id = IssuerIdentity.verificationMethod(issuerID, fragment)
                switch key["kind"]?.stringValue {
                case "ed25519": try added.trust(verificationMethod: id, publicKeyMultibase: fragment, controller: issuerID)
                case "rsa":
                    guard let jwk = key["jwk"]?.objectValue else { throw .invalidKey("key rotation statement") }
                    let entry = try RSAPublicKey(jwk: jwk)
                    guard entry.thumbprint == fragment else { throw .invalidKey("key rotation statement") }
                    try added.trust(kid: id, jwk: jwk, controller: issuerID)
                default: throw .invalidKey("key rotation statement")
                }
            }
            merge(added)
        }
    }
}
