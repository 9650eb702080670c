import Foundation
import Testing
@testable import DossierCore

@Suite("WordDiff")
struct WordDiffTests {
    typealias S = WordDiff.Segment

    @Test("one changed word in a sentence: kept text around a removed and an added word")
    func oneWord() {
        let diff = WordDiff(old: "Nos apprentis suivent un tutorat mensuel.", new: "Nos apprentis suivent un tutorat hebdomadaire.")
        #expect(diff.segments == [S(op: .same, text: "Nos apprentis suivent un tutorat "), S(op: .removed, text: "mensuel"),
                                  S(op: .added, text: "hebdomadaire"), S(op: .same, text: ".")])
        #expect(diff.hasChanges)
    }

    @Test("neighbouring changed words read as one replacement (the space between them joins them)")
    func bridged() {
        let diff = WordDiff(old: "le vieux texte ici", new: "le nouveau récit ici")
        #expect(diff.segments == [S(op: .same, text: "le "), S(op: .removed, text: "vieux texte"), S(op: .added, text: "nouveau récit"),
                                  S(op: .same, text: " ici")])
    }

    @Test("insertions and deletions only; identical and empty texts")
    func edges() {
        let inserted = WordDiff(old: "a c", new: "a b c")
        #expect(inserted.segments.filter { $0.op != .same }.map { $0.text.trimmingCharacters(in: .whitespaces) } == ["b"])
        #expect(inserted.segments.filter { $0.op == .added }.count == 1 && inserted.newText == "a b c")
        let deleted = WordDiff(old: "a b c", new: "a c")
        #expect(deleted.segments.filter { $0.op != .same }.map { $0.text.trimmingCharacters(in: .whitespaces) } == ["b"])
        #expect(deleted.segments.filter { $0.op == .removed }.count == 1 && deleted.oldText == "a b c")
        #expect(WordDiff(old: "même texte", new: "même texte").segments == [S(op: .same, text: "même texte")])
        #expect(!WordDiff(old: "même", new: "même").hasChanges)
        #expect(WordDiff(old: "", new: "").segments.isEmpty)
        #expect(WordDiff(old: "", new: "nouveau").segments == [S(op: .added, text: "nouveau")])
        #expect(WordDiff(old: "ancien", new: "").segments == [S(op: .removed, text: "ancien")])
    }

    @Test("punctuation and accents: words are letters and digits of any script")
    func tokens() {
        #expect(WordDiff.tokens("Élève, 2e année !").map(String.init) == ["Élève", ",", " ", "2e", " ", "année", " ", "!"])
        let diff = WordDiff(old: "Bilan 2025.", new: "Bilan 2026.")
        #expect(diff.segments == [S(op: .same, text: "Bilan "), S(op: .removed, text: "2025"), S(op: .added, text: "2026"), S(op: .same, text: ".")])
    }

    @Test("both texts are rebuilt exactly from the segments (random texts)")
    func roundTrip() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let words = ["le", "la", "CFA", "tutorat", ",", ".", " ", "\n", "é", "2026", "  "]
        for _ in 0..<300 {
            let old = (0..<next(20)).map { _ in words[next(words.count)] }.joined(separator: next(2) == 0 ? " " : "")
            let new = (0..<next(20)).map { _ in words[next(words.count)] }.joined(separator: next(2) == 0 ? " " : "")
            let diff = WordDiff(old: old, new: new)
            #expect(diff.oldText == old && diff.newText == new, "\(old.debugDescription) → \(new.debugDescription)")
            // Never two neighbouring runs of the same kind.
            for (a, b) in zip(diff.segments, diff.segments.dropFirst()) { #expect(a.op != b.op) }
            #expect(diff.segments.allSatisfy { !$0.text.isEmpty })
        }
    }

    @Test("a text past the token limit is shown whole as removed then added")
    func coarse() {
        let old = String(repeating: "a ", count: WordDiff.maximumTokens / 2), new = old + "b"
        let diff = WordDiff(old: old, new: new)
        #expect(diff.segments == [S(op: .removed, text: old), S(op: .added, text: new)])
    }
}
