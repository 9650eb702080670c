/// Canonical N-Quads serialization (RDFC-1.0 appendix "A Canonical form of N-Quads"): one space
/// between terms, ` .\n` at the end, `xsd:string` left implicit, literals escaped with `\"` `\\` `\n`
/// `\r` `\t` `\b` `\f` (ECHAR) and the other control characters (U+0000–U+001F), DEL and U+FFFE/U+FFFF
/// as `\uXXXX` with upper-case hex (UCHAR).
public enum NQuads {
    public static func line(_ quad: Quad) -> String {
        var out = ""
        write(quad.subject, to: &out)
        out += " "
        write(quad.predicate, to: &out)
        out += " "
        write(quad.object, to: &out)
        if let graph = quad.graph {
            out += " "
            write(graph, to: &out)
        }
        out += " .\n"
        return out
    }

    public static func serialize(_ quads: some Sequence<Quad>) -> String {
        quads.map(line).sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).joined()
    }

    static func write(_ term: RDFTerm, to out: inout String) {
        switch term {
        case .iri(let iri):
            out += "<" + iri + ">"
        case .blank(let label):
            out += "_:" + label
        case .literal(let value, let datatype, let language):
            out += "\""
            escape(value, to: &out)
            out += "\""
            if let language {
                out += "@" + language
            } else if datatype != RDFTerm.xsdString {
                out += "^^<" + datatype + ">"
            }
        }
    }

    static func escape(_ value: String, to out: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                // Controls, DEL, and U+FFFE/U+FFFF (not XML 1.1 `Char`s) as UCHAR.
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
