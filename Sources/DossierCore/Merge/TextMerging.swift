/// A three-way merge of plain text, line by line: the narrative of a claim.
///
/// The real implementation (libgit2's `git_merge_file`) lives outside DossierCore, which has no C
/// imports; `LineMerger` is a pure-Swift fallback used by the tests.
public protocol TextMerging {
    /// Merges the changes `ours` and `theirs` made to `base`. When some change overlaps, the result
    /// is conflicted and its text is `ours` unchanged: YAML never receives conflict markers.
    func merge(base: String, ours: String, theirs: String) -> TextMergeResult
}

/// The merged text, or `ours` when the two sides changed the same lines differently.
public struct TextMergeResult: Sendable, Equatable {
    public let text: String
    public let conflicted: Bool

    public init(text: String, conflicted: Bool) {
        self.text = text
        self.conflicted = conflicted
    }
}

/// A diff3 merge of lines in pure Swift. Both sides are diffed against the base
/// (`CollectionDifference`); the lines every side kept split the texts into chunks, and in each
/// chunk a side that changed nothing takes the other's version, two identical changes are taken
/// once, and two different changes are a conflict. As in `git merge-file`, changes to adjacent
/// lines (with no unchanged line between them) overlap.
public struct LineMerger: TextMerging, Sendable {
    public init() {}

    public func merge(base: String, ours: String, theirs: String) -> TextMergeResult {
        if ours == theirs || theirs == base { return TextMergeResult(text: ours, conflicted: false) }
        if ours == base { return TextMergeResult(text: theirs, conflicted: false) }
        let b = Self.lines(base), o = Self.lines(ours), t = Self.lines(theirs)
        let inOurs = Self.matches(base: b, other: o)
        let inTheirs = Self.matches(base: b, other: t)
        var merged: [Substring] = []
        var bi = 0, oi = 0, ti = 0
        for index in 0...b.count {
            // A sync point: a base line both sides kept, or the end of all three texts.
            let oj: Int, tj: Int
            if index == b.count {
                (oj, tj) = (o.count, t.count)
            } else {
                guard let inO = inOurs[index], let inT = inTheirs[index] else { continue }
                (oj, tj) = (inO, inT)
            }
            let baseChunk = b[bi..<index], ourChunk = o[oi..<oj], theirChunk = t[ti..<tj]
            if ourChunk.elementsEqual(baseChunk) {
                merged.append(contentsOf: theirChunk)
            } else if theirChunk.elementsEqual(baseChunk) || ourChunk.elementsEqual(theirChunk) {
                merged.append(contentsOf: ourChunk)
            } else {
                return TextMergeResult(text: ours, conflicted: true)
            }
            if index < b.count { merged.append(b[index]) }
            bi = index + 1
            oi = oj + 1
            ti = tj + 1
        }
        return TextMergeResult(text: merged.joined(separator: "\n"), conflicted: false)
    }

    /// The lines of a text; a final newline leaves an empty last line, so joining with `\n`
    /// gives the text back exactly.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// For each base line, the index of the same line in `other` when the diff keeps it, else nil.
    static func matches(base: [Substring], other: [Substring]) -> [Int?] {
        let difference = other.difference(from: base)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result = [Int?](repeating: nil, count: base.count)
        var j = 0
        for i in base.indices where !removed.contains(i) {
            while inserted.contains(j) { j += 1 }
            result[i] = j
            j += 1
        }
        return result
    }
}
