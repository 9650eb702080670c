extension StatusList {
    /// A random index not in `used` (the specification recommends random assignment, so that an
    /// index says nothing about the order of awards); nil when the list is full.
    public static func randomFreeIndex(excluding used: Set<Int>, length: Int = StatusList.minimumLength) -> Int? {
        guard used.count < length else { return nil }
        for _ in 0..<64 {
            let candidate = Int.random(in: 0..<length)
            if !used.contains(candidate) { return candidate }
        }
        return (0..<length).first { !used.contains($0) }
    }
}
