/// A catalogue version, `2026.1`, `2027.2`: numbers separated by dots, compared number by number
/// (`2026.10` is newer than `2026.9`).
public struct CatalogueVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let components: [Int]

    /// Nil unless `text` is 1 to 4 numbers of at most 6 digits separated by dots.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var components: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 6, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else { return nil }
            components.append(number)
        }
        self.components = components
    }

    public var description: String { components.map(String.init).joined(separator: ".") }

    public static func < (a: CatalogueVersion, b: CatalogueVersion) -> Bool {
        for index in 0..<max(a.components.count, b.components.count) {
            let (x, y) = (index < a.components.count ? a.components[index] : 0, index < b.components.count ? b.components[index] : 0)
            if x != y { return x < y }
        }
        return false
    }

    public static func == (a: CatalogueVersion, b: CatalogueVersion) -> Bool { !(a < b) && !(b < a) }

    public func hash(into hasher: inout Hasher) {
        var trimmed = components
        while trimmed.count > 1, trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = CatalogueVersion(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a catalogue version: \(text)"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
