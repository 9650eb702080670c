import Foundation
import Testing
@testable import DossierCore

/// The fast claim reader against the full YAML reader: on generated and hand-written claims, the
/// same `Claim` (evidence lines included) or the same error with the same `file:line`.
@Suite("claim.yaml: the fast reader agrees with the full YAML reader")
struct ClaimFastReaderTests {
    static let file = "badges/tutorat/claim.yaml"

    /// A small deterministic generator (SplitMix64), so that a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    /// Texts that test quoting and unicode: YAML words, numbers, indicators, accents, emoji.
    static let words = ["Pièce", "justificative", "n°", "12", "no", "yes", "true", "~", "null", "#", "a#b", "- x", "x:", "a: b",
                        "« guillemets »", "l'apprenti", "\"cité\"", "C#", "[liste]", "{carte}", "*étoile", "&ancre", "!tag", "%",
                        "@", "`", "|", ">", "…", "日本語", "😀", "\u{00A0}insécable", "back\\slash", "0x1F", "2025-06-01", ".point",
                        "+plus", "-moins", "?", ",virgule", "1/2", "Ω", "ß", "\u{10FFFF}", "sl/ash"]
    /// Characters the writer escapes, or that YAML treats specially: picked now and then.
    static let rareWords = ["tab\tici", "cloche\u{7}", "retour\nligne", "nul\u{0}", "\u{85}nel", "\u{2028}ls", "c1\u{80}",
                            "\u{FEFF}bom", "\u{FFFE}", "del\u{7F}"]

    static func text(_ random: inout Generator, maxWords: Int = 6) -> String {
        (0..<random.int(1...maxWords)).map { _ in random.chance(2) ? random.pick(rareWords) : random.pick(words) }.joined(separator: " ")
    }

    static func claim(_ random: inout Generator) -> Claim {
        var claim = Claim(status: random.chance(50) ? .ready : .draft)
        switch random.int(0...4) {
        case 0: claim.narrative = ""
        case 1: claim.narrative = text(&random)
        case 2: claim.narrative = (0..<random.int(1...5)).map { _ in text(&random) }.joined(separator: "\n") + "\n"
        case 3: claim.narrative = text(&random) + "\n\n" + text(&random) + "\n"
        default: claim.narrative = "  " + text(&random) + "\n" + text(&random) + "\n"
        }
        if random.chance(40) { claim.level = random.int(0...3) }
        if random.chance(30) { claim.coverage = Coverage("\(random.int(0...5))/\(random.int(5...9))") }
        let hex = Array("0123456789abcdef")
        for index in 0..<random.int(0...6) {
            let id = "piece-\(index)-" + String(random.int(0...999))
            let title = text(&random), criterion = random.pick(["veille", "cas-concrets", "integration", "no", "12"])
            let location: Evidence.Location
            if random.chance(70) {
                let path = random.pick(["piece.md", "dossier/é t.pdf", "no", "#x.md", "a b.csv", "-x.md"]) + String(index)
                let sha = random.chance(80) ? String((0..<64).map { _ in random.pick(hex) }) : nil
                location = .file(path: path, sha256: sha, size: random.chance(80) ? random.int(0...99999) : nil)
            } else {
                location = .url("https://cfa.example.fr/" + String(random.int(0...99)), kind: random.pick(Evidence.Kind.allCases))
            }
            claim.evidence.append(Evidence(id: id, title: title, criterion: criterion, location: location))
        }
        return claim
    }

