public import Credentials
import DossierCore
import Foundation
import Git
internal import LinkedData

/// The CFA's credentials as `dossier badges` shows them: each delivered credential verified offline
/// with the pinned issuer keys and the delivered status list.
public struct CFABadges: Sendable {
    /// A credential's standing, in the order a person cares about.
    public enum Standing: String, Sendable, Encodable {
        case valid, expired, revoked, notYetValid, invalidSignature

        public func text(_ lang: Lang) -> String {
            switch self {
            case .valid: lang.pick(fr: "valide", en: "valid")
            case .expired: lang.pick(fr: "expiré", en: "expired")
            case .revoked: lang.pick(fr: "révoqué", en: "revoked")
            case .notYetValid: lang.pick(fr: "pas encore valide", en: "not yet valid")
            case .invalidSignature: lang.pick(fr: "signature invalide", en: "invalid signature")
            }
        }
    }

    public struct Held: Sendable {
        public let badge: String
        /// The Achievement's name in the credential.
        public let title: String
        public let validFrom: String?
        public let validUntil: String?
        public let standing: Standing
        /// False when no status list was at hand: "valid" then says nothing of revocation.
        public let revocationChecked: Bool
        /// The verification of the JSON form (or of the JWT when only that was delivered).
        public let report: VerificationReport
    }

    public let held: [Held]
    /// The delivered Profile offers keys that are not pinned (changed without a rotation statement).
    public let untrustedKeys: Bool
    /// No issuer key is pinned yet.
    public let noPinnedKeys: Bool
    public let delivered: DeliveredCredentials

    /// Reads and verifies the credentials delivered to `repository`.
    public static func read(from repository: Repository, now: Date = Date()) throws -> CFABadges {
        let delivered = try DeliveredCredentials.read(from: repository)
        let pin = try IssuerKeyPin.load(gitDirectory: repository.gitDirectory)
        let keys = try pin?.trustedKeys() ?? TrustedKeys()
        let verifier = CredentialVerifier(trustedKeys: keys, statusLists: delivered.statusLists, now: now)
        var held: [Held] = []
        for badge in delivered.badges {
            guard let files = delivered.files[badge] else { continue }
            held.append(assess(badge: badge, files: files, verifier: verifier))
        }
        return CFABadges(held: held,
                         untrustedKeys: try IssuerKeyPin.deliveryHasUntrustedKeys(gitDirectory: repository.gitDirectory, delivered: delivered),
                         noPinnedKeys: pin == nil, delivered: delivered)
    }

    static func assess(badge: String, files: DeliveredCredentials.Files, verifier: CredentialVerifier) -> Held {
        var reports: [VerificationReport] = []
        if let json = files.json { reports.append(verifier.verify(bytes: json)) }
        if let jwt = files.jwt { reports.append(verifier.verify(.jwt(jwt))) }
        // A files entry always holds one form at least; an empty input reports "unreadable" otherwise.
        let main = reports.first ?? verifier.verify(bytes: [])
        let credential = main.credential ?? .null
        let title = credential["credentialSubject"]?["achievement"]?["name"]?.stringValue ?? badge
        let standing = reports.map(standing(of:)).max { rank($0) < rank($1) } ?? .invalidSignature
        let revocationChecked = main.checks.contains { $0.kind == .status && $0.outcome != .notChecked }
        return Held(badge: badge, title: title,
                    validFrom: (credential["validFrom"] ?? credential["issuanceDate"])?.stringValue,
                    validUntil: (credential["validUntil"] ?? credential["expirationDate"])?.stringValue,
                    standing: standing, revocationChecked: revocationChecked, report: main)
    }

    /// What a verification report means for the CFA: a failed signature, issuer, format or
    /// structure check first (nothing else can be believed), then revocation, then the dates.
    public static func standing(of report: VerificationReport) -> Standing {
        let broken: [VerificationCheck.Kind] = [.format, .signature, .issuer, .definedTerms, .claims, .schema]
        if broken.contains(where: report.failed) || !report.checks.contains(where: { $0.kind == .signature && $0.outcome == .passed }) {
            return .invalidSignature
        }
        if report.failed(.status) { return .revoked }
        if report.failed(.validFrom) { return .notYetValid }
        if report.failed(.validUntil) { return .expired }
        return .valid
    }

    static func rank(_ standing: Standing) -> Int {
        switch standing {
        case .valid: 0
        case .notYetValid: 1
        case .expired: 2
        case .revoked: 3
        case .invalidSignature: 4
        }
    }

    /// The held credential of `badge` (`label` for the label), or `BadgeError.noCredential`.
    public func credential(_ badge: String) throws -> Held {
        guard let found = held.first(where: { $0.badge == badge }) else { throw BadgeError.noCredential(badge) }
        return found
    }
}
