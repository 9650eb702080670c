import DossierCore
import DossierRepository
import Foundation
import Testing
@testable import DossierWeb

/// The library calls the badge page added to `DossierEditor` (retitle, move, adopt, restore), called
/// directly: all or nothing, never replacing a file.
@Suite struct BadgePageEditorTests {
    static func editor(_ fixture: UIFixture) -> DossierEditor { DossierEditor(root: fixture.root, catalogue: fixture.app.settings.catalogue) }

    static func received(_ fixture: UIFixture, _ name: String, _ bytes: [UInt8]) throws -> DossierEditor.ReceivedFile {
        let path = fixture.folder + "/upload-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return DossierEditor.ReceivedFile(path: path, name: name, digest: FileDigest(sha256: Digest.sha256(bytes), size: bytes.count))
    }

    @Test func adoptMovesAndIsAllOrNothing() throws {
        let fixture = try UIFixture()
        let editor = Self.editor(fixture)
        let first = try Self.received(fixture, "a.pdf", [1, 2, 3])
        let added = try editor.adopt(badge: "tutorat", files: [first], criterion: "outils-distance", title: nil)
        #expect(added.map(\.id) == ["a"])
        #expect(!FileManager.default.fileExists(atPath: first.path), "moved, not copied")
        #expect(FileManager.default.contents(atPath: fixture.root + "/badges/tutorat/evidence/a.pdf") == Data([1, 2, 3]))
        // A second batch whose last name is taken: nothing recorded, the other file still where it was.
        let claimBefore = fixture.claimText("tutorat")
        let second = try Self.received(fixture, "b.pdf", [4])
        let taken = try Self.received(fixture, "a.pdf", [5])
        #expect(throws: DossierError.self) { try editor.adopt(badge: "tutorat", files: [second, taken], criterion: "outils-distance", title: nil) }
        #expect(fixture.claimText("tutorat") == claimBefore)
        #expect(FileManager.default.fileExists(atPath: second.path) && FileManager.default.fileExists(atPath: taken.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/badges/tutorat/evidence/b.pdf"))
        #expect(FileManager.default.contents(atPath: fixture.root + "/badges/tutorat/evidence/a.pdf") == Data([1, 2, 3]))
        // Names are one plain file name.
        for name in ["../x.pdf", "sub/x.pdf", ""] {
            let file = try Self.received(fixture, name, [6])
            #expect(throws: DossierError.self) { try editor.adopt(badge: "tutorat", files: [file], criterion: "outils-distance", title: nil) }
        }
        #expect(fixture.claimText("tutorat") == claimBefore)
    }

    @Test func retitleAndMoveCheckWhatTheyAreGiven() throws {
        let fixture = try UIFixture()
        let editor = Self.editor(fixture)
        try editor.link(badge: "tutorat", url: "https://example.fr", criterion: "outils-distance", title: "Outil", kind: .web)
        let before = fixture.claimText("tutorat")
        #expect(throws: DossierError(.unknownEvidence(badge: "tutorat", evidence: "nope"))) { try editor.retitle(badge: "tutorat", evidence: "nope", title: "x") }
        #expect(throws: DossierError(.missingField("title"))) { try editor.retitle(badge: "tutorat", evidence: "outil", title: "  ") }
        #expect(throws: DossierError(.unknownCriterion(badge: "tutorat", criterion: "nope"))) { try editor.move(badge: "tutorat", evidence: "outil", criterion: "nope") }
        #expect(fixture.claimText("tutorat") == before)
        try editor.retitle(badge: "tutorat", evidence: "outil", title: " Classe virtuelle ")
        try editor.move(badge: "tutorat", evidence: "outil", criterion: "historique-echanges")
        let evidence = try fixture.claim("tutorat").evidence[0]
        #expect(evidence.title == "Classe virtuelle" && evidence.criterion == "historique-echanges" && evidence.id == "outil")
    }

    @Test func restorePutsBackButNeverOverAnotherFile() throws {
        let fixture = try UIFixture()
        let editor = Self.editor(fixture)
        let file = try Self.received(fixture, "a.pdf", [1])
        let evidence = try editor.adopt(badge: "tutorat", files: [file], criterion: "outils-distance", title: nil)[0]
        try editor.link(badge: "tutorat", url: "https://example.fr", criterion: "outils-distance", title: "Outil", kind: .web)
        let kept = fixture.folder + "/kept"
        try FileManager.default.copyItem(atPath: fixture.root + "/badges/tutorat/evidence/a.pdf", toPath: kept)
        let whole = fixture.claimText("tutorat")
        try editor.remove(badge: "tutorat", evidence: evidence.id)
        // Another file took its place in the meantime: refused, nothing moved.
        try Data([9]).write(to: URL(fileURLWithPath: fixture.root + "/badges/tutorat/evidence/a.pdf"))
        let removed = fixture.claimText("tutorat")
        #expect(throws: DossierError.self) { try editor.restore(badge: "tutorat", evidence: evidence, file: kept, position: 0) }
        #expect(fixture.claimText("tutorat") == removed)
        #expect(FileManager.default.contents(atPath: fixture.root + "/badges/tutorat/evidence/a.pdf") == Data([9]))
        try FileManager.default.removeItem(atPath: fixture.root + "/badges/tutorat/evidence/a.pdf")
        try editor.restore(badge: "tutorat", evidence: evidence, file: kept, position: 0)
        #expect(fixture.claimText("tutorat") == whole)
        #expect(FileManager.default.contents(atPath: fixture.root + "/badges/tutorat/evidence/a.pdf") == Data([1]))
        // Twice: the id exists.
        #expect(throws: DossierError(.duplicateEvidenceID(evidence.id))) { try editor.restore(badge: "tutorat", evidence: evidence, file: nil, position: 0) }
    }

    @Test func oneBadgesCheckIsTheSameAsInTheWholeCheck() throws {
        let fixture = try UIFixture()
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        let file = try Self.received(fixture, "a.pdf", [1])
        try workspace.editor.adopt(badge: "tutorat", files: [file], criterion: "outils-distance", title: nil)
        try Data([2]).write(to: URL(fileURLWithPath: fixture.root + "/badges/tutorat/evidence/stray.txt"))
        try workspace.editor.set(badge: "ressources", field: .level, value: "2")
        let whole = try DossierCheck.run(workspace)
        for badge in ["tutorat", "ressources", "prospection"] {
            let one = try DossierCheck.badge(badge, in: workspace).check
            let inWhole = try #require(whole.report.badges.first { $0.id == badge })
            #expect(one.problems == inWhole.problems, "\(badge)")
            #expect(one.criteriaMet == inWhole.criteriaMet && one.status == inWhole.status && one.ready == inWhole.ready)
        }
        #expect(throws: DossierError(.unknownBadge("nope"))) { try DossierCheck.badge("nope", in: workspace) }
    }
}
