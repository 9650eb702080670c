internal import Clibgit2

extension Repository {
    /// The commit with this id.
    public func commit(_ id: ObjectID) throws -> Commit {
        var oid = id.oid
        let handle = try Managed.create("cannot read commit \(id.short)", free: git_commit_free) {
            git_commit_lookup($0, pointer, &oid)
        }
        return Commit(handle, repository: self)
    }

    /// The tree with this id.
    public func tree(_ id: ObjectID) throws -> Tree {
        var oid = id.oid
        let handle = try Managed.create("cannot read tree \(id.short)", free: git_tree_free) {
            git_tree_lookup($0, pointer, &oid)
        }
        return Tree(handle, repository: self)
    }

    /// The bytes of the blob with this id.
    public func blobData(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.oid
        let blob = try Managed.create("cannot read file object \(id.short)", free: git_blob_free) {
            git_blob_lookup($0, pointer, &oid)
        }
        let size = Int(git_blob_rawsize(blob.pointer))
        guard size > 0, let raw = git_blob_rawcontent(blob.pointer) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// The commit a revision names (`HEAD`, `main~2`, an id, a tag), peeled to a commit.
    public func resolveCommit(_ revision: String) throws -> Commit {
        let object = try Managed.create("unknown revision '\(revision)'", free: git_object_free) {
            git_revparse_single($0, pointer, revision + "^{commit}")
        }
        guard let oid = git_object_id(object.pointer) else {
            throw GitError(code: .notFound, message: "unknown revision '\(revision)'")
        }
        return try commit(ObjectID(oid.pointee))
    }

    /// Writes `data` as a blob and returns its id (the id `git hash-object` gives).
    public func writeBlob(_ data: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try data.withUnsafeBytes { buffer in
            try check(git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count), "cannot write a file object")
        }
        return ObjectID(oid)
    }
}
