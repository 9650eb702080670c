/// JSON-LD 1.1 expansion (JSON-LD 1.1 API §5.1), restricted to what credentials use. Besides the
/// expanded form it records the terms that expanded to nothing: JSON-LD drops them silently, so a
/// signature over the RDF does not cover them (see `Expansion.droppedTerms`).
struct Expander {
    let processor: ContextProcessor
    /// Properties and types that mapped to no absolute IRI (dropped from the RDF), in document order.
    var droppedTerms: [String] = []

    mutating func expandDocument(_ document: JSONValue) throws(LinkedDataError) -> [JSONValue] {
        let result = try expand(ActiveContext(), activeProperty: nil, element: document, fromMap: false)
        if case .object(let object) = result, object.count == 1, let graph = object["@graph"] {
            return graph.asArray
        }
        return result.asArray
    }

    private func term(_ context: ActiveContext, _ property: String?) -> TermDefinition? {
        property.flatMap { context.terms[$0] }
    }

    mutating func expand(
        _ activeContext: ActiveContext, activeProperty: String?, element: JSONValue, fromMap: Bool
    ) throws(LinkedDataError) -> JSONValue {
        var context = activeContext
        let propertyScoped = term(context, activeProperty)?.localContext
        switch element {
        case .null:
            return .null
        case .array(let items):
            var result: [JSONValue] = []
            let isList = term(context, activeProperty)?.container.contains("@list") ?? false
            for item in items {
                var expanded = try expand(context, activeProperty: activeProperty, element: item, fromMap: fromMap)
                if isList, case .array = expanded { expanded = .object(JSONObject([("@list", expanded)])) }
                switch expanded {
                case .null: continue
                case .array(let inner): result.append(contentsOf: inner)
                default: result.append(expanded)
                }
            }
            return .array(result)
        case .object(let object):
            return try expandObject(&context, activeProperty: activeProperty, object: object, propertyScoped: propertyScoped, fromMap: fromMap)
        default:
            if activeProperty == nil || activeProperty == "@graph" { return .null }
            if let propertyScoped {
                context = try processor.process(context, local: propertyScoped, overrideProtected: true)
            }
            return try expandValue(context, activeProperty: activeProperty, value: element)
        }
    }

    /// Value expansion (§5.3.2): a scalar under a term, with the term's type or language.
    func expandValue(_ context: ActiveContext, activeProperty: String?, value: JSONValue) throws(LinkedDataError) -> JSONValue {
        let definition = term(context, activeProperty)
        if let type = definition?.typeMapping, case .string(let string) = value {
            if type == "@id" { return .object(JSONObject([("@id", context.expandIRI(string, vocab: false).map(JSONValue.string) ?? .null)])) }
            if type == "@vocab" { return .object(JSONObject([("@id", context.expandIRI(string, vocab: true).map(JSONValue.string) ?? .null)])) }
        }
        var result = JSONObject([("@value", value)])
        if let type = definition?.typeMapping, !["@id", "@vocab", "@none"].contains(type) {
            result["@type"] = .string(type)
        } else if case .string = value {
            let language = definition?.hasLanguage == true ? definition?.language : context.defaultLanguage
            if let language { result["@language"] = .string(language) }
        }
        return .object(result)
    }

