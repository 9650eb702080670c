import DossierCore
import Foundation

/// The date formatters of the pages, made once per language: making a `DateFormatter` costs far more
/// than formatting with it (ICU loads the locale and the time zone), and a queue page formats fifty
/// moments. A formatter is not safe to share between threads, hence the lock (formatting is short).
public final class MomentFormat: @unchecked Sendable {
    public static let shared = MomentFormat()

    private let lock = NSLock()
    private var formatters: [Lang: DateFormatter] = [:]

    public func string(_ date: Date, _ lang: Lang) -> String {
        lock.lock()
        defer { lock.unlock() }
        let formatter = formatters[lang] ?? {
            let made = DateFormatter()
            made.locale = Locale(identifier: lang == .fr ? "fr_FR" : "en_GB")
            made.timeZone = TimeZone(identifier: "Europe/Paris")
            made.dateFormat = "d MMM yyyy, HH:mm"
            formatters[lang] = made
            return made
        }()
        return formatter.string(from: date)
    }
}
