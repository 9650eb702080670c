import Foundation

// The JSON shapes the CLI prints, decoded strictly (a missing key fails the decoding).

struct CheckOutput: Decodable {
    struct Problem: Decodable {
        let code: String
        let blocking: Bool
        let message: String
        let evidence: String?
        let criterion: String?
    }

    struct Badge: Decodable {
        let id: String
        let title: String
        let mandatory: Bool
        let started: Bool
        let status: String?
        let ready: Bool
        let criteriaMet: [String]
        let problems: [Problem]

        var codes: [String] { problems.map(\.code) }
    }

    struct Label: Decodable {
        let readyBadges: Int
        let badgesRequired: Int
        let mandatoryReady: Int
        let mandatoryTotal: Int
        let missingMandatory: [String]
        let badgesStillNeeded: Int
        let eligible: Bool
    }

    let catalogueVersion: String
    let renewal: Bool
    let badges: [Badge]
    let problems: [Problem]
    let label: Label

    func badge(_ id: String) -> Badge? { badges.first { $0.id == id } }
}

struct PathChangeJSON: Decodable, Equatable {
    let path: String
    let change: String
}

struct FieldChangeJSON: Decodable, Equatable {
    let field: String
    let from: String?
    let to: String?
}

struct EvidenceSummaryJSON: Decodable, Equatable {
    let id: String
    let title: String
    let criterion: String
    let file: String?
    let sha256: String?
    let url: String?
}

struct EvidenceChangeJSON: Decodable {
    let id: String
    let title: String
    let changes: [String]
    let before: EvidenceSummaryJSON
    let after: EvidenceSummaryJSON
}

struct TextDiffJSON: Decodable {
    struct Line: Decodable {
        let op: String
        let text: String
    }

    let lines: [Line]
}

struct BadgeDiffJSON: Decodable {
    let id: String
    let change: String
    let fields: [FieldChangeJSON]
    let narrative: TextDiffJSON?
    let evidenceAdded: [EvidenceSummaryJSON]
    let evidenceRemoved: [EvidenceSummaryJSON]
    let evidenceChanged: [EvidenceChangeJSON]
    let criteriaNewlyMet: [String]
    let criteriaNoLongerMet: [String]
    let requirementMetBefore: Bool
    let requirementMetAfter: Bool
    let files: [PathChangeJSON]
}

struct DiffOutput: Decodable {
    let identity: [FieldChangeJSON]
    let badges: [BadgeDiffJSON]
    let files: [PathChangeJSON]

    func badge(_ id: String) -> BadgeDiffJSON? { badges.first { $0.id == id } }
    var paths: [String] { files.map(\.path) }
}

struct StatusOutput: Decodable {
    let clean: Bool
    let lastSave: String?
    let identity: [FieldChangeJSON]
    let badges: [BadgeDiffJSON]
    let files: [PathChangeJSON]

    func badge(_ id: String) -> BadgeDiffJSON? { badges.first { $0.id == id } }
}

struct LogOutput: Decodable {
    struct Entry: Decodable {
        let commit: String
        let shortCommit: String
        let author: String
        let email: String
        let date: String
        let message: String
        let parents: [String]
        let badges: [String]
    }

    let commits: [Entry]
}

struct SaveOutput: Decodable {
    let saved: Bool
    let commit: String?
    let files: [PathChangeJSON]
    let recordedHashes: [String]
}

struct CatalogueOutput: Decodable {
    struct Criterion: Decodable {
        let id: String
        let text: String
    }

    struct Badge: Decodable {
        let id: String
        let number: Int
        let title: String
        let mandatory: Bool
        let validityYears: Int
        let criteria: [Criterion]
    }

    struct Label: Decodable {
        let id: String
        let title: String
        let badgesRequired: Int
    }

    let version: String
    let label: Label
    let badges: [Badge]
}
