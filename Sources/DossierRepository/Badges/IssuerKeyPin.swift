public import Credentials
import DossierCore
import Foundation
import Git
public import LinkedData

/// The issuer's public keys as this laptop trusts them: pinned at the first sync that delivered
/// `issuer/profile.json`, in `.git/dossier/issuer-keys.json` (written whole by `AtomicFile`), like
/// ssh's `known_hosts`. A later delivery whose key set differs is accepted only when a rotation
/// statement (`KeyRotation`) signed by a pinned key covers every new key; otherwise it is refused
/// (reported by the sync, the pinned keys unchanged, and the credentials signed with the new keys
/// are not trusted).
///
///     {"issuer": "<Profile id>", "pinned": "<ISO 8601>", "updated": "<ISO 8601>",
///      "verificationMethod": [<the Profile's Multikey and JsonWebKey entries>]}
public struct IssuerKeyPin: Sendable {
    public static let fileName = "issuer-keys.json"

    /// The issuer Profile id the keys belong to.
    public let issuer: String
    /// The pinned verification methods, as the Profile published them.
    public let methods: [JSONValue]
    public let pinned: String
    public let updated: String

    /// The pinned keys, bound to `issuer`.
    public func trustedKeys() throws(CredentialError) -> TrustedKeys {
        try TrustedKeys(profile: profileDocument)
    }

    var profileDocument: JSONValue {
        ["id": .string(issuer), "verificationMethod": .array(methods)]
    }

    var json: JSONValue {
        ["issuer": .string(issuer), "pinned": .string(pinned), "updated": .string(updated), "verificationMethod": .array(methods)]
    }

    public static func path(gitDirectory: String) -> String {
        (gitDirectory.hasSuffix("/") ? gitDirectory : gitDirectory + "/") + "dossier/" + fileName
    }

    /// The pin of a repository; nil before the first delivery of the issuer's Profile.
    public static func load(gitDirectory: String) throws -> IssuerKeyPin? {
        let path = path(gitDirectory: gitDirectory)
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw BadgeError.pinnedKeysUnreadable(path) }
            return nil
        }
        guard let value = try? JSONValue.parse(Array(data)), let issuer = value["issuer"]?.stringValue,
              let methods = value["verificationMethod"]?.arrayValue else { throw BadgeError.pinnedKeysUnreadable(path) }
        return IssuerKeyPin(issuer: issuer, methods: methods, pinned: value["pinned"]?.stringValue ?? "",
                            updated: value["updated"]?.stringValue ?? "")
    }

    func write(gitDirectory: String) throws {
        try AtomicFile.write(json.serialized(pretty: true) + "\n", to: Self.path(gitDirectory: gitDirectory))
    }

    /// What the last delivery did to the pinned keys.
    public enum Outcome: Equatable, Sendable, Encodable {
        /// No issuer Profile delivered (yet).
        case noProfile
        /// First Profile: its keys are now pinned.
        case pinned
        /// Same keys as pinned (or fewer).
        case unchanged
        /// New keys, each reached by a rotation statement signed by a pinned key: now pinned too.
        case rotated
        /// The key set changed without a valid rotation statement (or the Profile names another
        /// issuer): nothing pinned changed, the new keys are not trusted.
        case refused(Refusal)

        public var isRefused: Bool { if case .refused = self { true } else { false } }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .noProfile: try container.encode("noProfile")
            case .pinned: try container.encode("pinned")
            case .unchanged: try container.encode("unchanged")
            case .rotated: try container.encode("rotated")
            case .refused(let refusal): try container.encode("refused:" + refusal.rawValue)
            }
        }
    }

    public enum Refusal: String, Equatable, Sendable {
        /// New or changed keys, no rotation statement signed by a pinned key for them.
        case keysChanged
        /// The Profile is another issuer's.
        case otherIssuer
        /// The Profile does not parse or lists a malformed key.
        case unreadableProfile
        /// The pin file cannot be read or written.
        case pinUnusable
    }

    /// After a fetch: pins the delivered Profile's keys at the first delivery, accepts a change of
    /// keys covered by rotation statements, refuses any other change (the pin is left as it was).
    public static func update(gitDirectory: String, delivered: DeliveredCredentials, now: Date = Date()) throws -> Outcome {
        guard delivered.issuerProfile != nil else { return .noProfile }
        guard let profile = delivered.profile, let issuer = profile["id"]?.stringValue,
              let offered = try? TrustedKeys(profile: profile) else {
            return try load(gitDirectory: gitDirectory) == nil ? .noProfile : .refused(.unreadableProfile)
        }
        let methods = (profile["verificationMethod"] ?? .null).asArray.filter { $0["controller"]?.stringValue == issuer }
        let stamp = ISO8601DateFormatter().string(from: now)
        guard let pin = try load(gitDirectory: gitDirectory) else {
            guard !methods.isEmpty else { return .noProfile }
            try IssuerKeyPin(issuer: issuer, methods: methods, pinned: stamp, updated: stamp).write(gitDirectory: gitDirectory)
            return .pinned
        }
        guard pin.issuer == issuer else { return .refused(.otherIssuer) }
        var trusted = try pin.trustedKeys()
        if offered.isCovered(by: trusted) { return .unchanged }
        do {
            try trusted.accept(rotations: delivered.allRotations, issuerID: issuer)
        } catch {
            return .refused(.keysChanged)
        }
        guard offered.isCovered(by: trusted) else { return .refused(.keysChanged) }
        let known = Set(pin.methods.compactMap { $0["id"]?.stringValue })
        let added = methods.filter { method in method["id"]?.stringValue.map { !known.contains($0) } ?? false }
        try IssuerKeyPin(issuer: issuer, methods: pin.methods + added, pinned: pin.pinned, updated: stamp).write(gitDirectory: gitDirectory)
        return .rotated
    }

    /// Whether the delivered Profile (if any) offers keys the pin does not hold: the credentials of
    /// such a delivery are not trusted (`dossier badges` says so).
    public static func deliveryHasUntrustedKeys(gitDirectory: String, delivered: DeliveredCredentials) throws -> Bool {
        guard let pin = try load(gitDirectory: gitDirectory), let profile = delivered.profile else { return false }
        guard profile["id"]?.stringValue == pin.issuer, let offered = try? TrustedKeys(profile: profile) else { return true }
        return !offered.isCovered(by: try pin.trustedKeys())
    }
}

extension TrustedKeys {
    /// Every key of `self` is in `other` under the same id, with the same key and controller.
    func isCovered(by other: TrustedKeys) -> Bool {
        ed25519.allSatisfy { id, entry in
            other.ed25519[id].map { $0.publicKey == entry.publicKey && $0.controller == entry.controller } ?? false
        } && rsa.allSatisfy { id, entry in
            other.rsa[id].map { $0.key.thumbprint == entry.key.thumbprint && $0.controller == entry.controller } ?? false
        }
    }
}
