import Foundation
import Testing
import TestServers

/// Evidence file names near the file system's limit (255 bytes), and a sync whose working files
/// cannot be written: the sync must fail cleanly or keep both versions under a name that fits.
@Suite("sync: long file names")
struct LongNameSyncTests {
    static let badge = "tutorat"
    static let evidence = "badges/tutorat/evidence/"

    /// 251 bytes: letters, two-byte characters and a combining accent (a grapheme of 3 bytes).
    static let longName = "compte-rendu-" + String(repeating: "é", count: 100) + String(repeating: "e\u{301}", count: 10) + "-fin.txt"

    @Test("a 251-byte file changed differently on two laptops: both versions kept under a name that fits")
    func longNameKeptBoth() throws {
        #expect(Self.longName.utf8.count == 251)
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let source = lab.root.appendingPathComponent(Self.longName)
        try writeText("première version\n", to: source)
        try lab.dossierOK("a", ["add", Self.badge, source.path, "--criterion", "personnels-identifies", "--title", "Compte rendu"])
        try lab.save("a", "compte rendu")
        try lab.syncOK("a")
        try lab.syncOK("b")
        for name in ["a", "b"] {
            try writeText("version du poste \(name)\n", to: lab.file(name, Self.evidence + Self.longName))
            try lab.save(name, "compte rendu revu par \(name)")
        }
        try lab.syncOK("a")
        let report = try lab.syncOK("b")
        let kept = try #require(report.keptBothVersions.first, "\(report.keptBothVersions)")
        let keptName = String(kept.dropFirst((Self.badge + "/").count))
        #expect(keptName.utf8.count <= 255, "\(keptName.utf8.count) bytes")
        #expect(keptName.hasSuffix(").txt") && keptName.contains(" (conflit "), "\(keptName)")
        #expect(String(decoding: Array(keptName.utf8), as: UTF8.self) == keptName)
        #expect(Self.longName.hasPrefix(String(keptName[..<keptName.range(of: " (conflit ")!.lowerBound])),
                "cut between whole characters of the original name")
        try lab.syncOK("a")
        for name in ["a", "b"] {
            #expect(try readText(lab.file(name, Self.evidence + keptName)) == "version du poste a\n", "\(name)")
            #expect(try readText(lab.file(name, Self.evidence + Self.longName)) == "version du poste b\n", "\(name)")
            let claim = try lab.claim(name, Self.badge)
            let received = try #require(claim.evidence.first { $0.file == keptName }, "\(claim.evidence)")
            #expect(received.title == "Compte rendu (version reçue)")
            #expect(try lab.status(name).clean)
        }
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("a sync whose files cannot be written changes nothing and leaves no pending state")
    func unwritableIncomingFileRollsBack() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        // Another tool pushes a save holding a name no file system accepts (300 bytes), and a
        // claim entry for it: git stores it, no checkout can write it.
        let other = lab.root.appendingPathComponent("other")
        try box.gitOK(["clone", "--quiet", lab.remote.path, other.path], in: lab.root)
        let tooLong = String(repeating: "n", count: 296) + ".txt"
        let content = lab.root.appendingPathComponent("texte.txt")
        try writeText("texte\n", to: content)
        let blob = try box.gitOK(["hash-object", "-w", content.path], in: other)
        try box.gitOK(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(Self.evidence)\(tooLong)"], in: other)
        let claimURL = other.appendingPathComponent("badges/tutorat/claim.yaml")
        try writeText(try readText(claimURL) + """
              - id: trop-long
                title: "Nom trop long"
                criterion: personnels-identifies
                file: \(tooLong)

            """, to: claimURL)
        try box.gitOK(["add", "badges/tutorat/claim.yaml"], in: other)
        try box.gitOK(["commit", "--quiet", "-m", "nom trop long"], in: other)
        try box.gitOK(["push", "--quiet", "origin", "main"], in: other)

        let claimBefore = try readText(lab.claimURL("b", Self.badge))
        let headBefore = try lab.head("b")
        let failed = try lab.dossier("b", ["sync"])
        #expect(failed.status != 0, "\(failed)")
        #expect(try readText(lab.claimURL("b", Self.badge)) == claimBefore, "the claim is back as it was")
        #expect(try lab.head("b") == headBefore)
        #expect(!FileManager.default.fileExists(atPath: lab.clone("b").appendingPathComponent(".git/dossier/journal.json").path))
        #expect(try lab.status("b").clean, "nothing for a save to commit")
        let save = try lab.dossierOK("b", ["save", "-m", "rien", "--author", lab.author("b"), "--json"])
        #expect(try save.json(SaveOutput.self).saved == false, "\(save)")

        // Once the remote holds a name that fits, the next sync goes through: nothing was left blocking it.
        try box.gitOK(["rm", "--quiet", "--cached", "\(Self.evidence)\(tooLong)"], in: other)
        try box.gitOK(["checkout", "--quiet", "HEAD~1", "--", "badges/tutorat/claim.yaml"], in: other)
        try box.gitOK(["commit", "--quiet", "-am", "nom raccourci"], in: other)
        try box.gitOK(["push", "--quiet", "origin", "main"], in: other)
        try lab.syncOK("b")
        #expect(try readText(lab.claimURL("b", Self.badge)) == claimBefore)
        #expect(try lab.status("b").clean)
        try lab.expectFsckClean(["b"])
    }
}
