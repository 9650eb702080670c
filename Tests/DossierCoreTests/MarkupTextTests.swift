import DossierCore
import Testing

@Suite("Markup text: escaping for HTML and SVG")
struct MarkupTextTests {
    @Test("markup characters and both quotes are escaped; nothing else changes")
    func escapes() {
        #expect(MarkupText.escape(#"<script>alert("x" & 'y')</script>"#)
                == "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
        #expect(MarkupText.escape("Accès « CFA » — 2026\n\tfin") == "Accès « CFA » — 2026\n\tfin")
    }

    @Test("characters XML forbids are dropped, so that an SVG stays well-formed")
    func dropsForbidden() {
        #expect(MarkupText.escape("a\u{0}b\u{1B}[2Jc\u{FFFE}d\u{FFFF}") == "ab[2Jcd")
        #expect(MarkupText.escape("ligne\r\n") == "ligne\r\n")
    }
}
