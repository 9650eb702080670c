internal import Foundation
public import LinkedData

/// The public keys a verifier trusts, each bound to the issuer (controller) it belongs to: our own
/// issuer's keys (current and retired), keys pinned at the first sync, or keys read from an issuer's
/// published Profile. `did:key` methods resolve offline, but only bind to an issuer whose id is that
/// very DID. A key read from a `verificationMethod` URL fragment is never trusted by itself.
public struct TrustedKeys: Sendable {
    public struct Ed25519Entry: Sendable { public let controller: String; public let publicKey: [UInt8] }
    public struct RSAEntry: Sendable { public let controller: String; public let key: RSAPublicKey }

    /// verification method id (`https://…#z6Mk…`) → key.
    public private(set) var ed25519: [String: Ed25519Entry] = [:]
    /// `kid` → key.
    public private(set) var rsa: [String: RSAEntry] = [:]

    public init() {}

    public mutating func trust(verificationMethod: String, publicKeyMultibase: String, controller: String) throws(CredentialError) {
        guard let raw = Multikey.decodePublic(publicKeyMultibase) else { throw .invalidKey(publicKeyMultibase) }
        ed25519[verificationMethod] = Ed25519Entry(controller: controller, publicKey: raw)
    }

    public mutating func trust(kid: String, jwk: JSONObject, controller: String) throws(CredentialError) {
        rsa[kid] = RSAEntry(controller: controller, key: try RSAPublicKey(jwk: jwk))
    }

    /// Our issuer's keys, current and retired, under `issuerID`.
    public init(issuerID: String, history: [IssuerKeyStore.PublicKeyRecord]) throws(CredentialError) {
        for record in history {
            switch record.kind {
            case .ed25519:
                try trust(verificationMethod: IssuerIdentity.verificationMethod(issuerID, record.fragment), publicKeyMultibase: record.fragment, controller: issuerID)
            case .rsa:
                guard let jwk = record.jwk else { throw .invalidKey("RSA record without JWK") }
                try trust(kid: IssuerIdentity.verificationMethod(issuerID, record.fragment), jwk: jwk, controller: issuerID)
            }
        }
    }

    /// The keys listed in a published issuer Profile (`verificationMethod` entries of type
    /// `Multikey` or `JsonWebKey` whose controller is the profile's id).
    public init(profile: JSONValue) throws(CredentialError) {
        guard let issuer = profile["id"]?.stringValue else { throw .malformed(member: "id") }
        for method in (profile["verificationMethod"] ?? .null).asArray {
            guard let id = method["id"]?.stringValue, method["controller"]?.stringValue == issuer else { continue }
            if method["type"] == "Multikey", let multibase = method["publicKeyMultibase"]?.stringValue {
                try trust(verificationMethod: id, publicKeyMultibase: multibase, controller: issuer)
            } else if method["type"] == "JsonWebKey", let jwk = method["publicKeyJwk"]?.objectValue {
                try trust(kid: id, jwk: jwk, controller: issuer)
            }
        }
    }

    public mutating func merge(_ other: TrustedKeys) {
        ed25519.merge(other.ed25519) { _, new in new }
        rsa.merge(other.rsa) { _, new in new }
    }

    func resolveEd25519(_ method: String) -> Ed25519Entry? {
        if let entry = ed25519[method] { return entry }
        if method.hasPrefix("did:key:") {
            let did = String(method.split(separator: "#", maxSplits: 1).first ?? "")
            if let raw = Multikey.decodePublic(String(did.dropFirst("did:key:".count))) {
                return Ed25519Entry(controller: did, publicKey: raw)
            }
        }
        return nil
    }
}
