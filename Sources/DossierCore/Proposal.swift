internal import Yams

/// A CFA's proposal of a new badge, `proposals/<slug>.yaml` in its dossier: the fields of a
/// catalogue badge entry (the same parser reads them), plus `why` (the CFA's reasons, Markdown) and
/// optional `examples` (paths of the CFA's own evidence in its dossier). Never mandatory; its
/// `number` is the Région's to assign when it accepts it.
public struct Proposal: Sendable {
    public let slug: String          // = the proposed badge id = file name proposals/<slug>.yaml
    public let badge: Badge          // the proposed badge as a catalogue entry (never mandatory)
    public let why: String           // why the CFA proposes it (Markdown, the CFA's words)
    public let validityYears: Int    // suggested validity (also badge.validityYears)
    public let examples: [String]    // optional: paths of the CFA's own evidence in its dossier
    public let bytes: [UInt8]        // the file as the CFA wrote it
    /// The line of each example in the file, for errors found later (an example missing from the save).
    public let exampleLines: [Int]

    /// The folder of proposals in a dossier.
    public static let folder = "proposals"

    /// The fields a proposal has beyond a badge entry's.
    static let proposalFields: Set<String> = ["why", "examples"]

    /// The slug a proposal file's path names: `proposals/<slug>.yaml` → `<slug>`; nil for any other path.
    public static func slug(ofFile path: String) -> String? {
        let prefix = folder + "/", suffix = ".yaml"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix), path.count > prefix.count + suffix.count else { return nil }
        let name = String(path.dropFirst(prefix.count).dropLast(suffix.count))
        return name.contains("/") ? nil : name
    }

    /// The `title` a proposal file gives, read leniently (nil when there is none, or the file is not
    /// YAML): a draft that does not pass the check yet is still listed by its title.
    public static func title(in bytes: [UInt8]) -> String? {
        guard let node = try? YAMLText.parse(bytes, file: ""), let fields = try? YAMLFields(node, file: "") else { return nil }
        return (try? fields.string("title")) ?? nil
    }

    /// Parses and validates proposals/<slug>.yaml against the catalogue schema (same parser as a
    /// catalogue badge); DossierError with file:line. Refuses mandatory: true, an id that is
    /// already a badge of `catalogue`, a slug that differs from the file name.
    public static func parse(_ bytes: [UInt8], file: String, catalogue: Catalogue) throws -> Proposal {
        let fields = try YAMLFields(YAMLText.parse(bytes, file: file), file: file)
        try fields.rejectUnknown(Catalogue.badgeFields.union(proposalFields))
        // What only the Région decides, refused before the badge is read: the message says why.
        if try fields.bool("mandatory") == true { throw fields.error(.proposal(.mandatory), at: "mandatory") }
        if fields.node("number") != nil { throw fields.error(.proposal(.number), at: "number") }
        // No default renewal rules: the catalogue that takes the badge in applies its own defaults.
        let badge = try Catalogue.parseBadge(fields, defaultRenewal: [], extraFields: proposalFields)
        let named = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
        let fileSlug = named.hasSuffix(".yaml") ? String(named.dropLast(5)) : named
        guard badge.id == fileSlug else {
            throw fields.error(.proposal(.slugMismatch(id: badge.id, file: fileSlug)), at: "id")
        }
        if catalogue.badge(badge.id) != nil {
            throw fields.error(.proposal(.existingBadge(id: badge.id, catalogue: catalogue.version)), at: "id")
        }
        // Written but blank: at its own line (absent: at the mapping's).
        guard let why = try fields.string("why"), why.contains(where: { !$0.isWhitespace }) else {
            throw fields.error(.missingField("why"), at: "why")
        }
        var examples: [String] = [], lines: [Int] = []
        for node in try fields.sequence("examples") {
            let line = node.mark?.line ?? fields.lineOf("examples")
            guard case .scalar(let scalar) = node else {
                throw DossierError(.wrongType(field: "examples", expected: .listOfTexts), file: file, line: line)
            }
            let path = scalar.string
            guard EvidencePath.isContained(path) else { throw DossierError(.pathEscapes(path), file: file, line: line) }
            examples.append(path)
            lines.append(line)
        }
        return Proposal(slug: badge.id, badge: badge, why: why, validityYears: badge.validityYears,
                        examples: examples, bytes: bytes, exampleLines: lines)
    }

    /// The proposed badge as one entry of a catalogue's `badges:` list (YAML), ready for
    /// `HubCatalogues.addBadge` — what `hub proposal accept` puts in the draft when no --from FILE.
    /// Neither `why` nor `examples` (they are the CFA's case, not the badge), no `number` (the
    /// Région's to assign), no `mandatory`.
    public func catalogueEntry() -> [UInt8] {
        typealias Y = YAMLOutput
        func text(_ value: String) -> Node { value.contains("\n") ? Y.block(value) : Y.text(value) }
        var pairs: [(String, Node)] = [("id", Y.text(badge.id)), ("title", text(badge.title))]
        if !badge.summary.isEmpty { pairs.append(("summary", text(badge.summary))) }
        if !badge.recognises.isEmpty { pairs.append(("recognises", text(badge.recognises))) }
        pairs.append(("validityYears", Y.number(badge.validityYears)))
        pairs.append(("criteria", Node(badge.criteria.map { Y.mapping([("id", Y.text($0.id)), ("text", text($0.text))]) })))
        let ids = badge.criteria.map(\.id)
        let requirement = badge.requirement
        if requirement.atLeast == 0, requirement.required == ids {
            pairs.append(("requirement", Y.mapping([("all", Node("true", Tag(.bool), .plain))])))
        } else {
            var parts: [(String, Node)] = []
            if !requirement.required.isEmpty { parts.append(("required", Node(requirement.required.map(Y.text)))) }
            if requirement.atLeast > 0 {
                parts.append(("atLeast", Y.number(requirement.atLeast)))
                parts.append(("among", Node(requirement.among.map(Y.text))))
            }
            pairs.append(("requirement", Y.mapping(parts)))
        }
        if !badge.levels.isEmpty {
            pairs.append(("levels", Node(badge.levels.map { Y.mapping([("level", Y.number($0.level)), ("criterion", Y.text($0.criterion))]) })))
        }
        if !badge.firstAward.isEmpty { pairs.append(("firstAward", Node(badge.firstAward.map(Self.rule)))) }
        if !badge.renewal.isEmpty { pairs.append(("renewal", Node(badge.renewal.map(Self.rule)))) }
        if let rulesText = badge.rulesText { pairs.append(("rulesText", text(rulesText))) }
        // Every value is a string, number or list of them: serializing cannot fail.
        let yaml = (try? Y.serialize(Y.mapping(pairs))) ?? ""
        return Array(yaml.utf8)
    }

    private static func rule(_ rule: Rule) -> Node {
        var pairs: [(String, Node)] = [("rule", YAMLOutput.text(rule.name))]
        switch rule {
        case .minLevel(let level): pairs.append(("level", YAMLOutput.number(level)))
        case .fullCoverage(let of): pairs.append(("of", YAMLOutput.text(of)))
        case .evidenceUpdatedSinceAward: break
        }
        return YAMLOutput.mapping(pairs)
    }
}

