import Foundation

/// A 5 × 9 pixel font for the text of the PNG badge (`BadgePNG`): printable ASCII, « », œ æ ß and
/// the like drawn, every accented Latin letter (é è ê ë à â ç ô î ï û ù ü ÿ ñ, and their capitals)
/// composed from its base letter and its mark through Unicode's canonical decomposition.
///
/// A glyph is 9 rows of 5 pixels, one character per row in base 32 (`0`–`9`, `A`–`V`; the high
/// bit is the leftmost pixel): rows 0–6 are the body (capitals 7 rows high, the x-height rows 2–6),
/// rows 7–8 the descender. A mark takes 2 rows: above a lowercase letter its rows -1–0 (a row of
/// space before the letter), above a capital the 2 rows above the cell; a cedilla goes in rows 7–8.
enum BitmapFont {
    static let width = 5
    /// Rows of a line: 2 rows for a capital's accent, the 9 rows of the cell, 1 row of spacing.
    static let lineRows = 12

    static let glyphs: [Character: String] = [
        " ": "000000000", "!": "444440400", "\"": "AA0000000", "#": "AVAAVA000", "$": "4FKE5U400", "%": "OP248J300",
        "&": "CIK8LID00", "'": "448000000", "(": "248884200", ")": "842224800", "*": "04LEL4000", "+": "044V44000",
        ",": "000006240", "-": "000E00000", ".": "00000CC00", "/": "122488G00", "0": "EHJLPHE00", "1": "4C4444E00",
        "2": "EH1248V00", "3": "V2421HE00", "4": "26AIV2200", "5": "VGU11HE00", "6": "68GUHHE00", "7": "V12488800",
        "8": "EHHEHHE00", "9": "EHHF12C00", ":": "0CC0CC000", ";": "0CC0C4800", "<": "248G84200", "=": "00V0V0000",
        ">": "842124800", "?": "EH1240400", "@": "EH1DLLE00", "A": "EHHVHHH00", "B": "UHHUHHU00", "C": "EHGGGHE00",
        "D": "SIHHHIS00", "E": "VGGUGGV00", "F": "VGGUGGG00", "G": "EHGNHHF00", "H": "HHHVHHH00", "I": "E44444E00",
        "J": "72222IC00", "K": "HIKOKIH00", "L": "GGGGGGV00", "M": "HRLLHHH00", "N": "HHPLJHH00", "O": "EHHHHHE00",
        "P": "UHHUGGG00", "Q": "EHHHLID00", "R": "UHHUKIH00", "S": "FGGE11U00", "T": "V44444400", "U": "HHHHHHE00",
        "V": "HHHHHA400", "W": "HHHLLLA00", "X": "HHA4AHH00", "Y": "HHA444400", "Z": "V1248GV00", "[": "E88888E00",
        "\\": "G88422100", "]": "E22222E00", "^": "4AH000000", "_": "000000V00", "`": "840000000", "a": "00E1FHF00",
        "b": "GGMPHHU00", "c": "00EGGHE00", "d": "11DJHHF00", "e": "00EHVGE00", "f": "698S88800", "g": "00FHHHF1E",
        "h": "GGMPHHH00", "i": "40C444E00", "j": "2062222IC", "k": "GGIKOKI00", "l": "C44444E00", "m": "00QLLLL00",
        "n": "00MPHHH00", "o": "00EHHHE00", "p": "00UHHHUGG", "q": "00FHHHF11", "r": "00MPGGG00", "s": "00EGE1U00",
        "t": "88S889600", "u": "00HHHJD00", "v": "00HHHA400", "w": "00HHLLA00", "x": "00HA4AH00", "y": "00HHHHF1E",
        "z": "00V248V00", "{": "244844200", "|": "444444400", "}": "844244800", "~": "008L20000", "«": "005AKA500",
        "»": "00KA5AK00", "ı": "00C444E00", "ȷ": "0062222IC", "œ": "00ALNKB00", "Œ": "FKKNKKF00", "æ": "00Q5FKB00",
        "Æ": "FKKVKKN00", "ß": "CIIKIHM00", "€": "78U8U8700", "°": "CIC000000", "·": "000400000", "¿": "4048GHE00",
        "¡": "404444400"
    ]

    /// Acute, grave, circumflex, diaeresis, tilde, ring above, cedilla.
    static let marks: [Unicode.Scalar: String] = [
        "\u{0301}": "24", "\u{0300}": "84", "\u{0302}": "4A", "\u{0308}": "A0", "\u{0303}": "9M", "\u{030A}": "EA",
        "\u{0327}": "4C",
    ]

    /// Typographic characters drawn as a plain one.
    static let substitutes: [Character: String] = [
        "\u{2019}": "'", "\u{2018}": "'", "\u{201C}": "\"", "\u{201D}": "\"", "\u{2013}": "-", "\u{2014}": "-",
        "\u{2026}": "...", "\u{00A0}": " ", "\u{202F}": " ", "\u{2009}": " ",
    ]

    /// A glyph's pixels as rows from the top of the line (row 0 = the top of a capital's accent),
    /// each 5 bits, high bit leftmost.
    struct Glyph: Equatable {
        var rows: [UInt8] = Array(repeating: 0, count: BitmapFont.lineRows - 1)
    }

    /// The glyphs of `text`, one per character drawn; a character the font lacks is drawn as `?`.
    static func glyphs(for text: String) -> [Glyph] {
        var out: [Glyph] = []
        for character in text {
            if let plain = substitutes[character] {
                out += plain.map { glyph($0) }
            } else {
                out.append(glyph(character))
            }
        }
        return out
    }

    static func glyph(_ character: Character) -> Glyph {
        if let code = glyphs[character] { return place(code) }
        // An accented letter: its base letter (dotless i and j under a mark) and the marks.
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let first = scalars.first, scalars.count > 1, scalars.dropFirst().allSatisfy({ marks[$0] != nil }) else {
            return place(glyphs["?"]!)
        }
        let base: Character = first == "i" ? "ı" : first == "j" ? "ȷ" : Character(first)
        guard let code = glyphs[base] else { return place(glyphs["?"]!) }
        var glyph = place(code)
        let capital = Character(first).isUppercase
        for mark in scalars.dropFirst() {
            let rows = decode(marks[mark]!)
            let top = mark == "\u{0327}" ? 9 : capital ? 0 : 1
            for (offset, row) in rows.enumerated() { glyph.rows[top + offset] |= row }
        }
        return glyph
    }

    /// A cell's 9 rows, 2 rows down from the top of the line.
    static func place(_ code: String) -> Glyph {
        var glyph = Glyph()
        for (offset, row) in decode(code).enumerated() { glyph.rows[2 + offset] = row }
        return glyph
    }

    static func decode(_ code: String) -> [UInt8] {
        code.utf8.map { $0 >= 65 ? $0 - 55 : $0 - 48 }
    }
}
