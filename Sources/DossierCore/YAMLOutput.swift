internal import Yams

/// The one YAML style the tool writes: block style, unicode kept, long lines not folded. Every
/// node carries an explicit tag, so the emitter never runs Yams' regular-expression tag resolution
/// (a large claim is written in a few milliseconds).
enum YAMLOutput {
    /// Tags made once: each `Tag(...)` builds Yams' default constructor anew. `Tag` is a class that
    /// mutates only when its name is implicit; these are explicit, so sharing them is safe.
    nonisolated(unsafe) private static let stringTag = Tag(.str), intTag = Tag(.int), mapTag = Tag(.map)

    static func serialize(_ node: Node) throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    }

    /// A text scalar that reads back as the same text in any YAML reader: quoted when it could be
    /// taken for something else (`~`, `true`, `no`, `12`, `2025-06-01`…). A cheap test, no regex.
    static func text(_ string: String) -> Node {
        guard let first = string.unicodeScalars.first else { return quoted(string) }
        let ambiguous = specialWords.contains(string.lowercased()) || ("0"..."9").contains(first)
            || "+-.".unicodeScalars.contains(first)
        return ambiguous ? quoted(string) : Node(string, stringTag, .any)
    }

    /// A multi-line text written as a literal block (`|`).
    static func block(_ string: String) -> Node { Node(string, stringTag, .literal) }

    /// A text scalar always written in double quotes (ids such as UAI, hashes, versions).
    static func quoted(_ string: String) -> Node { Node(string, stringTag, .doubleQuoted) }

    static func number(_ value: Int) -> Node { Node(String(value), intTag, .plain) }

    /// A mapping in the given key order.
    static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (Node($0.0, stringTag, .plain), $0.1) }, mapTag)
    }

    private static let specialWords: Set<String> = ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"]
}
