/// An N-Quads reader (https://www.w3.org/TR/n-quads/) for datasets given as text, e.g. test
/// vectors: IRIs, blank nodes, literals with ECHAR/UCHAR escapes, language tags and datatypes.
extension NQuads {
    public static func parse(_ text: String) throws(LinkedDataError) -> [Quad] {
        var quads: [Quad] = []
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }).enumerated() {
            var scanner = QuadScanner(Array(line.unicodeScalars), line: number + 1)
            scanner.skipSpace()
            if scanner.atEnd || scanner.peek == "#" { continue }
            let subject = try scanner.term()
            let predicate = try scanner.term()
            let object = try scanner.term()
            scanner.skipSpace()
            var graph: RDFTerm?
            if scanner.peek != "." { graph = try scanner.term() }
            scanner.skipSpace()
            guard scanner.peek == "." else { throw scanner.failure("expected '.'") }
            scanner.index += 1
            scanner.skipSpace()
            guard scanner.atEnd || scanner.peek == "#" else { throw scanner.failure("text after '.'") }
            quads.append(Quad(subject, predicate, object, graph: graph))
        }
        return quads
    }
}

private struct QuadScanner {
    let scalars: [Unicode.Scalar]
    let line: Int
    var index = 0

    init(_ scalars: [Unicode.Scalar], line: Int) {
        self.scalars = scalars
        self.line = line
    }

    var atEnd: Bool { index >= scalars.count }
    var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    func failure(_ reason: String) -> LinkedDataError { .invalidDocument("N-Quads line \(line): \(reason)") }

    mutating func skipSpace() {
        while let scalar = peek, scalar == " " || scalar == "\t" { index += 1 }
    }

    mutating func term() throws(LinkedDataError) -> RDFTerm {
        skipSpace()
        switch peek {
        case "<": return .iri(try iri())
        case "_":
            guard index + 1 < scalars.count, scalars[index + 1] == ":" else { throw failure("bad blank node") }
            index += 2
            var label = ""
            while let scalar = peek, scalar != " ", scalar != "\t" {
                if scalar == ".", index + 1 >= scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t" { break }
                label.unicodeScalars.append(scalar)
                index += 1
            }
            guard !label.isEmpty else { throw failure("empty blank node label") }
            return .blank(label)
        case "\"":
            index += 1
            var value = ""
            while true {
                guard let scalar = peek else { throw failure("unterminated literal") }
                index += 1
                if scalar == "\"" { break }
                if scalar == "\\" { value.unicodeScalars.append(try escape()) } else { value.unicodeScalars.append(scalar) }
            }
            if peek == "@" {
                index += 1
                var language = ""
                while let scalar = peek, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" {
                    language.unicodeScalars.append(scalar)
                    index += 1
                }
                return .literal(value, datatype: RDFTerm.rdfLangString, language: language)
            }
            if peek == "^" {
                guard index + 1 < scalars.count, scalars[index + 1] == "^" else { throw failure("bad datatype") }
                index += 2
                return .literal(value, datatype: try iri(), language: nil)
            }
            return .literal(value, datatype: RDFTerm.xsdString, language: nil)
        default:
            throw failure("unexpected character")
        }
    }

    mutating func iri() throws(LinkedDataError) -> String {
        guard peek == "<" else { throw failure("expected '<'") }
        index += 1
        var value = ""
        while true {
            guard let scalar = peek else { throw failure("unterminated IRI") }
            index += 1
            if scalar == ">" { return value }
            if scalar == "\\" { value.unicodeScalars.append(try escape()) } else { value.unicodeScalars.append(scalar) }
        }
    }

    mutating func escape() throws(LinkedDataError) -> Unicode.Scalar {
        guard let kind = peek else { throw failure("bad escape") }
        index += 1
        switch kind {
        case "t": return "\t"
        case "b": return "\u{08}"
        case "n": return "\n"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "\"": return "\""
        case "'": return "'"
        case "\\": return "\\"
        case "u", "U":
            let count = kind == "u" ? 4 : 8
            guard index + count <= scalars.count,
                  let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + count])), radix: 16),
                  let scalar = Unicode.Scalar(value)
            else { throw failure("bad \\u escape") }
            index += count
            return scalar
        default:
            throw failure("bad escape")
        }
    }
}
