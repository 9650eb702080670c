internal import Clibgit2

extension Repository {
    /// Commits reachable from `start` and not from `hidden`, newest first (topological, then by
    /// time), at most `limit`.
    public func history(from start: ObjectID, hiding hidden: [ObjectID] = [], limit: Int? = nil) throws -> [Commit] {
        let walk = try Managed.create("cannot walk the history", free: git_revwalk_free) {
            git_revwalk_new($0, pointer)
        }
        try check(git_revwalk_sorting(walk.pointer, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "cannot sort the history")
        var oid = start.oid
        try check(git_revwalk_push(walk.pointer, &oid), "cannot walk from \(start.short)")
        for id in hidden {
            var hiddenOID = id.oid
            try check(git_revwalk_hide(walk.pointer, &hiddenOID), "cannot walk from \(start.short)")
        }
        var commits: [Commit] = []
        var next = git_oid()
        while limit.map({ commits.count < $0 }) ?? true {
            let result = git_revwalk_next(&next, walk.pointer)
            if result == GitError.Code.iterationOver.rawValue { break }
            try check(result, "cannot walk the history")
            commits.append(try commit(ObjectID(next)))
        }
        return commits
    }

    /// Full names of the references matching a glob such as `refs/tags/awards/*`, sorted.
    public func referenceNames(matching glob: String) throws -> [String] {
        let iterator = try Managed.create("cannot list references", free: git_reference_iterator_free) {
            git_reference_iterator_glob_new($0, pointer, glob)
        }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while true {
            let result = git_reference_next_name(&name, iterator.pointer)
            if result == GitError.Code.iterationOver.rawValue { break }
            try check(result, "cannot list references")
            if let name { names.append(String(cString: name)) }
        }
        return names.sorted()
    }
}
