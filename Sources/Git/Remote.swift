internal import Clibgit2
#if canImport(Glibc)
internal import Glibc
#endif

/// A named remote of a repository (`origin`), or an anonymous one for a URL.
public final class Remote {
    let handle: Managed
    let repository: Repository
    /// The up-front credentials of the connection a listing left open (`listReferences(…
    /// keepingConnection: true)`). A transfer on that connection keeps them, whatever its own
    /// callbacks say: the transport holds the credentials it was given after a 401 otherwise, and
    /// a request must not carry both (a server refuses two `Authorization` headers).
    var connectionUpFront: BasicCredentials?

    init(_ handle: Managed, repository: Repository) {
        self.handle = handle
        self.repository = repository
    }

    public var url: String { git_remote_url(handle.pointer).map { String(cString: $0) } ?? "" }

    /// Downloads what `refspecs` name (tags are fetched only when a refspec says so).
    public func fetch(refspecs: [String], callbacks: TransferCallbacks, reflogMessage: String = "dossier: fetch") throws {
        Libgit2.prepareTransfer(to: url)
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "cannot prepare fetch options")
        options.callbacks = callbacks.options()
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.prune = GIT_FETCH_NO_PRUNE
        if git_remote_connected(handle.pointer) != 0 { callbacks.upFrontCredentials = connectionUpFront }
        try callbacks.withUpFrontCredentials { headers, redirects in
            options.custom_headers = headers
            if let redirects { options.follow_redirects = redirects }
            try markingStage {
                try withStrArray(refspecs) { array in
                    try check(git_remote_fetch(handle.pointer, &array, &options, reflogMessage), "fetch from \(url) failed")
                }
            }
        }
    }

    /// Uploads what `refspecs` name. Refused reference updates are in `callbacks.rejectedReferences`.
    public func push(refspecs: [String], callbacks: TransferCallbacks) throws {
        Libgit2.prepareTransfer(to: git_remote_pushurl(handle.pointer).map { String(cString: $0) } ?? url)
        var options = git_push_options()
        try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "cannot prepare push options")
        options.callbacks = callbacks.options()
        if git_remote_connected(handle.pointer) != 0 { callbacks.upFrontCredentials = connectionUpFront }
        try callbacks.withUpFrontCredentials { headers, redirects in
            options.custom_headers = headers
            if let redirects { options.follow_redirects = redirects }
            try markingStage {
                try withStrArray(refspecs) { array in
                    try check(git_remote_push(handle.pointer, &array, &options), "push to \(url) failed")
                }
            }
        }
    }

    /// Runs a transfer, marking a failure with the stage it reached: a remote whose references
    /// were never advertised failed while connecting (libgit2 keeps the advertisement of a
    /// connection it made, even once closed, and drops the transport of one that failed).
    func markingStage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError {
            var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
            var count = 0
            let advertised = git_remote_ls(&heads, &count, handle.pointer) == 0
            git_error_clear()
            throw error.at(advertised ? .exchanging : .connecting)
        }
    }
}

extension Repository {
    /// The remote with this name, or nil.
    public func remote(named name: String) throws -> Remote? {
        var pointer: OpaquePointer?
        let result = git_remote_lookup(&pointer, self.pointer, name)
        if result == GitError.Code.notFound.rawValue || result == GitError.Code.invalidSpec.rawValue { return nil }
        try check(result, "cannot read remote \(name)")
        return pointer.map { Remote(Managed($0, free: git_remote_free), repository: self) }
    }

    /// Creates the remote, or changes its URL. Its fetch refspec maps branches to `refs/remotes/<name>/`.
    public func setRemote(named name: String, url: String) throws {
        if try remote(named: name) != nil {
            try check(git_remote_set_url(pointer, name, url), "cannot set the URL of \(name)")
        } else {
            _ = try Managed.create("cannot create remote \(name)", free: git_remote_free) {
                git_remote_create($0, pointer, name, url)
            }
        }
    }

    /// A remote for a URL, without saving it in the configuration. `url.*.insteadOf` rewriting
    /// is skipped: libgit2 1.5 leaks a compiled pattern per configuration entry it checks, which
    /// adds up over the hub's hundreds of remotes (fixed upstream after 1.5), and the dossier's
    /// remotes are never rewritten.
    public func anonymousRemote(url: String) throws -> Remote {
        var options = git_remote_create_options()
        try check(git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)), "cannot prepare remote options")
        options.repository = pointer
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        return Remote(try Managed.create("invalid remote URL \(url)", free: git_remote_free) {
            git_remote_create_with_opts($0, url, &options)
        }, repository: self)
    }
}

/// Runs `body` with a `git_strarray` holding copies of `strings`.
func withStrArray<T>(_ strings: [String], _ body: (inout git_strarray) throws -> T) throws -> T {
    var pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
