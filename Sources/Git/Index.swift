internal import Clibgit2

/// The repository's index (staging area), used to build the tree of a save.
public final class Index {
    let handle: Managed
    let repository: Repository

    init(_ handle: Managed, repository: Repository) {
        self.handle = handle
        self.repository = repository
    }

    /// Stages the working file at `path` (relative to the working folder).
    public func add(path: String) throws {
        try check(git_index_add_bypath(handle.pointer, path), "cannot stage '\(path)'")
    }

    /// Unstages `path`, which no longer exists in the working folder.
    public func remove(path: String) throws {
        try check(git_index_remove_bypath(handle.pointer, path), "cannot unstage '\(path)'")
    }

    /// Resets the index to the content of `tree`.
    public func read(tree: Tree) throws {
        try check(git_index_read_tree(handle.pointer, tree.handle.pointer), "cannot load the index from a tree")
    }

    /// Writes the index file to disk.
    public func write() throws {
        try check(git_index_write(handle.pointer), "cannot write the index")
    }

    /// Writes the staged content as tree objects and returns the root tree's id.
    public func writeTree() throws -> ObjectID {
        var oid = git_oid()
        try check(git_index_write_tree(&oid, handle.pointer), "cannot write the tree")
        return ObjectID(oid)
    }

    public var count: Int { git_index_entrycount(handle.pointer) }

    /// The blob staged at `path` (stage 0), or nil.
    public func blobID(path: String) -> ObjectID? {
        git_index_get_bypath(handle.pointer, path, 0).map { ObjectID($0.pointee.id) }
    }
}

extension Repository {
    /// The index of this (non-bare) repository.
    public func index() throws -> Index {
        let handle = try Managed.create("cannot open the index", free: git_index_free) {
            git_repository_index($0, pointer)
        }
        return Index(handle, repository: self)
    }

    /// Creates a commit of `tree` with these parents and moves `reference` to it (the current
    /// branch, through HEAD, by default; nil writes the commit without moving any reference).
    public func commit(tree treeID: ObjectID, parents: [Commit], message: String, author: Signature, committer: Signature? = nil,
                       updating reference: String? = "HEAD") throws -> ObjectID {
        let tree = try self.tree(treeID)
        var oid = git_oid()
        var parentPointers: [OpaquePointer?] = parents.map { $0.handle.pointer }
        try author.withSignature { authorSignature in
            try (committer ?? author).withSignature { committerSignature in
                try parentPointers.withUnsafeMutableBufferPointer { buffer in
                    try check(
                        git_commit_create(&oid, pointer, reference, authorSignature, committerSignature, "UTF-8",
                                          message, tree.handle.pointer, buffer.count, buffer.baseAddress),
                        "cannot create the commit")
                }
            }
        }
        return ObjectID(oid)
    }
}
