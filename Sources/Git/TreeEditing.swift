internal import Clibgit2

extension Repository {
    /// A new tree: `tree` with some paths set to blobs (or removed, for nil). Built in an
    /// in-memory index, so neither the working folder nor the repository's index is touched.
    public func tree(_ tree: Tree, replacing changes: [String: ObjectID?]) throws -> ObjectID {
        let index = try Managed.create("cannot create an index", free: git_index_free) { git_index_new($0) }
        try check(git_index_read_tree(index.pointer, tree.handle.pointer), "cannot load tree \(tree.id.short)")
        for (path, blob) in changes.sorted(by: { $0.key < $1.key }) {
            guard let blob else {
                _ = git_index_remove(index.pointer, path, 0)
                continue
            }
            var entry = git_index_entry()
            entry.id = blob.oid
            entry.mode = GIT_FILEMODE_BLOB.rawValue
            try path.withCString { cPath in
                entry.path = cPath
                try check(git_index_add(index.pointer, &entry), "cannot stage \(path)")
            }
        }
        var oid = git_oid()
        try check(git_index_write_tree_to(&oid, index.pointer, pointer), "cannot write tree")
        return ObjectID(oid)
    }

    /// Commits of `from` not reachable from `hidden` (saves not yet synced), at most `limit`.
    public func commitsAhead(of hidden: ObjectID?, from: ObjectID, limit: Int = 10_000) throws -> Int {
        let walk = try Managed.create("cannot walk the history", free: git_revwalk_free) { git_revwalk_new($0, pointer) }
        var start = from.oid
        try check(git_revwalk_push(walk.pointer, &start), "cannot walk from \(from.short)")
        if let hidden {
            var hide = hidden.oid
            try check(git_revwalk_hide(walk.pointer, &hide), "cannot walk the history")
        }
        var count = 0
        var next = git_oid()
        while count < limit, git_revwalk_next(&next, walk.pointer) == 0 { count += 1 }
        return count
    }
}

