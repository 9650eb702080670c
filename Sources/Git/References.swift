internal import Clibgit2

extension Repository {
    /// The id a reference points to, unpeeled (for an annotated tag: the tag object), or nil.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, name)
        if result == GitError.Code.notFound.rawValue || result == GitError.Code.invalidSpec.rawValue { return nil }
        try check(result, "cannot read reference \(name)")
        return ObjectID(oid)
    }

    /// Creates or moves a direct reference.
    public func setReference(_ name: String, to target: ObjectID, message: String) throws {
        var oid = target.oid
        _ = try Managed.create("cannot update \(name)", free: git_reference_free) {
            git_reference_create($0, pointer, name, &oid, 1, message)
        }
    }

    /// Moves a direct reference only if it still points to `expected` (nil: only if it does not
    /// exist yet): a compare-and-swap under libgit2's reference lock. Fails with
    /// `GitError.Code.modified` when someone moved it meanwhile, `.exists` when it appeared.
    public func setReference(_ name: String, to target: ObjectID, expecting expected: ObjectID?, message: String) throws {
        var oid = target.oid
        if var current = expected?.oid {
            _ = try Managed.create("cannot update \(name)", free: git_reference_free) {
                git_reference_create_matching($0, pointer, name, &oid, 1, &current, message)
            }
        } else {
            _ = try Managed.create("cannot create \(name)", free: git_reference_free) {
                git_reference_create($0, pointer, name, &oid, 0, message)
            }
        }
    }

    /// Deletes a reference, if it exists.
    public func deleteReference(_ name: String) throws {
        var reference: OpaquePointer?
        let result = git_reference_lookup(&reference, pointer, name)
        if result == GitError.Code.notFound.rawValue { return }
        try check(result, "cannot read reference \(name)")
        defer { git_reference_free(reference) }
        try check(git_reference_delete(reference), "cannot delete \(name)")
    }

    /// Creates an annotated tag `refs/tags/<name>` on a commit; fails if the tag exists.
    @discardableResult
    public func createTag(_ name: String, on commit: Commit, message: String, tagger: Signature) throws -> ObjectID {
        var oid = git_oid()
        let object = try Managed.create("cannot read commit \(commit.id.short)", free: git_object_free) { out in
            var target = commit.id.oid
            return git_object_lookup(out, pointer, &target, GIT_OBJECT_COMMIT)
        }
        try tagger.withSignature { signature in
            try check(git_tag_create(&oid, pointer, name, object.pointer, signature, message, 0), "cannot create tag \(name)")
        }
        return ObjectID(oid)
    }

    /// The blob id a working file would have (`git hash-object`), without writing it.
    public func hashFile(at path: String) throws -> ObjectID {
        var oid = git_oid()
        try check(git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB), "cannot read \(path)")
        return ObjectID(oid)
    }
}
