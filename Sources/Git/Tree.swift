internal import Clibgit2

/// A git tree: one folder of a commit.
public final class Tree {
    let handle: Managed
    let repository: Repository

    init(_ handle: Managed, repository: Repository) {
        self.handle = handle
        self.repository = repository
    }

    public var id: ObjectID { ObjectID(git_tree_id(handle.pointer).pointee) }

    /// The entries of this folder, in git's order.
    public var entries: [TreeEntry] {
        (0..<git_tree_entrycount(handle.pointer)).compactMap { index in
            git_tree_entry_byindex(handle.pointer, index).map(TreeEntry.init)
        }
    }

    /// The entry with this name directly in this tree, or nil (a binary search, no allocation).
    public func entry(named name: String) -> TreeEntry? {
        git_tree_entry_byname(handle.pointer, name).map(TreeEntry.init)
    }

    /// The entry at a slash-separated path below this tree, or nil.
    public func entry(at path: String) throws -> TreeEntry? {
        var raw: OpaquePointer?
        let result = git_tree_entry_bypath(&raw, handle.pointer, path)
        if result == GitError.Code.notFound.rawValue { return nil }
        try check(result, "cannot read '\(path)'")
        guard let raw else { return nil }
        defer { git_tree_entry_free(raw) }
        return TreeEntry(raw)
    }

    /// The subtree at `path`, or nil when there is none (or it is not a folder).
    public func subtree(at path: String) throws -> Tree? {
        guard let entry = try entry(at: path), entry.kind == .tree else { return nil }
        return try repository.tree(entry.id)
    }
}

/// One name in a tree: a file, a folder, a symbolic link or a submodule.
public struct TreeEntry: Sendable, Equatable {
    public enum Kind: Sendable { case blob, executable, symlink, tree, submodule }

    public let name: String
    public let id: ObjectID
    public let kind: Kind

    init(_ raw: OpaquePointer) {
        name = String(cString: git_tree_entry_name(raw))
        id = ObjectID(git_tree_entry_id(raw).pointee)
        switch git_tree_entry_filemode(raw) {
        case GIT_FILEMODE_TREE: kind = .tree
        case GIT_FILEMODE_LINK: kind = .symlink
        case GIT_FILEMODE_COMMIT: kind = .submodule
        case GIT_FILEMODE_BLOB_EXECUTABLE: kind = .executable
        default: kind = .blob
        }
    }
}
