import Testing
@testable import DossierCore

/// The structured three-way merge: LineMerger, ClaimMerge, IdentityMerge and DossierMerge.
@Suite("Merge")
struct MergeTests {
    static let badge = "tutorat"
    static let claimPath = "badges/tutorat/claim.yaml"

    // MARK: Helpers

    static func file(_ id: String, _ criterion: String = "personnels-identifies", name: String? = nil,
                     content: String? = nil, title: String? = nil) -> Evidence {
        let content = content ?? "Contenu de \(id)\n"
        return Evidence(id: id, title: title ?? "Preuve \(id)", criterion: criterion,
                        location: .file(path: name ?? "\(id).pdf", sha256: sha256(content), size: content.utf8.count))
    }

    static func link(_ id: String, _ criterion: String = "outils-distance", url: String? = nil, title: String? = nil) -> Evidence {
        Evidence(id: id, title: title ?? "Lien \(id)", criterion: criterion,
                 location: .url(url ?? "https://lms.example.fr/\(id)", kind: .lms))
    }

    static let narrative = "Quatre formateurs sont missionnés.\nIls utilisent Moodle.\nLes échanges sont conservés.\n"

    /// A tutorat claim with two files and a link.
    static func baseClaim() -> Claim {
        Claim(status: .draft, narrative: narrative, level: nil, coverage: Coverage("4/8"),
              evidence: [file("charte"), link("classe-virtuelle"), file("procedure", "historique-echanges", name: "procedure.md")])
    }

