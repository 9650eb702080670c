public import Foundation
public import LinkedData

/// What the hub calls at award time: the signed credential in both proof formats.
///
///     let issuer = BadgeIssuer(profile: profile, keys: try IssuerKeyStore(folder: dir).load())
///     let issued = try issuer.issue(award)      // issued.json (embedded proof), issued.jwt
public struct BadgeIssuer: Sendable {
    public let profile: IssuerProfile
    public let keys: IssuerKeyStore.Keys
    public var processor: JSONLD

    public init(profile: IssuerProfile, keys: IssuerKeyStore.Keys, processor: JSONLD = JSONLD()) {
        self.profile = profile
        self.keys = keys
        self.processor = processor
    }

    public struct Issued: Sendable {
        /// The credential with its Data Integrity proof (`eddsa-rdfc-2022`).
        public let json: JSONValue
        /// The same credential as a VC-JWT (RS256).
        public let jwt: String
        public let statusListIndex: Int

        /// Pretty JSON text, for `.json` files.
        public var jsonText: String { json.serialized(pretty: true) + "\n" }
    }

    public var verificationMethod: String { IssuerIdentity.verificationMethod(profile.id, keys.ed25519.publicKeyMultibase) }
    public var kid: String { IssuerIdentity.verificationMethod(profile.id, keys.rsa.publicKey.thumbprint) }

    public func issue(_ award: AwardDetails, now: Date = Date()) throws(CredentialError) -> Issued {
        let unsigned = OpenBadgeCredential.unsigned(award, issuer: profile)
        return Issued(
            json: try sign(unsigned, now: now),
            jwt: try VCJWT.sign(unsigned, key: keys.rsa, kid: kid),
            statusListIndex: award.statusListIndex)
    }

    /// Any credential (e.g. the status list) with this issuer's Data Integrity proof.
    public func sign(_ credential: JSONValue, now: Date = Date()) throws(CredentialError) -> JSONValue {
        try DataIntegrity.sign(credential, key: keys.ed25519, verificationMethod: verificationMethod, created: now, processor: processor)
    }

    /// The signed `BitstringStatusListCredential` for `list` published at `url`.
    public func statusListCredential(_ list: StatusList, url: String, now: Date = Date(), validUntil: Date? = nil) throws(CredentialError) -> JSONValue {
        try sign(try list.credential(url: url, issuer: profile.id, validFrom: now, validUntil: validUntil), now: now)
    }

    /// Keys a verifier trusts for this issuer: current and retired.
    public func trustedKeys() throws(CredentialError) -> TrustedKeys {
        try TrustedKeys(issuerID: profile.id, history: keys.history)
    }

    /// The issuer Profile to publish at `profile.id`: the Profile plus every public key ever used
    /// (`Multikey` and `JsonWebKey` verification methods), so that old credentials still verify.
    public func publicProfile() -> JSONValue {
        guard case .object(var object) = profile.json else { return profile.json }
        object["@context"] = [.string(PinnedContexts.credentialsV2), .string(PinnedContexts.openBadges303)]
        var methods: [JSONValue] = []
        for record in keys.history {
            let id = IssuerIdentity.verificationMethod(profile.id, record.fragment)
            var method = JSONObject([("id", .string(id)), ("controller", .string(profile.id))])
            switch record.kind {
            case .ed25519:
                method["type"] = "Multikey"
                method["publicKeyMultibase"] = .string(record.fragment)
            case .rsa:
                method["type"] = "JsonWebKey"
                method["publicKeyJwk"] = .object(record.jwk ?? JSONObject())
            }
            methods.append(.object(method))
        }
        object["verificationMethod"] = .array(methods)
        object["assertionMethod"] = .array(keys.history.map { .string(IssuerIdentity.verificationMethod(profile.id, $0.fragment)) })
        if !keys.rotations.isEmpty { object["keyRotations"] = .array(keys.rotations.map(JSONValue.string)) }
        var ordered = JSONObject([("@context", object["@context"] ?? .null)])
        for (key, value) in object where key != "@context" { ordered[key] = value }
        return .object(ordered)
    }
}

extension BadgeIssuer {
    /// Issues the award's credential: the JSON with its Data Integrity proof, the VC-JWT, the index.
    public func issue(_ request: AwardRequest, layout: PublicationLayout, now: Date = Date()) throws(CredentialError) -> Issued {
        guard profile.id == layout.issuerProfileURL else { throw .malformed(member: "issuer.id") }
        return try issue(try request.details(layout: layout), now: now)
    }
}
