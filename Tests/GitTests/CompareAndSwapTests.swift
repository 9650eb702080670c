import Foundation
import Testing
import TestServers
@testable import Git

/// Branch moves that must not overwrite a move made meanwhile (a save during a sync).
@Suite("Git: compare-and-swap reference updates")
struct CompareAndSwapTests {
    @Test func movesOnlyFromTheExpectedCommit() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("un", to: "a.txt")
        let first = try fixture.commit("un", adding: ["a.txt"])
        try fixture.folder.write("deux", to: "a.txt")
        let second = try fixture.commit("deux", adding: ["a.txt"], second: 1)
        let repository = fixture.repository

        // Someone moved main to `second` after we read `first`: our move is refused, theirs stays.
        #expect {
            try repository.moveCurrentBranch(to: first, expecting: first, message: "stale")
        } throws: { ($0 as? GitError)?.code == .modified }
        #expect(try repository.referenceTarget("refs/heads/main") == second)

        try repository.moveCurrentBranch(to: first, expecting: second, message: "back")
        #expect(try repository.referenceTarget("refs/heads/main") == first)
        #expect(try git("reflog", "-1", "--format=%gs", "main", in: fixture.path).trimmed == "back")

        // Expecting an unborn branch: refused when it exists.
        #expect {
            try repository.setReference("refs/heads/main", to: second, expecting: nil, message: "create")
        } throws: { ($0 as? GitError)?.code == .exists }
        try repository.setReference("refs/heads/autre", to: second, expecting: nil, message: "create")
        #expect(try repository.referenceTarget("refs/heads/autre") == second)
    }

    @Test func aDetachedHeadMovesItself() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        try fixture.folder.write("un", to: "a.txt")
        let first = try fixture.commit("un", adding: ["a.txt"])
        _ = try git("checkout", "--quiet", "--detach", in: fixture.path)
        #expect(!fixture.repository.headIsSymbolic)
        try fixture.folder.write("deux", to: "a.txt")
        let index = try fixture.repository.index()
        try index.add(path: "a.txt")
        let commit = try fixture.repository.commit(tree: try index.writeTree(), parents: [try fixture.repository.commit(first)],
                                                   message: "deux", author: author(1), updating: nil)
        try fixture.repository.moveCurrentBranch(to: commit, expecting: first, message: "detached")
        #expect(try fixture.repository.headCommit()?.id == commit)
        #expect(try fixture.repository.referenceTarget("refs/heads/main") == first, "main must not move")
    }
}
