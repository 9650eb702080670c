import ArgumentParser
import Foundation
import Testing
@testable import DossierCLI
@testable import DossierCore

/// Control, bidi and invisible characters made visible before they reach a terminal.
@Suite("Terminal text")
struct TerminalTextTests {
    /// Every character a terminal obeys or hides, as a hostile CFA would put it in a title.
    static let hostile: [(Character, String)] = [
        ("\u{1B}", "\\u{1B}"), ("\u{07}", "\\u{7}"), ("\r", "\\r"), ("\u{08}", "\\u{8}"), ("\n", "\\n"), ("\t", "\\t"),
        ("\u{00}", "\\u{0}"), ("\u{7F}", "\\u{7F}"), ("\u{9B}", "\\u{9B}"), ("\u{85}", "\\u{85}"),
        ("\u{202A}", "\\u{202A}"), ("\u{202B}", "\\u{202B}"), ("\u{202C}", "\\u{202C}"), ("\u{202D}", "\\u{202D}"),
        ("\u{202E}", "\\u{202E}"), ("\u{2066}", "\\u{2066}"), ("\u{2067}", "\\u{2067}"), ("\u{2068}", "\\u{2068}"),
        ("\u{2069}", "\\u{2069}"), ("\u{200E}", "\\u{200E}"), ("\u{200F}", "\\u{200F}"), ("\u{061C}", "\\u{61C}"),
        ("\u{200B}", "\\u{200B}"), ("\u{200C}", "\\u{200C}"), ("\u{200D}", "\\u{200D}"), ("\u{2060}", "\\u{2060}"),
        ("\u{FEFF}", "\\u{FEFF}"), ("\u{00AD}", "\\u{AD}"), ("\u{2028}", "\\u{2028}"), ("\u{2029}", "\\u{2029}"),
        ("\u{E0041}", "\\u{E0041}"), ("\u{3164}", "\\u{3164}"),
    ]

    @Test("each control, bidi and invisible character becomes a readable escape")
    func escapes() {
        for (character, escape) in Self.hostile {
            let shown = TerminalText.visible("a\(character)b")
            #expect(shown == "a\(escape)b", "U+\(String(character.unicodeScalars.first!.value, radix: 16))")
        }
    }

    @Test("ordinary text is left as it is: accents, guillemets, emoji, CJK, right-to-left letters")
    func ordinaryText() {
        for text in ["Évreux — « récit » ✔ ★ ↩", "Plan de formation 2026 (Caen) : 10/10", "学校 🎓", "مدرسة", "a\\u{1B}b"] {
            #expect(TerminalText.visible(text) == text)
        }
    }

    @Test("a forged line stays on the line it was in")
    func forgedLine() {
        let title = "Charte\n\u{1B}[2J\u{1B}]0;pwned\u{07}VALIDÉ PAR LA RÉGION\r\u{202E}fdp.exe"
        let shown = TerminalText.visible(title)
        #expect(!shown.contains("\n") && !shown.contains("\r") && !shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(shown == "Charte\\n\\u{1B}[2J\\u{1B}]0;pwned\\u{7}VALIDÉ PAR LA RÉGION\\r\\u{202E}fdp.exe")
    }

    @Test("JSON: every unsafe character the encoder leaves raw is escaped, and the JSON means the same")
    func json() throws {
        let value = ["title": String(Self.hostile.map(\.0)) + " é « » ✔"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let escaped = Output.jsonEscaped(String(decoding: try encoder.encode(value), as: UTF8.self))
        #expect(!escaped.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "\(escaped)")
        #expect(escaped.contains("\\u202e") && escaped.contains("\\u2028") && escaped.contains("\\udb40\\udc41"), "\(escaped)")
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8))
        #expect(decoded == value)
        #expect(try JSONSerialization.jsonObject(with: Data(escaped.utf8)) is [String: Any])
    }

    /// Nothing in the command line module writes to a terminal except through `Output`, which makes
    /// every line safe: a new command cannot forget it.
    @Test("every write to stdout or stderr goes through Output")
    func oneWayOut() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/DossierCLI")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        for file in files where file != "Output.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for pattern in ["FileHandle.standardOutput", "FileHandle.standardError", "Swift.print(", "fputs(", "putchar(", "write(STDOUT", "write(STDERR"] {
                #expect(!text.contains(pattern), "\(file) writes with \(pattern)")
            }
            let barePrint = text.split(separator: "\n").filter { line in
                line.contains("print(") && !line.contains(".print(") && !line.contains("func print(")
            }
            #expect(barePrint.isEmpty, "\(file): \(barePrint)")
        }
    }
}
