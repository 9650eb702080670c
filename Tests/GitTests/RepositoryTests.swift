import Foundation
import Testing
import TestServers
@testable import Git

@Suite("Git: repositories, commits, history, references")
struct RepositoryTests {
    @Test func createsARepositoryOnBranchMain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/nouveau/dossier"
        let repository = try Repository.create(at: path)
        #expect(try git("symbolic-ref", "HEAD", in: path).trimmed == "refs/heads/main")
        #expect(repository.currentBranch() == "main")
        #expect(try repository.headCommit() == nil, "no commit yet")
        #expect(!repository.isBare)
        #expect(repository.workingDirectory == path + "/")
        #expect(repository.gitDirectory == path + "/.git/")
        #expect(try git("rev-parse", "--is-inside-work-tree", in: path).trimmed == "true")
    }

    @Test func createsWithAnotherInitialBranch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let repository = try Repository.create(at: folder.path, initialBranch: "brouillon")
        #expect(try git("symbolic-ref", "HEAD", in: folder.path).trimmed == "refs/heads/brouillon")
        #expect(repository.currentBranch() == "brouillon")
    }

    @Test func createsABareRepository() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/miroir.git"
        let repository = try Repository.create(at: path, bare: true)
        #expect(repository.isBare)
        #expect(repository.workingDirectory == nil)
        #expect(try git("rev-parse", "--is-bare-repository", in: path).trimmed == "true")
        #expect(try git("symbolic-ref", "HEAD", in: path).trimmed == "refs/heads/main")
    }

    @Test func openAndDiscover() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("x", to: "badges/tutorat/claim.yaml")
        let opened = try Repository.open(at: fixture.path)
        #expect(opened.workingDirectory == fixture.path + "/")
        let found = try #require(try Repository.discover(from: fixture.path + "/badges/tutorat"))
        #expect(found.workingDirectory == fixture.path + "/")
        // Opening exactly does not search parent folders.
        #expect(throws: GitError.self) { try Repository.open(at: fixture.path + "/badges") }
        let elsewhere = try TemporaryFolder()
        defer { elsewhere.remove() }
        #expect(try Repository.discover(from: elsewhere.path) == nil)
    }

    @Test func indexAddWriteTreeAndCommit() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("uai: \"0141234R\"\n", to: "dossier.yaml")
        try fixture.folder.write("status: draft\n", to: "badges/tutorat/claim.yaml")
        let index = try fixture.repository.index()
        try index.add(path: "dossier.yaml")
        try index.add(path: "badges/tutorat/claim.yaml")
        #expect(index.count == 2)
        let tree = try index.writeTree()
        try index.write()
        let id = try fixture.repository.commit(tree: tree, parents: [], message: "Premier enregistrement\n\nDétails.",
                                               author: author())
        // HEAD moved to the new commit, on main.
        #expect(try git("rev-parse", "HEAD", in: fixture.path).trimmed == id.hex)
        #expect(try git("rev-parse", "refs/heads/main", in: fixture.path).trimmed == id.hex)
        #expect(try git("rev-parse", "HEAD^{tree}", in: fixture.path).trimmed == tree.hex)
        #expect(try git("ls-tree", "-r", "--name-only", "HEAD", in: fixture.path).lines == ["badges/tutorat/claim.yaml", "dossier.yaml"])
        #expect(try git("log", "--format=%an|%ae|%at|%s", in: fixture.path).trimmed
            == "Claire Lemonnier|claire@cfa.example.fr|1750000000|Premier enregistrement")
        #expect(try git("status", "--porcelain", in: fixture.path).trimmed == "", "the index was written")
        let fsck = try git("fsck", "--strict", in: fixture.path)
        #expect(fsck.status == 0, "\(fsck.stderr)")

        let commit = try #require(try fixture.repository.headCommit())
        #expect(commit.id == id)
        #expect(commit.treeID == tree)
        #expect(commit.parentIDs.isEmpty)
        #expect(commit.summary == "Premier enregistrement")
        #expect(commit.message.hasPrefix("Premier enregistrement\n\nDétails."))
        #expect(commit.author.name == "Claire Lemonnier")
        #expect(commit.author.email == "claire@cfa.example.fr")
        #expect(commit.author.date == Date(timeIntervalSince1970: 1_750_000_000))
        #expect(commit.author.timeZoneOffset == 120)
        #expect(try commit.tree().id == tree)
    }

    @Test func commitWithTheWrongParentIsRefusedAndHeadStays() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("1", to: "f.txt")
        let first = try fixture.commit("un", adding: ["f.txt"])
        let tree = try fixture.repository.commit(first).treeID
        #expect(throws: GitError.self) {
            try fixture.repository.commit(tree: tree, parents: [], message: "orphelin", author: author(1))
        }
        #expect(try fixture.repository.headCommit()?.id == first)
        #expect(try git("rev-parse", "HEAD", in: fixture.path).trimmed == first.hex)
    }

    @Test func invalidSignatureIsAGitError() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("1", to: "f.txt")
        let index = try fixture.repository.index()
        try index.add(path: "f.txt")
        let tree = try index.writeTree()
        #expect(throws: GitError.self) {
            try fixture.repository.commit(tree: tree, parents: [], message: "m", author: Signature(name: "", email: "a@b.fr"))
        }
        #expect(try fixture.repository.headCommit() == nil)
    }

    @Test func stagingAMissingFileIsAGitError() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let error = #expect(throws: GitError.self) { try fixture.repository.index().add(path: "absent.txt") }
        #expect(error?.message.contains("absent.txt") == true)
        #expect(error?.code == .notFound)
    }

    @Test func indexRemoveAndReadTree() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("a", to: "a.txt")
        try fixture.folder.write("b", to: "b.txt")
        let first = try fixture.commit("un", adding: ["a.txt", "b.txt"])
        try fixture.folder.remove("b.txt")
        let second = try fixture.commit("deux", removing: ["b.txt"], second: 1)
        #expect(try git("ls-tree", "--name-only", "HEAD", in: fixture.path).lines == ["a.txt"])
        #expect(try fixture.repository.commit(second).parentIDs == [first])
        let index = try fixture.repository.index()
        try index.read(tree: try fixture.repository.commit(first).tree())
        #expect(index.count == 2)
    }

    @Test func historyIsNewestFirst() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        var ids: [ObjectID] = []
        for number in 1...4 {
            try fixture.folder.write("version \(number)\n", to: "dossier.yaml")
            ids.append(try fixture.commit("enregistrement \(number)", adding: ["dossier.yaml"], second: number))
        }
        let head = try #require(try fixture.repository.headCommit())
        let history = try fixture.repository.history(from: head.id)
        #expect(history.map(\.id) == ids.reversed())
        #expect(history.map(\.summary) == ["enregistrement 4", "enregistrement 3", "enregistrement 2", "enregistrement 1"])
        #expect(history.map(\.id.hex) == (try git("rev-list", "HEAD", in: fixture.path).lines))
        #expect(try fixture.repository.history(from: head.id, limit: 2).map(\.id) == [ids[3], ids[2]])
        #expect(try fixture.repository.history(from: ids[1]).map(\.id) == [ids[1], ids[0]])
        #expect(try head.parents().map(\.id) == [ids[2]])
    }

    @Test func historyFollowsTopologyWhenTimesAreEqual() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        var ids: [ObjectID] = []
        for number in 1...3 {
            try fixture.folder.write("v\(number)", to: "f.txt")
            ids.append(try fixture.commit("c\(number)", adding: ["f.txt"], second: 0))
        }
        #expect(try fixture.repository.history(from: ids[2]).map(\.id) == ids.reversed())
    }

    @Test func resolveCommitNamesRevisions() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("1", to: "f.txt")
        let first = try fixture.commit("un", adding: ["f.txt"])
        try fixture.folder.write("2", to: "f.txt")
        let second = try fixture.commit("deux", adding: ["f.txt"], second: 1)
        try git("tag", "v1", first.hex, in: fixture.path)
        try git("tag", "-a", "-m", "annotée", "v1-annotee", first.hex, in: fixture.path)
        #expect(try fixture.repository.resolveCommit("HEAD").id == second)
        #expect(try fixture.repository.resolveCommit("main").id == second)
        #expect(try fixture.repository.resolveCommit("HEAD~1").id == first)
        #expect(try fixture.repository.resolveCommit(first.hex).id == first)
        #expect(try fixture.repository.resolveCommit(first.short).id == first)
        #expect(try fixture.repository.resolveCommit("v1").id == first)
        #expect(try fixture.repository.resolveCommit("v1-annotee").id == first, "annotated tags are peeled")
        #expect(try fixture.repository.resolveCommit("refs/tags/v1").id == first)
    }

    @Test(arguments: ["inconnue", "refs/tags/awards/tutorat/2025-01-01", "HEAD~5", "0123456789abcdef0123456789abcdef01234567"])
    func resolveCommitOfAnUnknownRevisionThrows(revision: String) throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("1", to: "f.txt")
        try fixture.commit("un", adding: ["f.txt"])
        do {
            _ = try fixture.repository.resolveCommit(revision)
            Issue.record("\(revision) resolved")
        } catch let error as GitError {
            #expect(error.code == .notFound, "\(error)")
            #expect(error.message.contains(revision))
        }
    }

    @Test func resolveCommitOnAnEmptyRepositoryThrows() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let error = #expect(throws: GitError.self) { try fixture.repository.resolveCommit("HEAD") }
        #expect(error.map { [.notFound, .unbornBranch].contains($0.code) } == true)
    }

    @Test func referenceNamesMatchingAGlob() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("1", to: "f.txt")
        let id = try fixture.commit("un", adding: ["f.txt"])
        for tag in ["awards/tutorat/2026-01-15", "awards/tutorat/2025-01-01", "awards/prospection/2025-06-01", "v1"] {
            #expect(try git("tag", tag, id.hex, in: fixture.path).status == 0)
        }
        try git("branch", "awards-branche", in: fixture.path)
        #expect(try fixture.repository.referenceNames(matching: "refs/tags/awards/tutorat/*")
            == ["refs/tags/awards/tutorat/2025-01-01", "refs/tags/awards/tutorat/2026-01-15"])
        #expect(try fixture.repository.referenceNames(matching: "refs/tags/awards/*")
            == ["refs/tags/awards/prospection/2025-06-01", "refs/tags/awards/tutorat/2025-01-01", "refs/tags/awards/tutorat/2026-01-15"])
        #expect(try fixture.repository.referenceNames(matching: "refs/tags/awards/ressources/*") == [])
        #expect(try fixture.repository.referenceNames(matching: "refs/heads/*") == ["refs/heads/awards-branche", "refs/heads/main"])
    }

    @Test func referenceNamesSeesPackedReferences() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("1", to: "f.txt")
        let id = try fixture.commit("un", adding: ["f.txt"])
        try git("tag", "awards/tutorat/2025-01-01", id.hex, in: fixture.path)
        try git("pack-refs", "--all", in: fixture.path)
        try git("tag", "awards/tutorat/2026-01-01", id.hex, in: fixture.path)
        #expect(try fixture.repository.referenceNames(matching: "refs/tags/awards/tutorat/*")
            == ["refs/tags/awards/tutorat/2025-01-01", "refs/tags/awards/tutorat/2026-01-01"])
    }

    @Test func blobsMatchGitHashObject() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let text = "Procédure de conservation\n"
        try fixture.folder.write(text, to: "procedure.md")
        let id = try fixture.repository.writeBlob(Array(text.utf8))
        #expect(id.hex == (try git("hash-object", "procedure.md", in: fixture.path).trimmed))
        #expect(try fixture.repository.blobData(id) == Array(text.utf8))
        let empty = try fixture.repository.writeBlob([])
        #expect(empty.hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(try fixture.repository.blobData(empty) == [])
        let binary: [UInt8] = [0, 1, 2, 255, 0, 10]
        #expect(try fixture.repository.blobData(fixture.repository.writeBlob(binary)) == binary)
    }

    @Test func treesEntriesAndSubtrees() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("claim", to: "badges/tutorat/claim.yaml")
        try fixture.folder.write("csv", to: "badges/tutorat/evidence/tuteurs.csv")
        try fixture.folder.write("#!/bin/sh\n", to: "outils/script.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/outils/script.sh")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/lien", withDestinationPath: "badges/tutorat/claim.yaml")
        try fixture.commit("un", adding: ["badges/tutorat/claim.yaml", "badges/tutorat/evidence/tuteurs.csv", "outils/script.sh", "lien"])
        let tree = try #require(try fixture.repository.headCommit()).tree()
        #expect(tree.entries.map(\.name) == ["badges", "lien", "outils"])
        #expect(tree.entries.map(\.kind) == [.tree, .symlink, .tree])
        #expect(try tree.entry(at: "outils/script.sh")?.kind == .executable)
        let csv = try #require(try tree.entry(at: "badges/tutorat/evidence/tuteurs.csv"))
        #expect(csv.kind == .blob)
        #expect(csv.name == "tuteurs.csv")
        #expect(csv.id.hex == (try git("rev-parse", "HEAD:badges/tutorat/evidence/tuteurs.csv", in: fixture.path).trimmed))
        #expect(try fixture.repository.blobData(csv.id) == Array("csv".utf8))
        #expect(try fixture.repository.blobData(try #require(try tree.entry(at: "lien")).id) == Array("badges/tutorat/claim.yaml".utf8))
        #expect(try tree.entry(at: "badges/absent") == nil)
        let badges = try #require(try tree.subtree(at: "badges/tutorat"))
        #expect(badges.entries.map(\.name) == ["claim.yaml", "evidence"])
        #expect(badges.id.hex == (try git("rev-parse", "HEAD:badges/tutorat", in: fixture.path).trimmed))
        #expect(try tree.subtree(at: "badges/tutorat/claim.yaml") == nil, "a file is not a subtree")
        #expect(try tree.subtree(at: "nulle-part") == nil)
    }

    @Test func objectIDs() throws {
        let hex = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex)
        #expect(id.short == "e69de29")
        #expect(id.description == hex)
        #expect(ObjectID(hex: hex.uppercased()) == id)
        #expect(ObjectID(hex: "e69de29") == nil)
        #expect(ObjectID(hex: String(repeating: "z", count: 40)) == nil)
        #expect(Set([id, try #require(ObjectID(hex: hex))]).count == 1)
    }

    @Test func configString() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try git("config", "dossier.essai", "valeur", in: fixture.path)
        let reopened = try Repository.open(at: fixture.path)
        #expect(reopened.configString("dossier.essai") == "valeur")
        #expect(reopened.configString("dossier.absente") == nil)
    }
}
