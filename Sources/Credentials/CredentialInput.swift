internal import Foundation
public import LinkedData

/// What a file or a download holds: a JSON credential (embedded proof) or a compact JWS, possibly
/// baked in a PNG or an SVG.
public enum CredentialInput: Sendable {
    case json(JSONValue)
    case jwt(String)

    public static func read(_ bytes: [UInt8]) throws(CredentialError) -> CredentialInput {
        if bytes.starts(with: Baking.pngSignature) { return try read(text: Baking.extractPNG(bytes)) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable("not UTF-8") }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("<"), text.prefix(4096).contains("<svg") { return try read(text: Baking.extractSVG(text)) }
        return try read(text: text)
    }

    public static func read(text: String) throws(CredentialError) -> CredentialInput {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            do { return .json(try JSONValue.parse(trimmed)) } catch { throw .linkedData(error) }
        }
        guard trimmed.split(separator: ".", omittingEmptySubsequences: false).count == 3 else {
            throw .unreadable("neither JSON nor a compact JWS")
        }
        return .jwt(trimmed)
    }
}
