import DossierCore
import DossierRepository
import Foundation
import Git
internal import Remote
#if canImport(Glibc)
internal import Glibc
#endif

/// A media file that is neither here nor on the remote: named by badge and evidence.
public struct MissingMedia: Sendable, Equatable, Encodable {
    public let badge: String?
    public let evidence: String?
    public let path: String
    public let oid: String
}

extension Syncer {
    var mediaStore: MediaStore { MediaStore(gitDirectory: repository.gitDirectory) }

    /// The media remote of `remote`; `.lfsconfig` is read from the working folder, else from
    /// `commit` (incoming saves may bring it before the working folder has it).
    func mediaRemote(_ remote: Remote, commit: ObjectID? = nil) throws -> MediaRemote {
        var lfsConfig = LFSConfig.text(root: workspace.root)
        if lfsConfig == nil, let commit { lfsConfig = try LFSConfig.text(in: repository, commit: commit) }
        return try MediaEndpoint.remote(for: remote.url, root: workspace.root, lfsConfig: lfsConfig, options: options.remote, lang: options.lang)
    }

    /// Downloads the media of the fetched `main` that are not here (skipped with `--no-media`),
    /// before the working files are updated, so that checkout writes their content.
    func downloadIncomingMedia(_ remote: Remote, report: inout Report) throws {
        guard let incoming = try repository.referenceTarget(DossierReferences.incoming) else { return }
        // Every media of the remote's main, not only new ones: a sync also gets those an earlier
        // one could not (the object was missing) and says again which ones stay missing.
        let entries = try MediaInventory(repository: repository).entries(in: try repository.commit(incoming).tree())
        let wanted = entries.filter { !mediaStore.contains($0.pointer) }
        guard !wanted.isEmpty else { return }
        if options.noMedia {
            report.mediaNotDownloaded = Array(Set(wanted.map(\.path))).sorted()
            return
        }
        let absent = Set(try mediaRemote(remote, commit: incoming).download(uniquePointers(wanted), into: mediaStore,
                                                                            progress: options.mediaProgress))
        report.mediaReceived += Set(wanted.map(\.pointer)).subtracting(absent).count
        receivedMedia = wanted.filter { !absent.contains($0.pointer) }
        report.mediaMissing += try describe(wanted.filter { absent.contains($0.pointer) }, at: incoming)
    }

    /// Uploads the media of the saves about to be pushed that the remote lacks, before any ref
    /// is pushed. Media that are neither here nor there are reported, and the sync goes on.
    func uploadMedia(_ remote: Remote, outgoing: ObjectID, report: inout Report) throws {
        let head = try repository.commit(outgoing)
        let hidden = try repository.referenceTarget(DossierReferences.tracking).map { [$0] } ?? []
        let inventory = MediaInventory(repository: repository)
        let entries = try inventory.introduced(by: head.id, hiding: hidden)
        guard !entries.isEmpty else { return }
        let media = try mediaRemote(remote)
        // Lost from the store but still in the working folder, byte for byte: stored again.
        restoreFromWorkingFiles(entries.filter { !mediaStore.contains($0.pointer) })
        // Media the remote's main already names came from there (a merge brings them in): they are
        // not ours to send, and not downloaded here (`--no-media` leaves them on the remote).
        let remoteNames = try hidden.first.map { Set(try inventory.entries(in: try repository.commit($0).tree()).map(\.pointer)) } ?? []
        // Not here: perhaps on the remote already (another laptop sent it); else missing everywhere.
        let notHere = entries.filter { !mediaStore.contains($0.pointer) && !remoteNames.contains($0.pointer) }
        if !notHere.isEmpty {
            let absent = Set(try media.download(uniquePointers(notHere), into: mediaStore, progress: options.mediaProgress))
            report.mediaMissing += try describe(notHere.filter { absent.contains($0.pointer) }, at: head.id)
        }
        let present = entries.filter { mediaStore.contains($0.pointer) }
        do {
            report.mediaSent += try media.upload(uniquePointers(present), from: mediaStore, progress: options.mediaProgress).count
        } catch MediaTransferError.corruptObject(_, let oid) {
            let path = present.first { $0.pointer.oid == oid }?.path ?? oid
            throw MediaTransferError.corruptObject(path: path, oid: oid)
        }
    }

    /// Writes the content of media that checkout left as pointers (it reads `.gitattributes`
    /// from the working folder, so files tracked by a `.gitattributes` arriving in the same
    /// checkout are written unfiltered).
    func materialiseMedia(since before: Commit?) throws {
        guard let head = try workspace.head(), head.id != before?.id || !receivedMedia.isEmpty else { return }
        let tree = try head.tree()
        let changed = try MediaInventory(repository: repository).changed(from: try before?.tree(), to: tree)
        try MediaFetcher.materialise(changed + receivedMedia, workspace: workspace, tree: tree)
    }

    /// Stores again the objects whose working file still holds their exact content (a file that
    /// differs is left alone: its object stays missing).
    private func restoreFromWorkingFiles(_ entries: [MediaEntry]) {
        for entry in entries {
            let path = workspace.root + "/" + entry.path
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == entry.pointer.size else { continue }
            _ = try? mediaStore.insert(fileAt: path, expected: entry.pointer)
        }
    }

    private func uniquePointers(_ entries: [MediaEntry]) -> [LFSPointer] {
        var seen = Set<LFSPointer>()
        return entries.map(\.pointer).filter { seen.insert($0).inserted }
    }

    private func describe(_ entries: [MediaEntry], at commit: ObjectID) throws -> [MissingMedia] {
        let inventory = MediaInventory(repository: repository)
        let tree = try repository.commit(commit).tree()
        return entries.map { entry in
            MissingMedia(badge: entry.badge, evidence: inventory.evidenceID(of: entry, in: tree, catalogue: workspace.catalogue),
                         path: entry.path, oid: entry.pointer.oid)
        }
    }
}
