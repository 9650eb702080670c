internal import Foundation

/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1–8.4) from the expanded form: node objects give
/// their triples, graph objects (`proof` under `@container: @graph`) a named graph with a blank name,
/// lists rdf:first/rdf:rest chains. Triples with a relative IRI are dropped, as the algorithm says.
struct RDFBuilder {
    private(set) var quads: [Quad] = []
    private var seen: Set<Quad> = []
    private var labels: [String: String] = [:]
    private var counter = 0

    mutating func build(_ expanded: [JSONValue]) throws(LinkedDataError) {
        for element in expanded {
            guard case .object(let object) = element else { continue }
            if object.contains("@value") || object.contains("@list") { continue }
            _ = try node(object, graph: nil)
        }
    }

    private mutating func fresh() -> RDFTerm {
        defer { counter += 1 }
        return .blank("b\(counter)")
    }

    private mutating func blank(_ label: String) -> RDFTerm {
        if let known = labels[label] { return .blank(known) }
        guard case .blank(let name) = fresh() else { return .blank(label) }
        labels[label] = name
        return .blank(name)
    }

    private mutating func resource(_ id: String) -> RDFTerm? {
        if IRI.isBlankNode(id) { return blank(id) }
        return IRI.isAbsolute(id) ? .iri(id) : nil
    }

    private mutating func emit(_ subject: RDFTerm?, _ predicate: RDFTerm?, _ object: RDFTerm?, _ graph: RDFTerm?) {
        guard let subject, let predicate, let object else { return }
        if case .blank = predicate { return }
        let quad = Quad(subject, predicate, object, graph: graph)
        if seen.insert(quad).inserted { quads.append(quad) }
    }

    /// Emits a node object's triples into `graph` and returns the term naming it (nil if its @id is relative).
    private mutating func node(_ object: JSONObject, graph: RDFTerm?) throws(LinkedDataError) -> RDFTerm? {
        let subject: RDFTerm?
        if let id = object["@id"]?.stringValue { subject = resource(id) } else { subject = fresh() }
        for type in (object["@type"] ?? .null).asArray {
            guard let type = type.stringValue else { continue }
            emit(subject, .iri(RDFTerm.rdfType), resource(type), graph)
        }
        if let contents = object["@graph"] {
            // The node names a graph: its contents live there (a relative name drops them).
            if let subject {
                for item in contents.asArray {
                    guard case .object(let inner) = item, !inner.contains("@value"), !inner.contains("@list") else { continue }
                    _ = try node(inner, graph: subject)
                }
            }
        }
        if object.contains("@included") { throw .unsupportedFeature("@included") }
        for (property, values) in object where !Keywords.isKeyword(property) {
            let predicate = resource(property)
            for value in values.asArray {
                let term = try self.object(value, graph: graph)
                emit(subject, predicate, term, graph)
            }
        }
        return subject
    }

    private mutating func object(_ value: JSONValue, graph: RDFTerm?) throws(LinkedDataError) -> RDFTerm? {
        guard case .object(let item) = value else { return nil }
        if item.contains("@value") { return literal(item) }
        if let list = item["@list"] { return try self.list(list.asArray, graph: graph) }
        return try node(item, graph: graph)
    }

    private mutating func list(_ items: [JSONValue], graph: RDFTerm?) throws(LinkedDataError) -> RDFTerm? {
        guard !items.isEmpty else { return .iri(RDFTerm.rdfNil) }
        let heads = items.map { _ in fresh() }
        for (index, item) in items.enumerated() {
            emit(heads[index], .iri(RDFTerm.rdfFirst), try object(item, graph: graph), graph)
            emit(heads[index], .iri(RDFTerm.rdfRest), index + 1 < heads.count ? heads[index + 1] : .iri(RDFTerm.rdfNil), graph)
        }
        return heads[0]
    }

    private func literal(_ item: JSONObject) -> RDFTerm? {
        let value = item["@value"] ?? .null
        var datatype = item["@type"]?.stringValue
        if datatype == "@json" {
            return .literal(JCS.canonical(value), datatype: RDFTerm.rdfJSON, language: nil)
        }
        if let type = datatype, !IRI.isAbsolute(type) { return nil }
        let lexical: String
        switch value {
        case .bool(let flag):
            lexical = flag ? "true" : "false"
            datatype = datatype ?? RDFTerm.xsdBoolean
        case .int(let number) where datatype != RDFTerm.xsdDouble:
            lexical = String(number)
            datatype = datatype ?? RDFTerm.xsdInteger
        case .double(let number) where number.rounded() == number && abs(number) < 1e21 && datatype != RDFTerm.xsdDouble:
            lexical = String(Int(number))
            datatype = datatype ?? RDFTerm.xsdInteger
        case .int(let number):
            lexical = Self.canonicalDouble(Double(number))
            datatype = datatype ?? RDFTerm.xsdDouble
        case .double(let number):
            lexical = Self.canonicalDouble(number)
            datatype = datatype ?? RDFTerm.xsdDouble
        case .string(let text):
            lexical = text
            if let language = item["@language"]?.stringValue {
                return .literal(text, datatype: RDFTerm.rdfLangString, language: language)
            }
        default:
            return nil
        }
        return .literal(lexical, datatype: datatype ?? RDFTerm.xsdString, language: nil)
    }

    /// The XSD canonical form of a double as JSON-LD writes it (`%1.15E`, trailing zeros trimmed):
    /// `1.1E0`, `4.2E1`, `-1.0E-5`.
    static func canonicalDouble(_ value: Double) -> String {
        let formatted = String(format: "%.15E", value)  // e.g. 4.200000000000000E+01
        guard let marker = formatted.firstIndex(of: "E") else { return formatted }
        var mantissa = String(formatted[..<marker])
        while mantissa.hasSuffix("0"), !mantissa.hasSuffix(".0") { mantissa.removeLast() }
        let exponent = Int(formatted[formatted.index(after: marker)...]) ?? 0
        return mantissa + "E" + String(exponent)
    }
}
