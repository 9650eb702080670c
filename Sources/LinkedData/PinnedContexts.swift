/// The JSON-LD contexts this project knows, copied unmodified from `shared/ob3` (see its README for
/// their provenance) and compiled into the module. A context URL not listed here is an error: nothing
/// is ever fetched from the network, so a credential's meaning cannot change behind our back.
public enum PinnedContexts {
    public static let credentialsV2 = "https://www.w3.org/ns/credentials/v2"
    public static let openBadges303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    public static let openBadgesExtensions = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
    public static let statusListV1 = "https://www.w3.org/ns/credentials/status/v1"

    /// URL → the context document's bytes.
    static let sources: [String: [UInt8]] = [
        credentialsV2: PackageResources.credentials_v2_jsonld,
        openBadges303: PackageResources.context_3_0_3_json,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": PackageResources.context_3_0_2_json,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": PackageResources.context_3_0_1_json,
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json": PackageResources.context_json,
        openBadgesExtensions: PackageResources.ob_v3p0_extensions_json,
        statusListV1: PackageResources.bitstring_status_list_v1_jsonld,
    ]

    /// The URLs accepted in `@context`.
    public static var urls: [String] { sources.keys.sorted() }

    private static let parsed: [String: JSONValue] = {
        var result: [String: JSONValue] = [:]
        for (url, bytes) in sources {
            // The files are part of the build; a parse failure would be a build defect caught by the tests.
            if let value = try? JSONValue.parse(bytes) { result[url] = value }
        }
        return result
    }()

    /// The `@context` value of the pinned document at `url` (fragment ignored).
    static func context(for url: String, extra: [String: JSONValue]) throws(LinkedDataError) -> JSONValue {
        let key = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? url
        guard let document = extra[key] ?? parsed[key], let context = document["@context"] else {
            throw .unknownContext(url)
        }
        return context
    }
}
