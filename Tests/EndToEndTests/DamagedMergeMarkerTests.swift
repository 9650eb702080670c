import Foundation
import Testing

/// `.git/dossier/merge.json` is read from disk: a damaged or hand-edited one is a clear error naming
/// the file, in the user's language, never a crash, and nothing is changed.
@Suite("A damaged merge marker")
struct DamagedMergeMarkerTests {
    @Test("ids that are not ids, or a file that is not JSON: one line naming the file, exit 1, no crash, nothing changed",
          arguments: [
              #"{"ours":"not-an-id","theirs":"x","tree":"y","conflicts":[],"settled":{}}"#,
              "{ this is not json",
              #"{"ours":"0000000000000000000000000000000000000000"}"#,
          ])
    func damagedMarker(_ content: String) throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let base = try lab.claim("a", "tutorat").effectiveNarrative
        for name in ["a", "b"] {
            try lab.dossierOK(name, ["set", "tutorat", "narrative", base.replacingOccurrences(of: "Quatre", with: "Poste \(name)")])
            try lab.save(name, "\(name) : récit")
        }
        try lab.syncOK("a")
        #expect(try lab.sync("b").result.status == 4)
        let marker = lab.file("b", ".git/dossier/merge.json")
        try Data(content.utf8).write(to: marker)
        let head = try lab.head("b")
        let before = try lab.workingSnapshot("b")
        for arguments in [["resolve", "tutorat", "--theirs"], ["resolve", "--done"], ["sync"]] {
            let french = try box.dossier(arguments, in: lab.clone("b"), lang: "fr_FR.UTF-8")
            #expect(french.status == 1, "\(arguments): \(french)")
            #expect(french.stderrLines == ["le fichier .git/dossier/merge.json est endommagé (modifié à la main ?) : rien n'a été changé ; demandez de l'aide ou supprimez-le puis relancez « dossier sync »"],
                    "\(arguments): \(french.stderrLines)")
        }
        #expect(try lab.head("b") == head)
        expectUnchanged(before, try lab.workingSnapshot("b"), "a damaged marker")
        #expect(FileManager.default.contents(atPath: marker.path) == Data(content.utf8), "the marker is left for a person to look at")
    }
}
