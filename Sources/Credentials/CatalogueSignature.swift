import DossierCore
public import Foundation
import LinkedData

/// A catalogue version signed by the Région's issuer key, so that a CFA which pinned the issuer's
/// keys (`IssuerKeyPin`) accepts on the catalogue ref only versions the Région signed: a compact JWS
/// (RS256, the issuer's current RSA key) whose payload names the version and the SHA-256 of its file.
///
///     header  {"alg":"RS256","typ":"dossier-catalogue+jwt","kid":"<issuer id>#<RSA thumbprint>"}
///     payload {"iss":"<issuer id>","version":"2027.1","sha256":"<hex of the file>","iat":…}
public enum CatalogueSignature {
    static let type = "dossier-catalogue+jwt"

    /// Signs version `version`, whose file is `file`, with the issuer's current RSA key.
    public static func sign(version: String, file: [UInt8], issuer: BadgeIssuer, at date: Date) throws(CredentialError) -> String {
        let header: JSONValue = ["alg": "RS256", "typ": .string(type), "kid": .string(issuer.kid)]
        let payload: JSONValue = [
            "iss": .string(issuer.profile.id), "version": .string(version), "sha256": .string(Digest.sha256(file)),
            "iat": .int(Int(date.timeIntervalSince1970)),
        ]
        let input = Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(payload.serialized().utf8))
        return input + "." + Base64URL.encode(try issuer.keys.rsa.signRS256(Array(input.utf8)))
    }

    /// Whether `signature` is a signature of version `version` with exactly the file `file`, by an
    /// RSA key `keys` trusts for the issuer the signature names.
    public static func isValid(_ signature: String, version: String, file: [UInt8], keys: TrustedKeys) -> Bool {
        guard let decoded = try? VCJWT.decode(signature), decoded.header["alg"] == "RS256",
              decoded.header["typ"]?.stringValue == type, let kid = decoded.header["kid"]?.stringValue,
              let signer = keys.rsa[kid], decoded.payload["iss"]?.stringValue == signer.controller,
              decoded.payload["version"]?.stringValue == version, decoded.payload["sha256"]?.stringValue == Digest.sha256(file)
        else { return false }
        return signer.key.isValidRS256(signature: decoded.signature, for: decoded.signingInput)
    }
}
