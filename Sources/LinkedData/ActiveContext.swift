/// JSON-LD 1.1 active context (https://www.w3.org/TR/json-ld11-api/#context-processing-algorithms),
/// with what Open Badges contexts use: protected terms, type- and property-scoped contexts,
/// `@vocab`, default language, containers `@set`, `@list`, `@graph`, `@language`, type `@json`.
struct ActiveContext: Sendable {
    var terms: [String: TermDefinition] = [:]
    var vocab: String?
    var defaultLanguage: String?
    /// The context to return to when entering a new node object (type-scoped contexts do not propagate).
    var previous: PreviousContext?

    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }

    var isEmpty: Bool { terms.isEmpty && vocab == nil && defaultLanguage == nil && previous == nil }
}

final class PreviousContext: Sendable {
    let context: ActiveContext
    init(_ context: ActiveContext) { self.context = context }
}

struct TermDefinition: Sendable, Equatable {
    /// nil: the term is mapped to null (its values are dropped).
    var iri: String?
    var typeMapping: String?
    var container: Set<String> = []
    var hasLanguage = false
    var language: String?
    /// A scoped context (`.null` is a real value: it resets the context).
    var localContext: JSONValue?
    var isPrefix = false
    var isProtected = false

    /// Equality of two definitions except for `@protected`, as the protected-term check wants.
    func sameAs(_ other: TermDefinition) -> Bool {
        var lhs = self, rhs = other
        lhs.isProtected = false
        rhs.isProtected = false
        return lhs == rhs
    }
}
