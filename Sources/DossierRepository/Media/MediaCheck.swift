import DossierCore
import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// What `check` says about a dossier's media: files left on the remote, and objects of the
/// local store whose bytes no longer match their id. Objects are re-hashed only when their
/// size, time or inode changed since they were last found sound (`lfs/dossier-verified.json`).
public struct MediaCheck {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Problems by badge. With `files`, what an evidence file's content is comes from its stat
    /// cache (a file unchanged since the last check is not read again).
    public func problems(_ dossier: Dossier, files: CachedWorkingSource? = nil) throws -> [String: [Problem]] {
        let store = MediaStore(gitDirectory: workspace.repository.gitDirectory)
        var verified = VerifiedObjects(store: store)
        var result: [String: [Problem]] = [:]
        for (badge, claim) in dossier.claims {
            let folder = Claim.evidenceFolder(badge: badge)
            for item in claim.evidence {
                guard case .file(let path, let sha, let size) = item.location else { continue }
                let full = folder + "/" + path
                let content = try Self.content(of: full, root: workspace.root, files: files)
                if case .pointer(let pointer) = content, !store.contains(pointer) {
                    result[badge, default: []].append(.mediaNotDownloaded(evidence: item.id, path: full))
                    continue
                }
                if case .malformedPointer = content {
                    result[badge, default: []].append(.mediaPointerMalformed(evidence: item.id, path: full))
                    continue
                }
                guard let sha, let size, let pointer = LFSPointer(oid: sha, size: size), store.contains(pointer),
                      try MediaAttributes.isMedia(full, in: workspace.repository) else { continue }
                if try !verified.isSound(pointer) { result[badge, default: []].append(.mediaDamaged(evidence: item.id, path: full)) }
            }
        }
        try verified.save()
        return result
    }

    /// What an evidence file holds, as far as media go.
    enum PointerContent { case pointer(LFSPointer), malformedPointer, other }

    static func content(of path: String, root: String, files: CachedWorkingSource?) throws -> PointerContent {
        if let facts = try files?.facts(of: path) {
            switch facts.content {
            case .pointer: return LFSPointer(oid: facts.digest.sha256, size: facts.digest.size).map(PointerContent.pointer) ?? .other
            case .malformedPointer: return .malformedPointer
            case .plain: return .other
            }
        }
        // Not a regular file (a symbolic link is followed here), or no cache.
        guard let bytes = smallFile(root + "/" + path) else { return .other }
        if let pointer = LFSPointer.parse(bytes) { return .pointer(pointer) }
        return LFSPointer.looksLikePointer(bytes) ? .malformedPointer : .other
    }

    /// A file's bytes when it is small enough to be a pointer.
    public static func smallFile(_ path: String) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) <= LFSPointer.maximumSize else { return nil }
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}

/// Objects found sound, with the file identity (size, time, inode) they had then: an object
/// changed in place afterwards no longer matches its entry and is hashed again.
public struct VerifiedObjects {
    let store: MediaStore
    var known: [String: String]
    var changed = false

    public init(store: MediaStore) {
        self.store = store
        let data = FileManager.default.contents(atPath: store.folder + "/dossier-verified.json")
        known = data.flatMap { try? JSONDecoder().decode([String: String].self, from: $0) } ?? [:]
    }

    /// The identity of an object's file, or nil when it is not there.
    func identity(_ pointer: LFSPointer) -> String? {
        var info = stat()
        guard stat(store.path(pointer.oid), &info) == 0 else { return nil }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
    }

    /// Whether the object was found sound and has not changed since (no hashing).
    public func isKnownSound(_ pointer: LFSPointer) -> Bool {
        identity(pointer).map { known[pointer.oid] == $0 } ?? false
    }

    /// Records an object just written and hashed.
    public static func remember(_ pointer: LFSPointer, in store: MediaStore) {
        var verified = VerifiedObjects(store: store)
        guard let identity = verified.identity(pointer) else { return }
        verified.known[pointer.oid] = identity
        verified.changed = true
        try? verified.save()
    }

    mutating func isSound(_ pointer: LFSPointer) throws -> Bool {
        guard let identity = identity(pointer) else { return false }
        if known[pointer.oid] == identity { return true }
        let sound = try store.verify(pointer)
        if sound {
            known[pointer.oid] = identity
            changed = true
        }
        return sound
    }

    func save() throws {
        guard changed else { return }
        let data = try JSONEncoder().encode(known)
        try AtomicFile.write(data, to: store.folder + "/dossier-verified.json")
    }
}
