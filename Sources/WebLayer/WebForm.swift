import Foundation
public import Hummingbird

/// The fields of a posted form (`application/x-www-form-urlencoded`), read within the body limit.
public struct WebForm: Sendable {
    public let fields: [String: String]

    public init(fields: [String: String]) { self.fields = fields }

    public subscript(_ name: String) -> String? { fields[name] }

    /// A field that must be present and, trimmed, not empty.
    public func required(_ name: String) throws -> String {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { throw WebError.badForm(name) }
        return value
    }

    /// Parses `a=1&b=2` (`+` is a space); a malformed escape or a repeated field is refused.
    public static func parse(_ text: String) throws -> WebForm {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw WebError.badForm(String(parts[0].prefix(40)))
            }
            guard fields[name] == nil else { throw WebError.badForm(name) }
            fields[name] = value
        }
        return WebForm(fields: fields)
    }

    /// The posted form of `request` (at most `limit` bytes), checked against `csrf` (the session's
    /// token): a missing or wrong token is `WebError.csrf` before anything else is read from it.
    public static func read(_ request: Request, limit: Int, csrf expected: String?) async throws -> WebForm {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { throw WebError.badForm("Content-Type") }
        let buffer = try await request.body.collect(upTo: limit)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { throw WebError.badForm("UTF-8") }
        let form = try parse(text)
        guard let expected, let given = form["csrf"], Tokens.same(given, expected) else { throw WebError.csrf }
        return form
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
