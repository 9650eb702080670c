internal import CompressNIO
public import Credentials
internal import NIOCore

/// A PNG badge image drawn in code, for `dossier badges export --format png`: a round medal in the
/// colours of `BadgeImage` (gold for the label, blue for badges) on a transparent background, with
/// anti-aliased edges, and the SVG's text — the badge title (wrapped, up to 4 lines), the issuer and
/// the year — in a pixel font of its own (`BitmapFont`: no font engine needed). Encoded as 8-bit
/// RGBA, filter 0 per row, zlib-compressed (compress-nio), CRC-checked chunks.
public enum BadgePNG {
    public static let size = 400
    /// Pixels per font pixel: the title's, the issuer's, the year's.
    static let titleScale = 3, issuerScale = 2, yearScale = 3

    public static func medal(style: BadgeImage.Style, title: String, issuer: String, year: Int) throws(CredentialError) -> [UInt8] {
        let (fill, ring, ink): ([UInt8], [UInt8], [UInt8]) = switch style {
        case .label: ([0xF2, 0xC9, 0x4C], [0xA6, 0x7C, 0x00], [0x3D, 0x2C, 0x00])
        case .badge: ([0xD6, 0xE6, 0xF5], [0x1F, 0x5F, 0xA8], [0x0B, 0x25, 0x45])
        }
        var pixels = [UInt8](repeating: 0, count: size * size * 4)
        let centre = Double(size) / 2
        let (outerRadius, innerRadius) = (Double(size) * 0.47, Double(size) * 0.42)
        for y in 0..<size {
            for x in 0..<size {
                let dx = Double(x) + 0.5 - centre, dy = Double(y) + 0.5 - centre
                let distance = (dx * dx + dy * dy).squareRoot()
                // Coverage of the outer disc (the ring) and of the inner one, one pixel of blur.
                let outer = min(1, max(0, outerRadius + 0.5 - distance)), inner = min(1, max(0, innerRadius + 0.5 - distance))
                let at = (y * size + x) * 4
                for channel in 0..<3 {
                    pixels[at + channel] = UInt8((Double(ring[channel]) * (1 - inner) + Double(fill[channel]) * inner).rounded())
                }
                pixels[at + 3] = UInt8((255 * outer).rounded())
            }
        }
        // The text, centred: the title above the middle, the issuer and the year below.
        let lines = BadgeImage.wrap(title, width: 14, maximumLines: 4)
        let titleHeight = lines.count * BitmapFont.lineRows * titleScale
        var top = Int(Double(size) * 0.44) - titleHeight / 2
        for line in lines {
            draw(line, scale: titleScale, top: top, colour: ink, into: &pixels)
            top += BitmapFont.lineRows * titleScale
        }
        draw(issuer, scale: issuerScale, top: Int(Double(size) * 0.66), colour: ink, into: &pixels)
        draw(String(year), scale: yearScale, top: Int(Double(size) * 0.72), colour: ink, into: &pixels)

        var raw: [UInt8] = []
        raw.reserveCapacity(size * (size * 4 + 1))
        for y in 0..<size {
            raw.append(0)  // filter: none
            raw += pixels[(y * size * 4)..<((y + 1) * size * 4)]
        }
        var buffer = ByteBuffer(bytes: raw)
        guard var compressed = try? buffer.compress(with: .zlib()) else { throw .baking("PNG compression failed") }
        let idat = compressed.readBytes(length: compressed.readableBytes) ?? []
        var header: [UInt8] = []
        header += bigEndian(UInt32(size)) + bigEndian(UInt32(size))
        header += [8, 6, 0, 0, 0]  // 8 bits per channel, RGBA, deflate, filter method 0, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", idat) + chunk("IEND", [])
    }

    /// One line of text, centred horizontally, its line's top at `top`; pixels outside the image
    /// are dropped (a line too long for the medal is cut at its edges, never wrapped here).
    static func draw(_ text: String, scale: Int, top: Int, colour: [UInt8], into pixels: inout [UInt8]) {
        let glyphs = BitmapFont.glyphs(for: text)
        let advance = (BitmapFont.width + 1) * scale
        var left = (size - (glyphs.count * advance - scale)) / 2
        for glyph in glyphs {
            for (row, bits) in glyph.rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.width where bits & (0x10 >> UInt8(column)) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let x = left + column * scale + dx, y = top + row * scale + dy
                            guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                            let at = (y * size + x) * 4
                            pixels[at] = colour[0]
                            pixels[at + 1] = colour[1]
                            pixels[at + 2] = colour[2]
                            pixels[at + 3] = 255
                        }
                    }
                }
            }
            left += advance
        }
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
