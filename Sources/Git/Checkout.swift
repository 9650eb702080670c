internal import Clibgit2

extension Repository {
    /// Makes the working folder and the index match `tree`. Safe mode refuses to overwrite local
    /// changes (they would be lost); force mode is for trees the caller has checked.
    /// `paths` limits the checkout to those files (exact paths); `removeUntracked` also removes
    /// untracked (not ignored) files among them that `tree` does not hold.
    public func checkout(tree: Tree, force: Bool = false, paths: [String]? = nil, removeUntracked: Bool = false) throws {
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "cannot prepare checkout")
        options.checkout_strategy = force ? GIT_CHECKOUT_FORCE.rawValue : (GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_RECREATE_MISSING.rawValue)
        if paths != nil { options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue }
        if removeUntracked { options.checkout_strategy |= GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue }
        let object = try Managed.create("cannot read tree", free: git_object_free) { out in
            var oid = tree.id.oid
            return git_object_lookup(out, pointer, &oid, GIT_OBJECT_TREE)
        }
        if let paths {
            try withStrArray(paths) { array in
                options.paths = array
                try check(git_checkout_tree(pointer, object.pointer, &options), "cannot update the working files")
            }
        } else {
            try check(git_checkout_tree(pointer, object.pointer, &options), "cannot update the working files")
        }
    }

    /// Points the current branch at `commit` (HEAD follows), recording `message` in the reflog.
    public func moveCurrentBranch(to commit: ObjectID, message: String) throws {
        let branch = currentBranch() ?? "main"
        try setReference("refs/heads/\(branch)", to: commit, message: message)
    }

    /// Points the current branch (a detached HEAD itself) at `commit` only if it is still at
    /// `expected` (nil: unborn). See `setReference(_:to:expecting:message:)`.
    public func moveCurrentBranch(to commit: ObjectID, expecting expected: ObjectID?, message: String) throws {
        let name = headIsSymbolic ? "refs/heads/\(currentBranch() ?? "main")" : "HEAD"
        try setReference(name, to: commit, expecting: expected, message: message)
    }

    /// True when HEAD names a branch (possibly unborn); false when it is detached.
    public var headIsSymbolic: Bool {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") == 0, let reference else { return true }
        defer { git_reference_free(reference) }
        return git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC
    }
}
