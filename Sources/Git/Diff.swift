internal import Clibgit2

/// One file that differs between two trees.
public struct FileChange: Sendable, Equatable {
    public enum Change: String, Sendable { case added, deleted, modified, typeChanged }

    public let path: String
    public let change: Change
    public let oldID: ObjectID?
    public let newID: ObjectID?
}

extension Repository {
    /// The files that differ between two trees (nil stands for the empty tree). libgit2 skips
    /// subtrees whose ids are equal, so the cost follows the size of the change.
    public func changes(from old: Tree?, to new: Tree?) throws -> [FileChange] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "cannot prepare diff options")
        let diff = try Managed.create("cannot compare trees", free: git_diff_free) {
            git_diff_tree_to_tree($0, pointer, old?.handle.pointer, new?.handle.pointer, &options)
        }
        var changes: [FileChange] = []
        for index in 0..<git_diff_num_deltas(diff.pointer) {
            guard let delta = git_diff_get_delta(diff.pointer, index)?.pointee else { continue }
            let change: FileChange.Change
            switch delta.status {
            case GIT_DELTA_ADDED: change = .added
            case GIT_DELTA_DELETED: change = .deleted
            case GIT_DELTA_TYPECHANGE: change = .typeChanged
            default: change = .modified
            }
            let path = String(cString: (change == .deleted ? delta.old_file.path : delta.new_file.path) ?? delta.old_file.path)
            changes.append(FileChange(
                path: path, change: change,
                oldID: change == .added ? nil : ObjectID(delta.old_file.id),
                newID: change == .deleted ? nil : ObjectID(delta.new_file.id)))
        }
        return changes
    }
}
