/// JSON-LD 1.1 keywords.
enum Keywords {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id",
        "@import", "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault",
        "@prefix", "@preserve", "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type",
        "@value", "@version", "@vocab",
    ]

    static func isKeyword(_ value: String) -> Bool { all.contains(value) }

    /// `@` followed by ASCII letters only: reserved for future keywords, ignored.
    static func hasKeywordForm(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count > 1, scalars[0] == "@" else { return false }
        return scalars.dropFirst().allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    }
}
