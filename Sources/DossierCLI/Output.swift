import DossierCore
import Foundation

/// Writes the command's results: text for people, JSON for scripts.
enum Output {
    static func line(_ text: String = "") {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Stable, pretty, sorted-keys JSON with ISO 8601 dates.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// A problem as scripts see it: a stable code, the message in the chosen language, and its subject.
struct ProblemJSON: Encodable {
    let code: String
    let blocking: Bool
    let message: String
    let evidence: String?
    let criterion: String?

    init(_ problem: Problem, lang: Lang, badge: String? = nil) {
        code = problem.code
        blocking = problem.isBlocking
        message = problem.text(lang, badge: badge)
        evidence = problem.evidence
        criterion = problem.criterion
    }
}

extension Problem {
    /// The message, with the badge id filled into the commands it suggests.
    func text(_ lang: Lang, badge: String?) -> String {
        let message = text(lang)
        return badge.map { message.replacingOccurrences(of: "dossier set BADGE", with: "dossier set \($0)") } ?? message
    }
}
