/// The language of user-facing messages: French or English. Catalogue texts stay in French.
public enum Lang: String, Sendable, CaseIterable {
    case fr, en

    /// French when the locale variables (`LC_ALL`, `LC_MESSAGES`, then `LANG`) start with `fr`.
    public static func from(environment: [String: String]) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("fr") ? .fr : .en
            }
        }
        return .en
    }

    /// Picks the text for this language.
    public func pick(fr: String, en: String) -> String { self == .fr ? fr : en }
}

/// Something that can be said to the user in either language.
public protocol Localized {
    func text(_ lang: Lang) -> String
}
