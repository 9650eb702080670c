import DossierCore
import DossierRepository
import Foundation
import Git
import Sync
import Testing
import TestServers

/// Sync as a library: `Syncer`, `Submitter` and `ConflictResolver` called directly, two laptops of one
/// CFA and the Région's remote as a bare repository on a path (`LibraryLab`). The structured merge of
/// two dossiers is tested in memory in DossierCoreTests/MergeTests.swift; the built binary's syncs
/// (ssh, HTTP, kills, progress, exit codes) in EndToEndTests.
@Suite("Sync, the library", .timeLimit(.minutes(10)))
struct SyncLibraryTests {
    static let tutorat = "badges/tutorat/claim.yaml"
    static let ressources = "badges/ressources/claim.yaml"
    static let classeVirtuelle = "title: \"Classe virtuelle du tutorat (dans Moodle)\""

    @Test("a save made on one laptop reaches the other by fast-forward: no merge commit")
    func fastForward() throws {
        let lab = try LibraryLab()
        defer { lab.folder.remove() }
        try lab.edit("a", Self.tutorat, replacing: "Quatre formateurs", with: "Cinq formateurs")
        let saved = try lab.save("a", "Un formateur de plus")

        let sent = try lab.sync("a")
        #expect(sent.pushed && sent.sentSaves == 1 && !sent.merged && sent.conflicts.isEmpty, "\(sent)")
        #expect(try lab.remoteMain() == saved.commit)

        let received = try lab.sync("b")
        #expect(received.fastForwarded && !received.merged && received.conflicts.isEmpty, "\(received)")
        #expect(try lab.head("b").id.hex == saved.commit)
        #expect(try lab.claim("b", "tutorat").narrative.hasPrefix("Cinq formateurs"))
        #expect(try lab.head("b").parentIDs.count == 1)
    }

    @Test("two laptops' saves merged by structure: both changes kept, a commit with two parents, then the same on both")
    func structuredMerge() throws {
        let lab = try LibraryLab()
        defer { lab.folder.remove() }
        // The same claim on both laptops, different fields: an evidence's title here, the status there.
        try lab.edit("a", Self.tutorat, replacing: Self.classeVirtuelle, with: "title: \"Classe virtuelle (Moodle)\"")
        try lab.save("a", "Titre plus court")
        try lab.edit("b", Self.tutorat, replacing: "status: ready", with: "status: draft")
        try lab.edit("b", Self.ressources, replacing: "level: 2", with: "level: 1")
        let theirs = try lab.save("b", "À revoir")
        try lab.sync("a")

        let merged = try lab.sync("b")
        #expect(merged.merged && !merged.fastForwarded && merged.pushed && merged.conflicts.isEmpty, "\(merged)")
        let head = try lab.head("b")
        #expect(head.parentIDs.count == 2 && head.parentIDs.map(\.hex).contains(theirs.commit))
        let claim = try lab.claim("b", "tutorat")
        #expect(claim.status == .draft)
        #expect(claim.evidence.first { $0.id == "classe-virtuelle" }?.title == "Classe virtuelle (Moodle)")
        #expect(try lab.claim("b", "ressources").level == 1)
        #expect(try lab.remoteMain() == head.id.hex)

        let caughtUp = try lab.sync("a")
        #expect(caughtUp.fastForwarded && !caughtUp.merged, "\(caughtUp)")
        #expect(try lab.head("a").id == head.id)
        #expect(try lab.read("a", Self.tutorat) == (try lab.read("b", Self.tutorat)))
    }

