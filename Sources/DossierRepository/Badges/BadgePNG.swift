internal import CompressNIO
public import Credentials
internal import NIOCore

/// A PNG badge image drawn in code, for `dossier badges export --format png`: a round medal in the
/// colours of `BadgeImage` (gold for the label, blue for badges) on a transparent background, with
/// anti-aliased edges. It has no text: rasterising the SVG's text would need a font engine the
/// project does not have (the SVG export carries title, issuer and year). Encoded as 8-bit RGBA,
/// filter 0 per row, zlib-compressed (compress-nio), CRC-checked chunks.
public enum BadgePNG {
    public static let size = 200

    public static func medal(style: BadgeImage.Style) throws(CredentialError) -> [UInt8] {
        let (fill, ring): ([UInt8], [UInt8]) = switch style {
        case .label: ([0xF2, 0xC9, 0x4C], [0xA6, 0x7C, 0x00])
        case .badge: ([0xD6, 0xE6, 0xF5], [0x1F, 0x5F, 0xA8])
        }
        let centre = Double(size) / 2
        var raw: [UInt8] = []
        raw.reserveCapacity(size * (size * 4 + 1))
        for y in 0..<size {
            raw.append(0)  // filter: none
            for x in 0..<size {
                let dx = Double(x) + 0.5 - centre, dy = Double(y) + 0.5 - centre
                let distance = (dx * dx + dy * dy).squareRoot()
                // Coverage of the outer disc (r 94) and of the inner one (r 84), one pixel of blur.
                let outer = min(1, max(0, 94.5 - distance)), inner = min(1, max(0, 84.5 - distance))
                let colour = zip(ring, fill).map { r, f in UInt8((Double(r) * (1 - inner) + Double(f) * inner).rounded()) }
                raw += colour + [UInt8((255 * outer).rounded())]
            }
        }
        var buffer = ByteBuffer(bytes: raw)
        guard var compressed = try? buffer.compress(with: .zlib()) else { throw .baking("PNG compression failed") }
        let idat = compressed.readBytes(length: compressed.readableBytes) ?? []
        var header: [UInt8] = []
        header += bigEndian(UInt32(size)) + bigEndian(UInt32(size))
        header += [8, 6, 0, 0, 0]  // 8 bits per channel, RGBA, deflate, filter method 0, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", idat) + chunk("IEND", [])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
