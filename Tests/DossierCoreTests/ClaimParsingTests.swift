import Foundation
import Testing
import TestServers
@testable import DossierCore

@Suite("claim.yaml parsing")
struct ClaimParsingTests {
    static let file = "badges/prospection/claim.yaml"

    static let valid = """
        status: ready
        narrative: |
          Le CFA suit l'arrivée du BIM.
          Deuxième ligne.
        coverage: "12/12"
        evidence:
          - id: note-veille-bim
            title: "Note de veille BIM"
            criterion: veille
            file: note-veille-bim-2025.md
            sha256: "3AB22EE8AAE39FCDE958675CC74D763CB0BE9CAC7B4F71F364DC5A7A9F12FC8D"
            size: 999
          - id: video-chantier
            title: "Vidéo du chantier école"
            criterion: cas-concrets
            url: "https://videos.example.fr/chantier"
            kind: video
          - id: page-formation
            title: "Page des formations"
            criterion: integration
            url: "https://cfa.example.fr/formations"

        """

    func parse(_ text: String) throws -> Claim { try Claim.parse(Array(text.utf8), file: Self.file) }

    func parseError(_ text: String) -> DossierError? { dossierError { _ = try parse(text) } }

    @Test func parsesEveryField() throws {
        let claim = try parse(Self.valid)
        #expect(claim.status == .ready)
        #expect(claim.narrative == "Le CFA suit l'arrivée du BIM.\nDeuxième ligne.\n")
        #expect(claim.level == nil)
        #expect(claim.coverage == Coverage("12/12"))
        #expect(claim.evidence.map(\.id) == ["note-veille-bim", "video-chantier", "page-formation"])
        #expect(claim.evidence[0].location == .file(path: "note-veille-bim-2025.md",
                                                     sha256: "3ab22ee8aae39fcde958675cc74d763cb0be9cac7b4f71f364dc5a7a9f12fc8d",
                                                     size: 999), "the hash is kept lowercase")
        #expect(claim.evidence[0].line == 7)
        #expect(claim.evidence[1].location == .url("https://videos.example.fr/chantier", kind: .video))
        #expect(claim.evidence[2].location == .url("https://cfa.example.fr/formations", kind: .web), "kind defaults to web")
        #expect(claim.evidence[2].line == 18)
    }

    @Test func emptyClaimDefaultsToDraft() throws {
        let claim = try parse("evidence: []\n")
        #expect(claim == Claim(status: .draft, narrative: "", evidence: []))
        let bare = try parse("status: draft\n")
        #expect(bare.evidence.isEmpty && bare.narrative.isEmpty)
    }

    @Test func levelIsParsed() throws {
        #expect(try parse("status: ready\nlevel: 2\n").level == 2)
    }

    @Test func roundTripsThroughItsCanonicalYAML() throws {
        let claim = try parse(Self.valid)
        let again = try parse(claim.yaml())
        #expect(again == claim)
        let withLevel = Claim(status: .draft, narrative: "Une ligne", level: 3, coverage: Coverage("3/8"), evidence: [])
        let reread = try parse(withLevel.yaml())
        #expect(reread.level == 3 && reread.coverage == Coverage("3/8") && reread.status == .draft)
        #expect(reread.narrative == "Une ligne\n")
    }

    @Test func sampleClaimsParse() throws {
        let badges = packageRoot.appendingPathComponent("sample-dossiers/batiment-caen/badges")
        let names = try FileManager.default.contentsOfDirectory(atPath: badges.path)
        #expect(names.count == 12)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: badges.appendingPathComponent("\(name)/claim.yaml")))
            _ = try Claim.parse(bytes, file: "badges/\(name)/claim.yaml")
        }
    }

    // MARK: errors, each with its line

    @Test func syntaxErrorReportsItsLine() throws {
        let text = "status: ready\nnarrative: |\n  texte\nevidence:\n  - id: a\n    title: \"non fermé\n    criterion: veille\n"
        let error = try #require(parseError(text))
        guard case .yamlSyntax = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(error.file == Self.file)
        let reported = try #require(error.line)
        #expect((6...8).contains(reported), "reported line \(reported)")
        #expect(error.description.hasPrefix("\(Self.file):\(reported): "))
    }

    @Test func badIndentationReportsItsLine() throws {
        let text = "status: ready\nevidence:\n  - id: a\n    title: T\n   criterion: veille\n"
        let error = try #require(parseError(text))
        guard case .yamlSyntax = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(error.line == 5)
    }

    @Test func unknownTopLevelField() throws {
        let text = Self.valid.replacingOccurrences(of: "coverage: \"12/12\"", with: "couverture: \"12/12\"")
        let error = try #require(parseError(text))
        #expect(error.reason == .unknownField("couverture"))
        #expect(error.line == 5)
    }

    @Test func unknownEvidenceField() throws {
        let text = Self.valid.replacingOccurrences(of: "    size: 999", with: "    taille: 999")
        let error = try #require(parseError(text))
        #expect(error.reason == .unknownField("taille"))
        #expect(error.line == 12)
    }

    /// A refusal says what was expected in the reader's language, and reads back as it was stored.
    @Test func whatWasExpectedIsSaidInTheReadersLanguage() throws {
        let error = try #require(throws: DossierError.self) {
            try Claim.parse(Array("status: ready\nlevel: deux\n".utf8), file: "claim.yaml")
        }
        #expect(error.text(.fr) == "claim.yaml:2: level doit être un nombre entier", "\(error.text(.fr))")
        #expect(error.text(.en) == "claim.yaml:2: level must be a whole number")
        let coverage = try #require(throws: DossierError.self) {
            try Claim.parse(Array("status: ready\ncoverage: huit\n".utf8), file: "claim.yaml")
        }
        #expect(coverage.text(.fr).hasSuffix("(attendu : couverts/total, ex. 8/12)"), "\(coverage.text(.fr))")
        // Stored (a refused proposal keeps its errors): words in both languages, tokens as one string.
        let data = try JSONEncoder().encode([error, DossierError(.invalidValue(field: "kind", value: "podcast", expected: "video, lms, web"))])
        #expect(String(decoding: data, as: UTF8.self).contains(#""expected":"video, lms, web""#))
        #expect(try JSONDecoder().decode([DossierError].self, from: data) == [error, DossierError(.invalidValue(field: "kind", value: "podcast", expected: "video, lms, web"))])
        let older = Data(#"{"reason":{"wrongType":{"field":"level","expected":"a whole number"}}}"#.utf8)
        #expect(try JSONDecoder().decode(DossierError.self, from: older).reason == .wrongType(field: "level", expected: .tokens("a whole number")))
    }

    @Test func wrongTypes() throws {
        let level = try #require(parseError("status: ready\nlevel: deux\n"))
        #expect(level.reason == .wrongType(field: "level", expected: .wholeNumber))
        #expect(level.line == 2)

        let evidence = try #require(parseError("status: ready\nnarrative: texte\nevidence: une preuve\n"))
        #expect(evidence.reason == .wrongType(field: "evidence", expected: .list))
        #expect(evidence.line == 3)

        let narrative = try #require(parseError("narrative:\n  - a\n  - b\n"))
        #expect(narrative.reason == .wrongType(field: "narrative", expected: .text))
        #expect(narrative.line == 2)

        let item = try #require(parseError("evidence:\n  - juste du texte\n"))
        #expect(item.reason == .wrongType(field: "evidence", expected: .mapping))
        #expect(item.line == 2)

        let notAMapping = try #require(parseError("- status\n- ready\n"))
        #expect(notAMapping.reason == .notAMapping)
    }

    @Test func duplicateEvidenceIDReportsTheSecondEntry() throws {
        let text = Self.valid.replacingOccurrences(of: "- id: page-formation", with: "- id: note-veille-bim")
        let error = try #require(parseError(text))
        #expect(error.reason == .duplicateEvidenceID("note-veille-bim"))
        #expect(error.line == 18)
    }

    @Test func evidenceWithBothFileAndURL() throws {
        let text = Self.valid.replacingOccurrences(of: "    kind: video", with: "    kind: video\n    file: video.mp4")
        let error = try #require(parseError(text))
        #expect(error.reason == .evidenceNeedsFileOrURL("video-chantier"))
        #expect(error.line == 13)
    }

    @Test func evidenceWithNeitherFileNorURL() throws {
        let text = "evidence:\n  - id: rien\n    title: Rien\n    criterion: veille\n"
        let error = try #require(parseError(text))
        #expect(error.reason == .evidenceNeedsFileOrURL("rien"))
        #expect(error.line == 2)
    }

    @Test func fileEvidenceMustNotHaveAKindAndLinksMustNotHaveAHash() throws {
        let kind = try #require(parseError("evidence:\n  - id: a\n    title: A\n    criterion: veille\n    file: a.md\n    kind: web\n"))
        #expect(kind.reason == .unknownField("kind"))
        #expect(kind.line == 6)
        let sha = String(repeating: "a", count: 64)
        let hash = try #require(parseError("evidence:\n  - id: a\n    title: A\n    criterion: veille\n    url: https://x.fr\n    sha256: \"\(sha)\"\n"))
        #expect(hash.reason == .unknownField("sha256"))
        #expect(hash.line == 6)
    }

    @Test(arguments: ["../x", "/etc/passwd", "captures/../../claim.yaml", "./a.md", "a//b.md", "~/a.md", "a\\\\b.md", "captures/.."])
    func pathEscapingTheEvidenceFolder(path: String) throws {
        let text = "status: ready\nevidence:\n  - id: a\n    title: A\n    criterion: veille\n    file: \"\(path)\"\n"
        let error = try #require(parseError(text))
        guard case .pathEscapes = error.reason else {
            Issue.record("unexpected reason \(error.reason) for \(path)")
            return
        }
        #expect(error.line == 6)
    }

    @Test func containedPaths() {
        #expect(EvidencePath.isContained("a.md"))
        #expect(EvidencePath.isContained("captures/tableau-de-bord-avancement.png"))
        #expect(EvidencePath.isContained("..a.md"), "a name that starts with dots is not a parent segment")
        #expect(!EvidencePath.isContained(""))
        #expect(!EvidencePath.isContained("captures/"))
    }

    @Test(arguments: ["pret", "Ready", "true", "brouillon"])
    func invalidStatus(value: String) throws {
        let text = "narrative: texte\nstatus: \(value)\n"
        let error = try #require(parseError(text))
        #expect(error.reason == .invalidValue(field: "status", value: value, expected: "draft, ready"))
        #expect(error.line == 2)
    }

    @Test(arguments: ["13/12", "12", "0/0", "-1/5", "a/b", "1/2/3", "5 sur 6"])
    func invalidCoverage(value: String) throws {
        let text = "status: ready\n\ncoverage: \"\(value)\"\n"
        let error = try #require(parseError(text))
        guard case .invalidValue(let field, let bad, _) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(field == "coverage" && bad == value)
        #expect(error.line == 3)
    }

    @Test func coverageValues() {
        #expect(Coverage("5/6")?.isFull == false)
        #expect(Coverage("6/6")?.isFull == true)
        #expect(Coverage("0/3")?.covered == 0)
        #expect(Coverage(" 5 / 6 ")?.description == "5/6")
    }

    @Test func negativeLevel() throws {
        let error = try #require(parseError("status: ready\nlevel: -1\n"))
        guard case .invalidValue(let field, _, _) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(field == "level")
        #expect(error.line == 2)
    }

    @Test func invalidKind() throws {
        let text = Self.valid.replacingOccurrences(of: "kind: video", with: "kind: podcast")
        let error = try #require(parseError(text))
        #expect(error.reason == .invalidValue(field: "kind", value: "podcast", expected: "video, lms, web"))
        #expect(error.line == 17)
    }

    @Test func invalidSHA() throws {
        let text = Self.valid.replacingOccurrences(of: "3AB22EE8", with: "ZZ")
        let error = try #require(parseError(text))
        guard case .invalidValue(let field, _, _) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(field == "sha256")
        #expect(error.line == 11)
    }

    @Test(arguments: ["Note", "note_veille", "note veille", "vidéo", "-note", ""])
    func invalidEvidenceID(id: String) throws {
        let text = "evidence:\n  - id: \"\(id)\"\n    title: T\n    criterion: veille\n    url: https://x.fr\n"
        let error = try #require(parseError(text))
        if id.isEmpty {
            #expect(error.reason == .missingField("id"))
        } else {
            #expect(error.reason == .invalidEvidenceID(id))
            #expect(error.line == 2)
        }
    }

    @Test func missingTitleOrCriterion() throws {
        let title = try #require(parseError("evidence:\n  - id: a\n    criterion: veille\n    url: https://x.fr\n"))
        #expect(title.reason == .missingField("title"))
        #expect(title.line == 2)
        let criterion = try #require(parseError("evidence:\n  - id: a\n    title: \"  \"\n    criterion: veille\n    url: https://x.fr\n"))
        #expect(criterion.reason == .missingField("title"), "a blank title is missing")
    }

    @Test func duplicateKey() throws {
        let error = try #require(parseError("status: ready\nnarrative: a\nstatus: draft\n"))
        guard case .yamlSyntax(let message) = error.reason else {
            Issue.record("unexpected reason \(error.reason)")
            return
        }
        #expect(message.contains("status"))
        #expect(error.line == 3, "the line where the key is written again")
        let nested = try #require(parseError("evidence:\n  - id: a\n    title: A\n    criterion: veille\n    title: B\n    url: https://x.fr\n"))
        #expect(nested.line == 5)
    }

    @Test func notUTF8() throws {
        let error = dossierError { _ = try Claim.parse([0x73, 0x3a, 0x20, 0xff, 0xfe], file: Self.file) }
        guard case .yamlSyntax = error?.reason else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }
}

@Suite("Evidence ids")
struct EvidenceIDTests {
    @Test func validIDs() {
        for id in ["note-veille-bim", "cr-comite-veille", "2025-photo", "a", String(repeating: "a", count: 80)] {
            #expect(Evidence.isValidID(id), "\(id)")
        }
        for id in ["", "-a", "A", "a_b", "a b", "é", String(repeating: "a", count: 81)] {
            #expect(!Evidence.isValidID(id), "\(id)")
        }
    }

    @Test func slugs() {
        #expect(Evidence.slug("Vidéo métiers.mp4") == "video-metiers-mp4")
        #expect(Evidence.slug("  --  ") == "preuve")
        #expect(Evidence.isValidID(Evidence.slug("Œuvre « finale » (2025)")))
    }

    @Test func freshIDsAvoidCollisions() {
        var claim = Claim()
        claim.evidence.append(Evidence(id: "plan", title: "P", criterion: "c", location: .url("https://x.fr", kind: .web)))
        #expect(claim.freshEvidenceID(from: "Plan") == "plan-2")
        #expect(claim.freshEvidenceID(from: "Autre") == "autre")
    }
}
