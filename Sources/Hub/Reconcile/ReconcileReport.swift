import Foundation
import HubReview

/// What a reconcile did for one CFA.
public struct CFAOutcome: Sendable, Encodable, Equatable {
    public enum Status: String, Sendable, Encodable {
        /// New submissions were ingested.
        case new
        /// Nothing new upstream (one reference listing).
        case unchanged
        /// Fetched, but nothing to ingest (saves without submissions), or decisions delivered.
        case updated
        case failed
    }

    public var uai: String
    public var status: Status
    /// Tags of the submissions ingested.
    public var newSubmissions: [String] = []
    /// Tags of the badge proposals ingested (refused ones included).
    public var newProposals: [String] = []
    /// Whether new decisions were pushed to the CFA's repository.
    public var decisionsDelivered = false
    /// Whether the catalogue ref was pushed (new versions, or a ref the CFA wrote itself replaced).
    public var catalogueDelivered = false
    /// Why the CFA failed (unreachable, malformed, rewritten history…).
    public var reasons: [HubReason] = []
    /// What the run left for later without failing (older requests skipped, the limit per run).
    public var notes: [HubReason] = []
    public var seconds: Double = 0

    enum CodingKeys: String, CodingKey { case uai, status, newSubmissions, newProposals, decisionsDelivered, catalogueDelivered, reasons, reasonCodes, notes, seconds }

    /// Reasons and notes as English lines, for scripts; `reasonCodes` as stored.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uai, forKey: .uai)
        try container.encode(status, forKey: .status)
        try container.encode(newSubmissions, forKey: .newSubmissions)
        try container.encode(newProposals, forKey: .newProposals)
        try container.encode(decisionsDelivered, forKey: .decisionsDelivered)
        try container.encode(catalogueDelivered, forKey: .catalogueDelivered)
        try container.encode(reasons.map { $0.text(.en) }, forKey: .reasons)
        try container.encode(reasons, forKey: .reasonCodes)
        try container.encode(notes.map { $0.text(.en) }, forKey: .notes)
        try container.encode(seconds, forKey: .seconds)
    }

    public init(uai: String, status: Status) {
        self.uai = uai
        self.status = status
    }
}

/// What a whole reconcile did.
public struct ReconcileReport: Sendable, Encodable {
    public var cfas: [CFAOutcome]

    public var newSubmissions: Int { cfas.reduce(0) { $0 + $1.newSubmissions.count } }
    public var unchanged: Int { cfas.filter { $0.status == .unchanged }.count }
    public var failed: [CFAOutcome] { cfas.filter { $0.status == .failed } }

    enum CodingKeys: String, CodingKey { case cfas, newSubmissions, unchanged, failed }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cfas, forKey: .cfas)
        try container.encode(newSubmissions, forKey: .newSubmissions)
        try container.encode(unchanged, forKey: .unchanged)
        try container.encode(failed.count, forKey: .failed)
    }
}