    /// Line-level edits of a written claim: comments, quoting, anchors, flow style, indentation,
    /// blank lines, spaces, and mistakes (unknown keys, duplicates, bad values, tabs, CRLF…).
    static func mutate(_ yaml: String, _ random: inout Generator) -> String {
        var lines = yaml.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let edits = random.int(0...3)
        for _ in 0..<edits where !lines.isEmpty {
            let at = random.int(0...(lines.count - 1))
            let line = lines[at]
            switch random.int(0...25) {
            case 0: lines.insert("# un commentaire", at: at)
            case 1: lines[at] = line + " # commentaire"
            case 2: lines.insert("", at: at)
            case 3: lines.insert("   ", at: at)
            case 4: lines[at] = line + "  "
            case 5: lines[at] = line.replacingOccurrences(of: ": ", with: ": &a ")
            case 6: lines[at] = line.replacingOccurrences(of: ": ", with: ": !!str ")
            case 7: lines[at] = line.replacingOccurrences(of: "- ", with: "  - ")
            case 8: lines = lines.map { $0.hasPrefix("- ") || $0.hasPrefix("  ") ? "  " + $0 : $0 }
            case 9: lines[at] = line.replacingOccurrences(of: "\"", with: "'")
            case 10: lines[at] = line.replacingOccurrences(of: ": ", with: ": \"").appending("\"")
            case 11: lines[at] = "  " + line
            case 12: lines.insert(line, at: at)
            case 13: lines[at] = line.replacingOccurrences(of: "id:", with: "idd:")
            case 14: lines[at] = line.replacingOccurrences(of: ": ", with: ":\t")
            case 15: lines[at] = line + "\r"
            case 16: lines.remove(at: at)
            case 17: lines[at] = line.replacingOccurrences(of: "evidence:", with: "evidence: []")
            case 18: lines[at] = line.replacingOccurrences(of: "- id: ", with: "- {id: ").appending("}")
            case 19: lines.insert("---", at: 0)
            case 20: lines[at] = line.replacingOccurrences(of: ": ", with: ": ~ ")
            case 21: lines[at] = line.replacingOccurrences(of: "status: ready", with: "status: prêt")
            case 22: lines.append("evidence:\n- id: extra\n  title: x\n  criterion: veille\n  url: https://a.example.fr")
            case 23: lines[at] = line.replacingOccurrences(of: "size: ", with: "size: \"").appending("\"")
            case 24: lines[at] = line.replacingOccurrences(of: ": \"", with: random.pick([": \"\\u00e9", ": \"\\a", ": \"\\x41", ": \"\\U0001F600", ": \"\\ud800", ": \"\\\"", ": \"\\", ": \"\\/", ": \"\\N"]))
            default: lines[at] = line.replacingOccurrences(of: "narrative: |", with: "narrative: |-")
            }
        }
        var text = lines.joined(separator: "\n")
        if !random.chance(5) { text += "\n" }
        if random.chance(3) { text = "\u{FEFF}" + text }
        return text
    }

    /// What a reader gives: the claim with its evidence lines, or the error (with file and line).
    enum Outcome: Equatable {
        case claim(Claim, lines: [Int?])
        case error(DossierError)
        case other(String)
    }

    static func outcome(_ read: () throws -> Claim) -> Outcome {
        do {
            let claim = try read()
            return .claim(claim, lines: claim.evidence.map(\.line))
        } catch let error as DossierError {
            return .error(error)
        } catch {
            return .other("\(error)")
        }
    }

    static func compare(_ text: String) -> (fast: Bool, agree: Bool, full: Outcome, both: Outcome) {
        let bytes = Array(text.utf8)
        let full = outcome { try Claim.parseYAML(bytes, file: file) }
        let both = outcome { try Claim.parse(bytes, file: file) }
        return (ClaimFastReader.read(bytes) != nil, full == both, full, both)
    }

    @Test func generatedClaimsReadTheSameInBothReaders() throws {
        var random = Generator(state: 20_261_207)
        var fast = 0, total = 0, written = 0, writtenFast = 0
        for round in 0..<3000 {
            let claim = Self.claim(&random)
            let yaml = try claim.yaml()
            // Exactly as written by `save`.
            let written1 = Self.compare(yaml)
            #expect(written1.agree, "round \(round), as written:\n\(yaml)\nfull: \(written1.full)\nfast: \(written1.both)")
            written += 1
            if written1.fast { writtenFast += 1 }
            // And edited by hand.
            let edited = Self.mutate(yaml, &random)
            let result = Self.compare(edited)
            #expect(result.agree, "round \(round), edited:\n\(edited)\nfull: \(result.full)\nfast: \(result.both)")
            total += 1
            if result.fast { fast += 1 }
        }
        // The fast reader does take most of what `save` writes, and declines part of the edits.
        #expect(writtenFast * 10 >= written * 6, "fast reader took \(writtenFast) of \(written) written claims")
        #expect(fast < total, "the edits must reach the full reader")
        #expect(fast > 0)
    }

