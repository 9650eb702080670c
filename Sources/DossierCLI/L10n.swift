import DossierCore
import Foundation

/// The language of this run: `--lang` if given, otherwise the locale environment.
enum L10n {
    static let lang: Lang = {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count, let lang = Lang(rawValue: arguments[index + 1]) { return lang }
            if argument.hasPrefix("--lang="), let lang = Lang(rawValue: String(argument.dropFirst(7))) { return lang }
        }
        return Lang.from(environment: ProcessInfo.processInfo.environment)
    }()

    /// The French or English text, for this run's language.
    static func t(_ fr: String, _ en: String) -> String { lang.pick(fr: fr, en: en) }
}
