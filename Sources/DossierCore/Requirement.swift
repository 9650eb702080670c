/// Which criteria of a badge need evidence: all of them, or some required ones plus at least N of a list.
public struct Requirement: Sendable, Equatable {
    /// Criteria that each need evidence.
    public let required: [String]
    /// How many of `among` need evidence beyond `required`.
    public let atLeast: Int
    public let among: [String]

    public init(required: [String], atLeast: Int = 0, among: [String] = []) {
        self.required = required
        self.atLeast = atLeast
        self.among = among
    }

    /// Every criterion of the badge.
    public static func all(_ criteria: [String]) -> Requirement { Requirement(required: criteria) }

    /// What is still missing, given the criteria that have valid evidence.
    public func unmet(satisfied: Set<String>) -> (missingRequired: [String], missingCount: Int) {
        let missing = required.filter { !satisfied.contains($0) }
        let met = among.filter(satisfied.contains).count
        return (missing, max(0, atLeast - met))
    }

    public func isMet(satisfied: Set<String>) -> Bool {
        let unmet = unmet(satisfied: satisfied)
        return unmet.missingRequired.isEmpty && unmet.missingCount == 0
    }
}

extension Requirement: Encodable {
    private enum CodingKeys: String, CodingKey { case required, atLeast, among }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(required, forKey: .required)
        try container.encode(atLeast, forKey: .atLeast)
        try container.encode(among, forKey: .among)
    }
}

/// An award rule beyond the criteria, checked at first award or at renewal.
public enum Rule: Sendable, Equatable {
    /// The claim's `level` must be at least this.
    case minLevel(Int)
    /// The claim's `coverage` must be complete (all trainings, all groups…); `of` names what is covered.
    case fullCoverage(of: String)
    /// At renewal: at least one evidence added or updated since the awarded snapshot.
    case evidenceUpdatedSinceAward

    /// The rule's name in the catalogue file.
    public var name: String {
        switch self {
        case .minLevel: "minLevel"
        case .fullCoverage: "fullCoverage"
        case .evidenceUpdatedSinceAward: "evidenceUpdatedSinceAward"
        }
    }
}

extension Rule: Localized, Encodable {
    public func text(_ lang: Lang) -> String {
        switch self {
        case .minLevel(let level):
            return lang.pick(fr: "niveau \(level) au moins", en: "level \(level) at least")
        case .fullCoverage(let of):
            return lang.pick(fr: "couverture complète (\(of))", en: "full coverage (\(of))")
        case .evidenceUpdatedSinceAward:
            return lang.pick(fr: "au moins une preuve ajoutée ou mise à jour depuis l'attribution",
                             en: "at least one evidence added or updated since the award")
        }
    }

    private enum CodingKeys: String, CodingKey { case rule, level, of }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .rule)
        switch self {
        case .minLevel(let level): try container.encode(level, forKey: .level)
        case .fullCoverage(let of): try container.encode(of, forKey: .of)
        case .evidenceUpdatedSinceAward: break
        }
    }
}
