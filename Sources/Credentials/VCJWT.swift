internal import Foundation
public import LinkedData

/// VC-JWT as Open Badges 3.0 defines it: a compact JWS (RS256) whose payload is the credential
/// itself plus the registered claims `iss` = issuer.id, `jti` = id, `sub` = credentialSubject.id,
/// `nbf` = validFrom, `exp` = validUntil; header `alg`, `typ: "JWT"` and `kid` (a URL of the key).
public enum VCJWT {
    static let registeredClaims: Set<String> = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]

    public static func sign(_ credential: JSONValue, key: RSASigningKey, kid: String) throws(CredentialError) -> String {
        guard case .object(var payload) = credential else { throw .malformed(member: "(root)") }
        payload["proof"] = nil
        let unsigned = payload
        guard let issuer = Self.issuerID(of: unsigned) else { throw .malformed(member: "issuer.id") }
        guard let id = unsigned["id"]?.stringValue else { throw .malformed(member: "id") }
        guard let validFrom = unsigned["validFrom"]?.stringValue.flatMap(Timestamp.parse) else {
            throw .malformed(member: "validFrom")
        }
        payload["iss"] = .string(issuer)
        payload["jti"] = .string(id)
        if let subject = unsigned["credentialSubject"]?["id"]?.stringValue { payload["sub"] = .string(subject) }
        payload["nbf"] = .int(Int(validFrom.timeIntervalSince1970))
        if let until = unsigned["validUntil"]?.stringValue {
            guard let date = Timestamp.parse(until) else { throw .malformed(member: "validUntil") }
            payload["exp"] = .int(Int(date.timeIntervalSince1970))
        }
        let header: JSONValue = ["alg": "RS256", "typ": "JWT", "kid": .string(kid)]
        let signingInput = Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(JSONValue.object(payload).serialized().utf8))
        let signature = try key.signRS256(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// A compact JWS split and decoded (nothing verified yet).
    public struct Decoded: Sendable {
        public let header: JSONObject
        public let payload: JSONObject
        let signingInput: [UInt8]
        let signature: [UInt8]

        /// The credential: the payload without the JWT claims (VC 2.0), or its `vc` member (VC 1.1).
        public var credential: JSONValue {
            if case .object(let legacy) = payload["vc"] { return .object(legacy) }
            var object = payload
            for claim in registeredClaims { object[claim] = nil }
            return .object(object)
        }
    }

    public static func decode(_ token: String) throws(CredentialError) -> Decoded {
        let parts = token.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2])
        else { throw .unreadable("JWS") }
        guard case .object(let header)? = try? JSONValue.parse(headerBytes),
              case .object(let payload)? = try? JSONValue.parse(payloadBytes)
        else { throw .unreadable("JWS JSON") }
        return Decoded(header: header, payload: payload, signingInput: Array((parts[0] + "." + parts[1]).utf8), signature: signature)
    }

    static func issuerID(of credential: JSONObject) -> String? {
        if let id = credential["issuer"]?.stringValue { return id }
        return credential["issuer"]?["id"]?.stringValue
    }
}
