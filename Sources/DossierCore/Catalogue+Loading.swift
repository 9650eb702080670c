internal import Yams

extension Catalogue {
    /// The catalogue shipped inside the tool: `Resources/catalogue.yaml` compiled into Swift values
    /// (`Catalogue+Builtin.swift`, generated from the file and checked against it by the tests), so
    /// that no command parses YAML to know the built-in rules.
    public static func builtin() throws -> Catalogue { builtinCompiled }

    /// The built-in catalogue's file, as shipped.
    public static var builtinBytes: [UInt8] { PackageResources.catalogue_yaml }

    /// Reads a catalogue file; every mistake is reported with its `file:line`.
    public static func load(_ bytes: [UInt8], file: String) throws -> Catalogue {
        let root = try YAMLFields(YAMLText.parse(bytes, file: file), file: file)
        try root.rejectUnknown(["version", "source", "label", "defaults", "badges"])
        let version = try root.requiredString("version")
        guard let labelFields = try root.fields("label") else { throw root.error(.missingField("label")) }
        try labelFields.rejectUnknown(["id", "title", "badgesRequired", "description"])
        let label = Label(
            id: try labelFields.requiredString("id"),
            title: try labelFields.requiredString("title"),
            badgesRequired: try labelFields.int("badgesRequired") ?? 10,
            description: try labelFields.string("description") ?? "")
        var defaultRenewal: [Rule] = []
        if let defaults = try root.fields("defaults") {
            try defaults.rejectUnknown(["renewal"])
            defaultRenewal = try rules(defaults, key: "renewal")
        }
        var badges: [Badge] = []
        for node in try root.sequence("badges") {
            let badge = try parseBadge(YAMLFields(node, file: file, context: "badges"), defaultRenewal: defaultRenewal)
            if badges.contains(where: { $0.id == badge.id }) {
                throw DossierError(.catalogue("duplicate badge id \(badge.id)"), file: file, line: node.mark?.line)
            }
            badges.append(badge)
        }
        guard !badges.isEmpty else { throw root.error(.missingField("badges")) }
        return Catalogue(version: version, label: label, badges: badges)
    }

    /// The fields of one `badges:` entry.
    static let badgeFields: Set<String> = ["id", "number", "title", "summary", "recognises", "mandatory", "validityYears",
                                           "criteria", "requirement", "levels", "firstAward", "renewal", "rulesText"]

    /// Reads one badge entry; `extraFields` are accepted beside the badge's own fields (a proposal's
    /// `why` and `examples`), left for the caller to read.
    static func parseBadge(_ fields: YAMLFields, defaultRenewal: [Rule], extraFields: Set<String> = []) throws -> Badge {
        try fields.rejectUnknown(badgeFields.union(extraFields))
        let id = try fields.requiredString("id")
        guard Evidence.isValidID(id) else { throw fields.error(.invalidValue(field: "id", value: id, expected: "a-z, 0-9, -"), at: "id") }
        var criteria: [Criterion] = []
        for node in try fields.sequence("criteria") {
            let item = try YAMLFields(node, file: fields.file, context: "criteria")
            try item.rejectUnknown(["id", "text"])
            let criterion = Criterion(id: try item.requiredString("id"), text: try item.requiredString("text"))
            guard !criteria.contains(where: { $0.id == criterion.id }) else {
                throw item.error(.catalogue("duplicate criterion \(criterion.id) in badge \(id)"))
            }
            criteria.append(criterion)
        }
        guard !criteria.isEmpty else { throw fields.error(.missingField("criteria")) }
        let known = Set(criteria.map(\.id))
        let requirement = try parseRequirement(fields, criteria: criteria.map(\.id))
        for name in requirement.required + requirement.among where !known.contains(name) {
            throw fields.error(.catalogue("requirement names unknown criterion \(name) in badge \(id)"), at: "requirement")
        }
        var levels: [LevelCriterion] = []
        for node in try fields.sequence("levels") {
            let item = try YAMLFields(node, file: fields.file, context: "levels")
            try item.rejectUnknown(["level", "criterion"])
            guard let level = try item.int("level") else { throw item.error(.missingField("level")) }
            let criterion = try item.requiredString("criterion")
            guard known.contains(criterion) else { throw item.error(.catalogue("unknown criterion \(criterion) in badge \(id)")) }
            levels.append(LevelCriterion(level: level, criterion: criterion))
        }
        let validity = try fields.int("validityYears") ?? 0
        guard (1...5).contains(validity) else {
            throw fields.error(.invalidValue(field: "validityYears", value: "\(validity)", expected: .range(1, 5)), at: "validityYears")
        }
        return Badge(
            id: id,
            number: try fields.int("number") ?? 0,
            title: try fields.requiredString("title"),
            summary: try fields.string("summary") ?? "",
            recognises: try fields.string("recognises") ?? "",
            mandatory: try fields.bool("mandatory") ?? false,
            validityYears: validity,
            criteria: criteria,
            requirement: requirement,
            levels: levels,
            firstAward: try rules(fields, key: "firstAward"),
            renewal: fields.node("renewal") == nil ? defaultRenewal : try rules(fields, key: "renewal"),
            rulesText: try fields.string("rulesText"))
    }

    private static func parseRequirement(_ fields: YAMLFields, criteria: [String]) throws -> Requirement {
        guard let item = try fields.fields("requirement") else { return .all(criteria) }
        try item.rejectUnknown(["all", "required", "atLeast", "among"])
        if try item.bool("all") == true {
            guard item.node("required") == nil, item.node("atLeast") == nil else {
                throw item.error(.catalogue("`all: true` excludes `required` and `atLeast`"))
            }
            return .all(criteria)
        }
        let required = try item.strings("required")
        let atLeast = try item.int("atLeast") ?? 0
        var among = try item.strings("among")
        if among.isEmpty { among = criteria.filter { !required.contains($0) } }
        guard atLeast >= 0, atLeast <= among.count else {
            throw item.error(.invalidValue(field: "atLeast", value: "\(atLeast)", expected: .range(0, among.count)), at: "atLeast")
        }
        guard !required.isEmpty || atLeast > 0 else { throw item.error(.catalogue("the requirement asks for nothing")) }
        return Requirement(required: required, atLeast: atLeast, among: atLeast > 0 ? among : [])
    }

    private static func rules(_ fields: YAMLFields, key: String) throws -> [Rule] {
        try fields.sequence(key).map { node in
            let item = try YAMLFields(node, file: fields.file, context: key)
            let name = try item.requiredString("rule")
            switch name {
            case "minLevel":
                try item.rejectUnknown(["rule", "level"])
                guard let level = try item.int("level") else { throw item.error(.missingField("level")) }
                return .minLevel(level)
            case "fullCoverage":
                try item.rejectUnknown(["rule", "of"])
                return .fullCoverage(of: try item.string("of") ?? "")
            case "evidenceUpdatedSinceAward":
                try item.rejectUnknown(["rule"])
                return .evidenceUpdatedSinceAward
            default:
                throw item.error(.invalidValue(field: "rule", value: name,
                                               expected: "minLevel, fullCoverage, evidenceUpdatedSinceAward"), at: "rule")
            }
        }
    }
}
