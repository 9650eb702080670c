/// An RDF term of a quad.
public enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(String, datatype: String, language: String?)

    public static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    public static let xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"
    public static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
    public static let xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
    public static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    public static let rdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
    public static let rdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
    public static let rdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
    public static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    public static let rdfJSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"

    var blankLabel: String? {
        if case .blank(let label) = self { return label }
        return nil
    }
}

/// A quad: a triple and the graph it belongs to (nil: the default graph).
public struct Quad: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}
