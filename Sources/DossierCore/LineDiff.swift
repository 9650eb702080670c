import Foundation

/// The edit script between two sequences of lines (each line given as a number: equal lines,
/// equal numbers), with a bounded cost whatever the input.
///
/// The common prefix and suffix are set aside (linear); what is left is diffed with Myers'
/// O(ND) algorithm, up to `maximumDistance` edits and a shared budget of work. Past that (a text
/// largely rewritten), the lines that occur once in each side anchor the two sides (patience
/// diff, O(n log n)) and each stretch between anchors is diffed the same way; a stretch still too
/// costly is shown as removed then added: a correct, coarser answer.
struct LineDiff {
    enum Edit: Equatable {
        /// `old[oldIndex]` kept as `new[newIndex]`.
        case keep(Int, Int)
        case remove(Int)
        case insert(Int)
    }

    /// Most edits one Myers run looks for (its memory grows with the square of it).
    static let maximumDistance = 1_000
    /// Steps of Myers' algorithm allowed over the whole diff.
    static let defaultBudget = 20_000_000

    let old: [Int]
    let new: [Int]
    private var budget: Int
    private(set) var edits: [Edit] = []

    /// The edits that turn `old` into `new`, in order.
    static func edits(old: [Int], new: [Int], budget: Int = defaultBudget) -> [Edit] {
        var diff = LineDiff(old: old, new: new, budget: budget)
        diff.edits.reserveCapacity(max(old.count, new.count))
        diff.run(0, old.count, 0, new.count, anchoring: true)
        return diff.edits
    }

    private init(old: [Int], new: [Int], budget: Int) {
        self.old = old
        self.new = new
        self.budget = budget
    }

    private mutating func run(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int, anchoring: Bool) {
        var aLow = aLow, bLow = bLow, aHigh = aHigh, bHigh = bHigh
        while aLow < aHigh, bLow < bHigh, old[aLow] == new[bLow] {
            edits.append(.keep(aLow, bLow))
            aLow += 1
            bLow += 1
        }
        var suffix = 0
        while aLow < aHigh, bLow < bHigh, old[aHigh - 1] == new[bHigh - 1] {
            aHigh -= 1
            bHigh -= 1
            suffix += 1
        }
        if aLow == aHigh || bLow == bHigh || !myers(aLow, aHigh, bLow, bHigh) {
            if aLow < aHigh, bLow < bHigh, anchoring {
                anchored(aLow, aHigh, bLow, bHigh)
            } else {
                replace(aLow, aHigh, bLow, bHigh)
            }
        }
        for offset in 0..<suffix { edits.append(.keep(aHigh + offset, bHigh + offset)) }
    }

    private mutating func replace(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) {
        for index in aLow..<aHigh { edits.append(.remove(index)) }
        for index in bLow..<bHigh { edits.append(.insert(index)) }
    }

    /// Patience: the longest increasing run of the lines unique on both sides cuts the stretch;
    /// the pieces between them are diffed (without anchoring again).
    private mutating func anchored(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) {
        let anchors = Self.uniqueCommonRun(old[aLow..<aHigh], new[bLow..<bHigh])
        guard !anchors.isEmpty else { return replace(aLow, aHigh, bLow, bHigh) }
        var a = aLow, b = bLow
        for (i, j) in anchors {
            run(a, i, b, j, anchoring: false)
            edits.append(.keep(i, j))
            a = i + 1
            b = j + 1
        }
        run(a, aHigh, b, bHigh, anchoring: false)
    }

