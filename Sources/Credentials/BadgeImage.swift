import DossierCore

/// The badge image the hub generates when the Région has no artwork of its own: a round SVG medal
/// with the badge title, the issuer and the year; gold for the label, blue for badges. Accessible
/// (`role="img"`, `<title>`, `<desc>`), no script, every text XML-escaped; ready to be baked.
public enum BadgeImage {
    public enum Style: Sendable { case badge, label }

    public static func svg(title: String, issuer: String, year: Int, style: Style) -> String {
        let (fill, ring, ink) = switch style {
        case .label: ("#f2c94c", "#a67c00", "#3d2c00")
        case .badge: ("#d6e6f5", "#1f5fa8", "#0b2545")
        }
        let lines = wrap(title, width: 18, maximumLines: 3)
        let firstY = 100 - (lines.count - 1) * 11
        let titleLines = lines.enumerated().map { index, line in
            "<tspan x=\"100\" y=\"\(firstY + index * 22)\">\(escape(line))</tspan>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" role="img" aria-labelledby="badge-title badge-desc">
            <title id="badge-title">\(escape(title))</title>
            <desc id="badge-desc">\(escape("\(title) — \(issuer), \(year)"))</desc>
            <circle cx="100" cy="100" r="94" fill="\(ring)"/>
            <circle cx="100" cy="100" r="84" fill="\(fill)"/>
            <text font-family="sans-serif" font-size="17" font-weight="bold" fill="\(ink)" text-anchor="middle">\(titleLines)</text>
            <text x="100" y="158" font-family="sans-serif" font-size="11" fill="\(ink)" text-anchor="middle">\(escape(issuer))</text>
            <text x="100" y="174" font-family="sans-serif" font-size="11" fill="\(ink)" text-anchor="middle">\(year)</text>
            </svg>

            """
    }

    /// Words into lines of at most `width` characters (a longer word stands alone); the last line
    /// ends with `…` when the text does not fit.
    public static func wrap(_ text: String, width: Int, maximumLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maximumLines {
            lines = Array(lines.prefix(maximumLines))
            lines[maximumLines - 1] += " …"
        }
        return lines.isEmpty ? [""] : lines
    }

    /// XML text and attribute escaping; control characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
