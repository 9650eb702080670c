import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Writes files so that a crash or a full disk leaves either the old or the new content, never
/// half of one: the bytes go to a temporary file in the same folder, are flushed to the disk
/// (fsync), and only then renamed over the file; on any failure the temporary file is removed.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        } catch {
            throw DossierError.fileSystem(error, path: folder)
        }
        // `*.tmp` is in a dossier's `.gitignore`: a file a crash leaves here is never saved.
        var template = Array(((folder.isEmpty ? "." : folder) + "/.dossier-XXXXXX.tmp").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { throw DossierError.fromErrno(path) }
        let temporary = String(cString: template)
        var open = true
        func fail(_ code: Int32 = errno) -> DossierError {
            if open { close(descriptor) }
            open = false
            unlink(temporary)
            return DossierError.fromErrno(path, code: code)
        }
        // The file keeps the permissions a plain write would give it (mkstemp makes it 0600).
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw fail()
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw fail() }
        open = false
        guard close(descriptor) == 0 else { throw fail() }
        guard rename(temporary, path) == 0 else { throw fail() }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    /// Flushes a folder's entries (a rename just made in it) to the disk; best effort.
    public static func syncFolder(_ folder: String) {
        let descriptor = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
