import Foundation
import Testing
import TestServers
@testable import Git

@Suite("Git: status and tree changes")
struct StatusAndDiffTests {
    /// A repository with one commit holding a.txt, b.txt and c/d.txt.
    func committed() throws -> RepositoryFixture {
        let fixture = try RepositoryFixture()
        try fixture.folder.write("a\n", to: "a.txt")
        try fixture.folder.write("b\n", to: "b.txt")
        try fixture.folder.write("d\n", to: "c/d.txt")
        try fixture.commit("premier", adding: ["a.txt", "b.txt", "c/d.txt"])
        return fixture
    }

    func sorted(_ entries: [StatusEntry]) -> [StatusEntry] { entries.sorted { $0.path < $1.path } }

    @Test func cleanRepositoryHasNoStatus() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        #expect(try fixture.repository.status() == [])
    }

    @Test func unbornRepositoryListsEveryFileAsAdded() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("x", to: "dossier.yaml")
        try fixture.folder.write("y", to: "badges/tutorat/evidence/captures/e.png")
        #expect(sorted(try fixture.repository.status()) == [
            StatusEntry(path: "badges/tutorat/evidence/captures/e.png", change: .added),
            StatusEntry(path: "dossier.yaml", change: .added),
        ])
    }

    @Test func addedModifiedAndDeletedFiles() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        try fixture.folder.write("a modifié\n", to: "a.txt")
        try fixture.folder.remove("b.txt")
        try fixture.folder.write("e\n", to: "e.txt")
        try fixture.folder.write("g\n", to: "f/g/h.txt")
        let status = sorted(try fixture.repository.status())
        #expect(status == [
            StatusEntry(path: "a.txt", change: .modified),
            StatusEntry(path: "b.txt", change: .deleted),
            StatusEntry(path: "e.txt", change: .added),
            StatusEntry(path: "f/g/h.txt", change: .added),
        ])
        // The same paths as git itself.
        let porcelain = try git("status", "--porcelain", "--untracked-files=all", in: fixture.path).lines
            .map { String($0.dropFirst(3)) }.sorted()
        #expect(porcelain == status.map(\.path))
    }

    @Test func sameSizeModificationIsSeen() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        try fixture.folder.write("z\n", to: "a.txt")
        #expect(try fixture.repository.status() == [StatusEntry(path: "a.txt", change: .modified)])
    }

    @Test func stagedChangesCountAgainstHead() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        try fixture.folder.write("e\n", to: "e.txt")
        try fixture.folder.write("a2\n", to: "a.txt")
        try fixture.folder.remove("b.txt")
        let index = try fixture.repository.index()
        try index.add(path: "e.txt")
        try index.add(path: "a.txt")
        try index.remove(path: "b.txt")
        try index.write()
        #expect(sorted(try fixture.repository.status()) == [
            StatusEntry(path: "a.txt", change: .modified),
            StatusEntry(path: "b.txt", change: .deleted),
            StatusEntry(path: "e.txt", change: .added),
        ])
    }

    @Test func stagedThenDeletedNewFileIsNoChange() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        try fixture.folder.write("e\n", to: "e.txt")
        let index = try fixture.repository.index()
        try index.add(path: "e.txt")
        try index.write()
        try fixture.folder.remove("e.txt")
        #expect(try fixture.repository.status() == [])
    }

    @Test func ignoredFilesAreLeftOut() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        try fixture.folder.write("*.tmp\n.~lock.*#\n", to: ".gitignore")
        try fixture.commit("ignore", adding: [".gitignore"], second: 1)
        try fixture.folder.write("x", to: "brouillon.tmp")
        try fixture.folder.write("x", to: "c/.~lock.plan.odt#")
        try fixture.folder.write("x", to: "c/vrai.txt")
        #expect(try fixture.repository.status() == [StatusEntry(path: "c/vrai.txt", change: .added)])
    }

    @Test func changesBetweenTrees() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        let first = try #require(try fixture.repository.headCommit())
        try fixture.folder.write("a modifié\n", to: "a.txt")
        try fixture.folder.remove("b.txt")
        try fixture.folder.write("e\n", to: "c/e.txt")
        try fixture.commit("second", adding: ["a.txt", "c/e.txt"], removing: ["b.txt"], second: 1)
        let second = try #require(try fixture.repository.headCommit())
        let changes = try fixture.repository.changes(from: first.tree(), to: second.tree()).sorted { $0.path < $1.path }
        #expect(changes.map(\.path) == ["a.txt", "b.txt", "c/e.txt"])
        #expect(changes.map(\.change) == [.modified, .deleted, .added])
        let blob = { (revision: String) in ObjectID(hex: try git("rev-parse", revision, in: fixture.path).trimmed) }
        #expect(changes[0].oldID == (try blob("HEAD~1:a.txt")))
        #expect(changes[0].newID == (try blob("HEAD:a.txt")))
        #expect(changes[1].oldID == (try blob("HEAD~1:b.txt")))
        #expect(changes[1].newID == nil)
        #expect(changes[2].oldID == nil)
        #expect(changes[2].newID == (try blob("HEAD:c/e.txt")))
        // Same as git's own list.
        #expect(try git("diff", "--name-status", "HEAD~1", "HEAD", in: fixture.path).lines
            == ["M\ta.txt", "D\tb.txt", "A\tc/e.txt"])
        // Reverse direction.
        let reverse = try fixture.repository.changes(from: second.tree(), to: first.tree()).sorted { $0.path < $1.path }
        #expect(reverse.map(\.change) == [.modified, .added, .deleted])
    }

    @Test func changesFromAndToTheEmptyTree() throws {
        let fixture = try committed()
        defer { fixture.remove() }
        let tree = try #require(try fixture.repository.headCommit()).tree()
        let all = try fixture.repository.changes(from: nil, to: tree)
        #expect(all.map(\.path).sorted() == ["a.txt", "b.txt", "c/d.txt"])
        #expect(all.allSatisfy { $0.change == .added && $0.oldID == nil && $0.newID != nil })
        let none = try fixture.repository.changes(from: tree, to: nil)
        #expect(none.allSatisfy { $0.change == .deleted && $0.newID == nil })
        #expect(none.count == 3)
        #expect(try fixture.repository.changes(from: tree, to: tree) == [])
    }
}
