/// JSON Canonicalization Scheme (RFC 8785) for `@json` literals: members sorted by UTF-16 code units,
/// no whitespace. Numbers use the shortest form Swift prints, which matches ECMAScript for integers
/// and ordinary decimals.
enum JCS {
    static func canonical(_ value: JSONValue) -> String {
        switch value {
        case .object(let object):
            let keys = object.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            return "{" + keys.map { key in
                var out = ""
                JSONValue.writeString(key, to: &out)
                return out + ":" + canonical(object[key] ?? .null)
            }.joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(canonical).joined(separator: ",") + "]"
        default:
            return value.serialized()
        }
    }
}
