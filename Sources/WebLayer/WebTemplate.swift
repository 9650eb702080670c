internal import Mustache

/// A Mustache template compiled from text embedded in the binary. `{{x}}` escapes HTML; the
/// layout's `{{{content}}}` is the only unescaped slot, and it holds a page rendered by a template.
public struct WebTemplate: Sendable {
    public let name: String
    private let compiled: Result<MustacheTemplate, TemplateError>

    public struct TemplateError: Error, Equatable { public let name: String }

    public init(_ name: String, _ source: String) {
        self.name = name
        do {
            compiled = .success(try MustacheTemplate(string: source))
        } catch {
            compiled = .failure(TemplateError(name: name))
        }
    }

    /// The template rendered with `model` (dictionaries, arrays, strings, numbers, booleans).
    public func render(_ model: [String: Any]) throws -> String {
        try compiled.get().render(model)
    }

    /// Throws when the template text does not parse (a test renders every template).
    public func check() throws { _ = try compiled.get() }
}
