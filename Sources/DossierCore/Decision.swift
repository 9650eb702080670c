import Foundation
internal import Yams

/// A decision of the Région on one submission, as the hub writes it on the CFA's decisions ref
/// (`refs/dossier/decisions`, one file per submission: `<badge>/<submission>.yaml`) and as the
/// CFA reads it offline after a sync.
public struct Decision: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case awarded
        case changesRequested = "changes-requested"
        case rejected
        case revoked
    }

    /// One reviewer's reason (changes requested, rejection) or the Région's (revocation).
    public struct Reason: Sendable, Equatable, Codable {
        public var member: String
        public var role: String
        public var text: String

        public init(member: String, role: String, text: String) {
            self.member = member
            self.role = role
            self.text = text
        }
    }

    public var badge: String
    /// The submission tag, `submissions/<badge>/<YYYY-MM-DD>-<n>`.
    public var submission: String
    /// The commit the submission tagged (the awarded snapshot for an award).
    public var commit: String
    public var outcome: Outcome
    /// The day of the decision.
    public var date: Day
    /// For an award (and a revoked award): the validity.
    public var validFrom: Day?
    public var validUntil: Day?
    public var reasons: [Reason]

    public init(badge: String, submission: String, commit: String, outcome: Outcome, date: Day,
                validFrom: Day? = nil, validUntil: Day? = nil, reasons: [Reason] = []) {
        self.badge = badge
        self.submission = submission
        self.commit = commit
        self.outcome = outcome
        self.date = date
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.reasons = reasons
    }

    /// The decisions ref, written by the hub only, fetched (never pushed) by the CFA.
    public static let reference = DossierReferences.decisions

    /// The file of this decision in the decisions tree.
    public var path: String {
        "\(badge)/\(submission.split(separator: "/").last.map(String.init) ?? submission).yaml"
    }

    public func yaml() throws -> String {
        try YAMLEncoder().encode(self)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> Decision {
        do {
            return try YAMLDecoder().decode(Decision.self, from: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw DossierError(.io("\(file): not a decision file (\(error))"))
        }
    }

    /// Whether an award is valid on `day` (valid from its first day up to the day before `validUntil`).
    public func isValid(on day: Day) -> Bool {
        guard outcome == .awarded, let validFrom, let validUntil else { return false }
        return validFrom <= day && day < validUntil
    }
}
