public import LinkedData

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
