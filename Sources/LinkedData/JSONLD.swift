/// The module's entry point: JSON-LD document → expanded form → RDF quads → canonical N-Quads.
///
///     let nquads = try JSONLD().canonicalNQuads(of: credential)
///
/// Contexts come from `PinnedContexts` plus `extraContexts` (for tests, e.g. the W3C examples
/// context); any other `@context` URL is `LinkedDataError.unknownContext`.
public struct JSONLD: Sendable {
    public var extraContexts: [String: JSONValue]

    public init(extraContexts: [String: JSONValue] = [:]) {
        self.extraContexts = extraContexts
    }

    /// The expanded form and the terms JSON-LD dropped because no context defines them.
    public struct Expansion: Sendable {
        public let expanded: [JSONValue]
        /// Keys and types that map to no absolute IRI: not part of the RDF, hence not signed by a
        /// Data Integrity proof. A verifier must refuse a credential that has any.
        public let droppedTerms: [String]
    }

    public func expand(_ document: JSONValue) throws(LinkedDataError) -> Expansion {
        var expander = Expander(processor: ContextProcessor(extraContexts: extraContexts))
        let expanded = try expander.expandDocument(document)
        var seen: Set<String> = []
        let dropped = expander.droppedTerms.filter { seen.insert($0).inserted }
        return Expansion(expanded: expanded, droppedTerms: dropped)
    }

    public func quads(_ document: JSONValue) throws(LinkedDataError) -> [Quad] {
        var builder = RDFBuilder()
        try builder.build(try expand(document).expanded)
        return builder.quads
    }

    /// RDFC-1.0 canonical N-Quads of the document's RDF dataset.
    public func canonicalNQuads(of document: JSONValue) throws(LinkedDataError) -> String {
        try Canonicalizer().canonicalize(try quads(document))
    }
}
