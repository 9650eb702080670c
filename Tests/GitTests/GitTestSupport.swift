import Foundation
import Testing
@testable import Git
import TestServers

/// A fixed author, one second later per save so that the history has a clear order.
func author(_ second: Int = 0) -> Signature {
    Signature(name: "Claire Lemonnier", email: "claire@cfa.example.fr",
              date: Date(timeIntervalSince1970: TimeInterval(1_750_000_000 + second)), timeZoneOffset: 120)
}

/// A working repository in a temporary folder, with helpers to save its files.
struct RepositoryFixture {
    let folder: TemporaryFolder
    let repository: Repository
    var path: String { folder.path }

    init() throws {
        folder = try TemporaryFolder()
        repository = try Repository.create(at: folder.path)
    }

    /// Stages the given paths (removing those that no longer exist) and commits them on HEAD.
    @discardableResult
    func commit(_ message: String, adding paths: [String] = [], removing removed: [String] = [], second: Int = 0) throws -> ObjectID {
        let index = try repository.index()
        for path in paths { try index.add(path: path) }
        for path in removed { try index.remove(path: path) }
        let tree = try index.writeTree()
        try index.write()
        let parents = try repository.headCommit().map { [$0] } ?? []
        return try repository.commit(tree: tree, parents: parents, message: message, author: author(second))
    }

    func remove() { folder.remove() }
}
