/// The label's badge catalogue: badges, criteria, requirements and award rules, loaded from data.
public struct Catalogue: Sendable, Equatable {
    public let version: String
    public let label: Label
    public let badges: [Badge]

    /// The rule « 10 badges dont les 5 obligatoires » and the gold key badge it gives.
    public struct Label: Sendable, Encodable, Equatable {
        public let id: String
        public let title: String
        public let badgesRequired: Int
        public let description: String
    }

    public init(version: String, label: Label, badges: [Badge]) {
        self.version = version
        self.label = label
        self.badges = badges
    }

    public func badge(_ id: String) -> Badge? { badges.first { $0.id == id } }

    public var mandatoryBadges: [Badge] { badges.filter(\.mandatory) }
}

/// One thematic badge of the label.
public struct Badge: Sendable, Encodable, Equatable {
    public let id: String
    public let number: Int
    public let title: String
    public let summary: String
    public let recognises: String
    public let mandatory: Bool
    public let validityYears: Int
    public let criteria: [Criterion]
    public let requirement: Requirement
    /// For badges whose claim declares a level: which criterion backs which level.
    public let levels: [LevelCriterion]
    public let firstAward: [Rule]
    public let renewal: [Rule]
    /// The seed's own words on award and renewal, when it has some.
    public let rulesText: String?

    public func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
}

/// One criterion of a badge: a stable id and the seed's French text.
public struct Criterion: Sendable, Encodable, Equatable {
    public let id: String
    public let text: String
}

/// Ties a level (ressources: 1, 2, 3) to the criterion whose evidence shows it.
public struct LevelCriterion: Sendable, Encodable, Equatable {
    public let level: Int
    public let criterion: String
}
