internal import DossierCore

/// How every human output shows a validity: its first day and its end, which is exclusive (the
/// first day it no longer holds), said so — the same words in `status`, `check`, `hub award`,
/// `hub show` and `hub label`. JSON keeps `validUntil` as stored (exclusive).
enum ValidityText {
    /// « valable du A jusqu'au B (exclu) ».
    static func range(from: Day, until: Day, _ lang: Lang) -> String {
        lang.pick(fr: "valable du \(from) jusqu'au \(until) (exclu)", en: "valid from \(from) until \(until) (exclusive)")
    }

    /// « jusqu'au B (exclu) ».
    static func until(_ until: Day, _ lang: Lang) -> String {
        lang.pick(fr: "jusqu'au \(until) (exclu)", en: "until \(until) (exclusive)")
    }
}
