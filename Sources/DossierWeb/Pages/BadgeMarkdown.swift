import WebLayer

/// A narrative's Markdown as safe HTML (`SafeMarkdown`, as the reviewers' pages render it), headings
/// from h4: the preview sits under the page's h1, the narrative's h2 and the preview's h3.
enum BadgeMarkdown {
    static func html(_ markdown: String) -> String { SafeMarkdown.html(markdown, firstHeading: 4) }
}
