internal import DossierCore
internal import Foundation

/// Writes the command's results: text for people, JSON for scripts, bytes for files.
///
/// Every write to the terminal goes through here, and every human line is made safe whole
/// (`TerminalText`): no piece of text a CFA controls can reach the terminal raw, whichever command
/// prints it. One call is one output line; a line feed inside it is shown as `\n`.
enum Output {
    static func line(_ text: String = "") {
        print(TerminalText.visible(text))
    }

    static func error(_ text: String) {
        write(TerminalText.visible(text) + "\n", to: .standardError)
    }

    /// A progress line on standard error, redrawn in place (`\r`); `done` ends it.
    static func progress(_ text: String, done: Bool) {
        write("\r" + TerminalText.visible(text) + (done ? "\n" : ""), to: .standardError)
    }

    /// A file's content on standard output, as it is (`hub export --format csv`: the export makes its
    /// own fields safe).
    static func file(_ bytes: [UInt8]) {
        fflush(nil)  // what print() buffered goes first
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Stable, pretty, sorted-keys JSON with ISO 8601 dates. Characters the encoder leaves raw but a
    /// terminal would obey or hide (DEL, C1, bidi, zero-width, U+2028/2029) are written as `\uXXXX`
    /// escapes: the same JSON once parsed, nothing obeyed when shown.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(jsonEscaped(String(decoding: try encoder.encode(value), as: UTF8.self)))
    }

    /// JSON text with its unsafe non-ASCII characters as `\uXXXX` escapes. The encoder escapes the
    /// ASCII controls itself, so any other unsafe character can only be inside a string, where an
    /// escape means the same character.
    static func jsonEscaped(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0.value >= 0x7F && TerminalText.isUnsafe($0) }) else { return json }
        var result = ""
        for scalar in json.unicodeScalars {
            guard scalar.value >= 0x7F, TerminalText.isUnsafe(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 { result += "\\u" + String(format: "%04x", unit) }
        }
        return result
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
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

