public import LinkedData

/// A catalogue badge or the label, as an OB 3.0 `Achievement`.
public struct AchievementDefinition: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    /// URL of the public criteria page.
    public var criteriaURL: String?
    /// The criteria in Markdown.
    public var criteriaNarrative: String
    /// `Badge` for the catalogue's badges, `QualityAssuranceCredential` for the label (docs/BADGES.md).
    public var achievementType: String
    /// The catalogue version.
    public var version: String?
    /// The previous version of this achievement, when its criteria changed.
    public var previous: (id: String, version: String?)?
    public var imageURL: String?

    public init(
        id: String, name: String, description: String, criteriaURL: String?, criteriaNarrative: String,
        achievementType: String = "Badge", version: String? = nil, previous: (id: String, version: String?)? = nil, imageURL: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.criteriaURL = criteriaURL
        self.criteriaNarrative = criteriaNarrative
        self.achievementType = achievementType
        self.version = version
        self.previous = previous
        self.imageURL = imageURL
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.json == rhs.json }

    public var json: JSONValue {
        var criteria = JSONObject()
        if let criteriaURL { criteria["id"] = .string(criteriaURL) }
        criteria["narrative"] = .string(criteriaNarrative)
        var object = JSONObject([
            ("id", .string(id)), ("type", ["Achievement"]), ("achievementType", .string(achievementType)),
            ("name", .string(name)), ("description", .string(description)), ("criteria", .object(criteria)),
            ("inLanguage", "fr"),
        ])
        if let imageURL { object["image"] = ["id": .string(imageURL), "type": "Image"] }
        if let version { object["version"] = .string(version) }
        if let previous {
            var related = JSONObject([("id", .string(previous.id)), ("type", ["Related"])])
            if let version = previous.version { related["version"] = .string(version) }
            object["related"] = [.object(related)]
        }
        return .object(object)
    }
}

extension AchievementDefinition {
    /// The Achievement as a standalone JSON-LD document, for publication at its `id`.
    public var publishedJSON: JSONValue {
        guard case .object(let object) = json else { return json }
        var document = JSONObject([("@context", [.string(PinnedContexts.credentialsV2), .string(PinnedContexts.openBadges303)])])
        for (key, value) in object { document[key] = value }
        return .object(document)
    }
}
