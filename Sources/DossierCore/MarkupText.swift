/// Text a CFA or a reviewer wrote, made safe inside HTML and XML (SVG): content and attribute values
/// alike. `&`, `<`, `>` and both quotes are escaped; the characters XML 1.0 forbids (controls below
/// U+0020 other than tab, line feed and carriage return; U+FFFE and U+FFFF) are dropped, so that an
/// SVG stays well-formed whatever the text. The one escaping function of the pages the hub writes
/// (the public site, the badge images, the web application's own markup).
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