/// What makes a proposal file wrong beyond the catalogue's own schema.
public enum ProposalProblem: Equatable, Sendable, Codable, Localized {
    /// `mandatory: true`: only the Région decides which badges are mandatory.
    case mandatory
    /// `number`: assigned by the Région when it accepts the proposal.
    case number
    /// The id is already a badge of the catalogue in use.
    case existingBadge(id: String, catalogue: String)
    /// The id differs from the file's name, `proposals/<slug>.yaml`.
    case slugMismatch(id: String, file: String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .mandatory:
            lang.pick(fr: "une proposition n'est jamais obligatoire : retirez « mandatory: true » (la Région décide des badges obligatoires)",
                      en: "a proposal is never mandatory: remove `mandatory: true` (the Région decides which badges are mandatory)")
        case .number:
            lang.pick(fr: "le numéro du badge est attribué par la Région quand elle accepte la proposition : retirez « number »",
                      en: "the badge's number is assigned by the Région when it accepts the proposal: remove `number`")
        case .existingBadge(let id, let catalogue):
            lang.pick(fr: "le badge \(id) existe déjà dans le catalogue \(catalogue) : choisissez un autre identifiant (et renommez le fichier)",
                      en: "badge \(id) already exists in catalogue \(catalogue): choose another id (and rename the file)")
        case .slugMismatch(let id, let file):
            lang.pick(fr: "l'identifiant « \(id) » diffère du nom du fichier (proposals/\(file).yaml) : ils doivent être identiques",
                      en: "id '\(id)' differs from the file's name (proposals/\(file).yaml): they must be the same")
        }
    }
}

