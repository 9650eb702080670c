public import DossierCore
internal import Foundation
public import LinkedData

/// One check a verification ran, with its outcome, said in French or English.
public struct VerificationCheck: Sendable, Equatable, Localized {
    public enum Kind: String, Sendable, Equatable {
        case format, signature, issuer, definedTerms, claims, validFrom, validUntil, status, schema
    }

    public enum Outcome: Sendable, Equatable {
        case passed
        case failed
        /// Could not be checked here (e.g. status list not available offline).
        case notChecked
    }

    public let kind: Kind
    public let outcome: Outcome
    /// What was checked or what went wrong (technical detail: a date, an index, a term).
    public let detail: String

    public func text(_ lang: Lang) -> String {
        let mark = switch outcome {
        case .passed: "✔"
        case .failed: "✘"
        case .notChecked: "?"
        }
        let what: String = switch kind {
        case .format: lang.pick(fr: "format", en: "format")
        case .signature: lang.pick(fr: "signature", en: "signature")
        case .issuer: lang.pick(fr: "émetteur", en: "issuer")
        case .definedTerms: lang.pick(fr: "propriétés toutes signées", en: "every property signed")
        case .claims: lang.pick(fr: "en-tête JWT cohérent", en: "JWT claims consistent")
        case .validFrom: lang.pick(fr: "valide depuis", en: "valid from")
        case .validUntil: lang.pick(fr: "valide jusqu’au", en: "valid until")
        case .status: lang.pick(fr: "non révoqué", en: "not revoked")
        case .schema: lang.pick(fr: "structure Open Badges 3.0", en: "Open Badges 3.0 structure")
        }
        return detail.isEmpty ? "\(mark) \(what)" : "\(mark) \(what) : \(detail)".replacingOccurrences(of: " : ", with: lang == .fr ? " : " : ": ")
    }
}

/// The outcome of verifying one credential: every check, and the credential read.
public struct VerificationReport: Sendable {
    public let checks: [VerificationCheck]
    public let credential: JSONValue?
    /// Which proof was verified.
    public let proofFormat: ProofFormat?

    public enum ProofFormat: String, Sendable { case dataIntegrity, jwt }

    /// True when no check failed and the signature and issuer checks passed.
    public var isValid: Bool {
        !checks.contains { $0.outcome == .failed }
            && checks.contains { $0.kind == .signature && $0.outcome == .passed }
            && checks.contains { $0.kind == .issuer && $0.outcome == .passed }
    }

    public func failed(_ kind: VerificationCheck.Kind) -> Bool {
        checks.contains { $0.kind == kind && $0.outcome == .failed }
    }
}

/// What a file or a download holds: a JSON credential (embedded proof) or a compact JWS, possibly
/// baked in a PNG or an SVG.
public enum CredentialInput: Sendable {
    case json(JSONValue)
    case jwt(String)

    public static func read(_ bytes: [UInt8]) throws(CredentialError) -> CredentialInput {
        if bytes.starts(with: Baking.pngSignature) { return try read(text: Baking.extractPNG(bytes)) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable("not UTF-8") }
        if text.prefix(2048).contains("<svg") { return try read(text: Baking.extractSVG(text)) }
        return try read(text: text)
    }

    public static func read(text: String) throws(CredentialError) -> CredentialInput {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            do { return .json(try JSONValue.parse(trimmed)) } catch { throw .linkedData(error) }
        }
        guard trimmed.split(separator: ".", omittingEmptySubsequences: false).count == 3 else {
            throw .unreadable("neither JSON nor a compact JWS")
        }
        return .jwt(trimmed)
    }
}
