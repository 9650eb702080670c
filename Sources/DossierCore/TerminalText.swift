/// Makes text safe to print on a terminal: every character that a terminal would obey rather than
/// show, or that would not be seen, is replaced by a readable escape.
///
/// Text a CFA controls (titles, narratives, file names, messages, names) can hold escape sequences
/// that clear the screen or retitle the window, carriage returns and backspaces that overwrite what
/// was printed, line feeds that forge a new output line, bidi overrides that reverse what is read,
/// and zero-width characters that hide a difference. Each is shown as `\n`, `\r`, `\t` or `\u{XX}`
/// (the scalar in hexadecimal), so the text stays recognisable and nothing is obeyed.
public enum TerminalText {
    /// The text with every unsafe character made visible.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                result.append(scalar)
                continue
            }
            result.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(result)
    }

    /// The readable form of one unsafe character.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// Whether a terminal would act on this character, or show nothing for it: controls (C0, DEL,
    /// C1), format characters (bidi embeddings, overrides, isolates and marks, zero-width spaces and
    /// joiners, the byte-order mark, tags, soft hyphen), line and paragraph separators, and the
    /// blank letters that render as nothing.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        if scalar.value < 0xA0 { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return invisibleLetters.contains(scalar.value)
        }
    }

    /// Characters that are not format characters but display as blank space of no width or as
    /// nothing: the combining grapheme joiner, Hangul fillers, Mongolian free variation selectors
    /// and vowel separator, the Braille blank.
    private static let invisibleLetters: Set<UInt32> = [0x034F, 0x115F, 0x1160, 0x180B, 0x180C, 0x180D, 0x180E, 0x180F,
                                                         0x2800, 0x3164, 0xFFA0]
}
