import Foundation
import Glibc
import Testing
import TestServers
@testable import Git

/// The parallel comparison of the index with the working files (`StatusPreload`) must never change
/// what `status()` answers: every scenario is compared with libgit2's own status of every path
/// (`status(preload: false)`) and with git's. Files are committed with a modification time in the
/// past, as on a laptop where the last save is older than the files' last change, so that the
/// preload actually leaves paths out (freshly written files are "racily clean" and always examined).
@Suite("Git: status with the index compared on every core")
struct StatusPreloadTests {
    /// A repository whose committed files are older than its index: a clean status needs no libgit2 walk.
    func settled(_ files: [String: String]) throws -> RepositoryFixture {
        let fixture = try RepositoryFixture()
        for (path, text) in files { try fixture.folder.write(text, to: path) }
        for path in files.keys { try age(path, in: fixture) }
        try fixture.commit("premier", adding: Array(files.keys))
        return fixture
    }

    /// `UTIME_NOW` (a macro Swift does not import): "set this time to now".
    static let utimeNow = (1 << 30) - 1

    /// Moves a file's modification time 30 seconds into the past (its change time stays now).
    func age(_ path: String, in fixture: RepositoryFixture) throws {
        var times = [timespec(tv_sec: time(nil) - 30, tv_nsec: 123_456_789), timespec(tv_sec: time(nil) - 30, tv_nsec: 123_456_789)]
        #expect(utimensat(AT_FDCWD, fixture.folder.appending(path).path, &times, 0) == 0)
    }

    /// "a/b/" for "a/b/c.md", "" for a file at the root.
    func folder(of path: String) -> String { path.lastIndex(of: "/").map { String(path[...$0]) } ?? "" }

    func sorted(_ entries: [StatusEntry]) -> [StatusEntry] { entries.sorted { $0.path < $1.path } }

    /// The candidates the preload hands to libgit2 (nil: it stepped aside for the full status).
    func candidates(_ fixture: RepositoryFixture) throws -> [String]? {
        let index = try fixture.repository.index()
        return StatusPreload.candidates(repository: fixture.repository, index: index.handle.pointer, root: fixture.path + "/")?.sorted()
    }

    /// `status()` equals libgit2's full status and (`git: true`) git's own list of paths.
    func expectSameAsFullStatus(_ fixture: RepositoryFixture, git compareWithGit: Bool = true,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = sorted(try fixture.repository.status())
        let full = sorted(try fixture.repository.status(preload: false))
        #expect(fast == full, sourceLocation: sourceLocation)
        guard compareWithGit else { return }
        let porcelain = String(decoding: try git("status", "--porcelain", "--untracked-files=all", "-z", in: fixture.path).standardOutput,
                               as: UTF8.self).split(separator: "\0").map { String($0.dropFirst(3)) }.sorted()
        #expect(porcelain == fast.map(\.path), sourceLocation: sourceLocation)
    }

    static let files = [
        "dossier.yaml": "uai: 0141234R\n",
        "badges/tutorat/claim.yaml": "evidence: []\n",
        "badges/tutorat/evidence/charte.md": "# Charte\n",
        "badges/tutorat/evidence/suivi.md": "Suivi\n",
        "badges/tutorat/evidence/captures/ecran.png": "png",
        "badges/referent/claim.yaml": "evidence: []\n",
        "badges/referent/evidence/lettre.md": "Lettre\n",
    ]

