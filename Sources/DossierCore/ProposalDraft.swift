internal import Yams

/// A badge proposal as the page's form holds it: the fields a CFA writes, without YAML. It reads a
/// proposal file leniently (`init?(reading:slug:)`: nil when the file has a shape the form cannot
/// show without losing something) and writes the file (`yaml()`) so that `Proposal.parse` reads
/// back exactly what the form held — the one way the form produces `proposals/<slug>.yaml`.
public struct ProposalDraft: Sendable, Equatable {
    public struct Criterion: Sendable, Equatable {
        public var id: String
        public var text: String
        /// In "some criteria" mode: this one must be shown (the others count towards `atLeast`).
        public var required: Bool

        public init(id: String, text: String, required: Bool = false) {
            self.id = id
            self.text = text
            self.required = required
        }
    }

    /// The part of the file a field of the form stands for (to show an error next to it).
    public enum Field: Hashable, Sendable {
        case id, title, summary, recognises, validityYears, criteria, requirement, why, examples
        case criterion(Int)
        case example(Int)
    }

    public var slug: String
    public var title: String
    public var summary: String
    public var recognises: String
    public var validityYears: Int
    public var criteria: [Criterion]
    /// Every criterion must be shown; else the `required` ones plus `atLeast` among the others.
    public var everyCriterion: Bool
    public var atLeast: Int
    public var why: String
    public var examples: [String]

    public init(slug: String, title: String = "", summary: String = "", recognises: String = "", validityYears: Int = 2,
                criteria: [Criterion] = [], everyCriterion: Bool = true, atLeast: Int = 0, why: String = "", examples: [String] = []) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.recognises = recognises
        self.validityYears = validityYears
        self.criteria = criteria
        self.everyCriterion = everyCriterion
        self.atLeast = atLeast
        self.why = why
        self.examples = examples
    }

    /// The keys the form can show; any other (levels, renewal, rulesText, mandatory, number…) makes
    /// the file unrepresentable: writing it from the form would drop it.
    static let formKeys: Set<String> = ["id", "title", "summary", "recognises", "validityYears", "criteria", "requirement", "why", "examples"]

    /// Reads a proposal file into the form, as far as it goes: comments and layout are not kept, a
    /// missing field is empty. Nil when the form cannot represent the file (not YAML, a field the
    /// form does not have, a value of another shape, an `id` other than `slug`, a requirement
    /// whose `among` is not "the others").
    public init?(reading bytes: [UInt8], slug: String) {
        guard let node = try? YAMLText.parse(bytes, file: ""), let fields = try? YAMLFields(node, file: "") else { return nil }
        guard (try? fields.rejectUnknown(Self.formKeys)) != nil else { return nil }
        func text(_ key: String) -> String?? {
            guard let node = fields.node(key) else { return .some(nil) }
            guard case .scalar(let scalar) = node else { return nil }
            return .some(scalar.string)
        }
        guard let id = text("id"), id == nil || id == slug,
              let title = text("title"), let summary = text("summary"), let recognises = text("recognises"), let why = text("why")
        else { return nil }
        self.init(slug: slug, title: title ?? "", summary: summary ?? "", recognises: recognises ?? "", why: why ?? "")
        if fields.node("validityYears") != nil {
            guard let years = try? fields.int("validityYears"), (1...5).contains(years) else { return nil }
            validityYears = years
        }
        guard let items = try? fields.sequence("criteria") else { return nil }
        for item in items {
            guard let entry = try? YAMLFields(item, file: "", context: "criteria"), (try? entry.rejectUnknown(["id", "text"])) != nil,
                  let id = Self.lenient({ try entry.string("id") }), let text = Self.lenient({ try entry.string("text") }) else { return nil }
            criteria.append(Criterion(id: id ?? "", text: text ?? ""))
        }
        guard let examples = try? fields.strings("examples") else { return nil }
        self.examples = examples
        guard fields.node("requirement") != nil else { return }
        guard let requirement = try? fields.fields("requirement"), (try? requirement.rejectUnknown(["all", "required", "atLeast", "among"])) != nil,
              let all = Self.lenient({ try requirement.bool("all") }), let required = try? requirement.strings("required"),
              let atLeast = Self.lenient({ try requirement.int("atLeast") }), let among = try? requirement.strings("among") else { return nil }
        if all == true {
            guard required.isEmpty, atLeast == nil else { return nil }
            return
        }
        let ids = criteria.map(\.id)
        // Every name must be a criterion, and `among` (when written) exactly the others.
        guard required.allSatisfy(ids.contains), Set(ids).count == ids.count else { return nil }
        if !among.isEmpty, Set(among) != Set(ids.filter { !required.contains($0) }) { return nil }
        everyCriterion = false
        self.atLeast = atLeast ?? 0
        for index in criteria.indices { criteria[index].required = required.contains(criteria[index].id) }
    }

    /// An optional value read without throwing: nil when it fails, `.some(nil)` when it is absent.
    private static func lenient<T>(_ read: () throws -> T?) -> T?? {
        do { return .some(try read()) } catch { return nil }
    }

    /// Where each field the form knows starts in a proposal file (1-based lines, in order), read
    /// leniently: an error the check reports at a line is shown next to its field (`field(atLine:in:)`).
    public static func fieldLines(in bytes: [UInt8]) -> [(line: Int, field: Field)] {
        guard let node = try? YAMLText.parse(bytes, file: ""), case .mapping(let mapping) = node else { return [] }
        var lines: [(line: Int, field: Field)] = []
        for (key, value) in mapping {
            guard let name = key.string, let line = key.mark?.line else { continue }
            let field: Field? = switch name {
            case "id": .id
            case "title": .title
            case "summary": .summary
            case "recognises": .recognises
            case "validityYears": .validityYears
            case "criteria": .criteria
            case "requirement": .requirement
            case "why": .why
            case "examples": .examples
            default: nil
            }
            lines.append((line, field ?? .id))
            guard case .sequence(let items) = value, name == "criteria" || name == "examples" else { continue }
            for (index, item) in items.enumerated() {
                if let itemLine = item.mark?.line { lines.append((itemLine, name == "criteria" ? .criterion(index) : .example(index))) }
            }
        }
        return lines.sorted { $0.line < $1.line }
    }

    /// The field of the form a line of a proposal file belongs to (nil: before the first field).
    public static func field(atLine line: Int, in bytes: [UInt8]) -> Field? {
        fieldLines(in: bytes).last { $0.line <= line }?.field
    }

    /// A criterion's id made from its text: « Prêt de matériel » → `pret-de-materiel`, not one of
    /// `taken` (a number is added), `critere-<n>` for a text without letters or digits.
    public static func criterionID(for text: String, number: Int, taken: Set<String>) -> String {
        let base: String
        if text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) }),
           case let slug = String(Evidence.slug(text).prefix(48)).trimmingTrailing("-"), !slug.isEmpty, slug != "preuve" || text.lowercased().contains("preuve") {
            base = slug
        } else {
            base = "critere-\(number)"
        }
        var id = base, n = 2
        while taken.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        return id
    }
}

extension String {
    fileprivate func trimmingTrailing(_ character: Character) -> String {
        var text = self
        while text.last == character { text.removeLast() }
        return text
    }
}
