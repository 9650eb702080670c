import Testing
@testable import DossierCore

/// The bounded line diff against a simple reference (dynamic-programming LCS) on small random inputs.
@Suite("LineDiff")
struct LineDiffTests {
    /// A small deterministic generator (seeded, printed on failure).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Applies the edits to `old`: kept and inserted lines, in order. Nil if the script is not a
    /// walk over both sequences (every old index kept or removed once, every new index kept or inserted once, in order).
    static func apply(_ edits: [LineDiff.Edit], old: [Int], new: [Int]) -> [Int]? {
        var i = 0, j = 0, result: [Int] = []
        for edit in edits {
            switch edit {
            case .keep(let a, let b):
                guard a == i, b == j, old[a] == new[b] else { return nil }
                result.append(old[a]); i += 1; j += 1
            case .remove(let a):
                guard a == i else { return nil }
                i += 1
            case .insert(let b):
                guard b == j else { return nil }
                result.append(new[b]); j += 1
            }
        }
        return i == old.count && j == new.count ? result : nil
    }

    static func lcs(_ a: [Int], _ b: [Int]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    func randomPair(_ generator: inout Generator) -> ([Int], [Int]) {
        let alphabet = 1 + generator.next(6)
        let old = (0..<generator.next(25)).map { _ in generator.next(alphabet) }
        // The new side: the old one with a few edits, or unrelated.
        var new = old
        if generator.next(4) == 0 {
            new = (0..<generator.next(25)).map { _ in generator.next(alphabet) }
        } else {
            for _ in 0..<generator.next(6) {
                let position = new.isEmpty ? 0 : generator.next(new.count + 1)
                switch generator.next(3) {
                case 0: new.insert(generator.next(alphabet + 3), at: position)
                case 1: if position < new.count { new.remove(at: position) }
                default: if position < new.count { new[position] = generator.next(alphabet + 3) }
                }
            }
        }
        return (old, new)
    }

    @Test func minimalAndCorrectOnRandomInputs() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = Generator(state: seed)
        for round in 0..<3_000 {
            let (old, new) = randomPair(&generator)
            let edits = LineDiff.edits(old: old, new: new)
            #expect(Self.apply(edits, old: old, new: new) == new, "seed \(seed) round \(round): \(old) → \(new)")
            let kept = edits.filter { if case .keep = $0 { true } else { false } }.count
            #expect(kept == Self.lcs(old, new), "seed \(seed) round \(round): not minimal for \(old) → \(new)")
        }
    }

    @Test func correctWhenTheBudgetRunsOut() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = Generator(state: seed)
        for round in 0..<3_000 {
            let (old, new) = randomPair(&generator)
            // No work allowed: patience anchors, then removed-and-added stretches.
            for budget in [0, 5, 40] {
                let edits = LineDiff.edits(old: old, new: new, budget: budget)
                #expect(Self.apply(edits, old: old, new: new) == new, "seed \(seed) round \(round) budget \(budget): \(old) → \(new)")
            }
        }
    }

    @Test func uniqueLinesAnchorARewrittenText() {
        // Past the budget, lines unique on both sides still match.
        let old = [1, 2, 3, 9, 4, 5, 6], new = [7, 1, 8, 3, 9, 5, 6, 0]
        let edits = LineDiff.edits(old: old, new: new, budget: 0)
        #expect(Self.apply(edits, old: old, new: new) == new)
        let kept = edits.compactMap { if case .keep(let a, _) = $0 { old[a] } else { nil } }
        #expect(kept == [1, 3, 9, 5, 6])
    }

    @Test func largeRewrittenTexts() {
        // 200,000 lines rewritten throughout: bounded by the budget, not quadratic.
        let old = Array(0..<200_000), new = old.map { $0 % 3 == 0 ? $0 + 1_000_000 : $0 }
        let edits = LineDiff.edits(old: old, new: new)
        #expect(Self.apply(edits, old: old, new: new) == new)
    }
}
