/// Creates the term definitions of one local context (Create Term Definition, JSON-LD 1.1 API §4.2.2).
struct TermBuilder {
    var active: ActiveContext
    let local: JSONObject
    let defaultProtected: Bool
    let overrideProtected: Bool
    var defined: [String: Bool] = [:]

    init(active: ActiveContext, local: JSONObject, defaultProtected: Bool, overrideProtected: Bool) {
        self.active = active
        self.local = local
        self.defaultProtected = defaultProtected
        self.overrideProtected = overrideProtected
    }

    mutating func define(_ term: String) throws(LinkedDataError) {
        if let state = defined[term] {
            if state { return }
            throw .invalidDocument("cyclic IRI mapping \(term)")
        }
        guard !term.isEmpty else { throw .invalidDocument("empty term") }
        defined[term] = false
        let value = local[term] ?? .null
        if term == "@type" {
            guard case .object(let object) = value,
                  object.keys.allSatisfy({ $0 == "@container" || $0 == "@protected" }),
                  object["@container"] == nil || object["@container"] == .string("@set")
            else { throw .invalidDocument("keyword redefinition @type") }
        } else if Keywords.isKeyword(term) {
            throw .invalidDocument("keyword redefinition \(term)")
        } else if Keywords.hasKeywordForm(term) {
            defined[term] = true
            return
        }
        let previous = active.terms.removeValue(forKey: term)
        let object: JSONObject
        var simpleTerm = false
        switch value {
        case .null: object = JSONObject([("@id", .null)])
        case .string(let id): object = JSONObject([("@id", .string(id))]); simpleTerm = true
        case .object(let map): object = map
        default: throw .invalidDocument("invalid term definition \(term)")
        }
        var definition = TermDefinition()
        definition.isProtected = defaultProtected
        if let flag = object["@protected"] {
            guard let value = flag.boolValue else { throw .invalidDocument("@protected in \(term)") }
            definition.isProtected = value
        }
        if let type = object["@type"] {
            guard let typeString = type.stringValue else { throw .invalidDocument("invalid type mapping in \(term)") }
            let expanded = try expand(typeString, vocab: true)
            guard let expanded, ["@id", "@json", "@none", "@vocab"].contains(expanded) || IRI.isAbsolute(expanded) else {
                throw .invalidDocument("invalid type mapping \(typeString) in \(term)")
            }
            definition.typeMapping = expanded
        }
        if object.contains("@reverse") { throw .unsupportedFeature("@reverse (\(term))") }
        if let id = object["@id"], id != .string(term) {
            switch id {
            case .null:
                definition.iri = nil
            case .string(let idString):
                if !Keywords.isKeyword(idString), Keywords.hasKeywordForm(idString) {
                    defined[term] = true
                    if let previous { active.terms[term] = previous }
                    return
                }
                guard let iri = try expand(idString, vocab: true),
                      Keywords.isKeyword(iri) || IRI.isAbsolute(iri) || IRI.isBlankNode(iri)
                else { throw .invalidDocument("invalid IRI mapping \(term)") }
                if iri == "@context" { throw .invalidDocument("invalid keyword alias \(term)") }
                definition.iri = iri
                let inner = term.dropFirst().dropLast()
                if inner.contains(":") || term.contains("/") {
                    defined[term] = true
                    guard try expand(term, vocab: true) == iri else { throw .invalidDocument("invalid IRI mapping \(term)") }
                }
                if !term.contains(":"), !term.contains("/"), simpleTerm,
                   let last = iri.last, ":/?#[]@".contains(last) || IRI.isBlankNode(iri) {
                    definition.isPrefix = true
                }
            default:
                throw .invalidDocument("invalid IRI mapping \(term)")
            }
        } else if let colon = term.dropFirst().firstIndex(of: ":") {
            let prefix = String(term[..<colon])
            let suffix = String(term[term.index(after: colon)...])
            if local.contains(prefix) { try define(prefix) }
            if let prefixIRI = active.terms[prefix]?.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if term.contains("/") {
            guard let iri = try expand(term, vocab: true), IRI.isAbsolute(iri) else {
                throw .invalidDocument("invalid IRI mapping \(term)")
            }
            definition.iri = iri
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocab = active.vocab {
            definition.iri = vocab + term
        } else {
            throw .invalidDocument("invalid IRI mapping \(term)")
        }
        if let container = object["@container"] {
            let allowed: Set<String> = ["@graph", "@id", "@index", "@language", "@list", "@set", "@type"]
            var values: Set<String> = []
            for item in container.asArray {
                guard let name = item.stringValue, allowed.contains(name) else {
                    throw .invalidDocument("invalid container mapping in \(term)")
                }
                values.insert(name)
            }
            definition.container = values
        }
        if object.contains("@index") { throw .unsupportedFeature("@index mapping (\(term))") }
        if let context = object["@context"] { definition.localContext = context }
        if let language = object["@language"], object["@type"] == nil {
            switch language {
            case .null: definition.language = nil
            case .string(let tag): definition.language = tag.lowercased()
            default: throw .invalidDocument("invalid language mapping in \(term)")
            }
            definition.hasLanguage = true
        }
        if object.contains("@nest") { throw .unsupportedFeature("@nest (\(term))") }
        if let prefix = object["@prefix"] {
            guard let flag = prefix.boolValue, !term.contains(":"), !term.contains("/") else {
                throw .invalidDocument("invalid @prefix in \(term)")
            }
            definition.isPrefix = flag
        }
        let known: Set<String> = ["@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix", "@protected", "@type"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw .invalidDocument("invalid term definition \(term): \(unknown)")
        }
        if !overrideProtected, let previous, previous.isProtected {
            guard definition.sameAs(previous) else { throw .protectedTermRedefinition(term) }
            definition = previous
        }
        active.terms[term] = definition
        defined[term] = true
    }

    /// IRI expansion while a local context is being defined (may define the terms it depends on).
    mutating func expand(_ value: String, vocab: Bool) throws(LinkedDataError) -> String? {
        if Keywords.isKeyword(value) { return value }
        if Keywords.hasKeywordForm(value) { return nil }
        if local.contains(value), defined[value] != true { try define(value) }
        if let definition = active.terms[value], let iri = definition.iri, Keywords.isKeyword(iri) { return iri }
        if vocab, let definition = active.terms[value] { return definition.iri }
        if let colon = value.dropFirst().firstIndex(of: ":") {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if local.contains(prefix), defined[prefix] != true { try define(prefix) }
            if let definition = active.terms[prefix], let iri = definition.iri, definition.isPrefix { return iri + suffix }
            if IRI.isAbsolute(value) { return value }
        }
        if vocab, let base = active.vocab { return base + value }
        return value
    }
}
