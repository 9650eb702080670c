/// Context processing and IRI expansion (JSON-LD 1.1 API §4.1, §4.2, §5.2), restricted as the
/// module says: no `@import`, `@reverse`, `@nest`; remote contexts come from `PinnedContexts` only.
internal import Foundation

/// Processed pinned contexts, by URL list (from an empty active context).
final class ContextCache: @unchecked Sendable {
    static let shared = ContextCache()
    private let lock = NSLock()
    private var entries: [[String]: ActiveContext] = [:]

    func get(_ key: [String]) -> ActiveContext? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func set(_ key: [String], _ value: ActiveContext) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count < 64 { entries[key] = value }
    }
}

struct ContextProcessor {
    /// Contexts given by the caller in addition to the pinned ones (URL → context document).
    let extraContexts: [String: JSONValue]
    static let maximumRemoteContexts = 32

    func process(
        _ active: ActiveContext, local: JSONValue, remoteContexts: [String] = [],
        overrideProtected: Bool = false, propagate initialPropagate: Bool = true
    ) throws(LinkedDataError) -> ActiveContext {
        // Documents start with the same pinned context URLs: their processing from an empty context is
        // done once per process (extra contexts, given by tests, bypass the cache).
        let cacheKey = extraContexts.isEmpty && !overrideProtected && initialPropagate && active.isEmpty
            ? local.asArray.compactMap(\.stringValue) : []
        let cacheable = !cacheKey.isEmpty && cacheKey.count == local.asArray.count
        if cacheable, let cached = ContextCache.shared.get(cacheKey) { return cached }
        let result = try processUncached(active, local: local, remoteContexts: remoteContexts, overrideProtected: overrideProtected, propagate: initialPropagate)
        if cacheable { ContextCache.shared.set(cacheKey, result) }
        return result
    }

    private func processUncached(
        _ active: ActiveContext, local: JSONValue, remoteContexts: [String],
        overrideProtected: Bool, propagate initialPropagate: Bool
    ) throws(LinkedDataError) -> ActiveContext {
        var result = active
        var propagate = initialPropagate
        if case .object(let object) = local, let value = object["@propagate"] {
            guard let flag = value.boolValue else { throw .invalidDocument("@propagate") }
            propagate = flag
        }
        if !propagate, result.previous == nil { result.previous = PreviousContext(active) }

        for context in local.asArray.isEmpty && local.isNull ? [JSONValue.null] : local.asArray {
            switch context {
            case .null:
                if !overrideProtected, result.hasProtectedTerms { throw .invalidDocument("invalid context nullification") }
                let before = result
                result = ActiveContext()
                if !propagate { result.previous = PreviousContext(before) }
            case .string(let url):
                guard !remoteContexts.contains(url) else { throw .invalidDocument("recursive context inclusion \(url)") }
                guard remoteContexts.count < Self.maximumRemoteContexts else { throw .invalidDocument("context overflow") }
                let loaded = try PinnedContexts.context(for: url, extra: extraContexts)
                result = try process(result, local: loaded, remoteContexts: remoteContexts + [url])
            case .object(let definition):
                result = try processDefinition(result, definition, remoteContexts: remoteContexts, overrideProtected: overrideProtected)
            default:
                throw .invalidDocument("invalid local context")
            }
        }
        return result
    }

    private func processDefinition(
        _ active: ActiveContext, _ context: JSONObject, remoteContexts: [String], overrideProtected: Bool
    ) throws(LinkedDataError) -> ActiveContext {
        var result = active
        if let version = context["@version"] {
            guard version == .double(1.1) else { throw .invalidDocument("@version") }
        }
        if context.contains("@import") { throw .unsupportedFeature("@import") }
        if let base = context["@base"], !base.isNull { throw .unsupportedFeature("@base \(base.stringValue ?? "")") }
        if let vocab = context["@vocab"] {
            switch vocab {
            case .null: result.vocab = nil
            case .string(let value):
                guard IRI.isAbsolute(value) || IRI.isBlankNode(value) else { throw .invalidDocument("@vocab \(value)") }
                result.vocab = value
            default: throw .invalidDocument("@vocab")
            }
        }
        if let language = context["@language"] {
            switch language {
            case .null: result.defaultLanguage = nil
            case .string(let value): result.defaultLanguage = value.lowercased()
            default: throw .invalidDocument("@language")
            }
        }
        var defaultProtected = false
        if let value = context["@protected"] {
            guard let flag = value.boolValue else { throw .invalidDocument("@protected") }
            defaultProtected = flag
        }
        var builder = TermBuilder(
            active: result, local: context, defaultProtected: defaultProtected, overrideProtected: overrideProtected)
        let reserved: Set<String> = ["@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab"]
        for key in context.keys where !reserved.contains(key) {
            try builder.define(key)
        }
        return builder.active
    }
}

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
