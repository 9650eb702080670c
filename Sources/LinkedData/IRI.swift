/// IRI checks JSON-LD needs before emitting RDF.
enum IRI {
    /// A scheme then `:` and no whitespace (the test JSON-LD processors apply before emitting RDF).
    static func isAbsolute(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else { return false }
        let scheme = value[..<colon].unicodeScalars
        guard let first = scheme.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        let schemeOK = scheme.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
        }
        return schemeOK && !value.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    static func isBlankNode(_ value: String) -> Bool { value.hasPrefix("_:") }
}
