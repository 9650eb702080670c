internal import DossierCore
internal import Foundation

/// The language of this run, chosen once by the entry point (`DossierTool.main`: `--lang`, else the
/// locale environment the executable passes in) before the command line is parsed, so that help
/// texts and usage errors are in it too. English until then (tests that build help texts in
/// process see English).
enum L10n {
    static var lang: Lang { chosen.value }

    /// Sets the language of this run.
    static func use(_ lang: Lang) { chosen.value = lang }

    /// The French or English text, for this run's language.
    static func t(_ fr: String, _ en: String) -> String { lang.pick(fr: fr, en: en) }

    private static let chosen = LockedLang()

    /// Written once by the entry point, read from any thread.
    private final class LockedLang: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = Lang.en
        var value: Lang {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
