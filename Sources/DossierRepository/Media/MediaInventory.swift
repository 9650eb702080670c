import DossierCore
import Foundation
import Git

/// One media file of a save: where it is and the pointer git holds for it.
public struct MediaEntry: Sendable, Equatable, Hashable {
    public let path: String
    public let pointer: LFSPointer

    /// The badge whose evidence folder holds it, if any.
    public var badge: String? {
        let parts = path.split(separator: "/")
        return parts.count > 3 && parts[0] == "badges" && parts[2] == "evidence" ? String(parts[1]) : nil
    }
}

/// Finds the media (git-lfs pointers) of saves: in a tree, or introduced by a range of commits.
/// Only blobs small enough to be pointers are read (their size comes from the object header).
public struct MediaInventory {
    public let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    /// Whether a save can hold media at all: its root `.gitattributes` names the lfs filter.
    /// Dossiers without media skip the walk of every file (status and sync stay as fast as before).
    public func mayHoldMedia(_ tree: Tree) throws -> Bool {
        guard let entry = tree.entry(named: ".gitattributes"), entry.kind == .blob else { return false }
        return String(decoding: try repository.blobData(entry.id), as: UTF8.self).contains("filter=lfs")
    }

    /// Every pointer in a tree (optionally below one folder).
    public func entries(in tree: Tree, below folder: String = "") throws -> [MediaEntry] {
        guard try mayHoldMedia(tree) else { return [] }
        var found: [MediaEntry] = []
        var pending: [(Tree, String)] = [(tree, "")]
        if !folder.isEmpty {
            guard let start = try tree.subtree(at: folder) else { return [] }
            pending = [(start, folder)]
        }
        while let (current, prefix) = pending.popLast() {
            for entry in current.entries {
                let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                switch entry.kind {
                case .tree: pending.append((try repository.tree(entry.id), path))
                case .blob, .executable:
                    if let pointer = try pointer(entry.id) { found.append(MediaEntry(path: path, pointer: pointer)) }
                default: continue
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The pointers added or changed by the commits reachable from `head` and not from `hidden`
    /// (what a push sends).
    public func introduced(by head: ObjectID, hiding hidden: [ObjectID]) throws -> [MediaEntry] {
        var found = Set<MediaEntry>()
        for commit in try repository.history(from: head, hiding: hidden) {
            let parent = try commit.parents().first
            for change in try repository.changes(from: parent?.tree(), to: commit.tree()) where change.change != .deleted {
                guard let id = change.newID, let pointer = try pointer(id) else { continue }
                found.insert(MediaEntry(path: change.path, pointer: pointer))
            }
        }
        return found.sorted { ($0.path, $0.pointer.oid) < ($1.path, $1.pointer.oid) }
    }

    /// The pointers added or changed between two trees (nil: the empty tree).
    public func changed(from old: Tree?, to new: Tree) throws -> [MediaEntry] {
        try repository.changes(from: old, to: new).compactMap { change in
            guard change.change != .deleted, let id = change.newID, let pointer = try pointer(id) else { return nil }
            return MediaEntry(path: change.path, pointer: pointer)
        }
    }

    /// The pointer a blob holds, or nil for content.
    public func pointer(_ blob: ObjectID) throws -> LFSPointer? {
        let header = try repository.objectHeader(blob)
        guard header.kind == .blob, header.size <= LFSPointer.maximumSize else { return nil }
        return LFSPointer.parse(try repository.blobData(blob))
    }

    /// The evidence id a media path stands for, from the claim in `tree` (for messages).
    public func evidenceID(of entry: MediaEntry, in tree: Tree, catalogue: Catalogue) -> String? {
        guard let badge = entry.badge else { return nil }
        let folder = Claim.evidenceFolder(badge: badge) + "/"
        let reader = DossierReader(source: GitTreeSource(repository: repository, tree: tree), catalogue: catalogue)
        guard let claim = try? reader.claim(badge, validatingFiles: false) else { return nil }
        return claim.evidence.first { $0.filePath == String(entry.path.dropFirst(folder.count)) }?.id
    }
}
