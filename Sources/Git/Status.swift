internal import Clibgit2

/// How one path differs between the last commit (HEAD) and the working folder.
public struct StatusEntry: Sendable, Equatable {
    public enum Change: Sendable, Equatable { case added, modified, deleted }

    public let path: String
    public let change: Change
}

extension Repository {
    /// Every path that differs between HEAD and the working folder (through the index), untracked
    /// files included, ignored files excluded. Uses the index's stat cache, as `git status` does,
    /// and, like git, compares the index with the working files on every core first
    /// (`StatusPreload`): libgit2 then examines only the paths that may have changed.
    /// `preload: false` is libgit2's own status of every path (the reference the tests compare with).
    public func status(preload: Bool = true) throws -> [StatusEntry] {
        var paths: [String]?
        if preload, let workdir = workingDirectory {
            let index = try Managed.create("cannot open the index", free: git_index_free) { git_repository_index($0, pointer) }
            paths = StatusPreload.candidates(repository: self, index: index.pointer, root: workdir)
            if paths?.isEmpty == true { return [] }
        }
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "cannot prepare status options")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue
            | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
            | GIT_STATUS_OPT_UPDATE_INDEX.rawValue
        let list: Managed
        if let paths {
            // Literal paths (a file name may hold `*` or `[`), each a file or a folder to look into.
            options.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue
            list = try withStrArray(paths) { array in
                options.pathspec = array
                return try Managed.create("cannot compute the status", free: git_status_list_free) {
                    git_status_list_new($0, pointer, &options)
                }
            }
        } else {
            list = try Managed.create("cannot compute the status", free: git_status_list_free) {
                git_status_list_new($0, pointer, &options)
            }
        }
        var entries: [StatusEntry] = []
        for index in 0..<git_status_list_entrycount(list.pointer) {
            guard let raw = git_status_byindex(list.pointer, index)?.pointee else { continue }
            let flags = raw.status.rawValue
            func has(_ flag: git_status_t) -> Bool { flags & flag.rawValue != 0 }
            let delta = raw.index_to_workdir ?? raw.head_to_index
            guard let delta, let cPath = delta.pointee.new_file.path ?? delta.pointee.old_file.path else { continue }
            let inHead = !has(GIT_STATUS_INDEX_NEW) && !(has(GIT_STATUS_WT_NEW) && !has(GIT_STATUS_INDEX_DELETED))
            let inWorkdir = !has(GIT_STATUS_WT_DELETED) && (!has(GIT_STATUS_INDEX_DELETED) || has(GIT_STATUS_WT_NEW))
            let change: StatusEntry.Change
            switch (inHead, inWorkdir) {
            case (false, true): change = .added
            case (true, false): change = .deleted
            case (true, true): change = .modified
            case (false, false): continue
            }
            entries.append(StatusEntry(path: String(cString: cPath), change: change))
        }
        return entries
    }
}