    private mutating func expandObject(
        _ context: inout ActiveContext, activeProperty: String?, object: JSONObject, propertyScoped: JSONValue?, fromMap: Bool
    ) throws(LinkedDataError) -> JSONValue {
        // A new node object leaves the type-scoped context of its parent behind.
        if let previous = context.previous, !fromMap {
            let keys = object.keys.map { context.expandIRI($0, vocab: true) }
            let isValue = keys.contains("@value")
            let isReference = object.count == 1 && keys.first == "@id"
            if !isValue, !isReference { context = previous.context }
        }
        if let propertyScoped {
            context = try processor.process(context, local: propertyScoped, overrideProtected: true)
        }
        if let local = object["@context"] {
            context = try processor.process(context, local: local)
        }
        let typeScoped = context
        for key in object.keys.sorted() where context.expandIRI(key, vocab: true) == "@type" {
            let types = (object[key] ?? .null).asArray.compactMap(\.stringValue).sorted()
            for type in types {
                if let scoped = typeScoped.terms[type]?.localContext {
                    context = try processor.process(context, local: scoped, propagate: false)
                }
            }
        }

        var result: [String: JSONValue] = [:]
        func add(_ property: String, _ value: JSONValue) {
            var values = result[property]?.asArray ?? []
            values.append(contentsOf: value.asArray)
            result[property] = .array(values)
        }

        for key in object.keys.sorted() where key != "@context" {
            let value = object[key] ?? .null
            guard let property = context.expandIRI(key, vocab: true),
                  property.contains(":") || Keywords.isKeyword(property)
            else {
                droppedTerms.append(key)
                continue
            }
            if Keywords.isKeyword(property) {
                if activeProperty == "@reverse" { throw .unsupportedFeature("@reverse") }
                switch property {
                case "@id":
                    guard let id = value.stringValue else { throw .invalidDocument("invalid @id value") }
                    result["@id"] = context.expandIRI(id, vocab: false).map(JSONValue.string) ?? .null
                case "@type":
                    var types: [JSONValue] = []
                    for item in value.asArray {
                        guard let type = item.stringValue else { throw .invalidDocument("invalid type value") }
                        let expanded = typeScoped.expandIRI(type, vocab: true)
                        if let expanded, IRI.isAbsolute(expanded) || IRI.isBlankNode(expanded) {
                            types.append(.string(expanded))
                        } else {
                            droppedTerms.append(type)
                            types.append(.string(expanded ?? type))
                        }
                    }
                    if case .array = value { add("@type", .array(types)) } else if let only = types.first { result["@type"] = only }
                case "@graph":
                    let expanded = try expand(context, activeProperty: "@graph", element: value, fromMap: false)
                    add("@graph", .array(expanded.asArray))
                case "@value":
                    switch value {
                    case .array, .object: throw .invalidDocument("invalid value object value")
                    default: result["@value"] = value
                    }
                case "@language":
                    guard let language = value.stringValue else { throw .invalidDocument("invalid language-tagged string") }
                    result["@language"] = .string(language.lowercased())
                case "@direction":
                    guard let direction = value.stringValue, direction == "ltr" || direction == "rtl" else {
                        throw .invalidDocument("invalid base direction")
                    }
                    result["@direction"] = .string(direction)
                case "@index":
                    guard value.stringValue != nil else { throw .invalidDocument("invalid @index value") }
                    result["@index"] = value
                case "@list":
                    if activeProperty == nil || activeProperty == "@graph" { continue }
                    let expanded = try expand(context, activeProperty: activeProperty, element: value, fromMap: false)
                    result["@list"] = .array(expanded.asArray)
                case "@set":
                    result["@set"] = try expand(context, activeProperty: activeProperty, element: value, fromMap: false)
                default:
                    throw .unsupportedFeature(property)
                }
                continue
            }

            let definition = context.terms[key]
            let container = definition?.container ?? []
            var expanded: JSONValue
            if definition?.typeMapping == "@json" {
                expanded = .object(JSONObject([("@value", value), ("@type", "@json")]))
            } else if container.contains("@language"), case .object(let languages) = value {
                var items: [JSONValue] = []
                for language in languages.keys.sorted() {
                    for item in (languages[language] ?? .null).asArray {
                        guard case .string = item else { throw .invalidDocument("invalid language map value") }
                        var entry = JSONObject([("@value", item)])
                        let languageIRI = context.expandIRI(language, vocab: true)
                        if languageIRI != "@none" { entry["@language"] = .string(language.lowercased()) }
                        items.append(.object(entry))
                    }
                }
                expanded = .array(items)
            } else if !container.isDisjoint(with: ["@index", "@id", "@type"]), case .object = value {
                throw .unsupportedFeature("\(container.sorted().joined(separator: ",")) map (\(key))")
            } else {
                expanded = try expand(context, activeProperty: key, element: value, fromMap: false)
            }
            if expanded.isNull { continue }
            if container.contains("@list"), !isListObject(expanded) {
                expanded = .object(JSONObject([("@list", .array(expanded.asArray))]))
            }
            if container.contains("@graph") {
                expanded = .array(expanded.asArray.map { .object(JSONObject([("@graph", .array($0.asArray))])) })
            }
            add(property, expanded)
        }

        var output = JSONObject()
        for key in result.keys.sorted() { output[key] = result[key] }
        if output.contains("@value") {
            let allowed: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
            guard output.keys.allSatisfy(allowed.contains) else { throw .invalidDocument("invalid value object") }
            if output["@type"] != nil, output["@language"] != nil { throw .invalidDocument("invalid value object") }
            if output["@value"] == .null { return .null }
            if output["@language"] != nil, output["@value"]?.stringValue == nil { throw .invalidDocument("invalid language-tagged value") }
            if let type = output["@type"], type != "@json", !(type.stringValue.map(IRI.isAbsolute) ?? false) {
                throw .invalidDocument("invalid typed value")
            }
        } else if let type = output["@type"], case .string = type {
            output["@type"] = .array([type])
        } else if output.contains("@set") || output.contains("@list") {
            guard output.count <= 2, output.count == 1 || output.contains("@index") else { throw .invalidDocument("invalid set or list object") }
            if let set = output["@set"] { return set }
        }
        if output.count == 1, output.contains("@language") { return .null }
        if activeProperty == nil || activeProperty == "@graph" {
            if output.isEmpty || output.contains("@value") || output.contains("@list") { return .null }
            if output.count == 1, output.contains("@id") { return .null }
        }
        return .object(output)
    }

    private func isListObject(_ value: JSONValue) -> Bool {
        if case .object(let object) = value { return object.contains("@list") }
        return false
    }
}
