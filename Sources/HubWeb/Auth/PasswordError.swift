import DossierCore
import WebLayer

/// A password refused when it is set.
public enum PasswordError: Error, Equatable, Localized {
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    /// The two entries differ.
    case mismatch
    /// Nothing could be read (no terminal and nothing on standard input).
    case unreadable

    public func text(_ lang: Lang) -> String {
        switch self {
        case .tooShort(let minimum):
            lang.pick(fr: "mot de passe trop court : \(minimum) caractères au moins", en: "password too short: at least \(minimum) characters")
        case .tooLong(let maximum):
            lang.pick(fr: "mot de passe trop long : \(maximum) octets au plus", en: "password too long: at most \(maximum) bytes")
        case .mismatch:
            lang.pick(fr: "les deux saisies diffèrent", en: "the two entries differ")
        case .unreadable:
            lang.pick(fr: "aucun mot de passe lu (terminal ou entrée standard)", en: "no password read (terminal or standard input)")
        }
    }
}
