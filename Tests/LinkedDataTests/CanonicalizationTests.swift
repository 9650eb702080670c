import Foundation
import LinkedData
import Testing

/// RDFC-1.0 on graphs chosen to stress it. Expected outputs (Fixtures/pyld-cases.json) were produced
/// by PyLD 3.3.0 (`jsonld.normalize`, URDNA2015, which equals RDFC-1.0 except for the escaping of rare
/// control characters, tested separately below).
@Suite struct CanonicalizationTests {
    static let cases: JSONObject = {
        let url = Fixtures.here.appendingPathComponent("Fixtures/pyld-cases.json")
        return (try? Fixtures.json(url))?.objectValue ?? JSONObject()
    }()

    static let names = ["cycle", "twocycles", "twins", "language", "escaping", "numbers", "list"]

    @Test(arguments: names) func matchesTheReferenceImplementation(_ name: String) throws {
        let document = try #require(Self.cases["cases"]?[name])
        let expected = try #require(Self.cases["expected"]?[name]?.stringValue)
        #expect(try JSONLD().canonicalNQuads(of: document) == expected)
    }

    /// Symmetric blank nodes (a 3-cycle, two linked 2-cycles, identical twins) all share one first-degree
    /// hash and need Hash N-Degree Quads; any labelling of the input must give the same output.
    @Test(arguments: ["cycle", "twocycles", "twins"]) func blankNodeLabelsAndOrderDoNotMatter(_ name: String) throws {
        let document = try #require(Self.cases["cases"]?[name])
        let quads = try JSONLD().quads(document)
        let expected = try Canonicalizer().canonicalize(quads)
        for seed in 0..<6 {
            var generator = SplitMix(seed: UInt64(seed))
            let renamed = quads.map { quad in
                Quad(rename(quad.subject, seed), quad.predicate, rename(quad.object, seed), graph: quad.graph.map { rename($0, seed) })
            }.shuffled(using: &generator)
            #expect(try Canonicalizer().canonicalize(renamed) == expected)
        }
    }

    @Test func canonicalLabelsFollowTheHashesNotTheInput() throws {
        // Two graphs that differ only by blank node labels and quad order.
        let a = [
            Quad(.blank("x"), .iri("http://e/p"), .blank("y")),
            Quad(.blank("y"), .iri("http://e/p"), .literal("1", datatype: RDFTerm.xsdString, language: nil)),
        ]
        let b = [
            Quad(.blank("n1"), .iri("http://e/p"), .literal("1", datatype: RDFTerm.xsdString, language: nil)),
            Quad(.blank("n0"), .iri("http://e/p"), .blank("n1")),
        ]
        #expect(try Canonicalizer().canonicalize(a) == Canonicalizer().canonicalize(b))
        #expect(try Canonicalizer().canonicalize(a).contains("_:c14n0"))
    }

    @Test func namedGraphsKeepTheirBlankNames() throws {
        let document: JSONValue = [
            "@context": ["@vocab": "http://example.org/", "proof": ["@id": "http://example.org/proof", "@container": "@graph"]],
            "@id": "http://example.org/s",
            "proof": ["type": "Proof", "created": "now"],
        ]
        let nquads = try JSONLD().canonicalNQuads(of: document)
        #expect(nquads == """
            <http://example.org/s> <http://example.org/proof> _:c14n0 .
            _:c14n1 <http://example.org/created> "now" _:c14n0 .
            _:c14n1 <http://example.org/type> "Proof" _:c14n0 .

            """)
    }

    /// RDFC-1.0's canonical N-Quads: `\b`, `\t`, `\n`, `\f`, `\r`, `\"`, `\\` as ECHAR; U+0000–U+0007, VT,
    /// U+000E–U+001F, DEL and non-XML-1.1 characters (U+FFFE, U+FFFF) as `\uXXXX` (upper-case hex);
    /// everything else raw. URDNA2015 implementations such as PyLD leave `\b`, `\f` and those raw.
    @Test func controlCharactersAreEscapedAsRDFCSays() throws {
        let quad = Quad(.iri("http://e/s"), .iri("http://e/p"), .literal("a\u{01}b\u{08}c\u{0C}d\u{7F}e\u{1F}f\u{0B}g\u{FFFF}h\u{00A0}é", datatype: RDFTerm.xsdString, language: nil))
        #expect(NQuads.line(quad) == "<http://e/s> <http://e/p> \"a\\u0001b\\bc\\fd\\u007Fe\\u001Ff\\u000Bg\\uFFFFh\u{00A0}é\" .\n")
    }

    @Test func aPoisonGraphIsRefusedNotHung() throws {
        // 10 interchangeable blank nodes all linked to each other: 10! orderings per step.
        var quads: [Quad] = []
        for i in 0..<10 { for j in 0..<10 where i != j { quads.append(Quad(.blank("n\(i)"), .iri("http://e/p"), .blank("n\(j)"))) } }
        #expect(throws: LinkedDataError.tooComplex) { try Canonicalizer().canonicalize(quads) }
    }

    private func rename(_ term: RDFTerm, _ seed: Int) -> RDFTerm {
        if case .blank(let label) = term { return .blank("r\(seed)_\(String(label.reversed()))") }
        return term
    }
}

/// A small deterministic generator so that a failing order can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct NQuadsTests {
    @Test func parseThenSerializeIsCanonical() throws {
        let text = """
            # a comment
            <http://e/s> <http://e/p> "a\\tb\\u0041\\U0001F600\\"" <http://e/g> .
            _:x <http://e/p> "chat"@fr-CA .
            _:x <http://e/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .

            """
        let quads = try NQuads.parse(text)
        #expect(quads.count == 3)
        #expect(quads[0].object == .literal("a\tbA😀\"", datatype: RDFTerm.xsdString, language: nil))
        #expect(quads[0].graph == .iri("http://e/g"))
        #expect(try Canonicalizer().canonicalize(quads) == """
            <http://e/s> <http://e/p> "a\\tbA😀\\"" <http://e/g> .
            _:c14n0 <http://e/p> "chat"@fr-CA .
            _:c14n0 <http://e/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .

            """)
        #expect(throws: LinkedDataError.self) { try NQuads.parse("<http://e/s> <http://e/p> \"x\" junk .") }
    }
}