    /// Merges with `LineMerger`, and checks that the merged claim is written as YAML that reads back as itself.
    func merge(_ base: Claim?, _ ours: Claim?, _ theirs: Claim?,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> ClaimMergeResult {
        let result = ClaimMerge.merge(base: base, ours: ours, theirs: theirs, badge: Self.badge, text: LineMerger())
        if let claim = result.claim {
            let yaml = try claim.yaml()
            #expect(!yaml.contains("<<<<<<<") && !yaml.contains(">>>>>>>"), sourceLocation: sourceLocation)
            let reparsed = try Claim.parse(Array(yaml.utf8), file: Self.claimPath)
            #expect(reparsed == claim, "merged claim does not read back", sourceLocation: sourceLocation)
        }
        return result
    }

    func ids(_ result: ClaimMergeResult) -> [String] { result.claim?.evidence.map(\.id) ?? [] }

    func conflict(_ evidence: String?, _ field: String, ours: String?, theirs: String?, keptAs: String? = nil) -> MergeConflict {
        MergeConflict(file: Self.claimPath, badge: Self.badge, evidence: evidence, field: field, ours: ours, theirs: theirs,
                      theirsKeptAs: keptAs)
    }

    func edited(_ claim: Claim, _ change: (inout Claim) -> Void) -> Claim {
        var copy = claim
        change(&copy)
        return copy
    }

    func editEvidence(_ claim: Claim, _ id: String, _ change: (inout Evidence) -> Void) -> Claim {
        edited(claim) { claim in
            guard let index = claim.evidence.firstIndex(where: { $0.id == id }) else {
                Issue.record("no evidence \(id)")
                return
            }
            change(&claim.evidence[index])
        }
    }

    func setFile(_ evidence: inout Evidence, content: String, name: String? = nil) {
        evidence.location = .file(path: name ?? evidence.filePath ?? "x", sha256: sha256(content), size: content.utf8.count)
    }

    // MARK: LineMerger

    @Test func lineMergerMergesChangesOnDifferentLines() {
        let base = "un\ndeux\ntrois\nquatre\n"
        let result = LineMerger().merge(base: base, ours: "UN\ndeux\ntrois\nquatre\n", theirs: "un\ndeux\ntrois\nQUATRE\ncinq\n")
        #expect(result == TextMergeResult(text: "UN\ndeux\ntrois\nQUATRE\ncinq\n", conflicted: false))
    }

    @Test func lineMergerMergesInsertionsAndDeletions() {
        let base = "a\nb\nc\nd\ne\n"
        let result = LineMerger().merge(base: base, ours: "a\nc\nd\ne\n", theirs: "a\nb\nc\nd\nnouveau\ne\n")
        #expect(result == TextMergeResult(text: "a\nc\nd\nnouveau\ne\n", conflicted: false))
    }

    @Test func lineMergerConflictKeepsOurs() {
        let base = "un\ndeux\ntrois\n"
        let ours = "un\nDEUX (nous)\ntrois\n"
        let result = LineMerger().merge(base: base, ours: ours, theirs: "un\nDEUX (eux)\ntrois\n")
        #expect(result == TextMergeResult(text: ours, conflicted: true))
    }

    @Test func lineMergerTakesIdenticalAndOneSidedChanges() {
        let merger = LineMerger()
        #expect(merger.merge(base: "a\n", ours: "a\n", theirs: "b\n") == TextMergeResult(text: "b\n", conflicted: false))
        #expect(merger.merge(base: "a\n", ours: "b\n", theirs: "a\n") == TextMergeResult(text: "b\n", conflicted: false))
        #expect(merger.merge(base: "a\nb\nc\n", ours: "a\nX\nc\nd\n", theirs: "a\nX\nc\n")
                == TextMergeResult(text: "a\nX\nc\nd\n", conflicted: false))
        // Both appending different lines at the same place overlap.
        #expect(merger.merge(base: "a\n", ours: "a\nb\n", theirs: "a\nc\n").conflicted)
        // Without a final newline, the text keeps none.
        #expect(merger.merge(base: "a\nb\nc", ours: "A\nb\nc", theirs: "a\nb\nC")
                == TextMergeResult(text: "A\nb\nC", conflicted: false))
    }

    // MARK: Claim fields

    @Test func scalarFieldChangedOnOneSideIsTaken() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.status = .ready }
        let theirs = edited(base) { $0.level = 2; $0.coverage = Coverage("8/8") }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.claim?.status == .ready)
        #expect(result.claim?.level == 2)
        #expect(result.claim?.coverage == Coverage("8/8"))
        #expect(ids(result) == ["charte", "classe-virtuelle", "procedure"])
    }

    @Test func sameChangeOnBothSidesIsNoConflict() throws {
        let base = Self.baseClaim()
        let both = editEvidence(edited(base) { $0.status = .ready; $0.coverage = Coverage("5/8") }, "charte") { $0.title = "Charte 2025" }
        let result = try merge(base, both, both)
        #expect(result.conflicts.isEmpty)
        #expect(result.claim == both)
    }

    @Test func sameFieldDifferentValuesIsAConflictKeepingOurs() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.coverage = Coverage("6/8"); $0.level = 1 }
        let theirs = edited(base) { $0.coverage = Coverage("7/8"); $0.level = nil; $0.status = .ready }
        let result = try merge(base, ours, theirs)
        #expect(result.claim?.coverage == Coverage("6/8"))
        #expect(result.claim?.level == 1)
        #expect(result.claim?.status == .ready)
        #expect(result.conflicts == [conflict(nil, "coverage", ours: "6/8", theirs: "7/8")])

        let levels = try merge(edited(base) { $0.level = 1 }, edited(base) { $0.level = 2 }, edited(base) { $0.level = 3 })
        #expect(levels.conflicts == [conflict(nil, "level", ours: "2", theirs: "3")])
        #expect(levels.claim?.level == 2)
    }

    @Test func narrativeEditsOnDifferentLinesMerge() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.narrative = "Cinq formateurs sont missionnés.\nIls utilisent Moodle.\nLes échanges sont conservés.\n" }
        let theirs = edited(base) { $0.narrative = "Quatre formateurs sont missionnés.\nIls utilisent Moodle.\nLes échanges sont archivés.\n" }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.claim?.narrative == "Cinq formateurs sont missionnés.\nIls utilisent Moodle.\nLes échanges sont archivés.\n")
    }

    @Test func narrativeEditsOnTheSameLineConflict() throws {
        let base = Self.baseClaim()
        let oursText = "Quatre formateurs sont missionnés.\nIls utilisent Moodle et Teams.\nLes échanges sont conservés.\n"
        let theirsText = "Quatre formateurs sont missionnés.\nIls utilisent Moodle et Zoom.\nLes échanges sont conservés.\n"
        let result = try merge(base, edited(base) { $0.narrative = oursText }, edited(base) { $0.narrative = theirsText })
        #expect(result.claim?.narrative == oursText)
        #expect(result.conflicts == [conflict(nil, "narrative", ours: oursText, theirs: theirsText)])
    }

    /// A text merger that records its calls, to see that the narrative goes through the given merger.
    final class RecordingMerger: TextMerging, @unchecked Sendable {
        var calls: [(String, String, String)] = []
        func merge(base: String, ours: String, theirs: String) -> TextMergeResult {
            calls.append((base, ours, theirs))
            return TextMergeResult(text: "fusionné\n", conflicted: false)
        }
    }

    @Test func narrativeUsesTheGivenTextMergerOnlyWhenBothSidesChangedIt() {
        let base = Self.baseClaim()
        let recorder = RecordingMerger()
        let one = ClaimMerge.merge(base: base, ours: edited(base) { $0.narrative = "A\n" }, theirs: base, badge: Self.badge, text: recorder)
        #expect(one.claim?.narrative == "A\n")
        #expect(recorder.calls.isEmpty)
        let both = ClaimMerge.merge(base: base, ours: edited(base) { $0.narrative = "A\n" }, theirs: edited(base) { $0.narrative = "B\n" },
                                    badge: Self.badge, text: recorder)
        #expect(both.claim?.narrative == "fusionné\n")
        #expect(recorder.calls.count == 1)
        #expect(recorder.calls.first?.1 == "A\n" && recorder.calls.first?.2 == "B\n")
    }

    // MARK: Evidence

    @Test func bothAddDifferentEvidenceKeepsBoth() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.evidence.append(Self.file("planning", "historique-echanges")) }
        let theirs = edited(base) {
            $0.evidence.append(Self.link("forum"))
            $0.evidence.append(Self.file("tuteurs", name: "tuteurs.csv"))
        }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.evidenceFileCopies.isEmpty)
        #expect(ids(result) == ["charte", "classe-virtuelle", "procedure", "planning", "forum", "tuteurs"])
        #expect(result.claim?.evidence("forum") == Self.link("forum"))
    }

    @Test func retitleAndMoveOfTheSameEvidenceBothApply() throws {
        let base = Self.baseClaim()
        let ours = editEvidence(base, "charte") { $0.title = "Charte du tutorat 2025" }
        let theirs = editEvidence(base, "charte") { $0.criterion = "historique-echanges" }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        let charte = try #require(result.claim?.evidence("charte"))
        #expect(charte.title == "Charte du tutorat 2025")
        #expect(charte.criterion == "historique-echanges")
        #expect(charte.location == Self.file("charte").location)
    }

    @Test func fileReplacedOnOneSideAndRetitledOnTheOther() throws {
        let base = Self.baseClaim()
        let ours = editEvidence(base, "charte") { $0.title = "Charte signée" }
        let theirs = editEvidence(base, "charte") { self.setFile(&$0, content: "Charte v2\n") }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.evidenceFileCopies.isEmpty)
        #expect(result.claim?.evidence("charte")?.title == "Charte signée")
        #expect(result.claim?.evidence("charte")?.sha256 == sha256("Charte v2\n"))
    }

    @Test func sameEvidenceFieldDifferentValuesIsAConflict() throws {
        let base = Self.baseClaim()
        let ours = editEvidence(base, "charte") { $0.title = "A" }
        let theirs = editEvidence(editEvidence(base, "charte") { $0.title = "B" }, "procedure") { $0.criterion = "outils-distance" }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts == [conflict("charte", "title", ours: "A", theirs: "B")])
        #expect(result.claim?.evidence("charte")?.title == "A")
        #expect(result.claim?.evidence("procedure")?.criterion == "outils-distance")

        let moved = try merge(base, editEvidence(base, "charte") { $0.criterion = "outils-distance" },
                              editEvidence(base, "charte") { $0.criterion = "historique-echanges" })
        #expect(moved.conflicts == [conflict("charte", "criterion", ours: "outils-distance", theirs: "historique-echanges")])
    }

    @Test func linkChangedDifferentlyIsAConflictKeepingOurs() throws {
        let base = Self.baseClaim()
        let ours = editEvidence(base, "classe-virtuelle") { $0.location = .url("https://a.example.fr/cv", kind: .lms) }
        let theirs = editEvidence(base, "classe-virtuelle") { $0.location = .url("https://b.example.fr/cv", kind: .video) }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts == [conflict("classe-virtuelle", "url", ours: "https://a.example.fr/cv", theirs: "https://b.example.fr/cv")])
        #expect(result.claim?.evidence("classe-virtuelle")?.url == "https://a.example.fr/cv")
        #expect(ids(result) == ["charte", "classe-virtuelle", "procedure"])
    }

    @Test func deletedOnOneSideUnchangedOnTheOtherIsDeleted() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.evidence.removeAll { $0.id == "charte" } }
        let theirs = editEvidence(base, "procedure") { $0.title = "Procédure v2" }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(ids(result) == ["classe-virtuelle", "procedure"])
        #expect(result.claim?.evidence("procedure")?.title == "Procédure v2")
        #expect(ids(try merge(base, theirs, ours)) == ["classe-virtuelle", "procedure"])
    }

    @Test func deletedOnOneSideModifiedOnTheOtherIsKeptAndReported() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.evidence.removeAll { $0.id == "charte" } }
        let theirs = editEvidence(base, "charte") { $0.title = "Charte signée" }
        let result = try merge(base, ours, theirs)
        #expect(result.claim?.evidence("charte") == theirs.evidence("charte"))
        #expect(result.conflicts == [conflict("charte", "presence", ours: nil, theirs: "Charte signée")])

        let reverse = try merge(base, theirs, ours)
        #expect(reverse.claim?.evidence("charte") == theirs.evidence("charte"))
        #expect(reverse.conflicts == [conflict("charte", "presence", ours: "Charte signée", theirs: nil)])
    }

    @Test func fileChangedOnBothSidesKeepsBothVersions() throws {
        let base = Self.baseClaim()
        let ours = editEvidence(base, "charte") { self.setFile(&$0, content: "Charte, version de Claire\n") }
        let theirs = editEvidence(editEvidence(base, "charte") { self.setFile(&$0, content: "Charte, version de Thomas\n") },
                                  "charte") { $0.criterion = "historique-echanges" }
        let result = try merge(base, ours, theirs)
        let theirSHA = sha256("Charte, version de Thomas\n")
        let copyName = "charte (conflit \(theirSHA.prefix(7))).pdf"
        #expect(ids(result) == ["charte", "charte-2", "classe-virtuelle", "procedure"])
        let mine = try #require(result.claim?.evidence("charte"))
        #expect(mine.sha256 == sha256("Charte, version de Claire\n"))
        #expect(mine.filePath == "charte.pdf")
        #expect(mine.criterion == "historique-echanges")
        let received = try #require(result.claim?.evidence("charte-2"))
        #expect(received.title == "Preuve charte (version reçue)")
        #expect(received.criterion == "historique-echanges")
        #expect(received.location == .file(path: copyName, sha256: theirSHA, size: "Charte, version de Thomas\n".utf8.count))
        #expect(result.evidenceFileCopies == [EvidenceFileCopy(badge: Self.badge, fromPath: "charte.pdf", toPath: copyName, sha256: theirSHA)])
        let expected = conflict("charte", "file", ours: "charte.pdf (\(mine.sha256!.prefix(7)))",
                                theirs: "charte.pdf (\(theirSHA.prefix(7)))", keptAs: "charte-2")
        #expect(result.conflicts == [expected])
        #expect(result.conflicts.allSatisfy { $0.keepsBoth })
    }

    @Test func fileRenamedOnOneSideAndReplacedOnTheOtherIsAConflict() throws {
        let base = Self.baseClaim()
        let ours = editEvidence(base, "charte") { $0.location = .file(path: "charte-2025.pdf", sha256: $0.sha256, size: 1) }
        let theirs = editEvidence(base, "charte") { self.setFile(&$0, content: "Charte v2\n") }
        let result = try merge(base, ours, theirs)
        #expect(result.claim?.evidence("charte")?.filePath == "charte-2025.pdf")
        #expect(result.conflicts.map(\.field) == ["file"])
        #expect(result.conflicts.first?.theirs == "charte.pdf (\(sha256("Charte v2\n").prefix(7)))")
        #expect(result.conflicts.first?.keepsBoth == false)
    }

    @Test func sameIDAddedOnBothSidesWithDifferentContentKeepsBoth() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.evidence.append(Self.link("forum", url: "https://forum.example.fr/a")) }
        let theirs = edited(base) { $0.evidence.append(Self.link("forum", url: "https://forum.example.fr/b")) }
        let result = try merge(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(ids(result) == ["charte", "classe-virtuelle", "procedure", "forum", "forum-2"])
        #expect(result.claim?.evidence("forum")?.url == "https://forum.example.fr/a")
        #expect(result.claim?.evidence("forum-2")?.url == "https://forum.example.fr/b")

        let same = try merge(base, ours, ours)
        #expect(ids(same) == ["charte", "classe-virtuelle", "procedure", "forum"])
        #expect(same.conflicts.isEmpty)
    }

    @Test func freshIDsAvoidEveryIDOnAnySide() throws {
        let base = edited(Self.baseClaim()) { $0.evidence.append(Self.link("forum-2")) }
        let ours = edited(base) {
            $0.evidence.removeAll { $0.id == "forum-2" }
            $0.evidence.append(Self.link("forum", url: "https://forum.example.fr/a"))
        }
        let theirs = edited(base) {
            $0.evidence.append(Self.link("forum", url: "https://forum.example.fr/b"))
            $0.evidence.append(Self.link("forum-3"))
        }
        let result = try merge(base, ours, theirs)
        #expect(Set(ids(result)) == ["charte", "classe-virtuelle", "procedure", "forum", "forum-4", "forum-3"])
        #expect(result.claim?.evidence("forum-4")?.url == "https://forum.example.fr/b")
    }

    @Test func sameIDAndFileNameAddedWithDifferentContentKeepsBothFiles() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.evidence.append(Self.file("planning", name: "planning.xlsx", content: "Planning A\n")) }
        let theirs = edited(base) { $0.evidence.append(Self.file("planning", name: "planning.xlsx", content: "Planning B\n")) }
        let result = try merge(base, ours, theirs)
        let theirSHA = sha256("Planning B\n")
        #expect(ids(result) == ["charte", "classe-virtuelle", "procedure", "planning", "planning-2"])
        #expect(result.claim?.evidence("planning")?.filePath == "planning.xlsx")
        #expect(result.claim?.evidence("planning-2")?.filePath == "planning (conflit \(theirSHA.prefix(7))).xlsx")
        #expect(result.claim?.evidence("planning-2")?.title == "Preuve planning (version reçue)")
        #expect(result.evidenceFileCopies.map(\.toPath) == ["planning (conflit \(theirSHA.prefix(7))).xlsx"])
        #expect(result.conflicts.map(\.field) == ["file"])
        #expect(result.conflicts.first?.evidence == "planning")
    }

    @Test func differentEvidenceAddedUnderTheSameFileNameKeepsBothFiles() throws {
        let base = Self.baseClaim()
        let ours = edited(base) { $0.evidence.append(Self.file("compte-rendu", name: "cr.md", content: "CR A\n")) }
        let theirs = edited(base) { $0.evidence.append(Self.file("bilan", name: "cr.md", content: "CR B\n")) }
        let result = try merge(base, ours, theirs)
        #expect(ids(result) == ["charte", "classe-virtuelle", "procedure", "compte-rendu", "bilan"])
        #expect(result.claim?.evidence("compte-rendu")?.filePath == "cr.md")
        #expect(result.claim?.evidence("bilan")?.filePath == "cr (conflit \(sha256("CR B\n").prefix(7))).md")
        #expect(result.claim?.evidence("bilan")?.title == "Preuve bilan")
        #expect(result.evidenceFileCopies.map(\.fromPath) == ["cr.md"])
        #expect(result.conflicts.map(\.field) == ["file"])
    }

    @Test func conflictFileNames() {
        let sha = "1a2b3c4d5e6f" + String(repeating: "0", count: 52)
        #expect(ClaimMerge.conflictFileName("charte.pdf", sha256: sha) == "charte (conflit 1a2b3c4).pdf")
        #expect(ClaimMerge.conflictFileName("captures/photo.v2.png", sha256: sha) == "captures/photo.v2 (conflit 1a2b3c4).png")
        #expect(ClaimMerge.conflictFileName("LISEZMOI", sha256: sha) == "LISEZMOI (conflit 1a2b3c4)")
        #expect(ClaimMerge.conflictFileName(".notes", sha256: nil) == ".notes (conflit)")
        #expect(ClaimMerge.conflictFileName("charte.pdf", sha256: sha, attempt: 2) == "charte (conflit 1a2b3c4 2).pdf")
        #expect(EvidencePath.isContained(ClaimMerge.conflictFileName("a/b.pdf", sha256: sha)))
    }

    @Test func conflictFileNamesFitTheFileSystem() {
        let sha = "1a2b3c4d5e6f" + String(repeating: "0", count: 52)
        func last(_ path: String) -> Substring { path.split(separator: "/").last ?? "" }
        // 250 ASCII bytes: the stem is shortened, the marker and the extension stay.
        let ascii = ClaimMerge.conflictFileName("captures/" + String(repeating: "a", count: 246) + ".pdf", sha256: sha)
        #expect(last(ascii).utf8.count == 255)
        #expect(ascii.hasPrefix("captures/aaa") && ascii.hasSuffix("a (conflit 1a2b3c4).pdf"))
        // Two-byte characters: never cut inside one.
        let accents = ClaimMerge.conflictFileName(String(repeating: "é", count: 125) + ".txt", sha256: sha)
        #expect(accents.utf8.count <= 255 && accents.utf8.count >= 253)
        #expect(accents.hasSuffix("é (conflit 1a2b3c4).txt"))
        // A letter and its combining accent are one character: kept together.
        let combining = ClaimMerge.conflictFileName(String(repeating: "e\u{301}", count: 100) + ".md", sha256: sha, attempt: 12)
        let stem = combining.prefix { $0 != " " }
        #expect(combining.utf8.count <= 255)
        #expect(stem.unicodeScalars.count % 2 == 0 && stem.allSatisfy { $0 == "e\u{301}" })
        #expect(combining.hasSuffix(" (conflit 1a2b3c4 12).md"))
        // An "extension" too long to be one is shortened with the name.
        let long = ClaimMerge.conflictFileName("a." + String(repeating: "x", count: 250), sha256: sha)
        #expect(long.utf8.count <= 255 && long.hasSuffix("x (conflit 1a2b3c4)"))
        // Names that fit are unchanged, and every attempt gives a different name.
        let names = Set((1...20).map { ClaimMerge.conflictFileName(String(repeating: "z", count: 255), sha256: sha, attempt: $0) })
        #expect(names.count == 20 && names.allSatisfy { $0.utf8.count <= 255 })
    }

    // MARK: Whole claims

    @Test func wholeClaimAddedDeletedOrBoth() throws {
        let claim = Self.baseClaim()
        #expect(try merge(nil, claim, nil).claim == claim)
        #expect(try merge(nil, nil, claim).claim == claim)
        #expect(try merge(claim, nil, claim).claim == nil)
        #expect(try merge(claim, claim, nil).claim == nil)
        #expect(try merge(claim, nil, nil).claim == nil)
        #expect(try merge(nil, nil, nil).claim == nil)
        // Started on both sides: merged against an empty claim.
        let ours = Claim(status: .draft, narrative: "", evidence: [Self.link("forum")])
        let theirs = Claim(status: .draft, narrative: "", evidence: [Self.file("charte")])
        let both = try merge(nil, ours, theirs)
        #expect(ids(both) == ["forum", "charte"])
        #expect(both.conflicts.isEmpty)
    }

    @Test func wholeClaimDeletedOnOneSideModifiedOnTheOther() throws {
        let base = Self.baseClaim()
        let modified = edited(base) { $0.status = .ready }
        let result = try merge(base, nil, modified)
        #expect(result.claim == modified)
        #expect(result.conflicts == [conflict(nil, "presence", ours: nil, theirs: "charte, classe-virtuelle, procedure")])
        let reverse = try merge(base, modified, nil)
        #expect(reverse.claim == modified)
        #expect(reverse.conflicts == [conflict(nil, "presence", ours: "charte, classe-virtuelle, procedure", theirs: nil)])
    }

    // MARK: Symmetry

    @Test(arguments: 0..<8)
    func mergingIsSymmetric(scenario: Int) throws {
        let base = Self.baseClaim()
        let sides: [(Claim?, Claim?)] = [
            (edited(base) { $0.evidence.append(Self.link("forum")) }, edited(base) { $0.evidence.append(Self.file("tuteurs")) }),
            (editEvidence(base, "charte") { $0.title = "T" }, editEvidence(base, "charte") { $0.criterion = "historique-echanges" }),
            (edited(base) { $0.coverage = Coverage("5/8"); $0.status = .ready }, edited(base) { $0.coverage = Coverage("6/8") }),
            (edited(base) { $0.narrative = "A\n" }, edited(base) { $0.narrative = "B\n" }),
            (edited(base) { $0.evidence.removeFirst() }, editEvidence(base, "charte") { $0.title = "Charte signée" }),
            (editEvidence(base, "charte") { self.setFile(&$0, content: "X\n") }, editEvidence(base, "charte") { self.setFile(&$0, content: "Y\n") }),
            (edited(base) { $0.evidence.append(Self.link("forum", url: "https://a.example.fr")) },
             edited(base) { $0.evidence.append(Self.link("forum", url: "https://b.example.fr")) }),
            (nil, edited(base) { $0.level = 1 }),
        ]
        let (x, y) = sides[scenario]
        let forward = try merge(base, x, y), backward = try merge(base, y, x)
        #expect(Set(ids(forward)) == Set(ids(backward)))
        #expect((forward.claim == nil) == (backward.claim == nil))
        // keptAs names the fresh id given to the received version, which depends on direction only in name.
        func key(_ c: MergeConflict) -> String { "\(c.file)|\(c.evidence ?? "")|\(c.field)|\(c.ours ?? "∅")|\(c.theirs ?? "∅")" }
        #expect(forward.conflicts.map(key).sorted() == backward.conflicts.map(\.swapped).map(key).sorted())
        #expect(forward.evidenceFileCopies.count == backward.evidenceFileCopies.count)
    }

    // MARK: Identity

    static let identity = DossierIdentity(
        uai: "0141234R", name: "CFA de test", siret: "78345612200010",
        contact: .init(name: "Claire Lemonnier", email: "direction@cfa.example.fr"),
        referentNumerique: .init(name: "Thomas Hébert", email: "referent@cfa.example.fr"),
        catalogueVersion: "2026.1")

    @Test func identityFieldsMergeByKey() {
        let base = Self.identity
        var ours = base, theirs = base
        ours.name = "CFA du Bâtiment de Caen"
        ours.contact?.phone = "02 31 55 12 34"
        theirs.catalogueVersion = "2026.2"
        theirs.contact?.email = "contact@cfa.example.fr"
        let (merged, conflicts) = IdentityMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(conflicts.isEmpty)
        #expect(merged.name == "CFA du Bâtiment de Caen")
        #expect(merged.catalogueVersion == "2026.2")
        #expect(merged.contact == .init(name: "Claire Lemonnier", email: "contact@cfa.example.fr", phone: "02 31 55 12 34"))
    }

    @Test func identityFieldConflict() {
        let base = Self.identity
        var ours = base, theirs = base
        ours.name = "CFA A"
        theirs.name = "CFA B"
        ours.referentNumerique?.email = "a@cfa.example.fr"
        theirs.referentNumerique?.email = "b@cfa.example.fr"
        theirs.siret = nil
        let (merged, conflicts) = IdentityMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(merged.name == "CFA A")
        #expect(merged.siret == nil)
        #expect(merged.referentNumerique?.email == "a@cfa.example.fr")
        #expect(conflicts == [
            MergeConflict(file: "dossier.yaml", field: "name", ours: "CFA A", theirs: "CFA B"),
            MergeConflict(file: "dossier.yaml", field: "referentNumerique.email", ours: "a@cfa.example.fr", theirs: "b@cfa.example.fr"),
        ])
        let reverse = IdentityMerge.merge(base: base, ours: theirs, theirs: ours)
        #expect(reverse.conflicts == conflicts.map(\.swapped))
    }

    @Test func identityContactRemovedOnOneSideChangedOnTheOther() {
        let base = Self.identity
        var ours = base, theirs = base
        ours.contact = nil
        theirs.contact?.email = "autre@cfa.example.fr"
        let (merged, conflicts) = IdentityMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(merged.contact == nil)
        #expect(conflicts == [MergeConflict(file: "dossier.yaml", field: "contact", ours: nil,
                                            theirs: "Claire Lemonnier, autre@cfa.example.fr")])
        var removedOnly = base
        removedOnly.contact = nil
        #expect(IdentityMerge.merge(base: base, ours: base, theirs: removedOnly) == (removedOnly, []))
    }

    // MARK: Messages

    @Test func conflictTexts() {
        let title = MergeConflict(file: Self.claimPath, badge: "tutorat", evidence: "charte", field: "title", ours: "A", theirs: "B")
        #expect(title.text(.fr) == "tutorat, preuve charte : titre — chez vous « A », reçu « B »")
        #expect(title.text(.en) == "tutorat, evidence charte: title — ours « A », theirs « B »")
        let name = MergeConflict(file: "dossier.yaml", field: "name", ours: "CFA A", theirs: nil)
        #expect(name.text(.fr) == "dossier.yaml : nom — chez vous « CFA A », reçu (aucun)")
        let presence = MergeConflict(file: Self.claimPath, badge: "tutorat", evidence: "charte", field: "presence", ours: nil, theirs: "Charte")
        #expect(presence.text(.en) == "tutorat, evidence charte: presence — ours deleted, theirs modified « Charte »")
        let file = MergeConflict(file: Self.claimPath, badge: "tutorat", evidence: "charte", field: "file",
                                 ours: "charte.pdf (1111111)", theirs: "charte.pdf (2222222)", theirsKeptAs: "charte-2")
        #expect(file.text(.fr).hasSuffix("la version reçue est gardée comme preuve charte-2"))
        #expect(file.keepsBoth)
        let email = MergeConflict(file: "dossier.yaml", field: "contact.email", ours: "a", theirs: "b")
        #expect(email.text(.fr).hasPrefix("dossier.yaml : contact (e-mail) —"))
    }

    // MARK: Whole dossier

    static func source(identity: DossierIdentity = MergeTests.identity, claims: [String: Claim], raw: [String: String] = [:]) throws -> MemorySource {
        var files = [DossierIdentity.fileName: try identity.yaml()]
        for (badge, claim) in claims { files[Claim.path(badge: badge)] = try claim.yaml() }
        for (path, text) in raw { files[path] = text }
        return MemorySource(files: files)
    }

    @Test func dossierMergeWritesMergedYAML() throws {
        let catalogue = try builtinCatalogue()
        let base = Self.baseClaim()
        var ourIdentity = Self.identity, theirIdentity = Self.identity
        ourIdentity.name = "CFA A"
        theirIdentity.name = "CFA B"
        let ours = try Self.source(identity: ourIdentity, claims: [
            "tutorat": editEvidence(base, "charte") { $0.title = "Charte signée" },
            "apprentis": Claim(status: .ready, narrative: "Ajouté chez nous.\n"),
        ])
        let theirs = try Self.source(identity: theirIdentity, claims: [
            "tutorat": editEvidence(base, "charte") { self.setFile(&$0, content: "v2\n") },
            "prospection": Claim(status: .draft),
            "accessibilite": edited(base) { $0.status = .ready },
        ])
        let baseSource = try Self.source(claims: ["tutorat": base, "prospection": Claim(status: .draft), "accessibilite": base])
        let paths = ["dossier.yaml", "badges/tutorat/claim.yaml", "badges/apprentis/claim.yaml", "badges/prospection/claim.yaml",
                     "badges/accessibilite/claim.yaml", "badges/tutorat/evidence/charte.pdf", "README.md"]
        let result = try DossierMerge(catalogue: catalogue, text: LineMerger())
            .merge(base: baseSource, ours: ours, theirs: theirs, paths: paths)
        #expect(Set(result.files.keys) == ["dossier.yaml", "badges/tutorat/claim.yaml", "badges/apprentis/claim.yaml",
                                           "badges/accessibilite/claim.yaml"])
        // prospection: deleted by ours, unchanged by theirs.
        #expect(result.deleted == ["badges/prospection/claim.yaml"])
        let tutorat = try Claim.parse(try #require(result.files["badges/tutorat/claim.yaml"]), file: Self.claimPath)
        #expect(tutorat.evidence("charte")?.title == "Charte signée")
        #expect(tutorat.evidence("charte")?.sha256 == sha256("v2\n"))
        let identity = try DossierIdentity.parse(try #require(result.files["dossier.yaml"]))
        #expect(identity.name == "CFA A")
        // A side's bytes are kept when the merge gives exactly that side.
        let apprentis = try ours.read("badges/apprentis/claim.yaml")
        #expect(result.files["badges/apprentis/claim.yaml"] == apprentis)
        // accessibilite: deleted by ours, changed by theirs: theirs is kept, and reported.
        let accessibilite = try theirs.read("badges/accessibilite/claim.yaml")
        #expect(result.files["badges/accessibilite/claim.yaml"] == accessibilite)
        #expect(result.conflicts == [
            MergeConflict(file: "dossier.yaml", field: "name", ours: "CFA A", theirs: "CFA B"),
            MergeConflict(file: "badges/accessibilite/claim.yaml", badge: "accessibilite", field: "presence",
                          ours: nil, theirs: "charte, classe-virtuelle, procedure"),
        ])
    }

    @Test func dossierMergeConflictsInCatalogueOrderAndCopies() throws {
        let catalogue = try builtinCatalogue()
        let base = Self.baseClaim()
        let ourClaim = editEvidence(edited(base) { $0.status = .ready }, "charte") { self.setFile(&$0, content: "nous\n") }
        let theirClaim = editEvidence(edited(base) { $0.coverage = Coverage("1/8") }, "charte") { self.setFile(&$0, content: "eux\n") }
        let baseSource = try Self.source(claims: ["tutorat": base, "prospection": base])
        let ours = try Self.source(claims: ["tutorat": ourClaim, "prospection": edited(base) { $0.level = 1 }])
        let theirs = try Self.source(claims: ["tutorat": theirClaim, "prospection": edited(base) { $0.level = 2 }])
        let result = try DossierMerge(catalogue: catalogue, text: LineMerger())
            .merge(base: baseSource, ours: ours, theirs: theirs, paths: ["badges/tutorat/claim.yaml", "badges/prospection/claim.yaml"])
        #expect(result.conflicts.map { "\($0.badge ?? "")/\($0.field)" } == ["prospection/level", "tutorat/file"])
        #expect(result.evidenceFileCopies == [EvidenceFileCopy(badge: "tutorat", fromPath: "charte.pdf",
                                                               toPath: "charte (conflit \(sha256("eux\n").prefix(7))).pdf",
                                                               sha256: sha256("eux\n"))])
        let merged = try Claim.parse(try #require(result.files[Self.claimPath]), file: Self.claimPath)
        #expect(merged.status == .ready && merged.coverage == Coverage("1/8"))
        #expect(merged.evidence.map(\.id) == ["charte", "charte-2", "classe-virtuelle", "procedure"])
    }

    @Test func dossierMergeRejectsYAMLThatDoesNotParse() throws {
        let catalogue = try builtinCatalogue()
        let base = try Self.source(claims: ["tutorat": Self.baseClaim()])
        let ours = try Self.source(claims: ["tutorat": Self.baseClaim()])
        let theirs = try Self.source(claims: [:], raw: [Self.claimPath: "status: ready\nevidence:\n  - id: A\n    title: x\n"])
        let error = dossierError {
            _ = try DossierMerge(catalogue: catalogue, text: LineMerger())
                .merge(base: base, ours: ours, theirs: theirs, paths: [Self.claimPath])
        }
        #expect(error?.file == Self.claimPath)
        #expect(error?.line == 3)
    }
}
