import Testing
@testable import DossierCore

@Suite("TextDiff")
struct TextDiffTests {
    static let ten = (1...10).map { "ligne \($0)" }.joined(separator: "\n") + "\n"

    func rendered(_ diff: TextDiff) -> [String] { diff.lines.map { $0.op + $0.text } }

    @Test func identicalTextsGiveNoLines() {
        let diff = TextDiff(old: Self.ten, new: Self.ten)
        #expect(diff.lines.isEmpty)
        #expect(diff.isEmpty)
    }

    @Test func oneChangedLineWithTwoLinesOfContext() {
        let new = Self.ten.replacingOccurrences(of: "ligne 5\n", with: "ligne cinq\n")
        let diff = TextDiff(old: Self.ten, new: new)
        #expect(rendered(diff) == [" ligne 3", " ligne 4", "-ligne 5", "+ligne cinq", " ligne 6", " ligne 7"])
        #expect(!diff.isEmpty)
    }

    @Test func contextIsConfigurable() {
        let new = Self.ten.replacingOccurrences(of: "ligne 5\n", with: "ligne cinq\n")
        #expect(rendered(TextDiff(old: Self.ten, new: new, context: 0)) == ["-ligne 5", "+ligne cinq"])
        #expect(rendered(TextDiff(old: Self.ten, new: new, context: 1)) == [" ligne 4", "-ligne 5", "+ligne cinq", " ligne 6"])
    }

    @Test func distantChangesAreSeparatedByAnEllipsis() {
        let new = Self.ten.replacingOccurrences(of: "ligne 1\n", with: "ligne un\n")
            .replacingOccurrences(of: "ligne 9\n", with: "ligne neuf\n")
        let diff = TextDiff(old: Self.ten, new: new)
        #expect(rendered(diff) == [
            "-ligne 1", "+ligne un", " ligne 2", " ligne 3",
            "…",
            " ligne 7", " ligne 8", "-ligne 9", "+ligne neuf", " ligne 10",
        ], "a final line break does not make an extra empty line")
    }

    @Test func nearbyChangesShareTheirContext() {
        let new = Self.ten.replacingOccurrences(of: "ligne 4\n", with: "ligne quatre\n")
            .replacingOccurrences(of: "ligne 7\n", with: "ligne sept\n")
        let lines = rendered(TextDiff(old: Self.ten, new: new))
        #expect(!lines.contains("…"))
        #expect(lines == [" ligne 2", " ligne 3", "-ligne 4", "+ligne quatre", " ligne 5", " ligne 6",
                          "-ligne 7", "+ligne sept", " ligne 8", " ligne 9"])
    }

    @Test func insertionAndRemoval() {
        let inserted = TextDiff(old: "a\nb\nc\n", new: "a\nb\nnouveau\nc\n")
        #expect(rendered(inserted) == [" a", " b", "+nouveau", " c"])
        let removed = TextDiff(old: "a\nb\nc\n", new: "a\nc\n")
        #expect(rendered(removed) == [" a", "-b", " c"])
    }

    @Test func finalLineBreakAloneIsNoLine() {
        #expect(TextDiff(old: "a\nb\n", new: "a\nb\nc\n").lines.filter { $0.op != " " } == [TextDiff.Line(op: "+", text: "c")])
        #expect(rendered(TextDiff(old: "a\n\n", new: "a\n")) == [" a", "-"], "a real empty line is still a line")
    }

    @Test func fromNothing() {
        let diff = TextDiff(old: "", new: "Première ligne.\nDeuxième.\n")
        #expect(diff.lines.filter { $0.op == "+" }.map(\.text) == ["Première ligne.", "Deuxième."])
        #expect(diff.lines.filter { $0.op == "-" }.isEmpty)
    }

    @Test func everyOldAndNewLineIsAccountedFor() {
        let old = "un\ndeux\ntrois\nquatre\n"
        let new = "zéro\nun\ntrois\nquatre bis\ncinq\n"
        let diff = TextDiff(old: old, new: new, context: 100)
        let before = diff.lines.filter { $0.op != "+" }.map(\.text)
        let after = diff.lines.filter { $0.op != "-" }.map(\.text)
        #expect(before.joined(separator: "\n") + "\n" == old)
        #expect(after.joined(separator: "\n") + "\n" == new)
    }
}

@Suite("TextDiff limits")
struct TextDiffLimitTests {
    @Test func changedLinesPastTheLimitAreCounted() {
        let old = (1...1_000).map { "ligne \($0)" }.joined(separator: "\n") + "\n"
        let new = (1...1_000).map { $0 % 2 == 0 ? "ligne \($0) revue" : "ligne \($0)" }.joined(separator: "\n") + "\n"
        let diff = TextDiff(old: old, new: new, limit: 10)
        #expect(diff.lines.filter { $0.op == "-" || $0.op == "+" }.count == 10)
        #expect(diff.omitted == 1_000 - 10)
        #expect(!diff.isEmpty)
        let all = TextDiff(old: old, new: new, context: 0, limit: .max)
        #expect(all.omitted == 0 && all.lines.filter { $0.op == "-" || $0.op == "+" }.count == 1_000)
    }

    @Test func linesAreComparedByteForByte() {
        // Precomposed and decomposed « é » are equal Swift strings, not the same bytes.
        let diff = TextDiff(old: "caf\u{E9}\n", new: "cafe\u{301}\n")
        #expect(!diff.isEmpty)
    }
}
