internal import Clibgit2

/// What merging another commit into HEAD takes.
public enum MergeAnalysis: Sendable, Equatable {
    case upToDate
    case fastForward
    case normal
    /// No common history.
    case unrelated
}

/// One path in conflict after a tree merge: the ids on each side (nil where the path is absent).
public struct MergeConflictEntry: Sendable, Equatable {
    public let path: String
    public let ancestor: ObjectID?
    public let ours: ObjectID?
    public let theirs: ObjectID?
}

extension Repository {
    /// The best common ancestor of two commits, or nil for unrelated histories.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var base = git_oid(), a = one.oid, b = two.oid
        let result = git_merge_base(&base, pointer, &a, &b)
        if result == GitError.Code.notFound.rawValue { return nil }
        try check(result, "cannot find a common ancestor")
        return ObjectID(base)
    }

    /// How `theirs` relates to `ours`.
    public func analyseMerge(ours: ObjectID?, theirs: ObjectID) throws -> MergeAnalysis {
        guard let ours else { return .fastForward }
        if ours == theirs { return .upToDate }
        guard let base = try mergeBase(ours, theirs) else { return .unrelated }
        if base == theirs { return .upToDate }
        if base == ours { return .fastForward }
        return .normal
    }

    /// Merges three trees in memory. Returns the merged index (not the repository's) and its conflicts.
    public func mergeTrees(ancestor: Tree?, ours: Tree, theirs: Tree) throws -> MergedIndex {
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "cannot prepare merge options")
        options.flags = 0   // no rename detection: dossier paths are stable
        let index = try Managed.create("cannot merge trees", free: git_index_free) {
            git_merge_trees($0, pointer, ancestor?.handle.pointer, ours.handle.pointer, theirs.handle.pointer, &options)
        }
        return MergedIndex(Index(index, repository: self))
    }

    /// Three-way merge of one text (libgit2's file merge); `conflicted` when lines clash.
    public func mergeText(base: String, ours: String, theirs: String) throws -> (text: String, conflicted: Bool) {
        var result = git_merge_file_result()
        defer { git_merge_file_result_free(&result) }
        try base.withCString { basePointer in
            try ours.withCString { oursPointer in
                try theirs.withCString { theirsPointer in
                    var baseInput = git_merge_file_input(), oursInput = git_merge_file_input(), theirsInput = git_merge_file_input()
                    git_merge_file_input_init(&baseInput, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
                    git_merge_file_input_init(&oursInput, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
                    git_merge_file_input_init(&theirsInput, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
                    baseInput.ptr = basePointer; baseInput.size = base.utf8.count
                    oursInput.ptr = oursPointer; oursInput.size = ours.utf8.count
                    theirsInput.ptr = theirsPointer; theirsInput.size = theirs.utf8.count
                    try check(git_merge_file(&result, &baseInput, &oursInput, &theirsInput, nil), "cannot merge text")
                }
            }
        }
        let text = result.ptr.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: result.len), as: UTF8.self) } ?? ""
        return (text, result.automergeable == 0)
    }
}

/// The index a tree merge produced: entries, and conflicts as stages 1/2/3.
public final class MergedIndex {
    public let index: Index

    init(_ index: Index) { self.index = index }

    public var hasConflicts: Bool { git_index_has_conflicts(index.handle.pointer) != 0 }

    /// Every conflicting path, with the ids of its three versions.
    public func conflicts() throws -> [MergeConflictEntry] {
        let iterator = try Managed.create("cannot list conflicts", free: git_index_conflict_iterator_free) {
            git_index_conflict_iterator_new($0, index.handle.pointer)
        }
        var entries: [MergeConflictEntry] = []
        var ancestor: UnsafePointer<git_index_entry>?, ours: UnsafePointer<git_index_entry>?, theirs: UnsafePointer<git_index_entry>?
        while true {
            let result = git_index_conflict_next(&ancestor, &ours, &theirs, iterator.pointer)
            if result == GitError.Code.iterationOver.rawValue { break }
            try check(result, "cannot list conflicts")
            let path = (ours ?? theirs ?? ancestor).map { String(cString: $0.pointee.path) } ?? ""
            entries.append(MergeConflictEntry(path: path, ancestor: ancestor.map { ObjectID($0.pointee.id) },
                                              ours: ours.map { ObjectID($0.pointee.id) }, theirs: theirs.map { ObjectID($0.pointee.id) }))
        }
        return entries
    }

    /// Settles a path: removes its conflict stages and stages `blob` (or nothing, to delete it).
    public func resolve(path: String, blob: ObjectID?, executable: Bool = false) throws {
        _ = git_index_conflict_remove(index.handle.pointer, path)
        guard let blob else {
            _ = git_index_remove(index.handle.pointer, path, 0)
            return
        }
        var entry = git_index_entry()
        entry.id = blob.oid
        entry.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
        try path.withCString { cPath in
            entry.path = cPath
            try check(git_index_add(index.handle.pointer, &entry), "cannot stage \(path)")
        }
    }

    /// Writes the merged content as trees in the repository and returns the root tree id.
    public func writeTree() throws -> ObjectID {
        var oid = git_oid()
        try check(git_index_write_tree_to(&oid, index.handle.pointer, index.repository.pointer), "cannot write the merged tree")
        return ObjectID(oid)
    }
}
