internal import Clibgit2

/// A git repository opened through libgit2: one handle, used from one thread at a time.
public final class Repository {
    let handle: Managed

    init(_ handle: Managed) { self.handle = handle }

    var pointer: OpaquePointer { handle.pointer }

    /// Opens the repository at `path` exactly (a working folder or a bare repository).
    public static func open(at path: String) throws -> Repository {
        let handle = try Managed.create("cannot open repository at \(path)", free: git_repository_free) {
            git_repository_open_ext($0, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil)
        }
        return Repository(handle)
    }

    /// Finds the repository containing `path`, searching parent folders; nil when there is none.
    public static func discover(from path: String) throws -> Repository? {
        Libgit2.ensureInitialised()
        var found = git_buf()
        defer { git_buf_dispose(&found) }
        let result = git_repository_discover(&found, path, 0, nil)
        if result == GitError.Code.notFound.rawValue { return nil }
        try check(result, "cannot look for a repository from \(path)")
        return try open(at: String(cString: found.ptr))
    }

    /// Creates a repository (and its folder) whose first branch is `initialBranch`.
    public static func create(at path: String, initialBranch: String = "main", bare: Bool = false) throws -> Repository {
        Libgit2.ensureInitialised()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                  "cannot prepare repository options")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        let handle = try initialBranch.withCString { branch in
            options.initial_head = branch
            return try Managed.create("cannot create a repository at \(path)", free: git_repository_free) {
                git_repository_init_ext($0, path, &options)
            }
        }
        return Repository(handle)
    }

    /// True for a repository without a working folder (such as the hub's mirrors).
    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// The working folder, with a trailing slash; nil for a bare repository.
    public var workingDirectory: String? {
        git_repository_workdir(pointer).map { String(cString: $0) }
    }

    /// The `.git` folder (or the repository itself when bare), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The commit HEAD points to, or nil on an unborn branch (no commit yet).
    public func headCommit() throws -> Commit? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, "HEAD")
        if result == GitError.Code.unbornBranch.rawValue || result == GitError.Code.notFound.rawValue { return nil }
        try check(result, "cannot resolve HEAD")
        return try commit(ObjectID(oid))
    }

    /// The short name of the branch HEAD names (`main`), even before its first commit.
    public func currentBranch() -> String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard let target = git_reference_symbolic_target(reference) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    /// A string from the repository's configuration (with the user's and system's), or nil.
    public func configString(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, key) == 0, let value else { return nil }
        return String(cString: value)
    }
}
