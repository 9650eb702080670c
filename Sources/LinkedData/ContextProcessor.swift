/// Context processing and IRI expansion (JSON-LD 1.1 API §4.1, §4.2, §5.2), restricted as the
/// module says: no `@import`, `@reverse`, `@nest`; remote contexts come from `PinnedContexts` only.
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