    @Test(arguments: [
        // The layout `save` writes and the bench generator writes.
        "status: ready\nnarrative: |\n  Ligne 1\n  Ligne 2\nlevel: 3\ncoverage: \"12/12\"\nevidence:\n- id: piece-0001\n  title: Pièce n° 1\n  criterion: veille\n  file: piece-0001.md\n  sha256: \"\(String(repeating: "A", count: 64))\"\n  size: 12\n",
        // Indented list, double-quoted titles (the samples).
        "status: draft\nnarrative: |-\n  Texte\n\n  suite\nevidence:\n  - id: a\n    title: \"Titre « cité »\"\n    criterion: c\n    url: \"https://x.example.fr\"\n    kind: lms\n  - id: b\n    title: 'l''apprenti'\n    criterion: c\n    file: b.md\n",
        "status: ready\nevidence: []\n",
        "narrative: Une ligne\nstatus: ready\n",
        // Declined by the fast reader, errors or other readings from the full one.
        "status: ready # fini\n",
        "status: ready\nstatus: draft\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: a.md\n- id: a\n  title: t\n  criterion: c\n  file: b.md\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: ../a.md\n",
        "status: ready\nevidence:\n- id: A\n  title: t\n  criterion: c\n  file: a.md\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: a.md\n  url: https://a.example.fr\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: a.md\n  sha256: \"xyz\"\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: a.md\n  size: douze\n",
        "status: ready\nevidence:\n- id: a\n  title: \"  \"\n  criterion: c\n  file: a.md\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  url: ftp://a\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  url: https://a.example.fr\n  kind: podcast\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  url: https://a.example.fr\n  sha256: \"\(String(repeating: "a", count: 64))\"\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: a.md\n  kind: lms\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  file: a.md\n",
        "status: ready\nevidence:\n- id: a\n  title: &t titre\n  criterion: *t\n  file: a.md\n",
        "status: ready\nevidence: [{id: a, title: t, criterion: c, file: a.md}]\n",
        "status: ready\nevidence:\n- {id: a, title: t, criterion: c, file: a.md}\n",
        "status: ready\nnarrative: |\n  a\n b\n",
        "status: ready\nnarrative: |+\n  a\n\n",
        "status: ready\nnarrative: >\n  a\n  b\n",
        "status: ready\nnarrative: plain\n  continued\n",
        "status: ready\nnarrative: \"double\\tescaped\"\n",
        "status: ready\nlevel: -1\n",
        "status: ready\nlevel: 1.5\n",
        "status: ready\ncoverage: 13/12\n",
        "status: prêt\n",
        "statut: ready\n",
        "status: ready\nevidence:\n",
        "status:\n",
        "status: ~\n",
        "\n\n",
        "",
        "- a\n- b\n",
        "status: [ready\n",
        "status: \"ready\n",
        "status: ready\n\tlevel: 1\n",
        "status: ready\r\nlevel: 1\r\n",
        "\u{FEFF}status: ready\nlevel: 2\n",
        "status: ready\nlevel: 2",
        "---\nstatus: ready\n",
        "status: ready\n...\n",
        "status: ready\nevidence:\n- id: a\n  title: t\n  criterion: c\n  file: a.md\n   size: 3\n",
        "status: ready\nevidence:\n-  id: a\n   title: t\n   criterion: c\n   file: a.md\n",
        "status: ready\nevidence:\n- id: a\n  title: t\u{2028}u\n  criterion: c\n  file: a.md\n",
        "status: ready\nevidence:\n- id: a\n  title: t\u{85}u\n  criterion: c\n  file: a.md\n",
    ])
    func handWrittenClaimsReadTheSameInBothReaders(text: String) {
        let result = Self.compare(text)
        #expect(result.agree, "full: \(result.full)\nfast: \(result.both)")
    }

    @Test func theFastReaderTakesTheLayoutSaveWrites() throws {
        let text = "status: ready\nnarrative: |\n  Ligne 1\n  Ligne 2\nevidence:\n- id: piece-0001\n  title: Pièce n° 1\n  criterion: veille\n  file: piece-0001.md\n  sha256: \"\(String(repeating: "a", count: 64))\"\n  size: 12\n"
        let claim = try #require(ClaimFastReader.read(Array(text.utf8)))
        #expect(claim.narrative == "Ligne 1\nLigne 2\n")
        #expect(claim.evidence.map(\.line) == [6])
        #expect(claim == (try Claim.parseYAML(Array(text.utf8), file: Self.file)))
    }
}


@Suite("Evidence paths: the byte rules for ASCII paths agree with the character rules")
struct EvidencePathTests {
    /// The rules as first written, on characters.
    static func reference(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("\\") else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }

    @Test func everyShortASCIIPathIsJudgedAlike() {
        // Every path of up to 4 characters over an alphabet of the characters that matter.
        let alphabet: [Character] = ["a", ".", "/", "~", "\\", " ", "-"]
        var paths = [""]
        var frontier = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            paths += frontier
        }
        paths += ["piece-0001.md", "sous/dossier/piece.pdf", "a/../b", "./a", "a/.", "...", "a/...", "a\r\nb", "é/../x", "~é"]
        for path in paths {
            #expect(EvidencePath.isContained(path) == Self.reference(path), "\(path.debugDescription)")
        }
    }
}

@Suite("UTF-8 validation agrees with the standard library")
struct UTF8ValidationTests {
    @Test func randomAndEdgeBytesAreJudgedAlike() {
        var random = ClaimFastReaderTests.Generator(state: 42)
        var samples: [[UInt8]] = [[], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
                                  [0xEF, 0xBF, 0xBD], [0xC3], [0xE2, 0x82], Array("Pièce n° 12 日本語 😀".utf8), [0xFF], [0x80]]
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                                    0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20000 {
            samples.append((0..<random.int(1...6)).map { _ in random.pick(interesting) })
        }
        for bytes in samples {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isValid) == expected, "\(bytes)")
        }
    }
}