    @Test func aCleanDossierIsAnsweredWithoutLibgit2sWalk() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        #expect(try candidates(fixture) == [])
        #expect(try fixture.repository.status() == [])
        try expectSameAsFullStatus(fixture)
    }

    @Test func onlyWhatChangedIsHandedToLibgit2() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        try fixture.folder.write("# Charte révisée\n", to: "badges/tutorat/evidence/charte.md")
        try fixture.folder.write("nouveau\n", to: "badges/referent/evidence/nouveau.md")
        try fixture.folder.remove("badges/tutorat/evidence/suivi.md")
        #expect(try candidates(fixture) == [
            "badges/referent/evidence/nouveau.md", "badges/tutorat/evidence/charte.md", "badges/tutorat/evidence/suivi.md",
        ])
        #expect(sorted(try fixture.repository.status()) == [
            StatusEntry(path: "badges/referent/evidence/nouveau.md", change: .added),
            StatusEntry(path: "badges/tutorat/evidence/charte.md", change: .modified),
            StatusEntry(path: "badges/tutorat/evidence/suivi.md", change: .deleted),
        ])
        try expectSameAsFullStatus(fixture)
    }

    @Test func aChangeThatKeepsSizeAndModificationTimeIsSeen() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        // Same size, modification time put back: only the change time tells (as for git).
        try fixture.folder.write("Lettre!", to: "badges/referent/evidence/lettre.md")
        try age("badges/referent/evidence/lettre.md", in: fixture)
        #expect(try candidates(fixture) == ["badges/referent/evidence/lettre.md"])
        #expect(try fixture.repository.status() == [StatusEntry(path: "badges/referent/evidence/lettre.md", change: .modified)])
        // git compares change times to the second only (without USE_NSEC): within the second of the
        // save it misses this change, which libgit2 sees by the nanosecond.
        try expectSameAsFullStatus(fixture, git: false)
    }

    @Test func aTouchedFileIsExaminedOnceThenNoMore() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        var now = [timespec(tv_sec: 0, tv_nsec: Self.utimeNow), timespec(tv_sec: 0, tv_nsec: Self.utimeNow)]
        #expect(utimensat(AT_FDCWD, fixture.folder.appending("badges/tutorat/evidence/suivi.md").path, &now, 0) == 0)
        #expect(try candidates(fixture) == ["badges/tutorat/evidence/suivi.md"])
        #expect(try fixture.repository.status() == [])
        try expectSameAsFullStatus(fixture)
    }

    @Test func newFoldersDeletedFoldersAndFoldersReplacedByFiles() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        try fixture.folder.write("a", to: "badges/nouveau/evidence/a.md")
        try fixture.folder.write("b", to: "badges/nouveau/evidence/sous/b.md")
        try fixture.folder.remove("badges/referent")
        try fixture.folder.remove("badges/tutorat/evidence/captures")
        try fixture.folder.write("plus un dossier", to: "badges/tutorat/evidence/captures")
        #expect(sorted(try fixture.repository.status()) == [
            StatusEntry(path: "badges/nouveau/evidence/a.md", change: .added),
            StatusEntry(path: "badges/nouveau/evidence/sous/b.md", change: .added),
            StatusEntry(path: "badges/referent/claim.yaml", change: .deleted),
            StatusEntry(path: "badges/referent/evidence/lettre.md", change: .deleted),
            StatusEntry(path: "badges/tutorat/evidence/captures", change: .added),
            StatusEntry(path: "badges/tutorat/evidence/captures/ecran.png", change: .deleted),
        ])
        try expectSameAsFullStatus(fixture)
    }

    @Test func aFileReplacedByAFolderAndASymbolicLink() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        try fixture.folder.remove("badges/tutorat/evidence/suivi.md")
        try fixture.folder.write("dedans", to: "badges/tutorat/evidence/suivi.md/dedans.md")
        try fixture.folder.remove("badges/referent/evidence/lettre.md")
        #expect(symlink("../../tutorat/evidence/charte.md", fixture.folder.appending("badges/referent/evidence/lettre.md").path) == 0)
        #expect(try fixture.repository.status().count == 3)
        try expectSameAsFullStatus(fixture)
    }

    @Test func namesThatLookLikePatternsAreTakenLiterally() throws {
        let fixture = try settled(Self.files.merging(["badges/tutorat/evidence/[a-z]*.md": "motif\n"]) { a, _ in a })
        defer { fixture.remove() }
        try fixture.folder.write("motif changé\n", to: "badges/tutorat/evidence/[a-z]*.md")
        try fixture.folder.write("?\n", to: "badges/tutorat/evidence/q?.md")
        #expect(sorted(try fixture.repository.status()) == [
            StatusEntry(path: "badges/tutorat/evidence/[a-z]*.md", change: .modified),
            StatusEntry(path: "badges/tutorat/evidence/q?.md", change: .added),
        ])
        try expectSameAsFullStatus(fixture)
    }

    @Test func aNameThatIsNotUTF8StepsAsideForTheFullStatus() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        // "compte-rendu-é.md" written in Latin-1: the é is the single byte 0xE9.
        var name = Array((fixture.path + "/badges/tutorat/evidence/compte-rendu-").utf8) + [0xE9] + Array(".md".utf8)
        name.append(0)
        let descriptor = name.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o644) } }
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(try candidates(fixture) == nil)
        let status = try fixture.repository.status()
        #expect(status.count == 1 && status.first?.path.hasPrefix("badges/tutorat/evidence/compte-rendu-") == true, "\(status)")
        try expectSameAsFullStatus(fixture, git: false)
    }

    @Test func ignoredFilesAndFoldersStayOut() throws {
        let fixture = try settled(Self.files.merging([".gitignore": "*.tmp\ncache/\n"]) { a, _ in a })
        defer { fixture.remove() }
        try fixture.folder.write("x", to: "badges/tutorat/evidence/brouillon.tmp")
        try fixture.folder.write("x", to: "cache/a/b.bin")
        #expect(try fixture.repository.status() == [])
        try expectSameAsFullStatus(fixture)
    }

    @Test func anExecutableBitIsAChange() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        #expect(chmod(fixture.folder.appending("badges/tutorat/evidence/suivi.md").path, 0o755) == 0)
        #expect(try fixture.repository.status() == [StatusEntry(path: "badges/tutorat/evidence/suivi.md", change: .modified)])
        try expectSameAsFullStatus(fixture)
    }

    @Test func whatIsStagedButNotCommittedStepsAsideForTheFullStatus() throws {
        let fixture = try settled(Self.files)
        defer { fixture.remove() }
        try fixture.folder.write("# Charte v2\n", to: "badges/tutorat/evidence/charte.md")
        try age("badges/tutorat/evidence/charte.md", in: fixture)
        let index = try fixture.repository.index()
        try index.add(path: "badges/tutorat/evidence/charte.md")
        try index.write()
        #expect(try candidates(fixture) == nil)
        #expect(try fixture.repository.status() == [StatusEntry(path: "badges/tutorat/evidence/charte.md", change: .modified)])
        try expectSameAsFullStatus(fixture)
    }

    @Test func anUnbornRepositoryStepsAside() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("x", to: "dossier.yaml")
        #expect(try candidates(fixture) == nil)
        #expect(try fixture.repository.status() == [StatusEntry(path: "dossier.yaml", change: .added)])
    }

    /// Random trees and random changes: the answer is always libgit2's full status and git's.
    @Test(arguments: 0..<12) func randomChangesGiveTheFullStatus(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) &+ 0x5EED)   // the same changes for a seed on every run
        var files: [String: String] = [:]
        let folders = ["", "badges/a/", "badges/a/evidence/", "badges/b/evidence/", "badges/b/evidence/x/", "notes/"]
        for number in 0..<60 {
            files[folders[Int(random.next() % UInt64(folders.count))] + "f\(number).md"] = "contenu \(number)\n"
        }
        let fixture = try settled(files)
        defer { fixture.remove() }
        let paths = files.keys.sorted()
        for _ in 0..<8 {
            let path = paths[Int(random.next() % UInt64(paths.count))]
            switch random.next() % 6 {
            case 0: try? fixture.folder.write("changé \(random.next())\n", to: path)
            case 1: try? fixture.folder.remove(path)
            case 2: try fixture.folder.write("neuf\n", to: folder(of: path) + "neuf\(random.next() % 5).md")
            case 3: try fixture.folder.write("plus loin\n", to: "nouveau\(random.next() % 3)/sous/f.md")
            case 4:
                var now = [timespec(tv_sec: 0, tv_nsec: Self.utimeNow), timespec(tv_sec: 0, tv_nsec: Self.utimeNow)]
                _ = utimensat(AT_FDCWD, fixture.folder.appending(path).path, &now, 0)
            default: if !folder(of: path).isEmpty { try? fixture.folder.remove(folder(of: path)) }
            }
        }
        try expectSameAsFullStatus(fixture)
    }
}
