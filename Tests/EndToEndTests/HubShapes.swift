import Foundation

// The JSON shapes of the hub commands and of the CFA's view of the Région's decisions, decoded
// strictly (a missing key fails the decoding; optional keys are those the tool may leave out).

struct ReconcileJSON: Decodable {
    struct CFA: Decodable {
        let uai: String
        let status: String
        let newSubmissions: [String]
        let decisionsDelivered: Bool
        let reasons: [String]
    }

    let cfas: [CFA]
    let newSubmissions: Int
    let unchanged: Int
    let failed: Int

    func cfa(_ uai: String) -> CFA? { cfas.first { $0.uai == uai } }
}

struct QueueEntryJSON: Decodable {
    struct Votes: Decodable, Equatable {
        let approve: Int
        let reject: Int
        let changes: Int
    }

    let uai: String
    let name: String?
    let badge: String
    let kind: String
    let state: String
    let commit: String
    let tag: String
    let ready: Bool
    let votes: Votes
    let ageDays: Int
}

struct QueueJSON: Decodable {
    let submissions: [QueueEntryJSON]
}

struct LabelJSON: Decodable {
    let uai: String
    let day: String
    let held: Bool
    let validBadges: [String]
    let missingMandatory: [String]
    let lapsesOn: String?
    let renewToPrevent: [String]
}

struct ExportJSON: Decodable {
    struct Badge: Decodable {
        let badge: String
        let state: String
        let validFrom: String?
        let validUntil: String?
    }

    struct CFA: Decodable {
        let uai: String
        let name: String?
        let labelHeld: Bool
        let labelLapsesOn: String?
        let badges: [Badge]

        func badge(_ id: String) -> Badge? { badges.first { $0.badge == id } }
    }

    let date: String
    let cfas: [CFA]

    func cfa(_ uai: String) -> CFA? { cfas.first { $0.uai == uai } }
}

struct AuditEntryJSON: Decodable {
    let id: Int
    let at: String
    let actor: String
    let action: String
    let uai: String?
    let badge: String?
    let commit: String?
    let fromState: String?
    let toState: String?
    let reason: String?
}

struct AuditJSON: Decodable {
    let entries: [AuditEntryJSON]
}

/// `hub diff UAI BADGE --json`.
struct HubDiffJSON: Decodable {
    struct Inventory: Decodable {
        let evidenceID: String
        let criterion: String
        let title: String
        let path: String?
        let sha256: String?
        let size: Int?
        let url: String?
    }

    struct EvidenceText: Decodable {
        let evidence: String
        let path: String
        let diff: TextDiffJSON
    }

    struct Renewal: Decodable {
        let badge: String
        let changes: BadgeDiffJSON?
        let files: [PathChangeJSON]
        let evidenceText: [EvidenceText]
    }

    let uai: String
    let badge: String
    let kind: String
    let commit: String
    let baseCommit: String?
    let renewalRulesMet: Bool?
    let renewal: Renewal?
    let inventory: [Inventory]
}

/// The Région's decisions as the CFA's `status --json` shows them.
struct CFADecisionsJSON: Decodable {
    struct Award: Decodable {
        let badge: String
        let validFrom: String
        let validUntil: String
        let expired: Bool
        let renewalDue: Bool
        let commit: String
    }

    struct Reason: Decodable, Equatable {
        let member: String
        let role: String
        let text: String
    }

    struct SentBack: Decodable {
        let badge: String
        let submission: String
        let outcome: String
        let date: String
        let reasons: [Reason]
    }

    let clean: Bool
    let awards: [Award]
    let renewalsDue: [String]
    let sentBack: [SentBack]
    let revoked: [SentBack]
}

/// `check --json`, with what the Région's decisions add: renewal per badge.
struct CheckDecisionsJSON: Decodable {
    struct Badge: Decodable {
        let id: String
        let renewal: Bool
        let ready: Bool
        let problems: [CheckOutput.Problem]
    }

    let renewal: Bool
    let badges: [Badge]

    func badge(_ id: String) -> Badge? { badges.first { $0.id == id } }
}

/// The registry (`hub cfas --json`).
struct CFAsJSON: Decodable {
    struct CFA: Decodable {
        let uai: String
        let name: String?
        let url: String
        let lastError: String?
    }

    let cfas: [CFA]
}
