internal import Foundation

/// Baking a credential into a badge image, as Open Badges 3.0 says: PNG — one `iTXt` chunk with the
/// keyword `openbadgecredential`, uncompressed, holding the compact JWS or the JSON; SVG — the root
/// `<svg>` declares `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` and its first child is one
/// `<openbadges:credential>`, with the JWS in `verify="…"` or the JSON in a CDATA section.
public enum Baking {
    public static let pngKeyword = "openbadgecredential"
    public static let svgNamespace = "https://purl.imsglobal.org/ob/v3p0"
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    struct Chunk {
        var type: [UInt8]
        var data: [UInt8]
    }

    static func chunks(_ png: [UInt8]) throws(CredentialError) -> [Chunk] {
        guard png.starts(with: pngSignature) else { throw .baking("not a PNG file") }
        var result: [Chunk] = []
        var offset = 8
        while offset < png.count {
            guard png.count - offset >= 12 else { throw .baking("truncated PNG chunk") }
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length <= png.count - offset - 12 else { throw .baking("truncated PNG chunk") }
            let type = Array(png[offset + 4..<offset + 8])
            let data = Array(png[offset + 8..<offset + 8 + length])
            let crc = png[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.checksum(type + data) == crc else { throw .baking("PNG chunk checksum mismatch") }
            result.append(Chunk(type: type, data: data))
            offset += 12 + length
            if type == Array("IEND".utf8) { break }
        }
        guard result.first?.type == Array("IHDR".utf8), result.last?.type == Array("IEND".utf8) else {
            throw .baking("PNG without IHDR or IEND")
        }
        return result
    }

    private static func isCredentialChunk(_ chunk: Chunk) -> Bool {
        chunk.type == Array("iTXt".utf8) && chunk.data.starts(with: Array(pngKeyword.utf8) + [0])
    }

    /// The PNG with `credential` baked in (a credential already baked is replaced, never duplicated).
    public static func bakePNG(_ png: [UInt8], credential: String) throws(CredentialError) -> [UInt8] {
        var list = try chunks(png).filter { !isCredentialChunk($0) }
        // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
        let data = Array(pngKeyword.utf8) + [0, 0, 0, 0, 0] + Array(credential.utf8)
        list.insert(Chunk(type: Array("iTXt".utf8), data: data), at: 1)
        var out = pngSignature
        for chunk in list {
            let length = UInt32(chunk.data.count)
            out += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            out += chunk.type + chunk.data
            let crc = CRC32.checksum(chunk.type + chunk.data)
            out += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        }
        return out
    }

    /// The credential text baked into a PNG.
    public static func extractPNG(_ png: [UInt8]) throws(CredentialError) -> String {
        let found = try chunks(png).filter(isCredentialChunk)
        guard found.count == 1, let chunk = found.first else {
            throw .baking(found.isEmpty ? "no openbadgecredential chunk" : "several openbadgecredential chunks")
        }
        var rest = chunk.data.dropFirst(pngKeyword.utf8.count + 1)
        guard rest.count >= 2 else { throw .baking("truncated iTXt chunk") }
        let compressed = rest[rest.startIndex] != 0
        rest = rest.dropFirst(2)
        guard !compressed else { throw .baking("compressed iTXt chunk") }
        guard let languageEnd = rest.firstIndex(of: 0) else { throw .baking("truncated iTXt chunk") }
        rest = rest[(languageEnd + 1)...]
        guard let keywordEnd = rest.firstIndex(of: 0) else { throw .baking("truncated iTXt chunk") }
        guard let text = String(validating: rest[(keywordEnd + 1)...], as: UTF8.self) else { throw .baking("iTXt text is not UTF-8") }
        return text
    }

    /// The SVG with `credential` baked in: a JWS goes in `verify`, JSON in CDATA.
    public static func bakeSVG(_ svg: String, credential: String) throws(CredentialError) -> String {
        var text = try removeSVGCredential(svg)
        guard let (tagStart, tagEnd) = rootTag(text) else { throw .baking("no <svg> root element") }
        var tag = String(text[tagStart..<tagEnd])  // `<svg …>` without the final `>`
        var selfClosing = false
        if tag.hasSuffix("/") { tag.removeLast(); selfClosing = true }
        if !tag.contains("xmlns:openbadges=") { tag += " xmlns:openbadges=\"\(svgNamespace)\"" }
        let element: String
        let trimmed = credential.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            // "]]>" can only occur inside a JSON string, where \u003e means the same.
            let safe = trimmed.replacingOccurrences(of: "]]>", with: "]]\\u003e")
            element = "<openbadges:credential><![CDATA[\(safe)]]></openbadges:credential>"
        } else {
            element = "<openbadges:credential verify=\"\(xmlAttribute(trimmed))\"></openbadges:credential>"
        }
        let closing = selfClosing ? ">\n" + element + "\n</svg>" : ">\n" + element
        text.replaceSubrange(tagStart..<text.index(after: tagEnd), with: tag + closing)
        return text
    }