    @Test("the same field changed on both laptops: a conflict and its marker, nothing sent; resolved with their value, then sent")
    func conflictMarkerResolve() throws {
        let lab = try LibraryLab()
        defer { lab.folder.remove() }
        try lab.edit("a", Self.tutorat, replacing: Self.classeVirtuelle, with: "title: \"Classe virtuelle, poste A\"")
        let first = try lab.save("a", "Titre A")
        try lab.sync("a")
        try lab.edit("b", Self.tutorat, replacing: Self.classeVirtuelle, with: "title: \"Classe virtuelle, poste B\"")
        let mine = try lab.save("b", "Titre B")

        let stopped = try lab.sync("b")
        #expect(stopped.conflicts.map(\.field) == ["title"] && !stopped.pushed, "\(stopped)")
        #expect(stopped.conflicts.first?.badge == "tutorat" && stopped.conflicts.first?.evidence == "classe-virtuelle")
        let workspace = try lab.workspace("b")
        #expect(MergeMarker.isOpen(workspace.repository))
        #expect(FileManager.default.fileExists(atPath: MergeMarker.path(gitDirectory: workspace.repository.gitDirectory)))
        #expect(try lab.head("b").id.hex == mine.commit, "the branch waits for the resolution")
        #expect(try lab.remoteMain() == first.commit, "nothing sent")
        #expect(throws: SyncError.conflictsOpen(1)) { try lab.sync("b") }

        let resolver = ConflictResolver(workspace: workspace)
        #expect(try resolver.conflicts()?.open.count == 1)
        #expect(try resolver.resolve(badge: "tutorat", side: .theirs), "the last conflict: the merge is committed")
        #expect(!MergeMarker.isOpen(workspace.repository))
        #expect(try resolver.conflicts() == nil)
        let head = try lab.head("b")
        #expect(Set(head.parentIDs.map(\.hex)) == [mine.commit, first.commit])
        #expect(try lab.claim("b", "tutorat").evidence.first { $0.id == "classe-virtuelle" }?.title == "Classe virtuelle, poste A")

        let sent = try lab.sync("b")
        #expect(sent.pushed && sent.conflicts.isEmpty, "\(sent)")
        #expect(try lab.remoteMain() == head.id.hex)
    }

    @Test("a submission is a tag on the current save; the next sync sends it and the other laptop receives it")
    func submissionTagSent() throws {
        let lab = try LibraryLab()
        defer { lab.folder.remove() }
        let day = try #require(Day(year: 2026, month: 12, day: 6))
        let date = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(
            timeZone: TimeZone(identifier: "Europe/Paris"), year: 2026, month: 12, day: 6, hour: 12)))
        let tags = try Submitter(workspace: lab.workspace("a")).submit(badges: ["tutorat"], message: nil, tagger: lab.author("a"), date: date)
        let tag = try #require(SubmissionTag(badge: "tutorat", day: day, number: 1)).name
        #expect(tags == [tag])
        #expect(try lab.remote.refs()["refs/tags/\(tag)"] == nil, "not sent before the sync")

        let sent = try lab.sync("a")
        #expect(sent.sentSubmissions == [tag], "\(sent)")
        let onRemote = try #require(try lab.remote.refs()["refs/tags/\(tag)"], "the tag is on the remote")
        #expect(try lab.remote.run(["cat-file", "-t", onRemote]).trimmingCharacters(in: .whitespacesAndNewlines) == "tag")
        #expect(try lab.remote.commit(of: "refs/tags/\(tag)") == (try lab.head("a").id.hex))

        let received = try lab.sync("b")
        #expect(received.receivedSubmissions == [tag], "\(received)")
        #expect(throws: SyncError.badgeNotReady("post-cfa")) {
            try Submitter(workspace: lab.workspace("b")).submit(badges: ["post-cfa"], message: nil, tagger: lab.author("b"))
        }
    }

    @Test("sync refuses outside main (another branch, a detached head) and with unsaved changes; nothing is sent")
    func refusalOutsideMain() throws {
        let lab = try LibraryLab(laptops: ["a"])
        defer { lab.folder.remove() }
        let root = try lab.workspace("a").root
        let before = try lab.remoteMain()
        try lab.edit("a", Self.tutorat, replacing: "Quatre formateurs", with: "Cinq formateurs")
        #expect(throws: SyncError.unsavedChanges(1)) { try lab.sync("a") }
        try lab.save("a", "Sur main")

        #expect(try git("checkout", "--quiet", "-b", "brouillon", in: root).succeeded)
        #expect(throws: SyncError.notOnMain(branch: "brouillon")) { try lab.sync("a") }
        #expect(try git("checkout", "--quiet", "--detach", "main", in: root).succeeded)
        #expect(throws: SyncError.notOnMain(branch: nil)) { try lab.sync("a") }
        #expect(try lab.remoteMain() == before, "nothing sent")

        #expect(try git("checkout", "--quiet", "main", in: root).succeeded)
        #expect(try lab.sync("a").pushed)
        #expect(try lab.remoteMain() == (try lab.head("a").id.hex))
    }
}
