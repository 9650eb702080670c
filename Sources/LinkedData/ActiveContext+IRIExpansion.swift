extension ActiveContext {
    /// IRI expansion with a finished context (JSON-LD 1.1 API §5.2.2). The document has no base IRI:
    /// a relative reference stays relative and is dropped when RDF is produced.
    func expandIRI(_ value: String, vocab: Bool) -> String? {
        if Keywords.isKeyword(value) { return value }
        if Keywords.hasKeywordForm(value) { return nil }
        if let definition = terms[value], let iri = definition.iri, Keywords.isKeyword(iri) { return iri }
        if vocab, let definition = terms[value] { return definition.iri }
        if let colon = value.dropFirst().firstIndex(of: ":") {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if let definition = terms[prefix], let iri = definition.iri, definition.isPrefix { return iri + suffix }
            if IRI.isAbsolute(value) { return value }
        }
        if vocab, let base = vocab ? self.vocab : nil { return base + value }
        return value
    }
}
