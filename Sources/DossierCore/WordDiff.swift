/// A word-by-word difference of two texts (a narrative, or one line of a text evidence against
/// its replacement), as reviewers read it: runs of kept, removed and added text, in order.
///
/// The texts are cut into words (letters and digits), runs of white space and single other
/// characters; the tokens are diffed with `LineDiff` (bounded cost whatever the texts). Within
/// each stretch of changes the removed text comes first, then the added text, and a lone space
/// between two changes joins them, so that « the old words » → « the new text » reads as one
/// replacement rather than a patchwork.
public struct WordDiff: Sendable, Equatable, Encodable {
    public enum Op: String, Sendable, Encodable { case same, removed, added }

    public struct Segment: Sendable, Equatable, Encodable {
        public let op: Op
        public let text: String

        public init(op: Op, text: String) {
            self.op = op
            self.text = text
        }
    }

    public let segments: [Segment]

    /// Most tokens (both sides) diffed word by word; past it, the whole text is shown as
    /// removed then added (a correct, coarser answer).
    public static let maximumTokens = 400_000

    public init(old: String, new: String) {
        guard old != new else {
            segments = old.isEmpty ? [] : [Segment(op: .same, text: old)]
            return
        }
        let before = Self.tokens(old), after = Self.tokens(new)
        guard before.count + after.count <= Self.maximumTokens else {
            segments = Self.joined([Segment(op: .removed, text: old), Segment(op: .added, text: new)])
            return
        }
        var numbers: [Substring: Int] = [:]
        func number(_ token: Substring) -> Int {
            if let known = numbers[token] { return known }
            let next = numbers.count
            numbers[token] = next
            return next
        }
        let oldNumbers = before.map(number), newNumbers = after.map(number)
        var raw: [Segment] = []
        for edit in LineDiff.edits(old: oldNumbers, new: newNumbers) {
            switch edit {
            case .keep(let i, _): raw.append(Segment(op: .same, text: String(before[i])))
            case .remove(let i): raw.append(Segment(op: .removed, text: String(before[i])))
            case .insert(let j): raw.append(Segment(op: .added, text: String(after[j])))
            }
        }
        segments = Self.joined(Self.bridged(raw))
    }

    /// Whether anything was removed or added.
    public var hasChanges: Bool { segments.contains { $0.op != .same } }

    /// The text before (kept and removed runs) — a check that nothing was lost.
    public var oldText: String { segments.filter { $0.op != .added }.map(\.text).joined() }
    /// The text after (kept and added runs).
    public var newText: String { segments.filter { $0.op != .removed }.map(\.text).joined() }

    /// Words, runs of white space, and every other character on its own.
    static func tokens(_ text: String) -> [Substring] {
        enum Kind { case word, space, other }
        func kind(_ character: Character) -> Kind {
            if character.isLetter || character.isNumber { return .word }
            if character.isWhitespace { return .space }
            return .other
        }
        var result: [Substring] = []
        var start = text.startIndex
        var current: Kind?
        var index = text.startIndex
        while index < text.endIndex {
            let k = kind(text[index])
            if let current, k != current || k == .other {
                result.append(text[start..<index])
                start = index
            }
            current = k
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }

    /// A kept run of white space between two changes becomes part of both sides of the change.
    static func bridged(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        result.reserveCapacity(segments.count)
        for (index, segment) in segments.enumerated() {
            if segment.op == .same, segment.text.allSatisfy(\.isWhitespace), index > 0, index + 1 < segments.count,
               segments[index - 1].op != .same, segments[index + 1].op != .same {
                result.append(Segment(op: .removed, text: segment.text))
                result.append(Segment(op: .added, text: segment.text))
            } else {
                result.append(segment)
            }
        }
        return result
    }

    /// Neighbouring runs merged: within each stretch of changes, all removed text then all added.
    static func joined(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        var removed = "", added = ""
        func flush() {
            if !removed.isEmpty { result.append(Segment(op: .removed, text: removed)) }
            if !added.isEmpty { result.append(Segment(op: .added, text: added)) }
            removed = ""
            added = ""
        }
        for segment in segments {
            switch segment.op {
            case .removed: removed += segment.text
            case .added: added += segment.text
            case .same:
                flush()
                if let last = result.last, last.op == .same {
                    result[result.count - 1] = Segment(op: .same, text: last.text + segment.text)
                } else if !segment.text.isEmpty {
                    result.append(segment)
                }
            }
        }
        flush()
        return result
    }
}
