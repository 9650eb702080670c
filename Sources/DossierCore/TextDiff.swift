/// A line-by-line difference of two texts, with a little context, as reviewers read it.
public struct TextDiff: Sendable, Equatable, Encodable {
    /// One line of the diff: `-` removed, `+` added, ` ` context; `…` marks skipped lines.
    public struct Line: Sendable, Equatable, Encodable {
        public let op: String
        public let text: String
    }

    public let lines: [Line]

    public init(old: String, new: String, context: Int = 2) {
        let before = TextDiff.lines(of: old)
        let after = TextDiff.lines(of: new)
        let difference = after.difference(from: before)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both texts in step, emitting removals before insertions at each point.
        var all: [Line] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                all.append(Line(op: "-", text: before[i])); i += 1
            } else if j < after.count, inserted.contains(j) {
                all.append(Line(op: "+", text: after[j])); j += 1
            } else {
                if i < before.count { all.append(Line(op: " ", text: before[i])) }
                i += 1; j += 1
            }
        }
        lines = TextDiff.trim(all, context: context)
    }

    /// The lines of a text; a final newline does not make an extra empty line.
    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Keeps changed lines and `context` lines around them.
    private static func trim(_ all: [Line], context: Int) -> [Line] {
        let changed = all.indices.filter { all[$0].op != " " }
        var keep = Set<Int>()
        for index in changed {
            for k in max(0, index - context)...min(all.count - 1, index + context) { keep.insert(k) }
        }
        var result: [Line] = []
        var last = -1
        for index in keep.sorted() {
            if last >= 0, index > last + 1 { result.append(Line(op: "…", text: "")) }
            result.append(all[index])
            last = index
        }
        return result
    }

    public var isEmpty: Bool { !lines.contains { $0.op == "-" || $0.op == "+" } }
}
