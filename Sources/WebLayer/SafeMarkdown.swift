import DossierCore
internal import Ink

/// Markdown a CFA wrote, as HTML that cannot carry markup of its own: every `&`, `<`, `>` and quote is
/// escaped before Ink reads it (Ink passes HTML through), links go only to http(s) and mailto
/// addresses (others stay text), images stay text (nothing is loaded), and the document's headings
/// start below the page's own (`firstHeading`: 3 under a page's h1 and h2).
public enum SafeMarkdown {
    public static func html(_ markdown: String, firstHeading: Int = 3) -> String {
        let escaped = MarkupText.escape(markdown)
        let linkCheck = Modifier(target: .links) { html, markdown in
            guard let start = html.range(of: "href=\""), let end = html[start.upperBound...].firstIndex(of: "\"") else { return String(markdown) }
            let href = html[start.upperBound..<end].lowercased()
            let safe = href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("mailto:") || href.hasPrefix("#")
            return safe ? html : String(markdown)
        }
        let images = Modifier(target: .images) { _, markdown in String(markdown) }
        let shift = max(firstHeading - 1, 0)
        let headings = Modifier(target: .headings) { html, _ in
            var html = html
            for level in (1...6).reversed() {
                let shifted = min(level + shift, 6)
                html = html.replacingOccurrences(of: "<h\(level)", with: "<h\(shifted)").replacingOccurrences(of: "</h\(level)>", with: "</h\(shifted)>")
            }
            return html
        }
        return MarkdownParser(modifiers: [linkCheck, images, headings]).html(from: escaped)
    }
}
