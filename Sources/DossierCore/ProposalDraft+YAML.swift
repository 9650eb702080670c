import Foundation

/// Writing a draft as `proposals/<slug>.yaml`: every text double-quoted (or, for `why`, a literal
/// block when it reads back the same), so any text a CFA types — quotes, colons, `#`, leading
/// dashes, accents, emoji — is read back by `Proposal.parse` exactly (`why` without its trailing
/// blank lines and spaces, which Markdown does not see).
extension ProposalDraft {
    /// The file the form writes.
    public func yaml() -> [UInt8] { written().bytes }

    /// The file, and the line where each field starts (1-based): an error the check reports at a
    /// line is shown next to the field that line belongs to (`field(atLine:)`).
    public func written() -> (bytes: [UInt8], lines: [(line: Int, field: Field)]) {
        var out: [String] = [
            "# Proposition de badge du CFA, écrite par la page « Proposer un badge » (voir docs/CATALOGUE.md).",
            "# The CFA's badge proposal, written by the « Propose a badge » page (see docs/CATALOGUE.md).",
        ]
        var lines: [(line: Int, field: Field)] = []
        func add(_ field: Field, _ text: String) {
            lines.append((out.count + 1, field))
            out.append(text)
        }
        add(.id, "id: " + YAMLScalar.doubleQuoted(slug))
        add(.title, "title: " + YAMLScalar.doubleQuoted(title))
        if !summary.isEmpty { add(.summary, "summary: " + YAMLScalar.doubleQuoted(summary)) }
        if !recognises.isEmpty { add(.recognises, "recognises: " + YAMLScalar.doubleQuoted(recognises)) }
        add(.validityYears, "validityYears: \(validityYears)")
        if criteria.isEmpty {
            add(.criteria, "criteria: []")
        } else {
            add(.criteria, "criteria:")
            for (index, criterion) in criteria.enumerated() {
                add(.criterion(index), "  - id: " + YAMLScalar.doubleQuoted(criterion.id))
                out.append("    text: " + YAMLScalar.doubleQuoted(criterion.text))
            }
        }
        add(.requirement, "requirement:")
        if everyCriterion {
            out.append("  all: true")
        } else {
            let required = criteria.filter(\.required).map(\.id), others = criteria.filter { !$0.required }.map(\.id)
            if required.isEmpty, atLeast == 0 { out[out.count - 1] += " {}" }
            if !required.isEmpty { out.append("  required: [" + required.map(YAMLScalar.doubleQuoted).joined(separator: ", ") + "]") }
            if atLeast != 0 {
                out.append("  atLeast: \(atLeast)")
                out.append("  among: [" + others.map(YAMLScalar.doubleQuoted).joined(separator: ", ") + "]")
            }
        }
        let why = Self.trimmedMarkdown(why)
        if why.isEmpty {
            add(.why, "why: \"\"")
        } else if Self.fitsLiteralBlock(why) {
            add(.why, "why: |2-")
            for line in why.split(separator: "\n", omittingEmptySubsequences: false) {
                out.append(line.isEmpty ? "" : "  " + line)
            }
        } else {
            add(.why, "why: " + YAMLScalar.doubleQuoted(why))
        }
        if !examples.isEmpty {
            add(.examples, "examples:")
            for (index, example) in examples.enumerated() { add(.example(index), "  - " + YAMLScalar.doubleQuoted(example)) }
        }
        return (Array((out.joined(separator: "\n") + "\n").utf8), lines)
    }

    /// The field of the form a line of `written()` belongs to (nil: the header).
    public func field(atLine line: Int) -> Field? {
        written().lines.last { $0.line <= line }?.field
    }

    /// `why` as the file keeps it: the browser's CRLF as LF, without trailing spaces and blank lines.
    public static func trimmedMarkdown(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        while let last = text.unicodeScalars.last, last == " " || last == "\n" { text.unicodeScalars.removeLast() }
        return text
    }

    /// Whether a literal block (`|2-`) reads back as `text`: only printable characters besides the
    /// line feed (no tab, no other line break YAML knows, no byte-order mark).
    static func fitsLiteralBlock(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            if value == 0x0A { return true }
            return value >= 0x20 && !(0x7F...0x9F).contains(value) && value != 0x2028 && value != 0x2029 && value != 0xFEFF
        }
    }

}
