/// What changed between two catalogue versions, badge by badge: badges added or removed, criteria
/// added, removed or reworded, validity, mandatory, requirement and award rules, and the label rule.
public struct CatalogueDiff: Sendable, Encodable, Equatable {
    public let from: String
    public let to: String
    public var badgesAdded: [BadgeRef] = []
    public var badgesRemoved: [BadgeRef] = []
    public var badgesChanged: [BadgeChange] = []
    /// How many valid badges the label needs, when it changed.
    public var badgesRequired: Change<Int>?

    public struct BadgeRef: Sendable, Encodable, Equatable {
        public let id: String
        public let title: String
        public let mandatory: Bool
    }

    public struct Change<Value: Sendable & Encodable & Equatable>: Sendable, Encodable, Equatable {
        public let before: Value
        public let after: Value
    }

    public struct BadgeChange: Sendable, Encodable, Equatable {
        public let id: String
        public let title: String
        public var title_: Change<String>?
        public var criteriaAdded: [Criterion] = []
        public var criteriaRemoved: [Criterion] = []
        /// A criterion whose text changed (same id).
        public var criteriaReworded: [CriterionChange] = []
        public var validityYears: Change<Int>?
        public var mandatory: Change<Bool>?
        /// The requirement, as text (`required`, `atLeast` of `among`).
        public var requirement: Change<String>?
        public var firstAward: Change<[String]>?
        public var renewal: Change<[String]>?

        enum CodingKeys: String, CodingKey {
            case id, title, retitled, criteriaAdded, criteriaRemoved, criteriaReworded, validityYears, mandatory, requirement, firstAward, renewal
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encodeIfPresent(title_, forKey: .retitled)
            try container.encode(criteriaAdded, forKey: .criteriaAdded)
            try container.encode(criteriaRemoved, forKey: .criteriaRemoved)
            try container.encode(criteriaReworded, forKey: .criteriaReworded)
            try container.encodeIfPresent(validityYears, forKey: .validityYears)
            try container.encodeIfPresent(mandatory, forKey: .mandatory)
            try container.encodeIfPresent(requirement, forKey: .requirement)
            try container.encodeIfPresent(firstAward, forKey: .firstAward)
            try container.encodeIfPresent(renewal, forKey: .renewal)
        }

        var isEmpty: Bool {
            title_ == nil && criteriaAdded.isEmpty && criteriaRemoved.isEmpty && criteriaReworded.isEmpty && validityYears == nil
                && mandatory == nil && requirement == nil && firstAward == nil && renewal == nil
        }
    }

    public struct CriterionChange: Sendable, Encodable, Equatable {
        public let id: String
        public let before: String
        public let after: String
    }

    public var isEmpty: Bool { badgesAdded.isEmpty && badgesRemoved.isEmpty && badgesChanged.isEmpty && badgesRequired == nil }

    /// The changes from `old` to `new`, in `new`'s badge order (removed badges in `old`'s).
    public init(from old: Catalogue, to new: Catalogue) {
        from = old.version
        to = new.version
        if old.label.badgesRequired != new.label.badgesRequired {
            badgesRequired = Change(before: old.label.badgesRequired, after: new.label.badgesRequired)
        }
        for badge in new.badges {
            guard let before = old.badge(badge.id) else {
                badgesAdded.append(BadgeRef(id: badge.id, title: badge.title, mandatory: badge.mandatory))
                continue
            }
            let change = Self.compare(before, badge)
            if !change.isEmpty { badgesChanged.append(change) }
        }
        for badge in old.badges where new.badge(badge.id) == nil {
            badgesRemoved.append(BadgeRef(id: badge.id, title: badge.title, mandatory: badge.mandatory))
        }
    }

    static func compare(_ old: Badge, _ new: Badge) -> BadgeChange {
        var change = BadgeChange(id: new.id, title: new.title)
        if old.title != new.title { change.title_ = Change(before: old.title, after: new.title) }
        change.criteriaAdded = new.criteria.filter { old.criterion($0.id) == nil }
        change.criteriaRemoved = old.criteria.filter { new.criterion($0.id) == nil }
        change.criteriaReworded = new.criteria.compactMap { criterion in
            guard let before = old.criterion(criterion.id), before.text != criterion.text else { return nil }
            return CriterionChange(id: criterion.id, before: before.text, after: criterion.text)
        }
        if old.validityYears != new.validityYears { change.validityYears = Change(before: old.validityYears, after: new.validityYears) }
        if old.mandatory != new.mandatory { change.mandatory = Change(before: old.mandatory, after: new.mandatory) }
        if old.requirement != new.requirement {
            change.requirement = Change(before: describe(old.requirement), after: describe(new.requirement))
        }
        if old.firstAward != new.firstAward { change.firstAward = Change(before: old.firstAward.map { describe($0) }, after: new.firstAward.map { describe($0) }) }
        if old.renewal != new.renewal { change.renewal = Change(before: old.renewal.map { describe($0) }, after: new.renewal.map { describe($0) }) }
        return change
    }

    /// A requirement in the catalogue's own words: `required: a, b; atLeast 1 of: c, d`.
    static func describe(_ requirement: Requirement) -> String {
        var parts: [String] = []
        if !requirement.required.isEmpty { parts.append("required: " + requirement.required.joined(separator: ", ")) }
        if requirement.atLeast > 0 { parts.append("atLeast \(requirement.atLeast) of: " + requirement.among.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// A rule in the catalogue's own words: `minLevel 2`, `fullCoverage (groupes)`.
    static func describe(_ rule: Rule) -> String {
        switch rule {
        case .minLevel(let level): "minLevel \(level)"
        case .fullCoverage(let of): "fullCoverage (\(of))"
        case .evidenceUpdatedSinceAward: "evidenceUpdatedSinceAward"
        }
    }
}
