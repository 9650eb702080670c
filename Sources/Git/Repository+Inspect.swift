internal import Clibgit2
import Foundation

/// What kind of object an id names.
public enum ObjectKind: Sendable, Equatable { case commit, tree, blob, tag, other }

/// An annotated tag: what it points to, who made it, when, and why.
public struct AnnotatedTag: Sendable, Equatable {
    public let id: ObjectID
    public let target: ObjectID
    public let targetKind: ObjectKind
    public let tagger: Signature?
    public let message: String
}

extension Repository {
    /// The kind and size of an object, read from its header: a large blob is not inflated.
    public func objectHeader(_ id: ObjectID) throws -> (kind: ObjectKind, size: Int) {
        let odb = try Managed.create("cannot open the object database", free: git_odb_free) { git_repository_odb($0, pointer) }
        var size = 0
        var type = GIT_OBJECT_ANY
        var oid = id.oid
        try check(git_odb_read_header(&size, &type, odb.pointer, &oid), "cannot read object \(id.short)")
        return (Self.kind(type), size)
    }

    /// True when the object database holds this object (nothing is read, and a miss does not
    /// rescan the pack folder).
    public func contains(_ id: ObjectID) -> Bool {
        guard let odb = try? Managed.create("cannot open the object database", free: git_odb_free, {
            git_repository_odb($0, pointer)
        }) else { return false }
        var oid = id.oid
        return git_odb_exists_ext(odb.pointer, &oid, UInt32(GIT_ODB_LOOKUP_NO_REFRESH.rawValue)) == 1
    }

    /// Runs `body` on the bytes of a blob where libgit2 holds them (no copy), for hashing.
    public func withBlobBytes<T>(_ id: ObjectID, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        var oid = id.oid
        let blob = try Managed.create("cannot read file object \(id.short)", free: git_blob_free) {
            git_blob_lookup($0, pointer, &oid)
        }
        return try body(UnsafeRawBufferPointer(start: git_blob_rawcontent(blob.pointer), count: Int(git_blob_rawsize(blob.pointer))))
    }

    /// The annotated tag with this id, or nil when the id names another kind of object.
    public func annotatedTag(_ id: ObjectID) throws -> AnnotatedTag? {
        guard try objectHeader(id).kind == .tag else { return nil }
        var oid = id.oid
        let tag = try Managed.create("cannot read tag \(id.short)", free: git_tag_free) { git_tag_lookup($0, pointer, &oid) }
        let target = ObjectID(git_tag_target_id(tag.pointer).pointee)
        let tagger = git_tag_tagger(tag.pointer).map { Signature($0.pointee) }
        let message = git_tag_message(tag.pointer).map { String(cString: $0) } ?? ""
        return AnnotatedTag(id: id, target: target, targetKind: Self.kind(git_tag_target_type(tag.pointer)),
                            tagger: tagger, message: message)
    }

    /// A new tree holding exactly `files` (path → blob), built in an in-memory index.
    public func tree(files: [String: ObjectID]) throws -> ObjectID {
        let index = try Managed.create("cannot create an index", free: git_index_free) { git_index_new($0) }
        for (path, blob) in files.sorted(by: { $0.key < $1.key }) {
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

    static func kind(_ type: git_object_t) -> ObjectKind {
        switch type {
        case GIT_OBJECT_COMMIT: .commit
        case GIT_OBJECT_TREE: .tree
        case GIT_OBJECT_BLOB: .blob
        case GIT_OBJECT_TAG: .tag
        default: .other
        }
    }
}

/// A reference as a remote advertises it.
public struct RemoteReference: Sendable, Equatable {
    public let name: String
    public let id: ObjectID
}

extension Remote {
    /// Asks libgit2 to stop the transfer in progress (from one of its callbacks): it then fails
    /// as cancelled.
    public func stop() {
        git_remote_stop(handle.pointer)
    }

    /// The references the remote advertises (one round trip, nothing downloaded). Peeled
    /// entries (`^{}`) are left out.
    ///
    /// With `keepingConnection`, the connection stays open after the listing: a `fetch` that
    /// follows on this remote then uses this advertisement instead of asking for it again (libgit2
    /// reuses a connected remote's transport); the caller must `disconnect()` when it does not
    /// fetch, and before any push. Without it, the connection is closed before returning.
    public func listReferences(callbacks: TransferCallbacks, keepingConnection: Bool = false) throws -> [RemoteReference] {
        Libgit2.prepareTransfer(to: url)
        var options = git_remote_connect_options()
        try check(git_remote_connect_options_init(&options, UInt32(GIT_REMOTE_CONNECT_OPTIONS_VERSION)), "cannot prepare connect options")
        options.callbacks = callbacks.options()
        try callbacks.withUpFrontCredentials { headers, redirects in
            options.custom_headers = headers
            if let redirects { options.follow_redirects = redirects }
            try markingStage {
                try check(git_remote_connect_ext(handle.pointer, GIT_DIRECTION_FETCH, &options), "cannot reach \(url)")
            }
        }
        var keep = false
        defer { if !keep { git_remote_disconnect(handle.pointer) } }
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try markingStage {
            try check(git_remote_ls(&heads, &count, handle.pointer), "cannot list the references of \(url)")
        }
        var references: [RemoteReference] = []
        for index in 0..<count {
            guard let head = heads?[index]?.pointee, let name = head.name.map({ String(cString: $0) }),
                  !name.hasSuffix("^{}") else { continue }
            references.append(RemoteReference(name: name, id: ObjectID(head.oid)))
        }
        keep = keepingConnection
        if keep { connectionUpFront = callbacks.upFrontCredentials }
        return references
    }

    /// Closes the connection a `listReferences(callbacks:keepingConnection:)` left open (nothing
    /// when none is open).
    public func disconnect() {
        git_remote_disconnect(handle.pointer)
    }
}

extension Repository {
    /// The value of a git attribute for a path (`filter` → `lfs`), from the working folder's
    /// `.gitattributes` files; nil when unset.
    public func attribute(_ name: String, path: String) throws -> String? {
        var value: UnsafePointer<CChar>?
        try check(git_attr_get(&value, pointer, UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX), path, name),
                  "cannot read the attributes of \(path)")
        guard git_attr_value(value) == GIT_ATTR_VALUE_STRING, let value else { return nil }
        return String(cString: value)
    }
}
