/// A line-by-line difference of two texts, with a little context, as reviewers read it. Its cost
/// is bounded whatever the texts (see `LineDiff`), and so is what it shows: past `limit` changed
/// lines, the rest are only counted (`omitted`).
public struct TextDiff: Sendable, Equatable, Encodable {
    /// One line of the diff: `-` removed, `+` added, ` ` context; `…` marks skipped lines.
    public struct Line: Sendable, Equatable, Encodable {
        public let op: String
        public let text: String
    }

    public let lines: [Line]
    /// Changed lines (`-` and `+`) past the limit, not in `lines`.
    public let omitted: Int

    /// Changed lines shown at most, by default.
    public static let defaultLimit = 200

    public init(old: String, new: String, context: Int = 2, limit: Int = TextDiff.defaultLimit) {
        // The texts' own UTF-8 storage, not copies (a narrative may be tens of MB).
        var old = old, new = new
        (lines, omitted) = old.withUTF8 { oldBytes in
            new.withUTF8 { newBytes in
                Self.render(UnsafeRawBufferPointer(oldBytes), UnsafeRawBufferPointer(newBytes), context: context, limit: limit)
            }
        }
    }

    private static func render(_ oldBytes: UnsafeRawBufferPointer, _ newBytes: UnsafeRawBufferPointer,
                               context: Int, limit: Int) -> ([Line], Int) {
        var numbering = LineNumbering()
        let before = numbering.lines(of: oldBytes), after = numbering.lines(of: newBytes)
        let edits = grouped(LineDiff.edits(old: before.numbers, new: after.numbers))
        func text(_ edit: LineDiff.Edit) -> Line {
            switch edit {
            case .keep(let i, _): Line(op: " ", text: String(decoding: oldBytes[before.ranges[i]], as: UTF8.self))
            case .remove(let i): Line(op: "-", text: String(decoding: oldBytes[before.ranges[i]], as: UTF8.self))
            case .insert(let j): Line(op: "+", text: String(decoding: newBytes[after.ranges[j]], as: UTF8.self))
            }
        }
        // Keeps changed lines and `context` lines around them; `…` between distant groups.
        var result: [Line] = []
        var shown = 0, omitted = 0
        var last = -1, lastChange = -1
        var index = 0
        while index < edits.count {
            guard case .keep = edits[index] else {
                if shown >= limit {
                    omitted += 1
                    index += 1
                    continue
                }
                let from = max(last + 1, index - context)
                if last >= 0, from > last + 1 { result.append(Line(op: "…", text: "")) }
                for position in from...index { result.append(text(edits[position])) }
                shown += 1
                last = index
                lastChange = index
                index += 1
                continue
            }
            // Context after a change: up to `context` kept lines.
            if lastChange >= 0, index - lastChange <= context, omitted == 0 {
                result.append(text(edits[index]))
                last = index
            }
            index += 1
        }
        return (result, omitted)
    }

    /// Within each run of changes, removals come before insertions.
    private static func grouped(_ edits: [LineDiff.Edit]) -> [LineDiff.Edit] {
        var result: [LineDiff.Edit] = []
        result.reserveCapacity(edits.count)
        var inserted: [LineDiff.Edit] = []
        for edit in edits {
            switch edit {
            case .keep:
                result += inserted
                inserted.removeAll(keepingCapacity: true)
                result.append(edit)
            case .remove: result.append(edit)
            case .insert: inserted.append(edit)
            }
        }
        return result + inserted
    }

    public var isEmpty: Bool { omitted == 0 && !lines.contains { $0.op == "-" || $0.op == "+" } }
}