    /// Pairs (old index, new index) of lines that occur once in each slice, forming the longest
    /// run increasing on both sides (patience sorting).
    static func uniqueCommonRun(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>) -> [(Int, Int)] {
        // Line numbers are dense (0, 1, 2… in order of first appearance): arrays, not dictionaries.
        // Per line: how often it occurs in a (capped at 2), and its index in b (-1: none, -2: twice or more).
        let count = max(a.max() ?? -1, b.max() ?? -1) + 1
        var inA = [UInt8](repeating: 0, count: count), inB = [Int](repeating: -1, count: count)
        for line in a where inA[line] < 2 { inA[line] += 1 }
        for index in b.indices where inA[b[index]] == 1 {
            inB[b[index]] = inB[b[index]] == -1 ? index : -2
        }
        var pairs: [(Int, Int)] = []
        for index in a.indices where inA[a[index]] == 1 && inB[a[index]] >= 0 {
            pairs.append((index, inB[a[index]]))
        }
        // Longest increasing subsequence of the new indices, in O(k log k).
        var tails: [Int] = [], previous = [Int](repeating: -1, count: pairs.count)
        for (position, pair) in pairs.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].1 < pair.1 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var result: [(Int, Int)] = []
        var position = tails.last ?? -1
        while position >= 0 {
            result.append(pairs[position])
            position = previous[position]
        }
        return result.reversed()
    }

    /// Myers' greedy forward algorithm; false (nothing appended) past `maximumDistance` edits or
    /// when the budget runs out.
    private mutating func myers(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) -> Bool {
        let n = aHigh - aLow, m = bHigh - bLow
        let limit = min(n + m, Self.maximumDistance)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d]: v over k in -(d+1)...(d+1) before step d, for the way back.
        var trace: [[Int]] = []
        for d in 0...limit {
            guard budget > 0 else { return false }
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                let start = x
                while x < n, y < m, old[aLow + x] == new[bLow + y] {
                    x += 1
                    y += 1
                }
                budget -= 1 + x - start
                v[offset + k] = x
                if x >= n, y >= m {
                    backtrack(trace, aLow, bLow, n, m)
                    return true
                }
            }
        }
        return false
    }

    private mutating func backtrack(_ trace: [[Int]], _ aLow: Int, _ bLow: Int, _ n: Int, _ m: Int) {
        var reversed: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            func at(_ k: Int) -> Int { v[k + d + 1] }
            let k = x - y
            let previousK = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
            let previousX = at(previousK), previousY = previousX - previousK
            while x > previousX, y > previousY {
                reversed.append(.keep(aLow + x - 1, bLow + y - 1))
                x -= 1
                y -= 1
            }
            if d > 0 {
                reversed.append(x == previousX ? .insert(bLow + y - 1) : .remove(aLow + x - 1))
            }
            x = previousX
            y = previousY
        }
        edits.append(contentsOf: reversed.reversed())
    }
}

/// Numbers the lines of texts so that equal lines (byte for byte) get equal numbers. The
/// buffers given to `lines(of:)` must stay valid while the numbering is used.
struct LineNumbering {
    /// A line's bytes, hashed and compared as raw memory.
    private struct Key: Hashable {
        let bytes: UnsafeRawBufferPointer
        func hash(into hasher: inout Hasher) { hasher.combine(bytes: bytes) }
        static func == (a: Key, b: Key) -> Bool {
            a.bytes.count == b.bytes.count && (a.bytes.count == 0 || memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, a.bytes.count) == 0)
        }
    }

    private var numbers: [Key: Int] = [:]

    /// The lines of `bytes` as ranges (a final line break does not make an extra empty line),
    /// and their numbers.
    mutating func lines(of bytes: UnsafeRawBufferPointer) -> (ranges: [Range<Int>], numbers: [Int]) {
        var ranges: [Range<Int>] = [], numbers: [Int] = []
        guard let base = bytes.baseAddress, bytes.count > 0 else { return (ranges, numbers) }
        // Sized once: growing a table of a million lines rehashes every line several times.
        var lineCount = 1, position = 0
        while position < bytes.count, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), bytes.count - position) {
            lineCount += 1
            position = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        ranges.reserveCapacity(lineCount)
        numbers.reserveCapacity(lineCount)
        self.numbers.reserveCapacity(self.numbers.count + lineCount)
        var start = 0
        func add(_ end: Int) {
            ranges.append(start..<end)
            let key = Key(bytes: UnsafeRawBufferPointer(start: base + start, count: end - start))
            let next = self.numbers.count
            let number = self.numbers[key, default: next]
            if number == next { self.numbers[key] = next }
            numbers.append(number)
        }
        while start < bytes.count {
            guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
                add(bytes.count)
                break
            }
            let end = base.distance(to: UnsafeRawPointer(found))
            add(end)
            start = end + 1
        }
        return (ranges, numbers)
    }
}
