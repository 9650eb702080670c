/// What a field or an argument should hold, as a refusal says it (`DossierError`'s `wrongType` and
/// `invalidValue`): in words, in both languages, or a list of accepted tokens that read the same in
/// both (`"draft, ready"`, written as a string literal).
public struct Expectation: Equatable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let fr: String
    public let en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    /// Accepted tokens, the same in every language (`"video, lms, web"`).
    public init(stringLiteral tokens: String) { self.init(fr: tokens, en: tokens) }

    /// Tokens built at run time (the badges a conflict concerns…).
    public static func tokens(_ text: String) -> Expectation { Expectation(fr: text, en: text) }

    public func text(_ lang: Lang) -> String { lang.pick(fr: fr, en: en) }
    public var description: String { en }

    // MARK: the shapes a YAML field can have

    public static let text = Expectation(fr: "un texte", en: "text")
    public static let wholeNumber = Expectation(fr: "un nombre entier", en: "a whole number")
    public static let trueOrFalse = Expectation(fr: "true ou false", en: "true or false")
    public static let list = Expectation(fr: "une liste", en: "a list")
    public static let listOfTexts = Expectation(fr: "une liste de textes", en: "a list of texts")
    public static let mapping = Expectation(fr: "des champs « clé: valeur »", en: "a mapping")

    // MARK: values

    /// `low` to `high`, inclusive.
    public static func range(_ low: Int, _ high: Int) -> Expectation { Expectation(fr: "\(low) à \(high)", en: "\(low) to \(high)") }
    public static let httpAddress = Expectation(fr: "une adresse http:// ou https://", en: "http:// or https:// address")
    public static let author = Expectation(fr: "Nom <courriel@exemple.fr>", en: "Name <mail@example.fr>")

    // A single string when both languages say the same (and as files written before this type read).
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(fr: text, en: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fr: try container.decode(String.self, forKey: .fr), en: try container.decode(String.self, forKey: .en))
    }

    public func encode(to encoder: any Encoder) throws {
        if fr == en {
            var container = encoder.singleValueContainer()
            try container.encode(en)
        } else {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fr, forKey: .fr)
            try container.encode(en, forKey: .en)
        }
    }

    enum CodingKeys: String, CodingKey { case fr, en }
}
