import DossierCore

/// User-facing strings of the pages, in French and English, by key. Each page keeps its own
/// table next to its template (`QueuePage.strings`…); templates read them as `{{t.key}}`.
public struct WebStrings: Sendable {
    public let entries: [String: (fr: String, en: String)]

    public init(_ entries: [String: (fr: String, en: String)]) { self.entries = entries }

    /// The table in one language.
    public func table(_ lang: Lang) -> [String: String] { entries.mapValues { lang == .fr ? $0.fr : $0.en } }

    /// Both tables; the right-hand one wins on a shared key.
    public static func + (lhs: WebStrings, rhs: WebStrings) -> WebStrings {
        WebStrings(lhs.entries.merging(rhs.entries) { _, new in new })
    }
}

extension WebStrings {
    /// The words of the page frame both applications share: the skip link, the navigation's name,
    /// the language switch.
    public static let frame = WebStrings([
        "skip": ("Aller au contenu", "Skip to content"),
        "nav": ("Navigation principale", "Main navigation"),
        "otherLang": ("English", "Français"),
    ])
}

extension Lang {
    /// A short text in this language.
    public func t(_ fr: String, _ en: String) -> String { pick(fr: fr, en: en) }
}
