/// Why a JSON-LD document could not be turned into canonical RDF. The module has no dependency on the
/// rest of the project, so it carries both texts itself (`text(french:)`); callers pick the language.
public enum LinkedDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not JSON.
    case invalidJSON(reason: String, offset: Int)
    /// An `@context` URL that is not one of the pinned local contexts: never fetched.
    case unknownContext(String)
    /// A context or document that breaks a JSON-LD rule (the keyword or term is named).
    case invalidDocument(String)
    /// A redefinition of a protected term (`@protected`), e.g. a context trying to change `id`.
    case protectedTermRedefinition(String)
    /// A JSON-LD feature outside what Open Badges credentials need (`@reverse`, `@nest`, index maps…).
    case unsupportedFeature(String)
    /// Canonicalization gave up on a graph built to make it work exponentially (RDFC-1.0 "poison graph").
    case tooComplex

    public var description: String { text(french: false) }

    public func text(french: Bool) -> String {
        switch self {
        case .invalidJSON(let reason, let offset):
            return french ? "JSON invalide (octet \(offset)) : \(reason)" : "invalid JSON (byte \(offset)): \(reason)"
        case .unknownContext(let url):
            return french
                ? "contexte JSON-LD inconnu « \(url) » : seuls les contextes épinglés localement sont acceptés"
                : "unknown JSON-LD context \"\(url)\": only the locally pinned contexts are accepted"
        case .invalidDocument(let what):
            return french ? "document JSON-LD invalide : \(what)" : "invalid JSON-LD document: \(what)"
        case .protectedTermRedefinition(let term):
            return french
                ? "redéfinition du terme protégé « \(term) » refusée"
                : "redefinition of the protected term \"\(term)\" refused"
        case .unsupportedFeature(let feature):
            return french
                ? "fonction JSON-LD non prise en charge : \(feature)"
                : "unsupported JSON-LD feature: \(feature)"
        case .tooComplex:
            return french
                ? "graphe trop complexe à canoniser (nœuds anonymes en trop grand nombre)"
                : "graph too complex to canonicalize (too many interlinked blank nodes)"
        }
    }
}
