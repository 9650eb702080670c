import Foundation
internal import Yams

/// The Région's decision on one submission of a badge proposal, as the hub writes it on the CFA's
/// decisions ref (`refs/dossier/decisions`, file `proposals/<slug>/<YYYY-MM-DD>-<n>.yaml`) and as the
/// CFA reads it offline after a sync. Two levels deep, so `Decisions.read` (which reads
/// `<badge>/<file>.yaml`, blobs one level deep) never takes it for a badge decision.
public struct ProposalDecision: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case accepted
        case changesRequested = "changes-requested"
        case declined
    }

    /// The folder of the decisions tree that holds proposal decisions.
    public static let folder = "proposals"

    /// The proposed badge id, the file name `proposals/<slug>.yaml` in the CFA's dossier.
    public var slug: String
    /// The proposal tag, `proposals/<slug>/<YYYY-MM-DD>-<n>`.
    public var proposal: String
    /// The commit the proposal tag named.
    public var commit: String
    public var outcome: Outcome
    /// The day of the decision.
    public var date: Day
    /// The reviewers' reasons (changes requested, declined) or the Région's (accepted, declined).
    public var reasons: [Decision.Reason]
    /// Accepted: the badge id it became in the catalogue (may differ from the slug when edited).
    public var badge: String?
    /// Accepted: the catalogue version that contains the badge, once the Région published it.
    public var catalogueVersion: String?

    public init(slug: String, proposal: String, commit: String, outcome: Outcome, date: Day,
                reasons: [Decision.Reason] = [], badge: String? = nil, catalogueVersion: String? = nil) {
        self.slug = slug
        self.proposal = proposal
        self.commit = commit
        self.outcome = outcome
        self.date = date
        self.reasons = reasons
        self.badge = badge
        self.catalogueVersion = catalogueVersion
    }

    /// The file of this decision in the decisions tree, `proposals/<slug>/<YYYY-MM-DD>-<n>.yaml`.
    public var path: String {
        "\(Self.folder)/\(slug)/\(proposal.split(separator: "/").last.map(String.init) ?? proposal).yaml"
    }

    public func yaml() throws -> String {
        try YAMLEncoder().encode(self)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> ProposalDecision {
        do {
            return try YAMLDecoder().decode(ProposalDecision.self, from: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw DossierError(.io("\(file): not a proposal decision file (\(error))"))
        }
    }
}
