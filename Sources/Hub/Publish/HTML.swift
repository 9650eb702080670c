import DossierCore

/// Escaping and small building blocks for the public site's static pages (no script, every text escaped).
enum HTML {
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// A whole page: `lang="fr"`, one `h1` (the caller's `title`), the shared stylesheet.
    static func page(title: String, root: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="\(root)style.css">
        </head>
        <body>
        <header><p class="site"><a href="\(root)index.html">Label « CFA numérique normand » — Région Normandie</a></p></header>
        <main>
        <h1>\(escape(title))</h1>
        \(body)
        </main>
        <footer><p><a href="\(root)verifier.html">Vérifier un badge</a> · <a href="\(root)issuer.json">Profil de l'émetteur et clés publiques</a></p></footer>
        </body>
        </html>

        """
    }

    /// The small Markdown the catalogue's narratives use: `## ` headings, `- ` items, paragraphs.
    static func markdown(_ text: String) -> String {
        var out: [String] = []
        var list: [String] = []
        func flush() {
            if !list.isEmpty { out.append("<ul>\n" + list.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul>") }
            list = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("- ") {
                list.append(String(line.dropFirst(2)))
                continue
            }
            flush()
            if line.hasPrefix("## ") {
                out.append("<h2>\(escape(String(line.dropFirst(3))))</h2>")
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append("<p>\(escape(line))</p>")
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    static let stylesheet = """
        body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fff; }
        header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
        header { border-bottom: 4px solid #1f5fa8; }
        .site a { color: #0b2545; font-weight: bold; }
        a { color: #0b4f9c; }
        a:focus { outline: 3px solid #a67c00; outline-offset: 2px; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        th, td { border: 1px solid #767676; padding: .4rem .6rem; text-align: left; vertical-align: top; }
        th { background: #eef3f9; }
        .badges { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
        .badges li { width: 12rem; text-align: center; }
        .badges img { width: 8rem; height: 8rem; }
        .revoked { color: #8b0000; font-weight: bold; }
        code { word-break: break-all; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        footer { border-top: 1px solid #767676; margin-top: 2rem; }

        """
}