    /// The credential text baked into an SVG.
    public static func extractSVG(_ svg: String) throws(CredentialError) -> String {
        let elements = credentialElements(svg)
        guard elements.count == 1, let range = elements.first else {
            throw .baking(elements.isEmpty ? "no <openbadges:credential> element" : "several <openbadges:credential> elements")
        }
        let element = String(svg[range])
        if let verify = attribute("verify", in: element) { return verify }
        guard let open = element.firstIndex(of: ">"), let close = element.range(of: "</openbadges:credential>", options: .backwards) else {
            throw .baking("empty <openbadges:credential>")
        }
        var body = String(element[element.index(after: open)..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        if body.hasPrefix("<![CDATA["), body.hasSuffix("]]>") {
            body = String(body.dropFirst(9).dropLast(3))
        } else {
            body = xmlUnescape(body)
        }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - SVG text helpers (enough for an SVG we or a designer wrote; not a general XML parser)

    /// The range of the root element's start tag, from `<` to the closing `>` (excluded).
    static func rootTag(_ text: String) -> (String.Index, String.Index)? {
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            let rest = text[open...]
            if rest.hasPrefix("<?") || rest.hasPrefix("<!--") || rest.hasPrefix("<!") {
                let terminator = rest.hasPrefix("<?") ? "?>" : rest.hasPrefix("<!--") ? "-->" : ">"
                guard let end = text.range(of: terminator, range: open..<text.endIndex) else { return nil }
                index = end.upperBound
                continue
            }
            guard rest.hasPrefix("<svg") else { return nil }
            guard let end = tagEnd(text, from: open) else { return nil }
            return (open, end)
        }
        return nil
    }

    /// The `>` closing the tag that starts at `start`, skipping quoted attribute values.
    static func tagEnd(_ text: String, from start: String.Index) -> String.Index? {
        var quote: Character?
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func credentialElements(_ text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var from = text.startIndex
        while let open = text.range(of: "<openbadges:credential", range: from..<text.endIndex) {
            guard let end = tagEnd(text, from: open.lowerBound) else { break }
            if text[text.index(before: end)] == "/" {
                result.append(open.lowerBound..<text.index(after: end))
                from = text.index(after: end)
                continue
            }
            guard let close = text.range(of: "</openbadges:credential>", range: end..<text.endIndex) else { break }
            result.append(open.lowerBound..<close.upperBound)
            from = close.upperBound
        }
        return result
    }

    static func removeSVGCredential(_ text: String) throws(CredentialError) -> String {
        var result = text
        for range in credentialElements(text).reversed() { result.removeSubrange(range) }
        return result
    }

    static func attribute(_ name: String, in element: String) -> String? {
        guard let end = tagEnd(element, from: element.startIndex) else { return nil }
        let tag = element[..<end]
        for quote in ["\"", "'"] {
            if let start = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)") ?? tag.range(of: "\t\(name)=\(quote)"),
               let close = tag[start.upperBound...].firstIndex(of: Character(quote)) {
                return xmlUnescape(String(tag[start.upperBound..<close]))
            }
        }
        return nil
    }

    static func xmlAttribute(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func xmlUnescape(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
