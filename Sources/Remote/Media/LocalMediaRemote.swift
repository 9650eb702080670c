public import DossierCore
public import DossierRepository
public import Foundation

/// Media of a path remote: its own `lfs/objects`, as git-lfs uses for file remotes. Objects are
/// copied through the remote's `lfs/tmp` and renamed into place once their hash is checked.
public struct LocalMediaRemote: MediaRemote {
    public let store: MediaStore

    /// The media store of a bare repository at `path`.
    public init(repositoryPath: String) {
        store = MediaStore(gitDirectory: repositoryPath)
    }

    public func upload(_ pointers: [LFSPointer], from local: MediaStore, progress: MediaProgress?) throws -> [LFSPointer] {
        // Uploads killed mid-way left partial copies in the remote's lfs/tmp: none is in use now.
        store.removeTemporaryFiles()
        let missing = pointers.filter { !store.contains($0) }
        try copy(missing, from: local, to: store, isUpload: true, progress: progress)
        return missing
    }

    public func download(_ pointers: [LFSPointer], into local: MediaStore, progress: MediaProgress?) throws -> [LFSPointer] {
        let absent = pointers.filter { !store.contains($0) }
        try copy(pointers.filter { store.contains($0) }, from: store, to: local, isUpload: false, progress: progress)
        return absent
    }

    private func copy(_ pointers: [LFSPointer], from source: MediaStore, to target: MediaStore, isUpload: Bool,
                      progress: MediaProgress?) throws {
        var state = MediaProgressState(files: 0, totalFiles: pointers.count, bytes: 0,
                                       totalBytes: pointers.reduce(0) { $0 + $1.size }, isUpload: isUpload)
        progress?(state)
        // Objects this laptop hashed when it stored them, unchanged since, are copied without
        // hashing them again; any other is hashed as it is copied (a damaged one is refused).
        let verified = isUpload ? VerifiedObjects(store: source) : nil
        for pointer in pointers {
            do {
                try target.insert(fileAt: source.path(pointer.oid), expected: pointer, trusted: verified?.isKnownSound(pointer) ?? false)
            } catch MediaError.contentMismatch {
                throw isUpload ? MediaTransferError.corruptObject(path: source.path(pointer.oid), oid: pointer.oid)
                               : MediaTransferError.corruptDownload(oid: pointer.oid)
            }
            state.files += 1
            state.bytes += pointer.size
            progress?(state)
        }
    }
}
