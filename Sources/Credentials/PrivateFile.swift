internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Files only their owner may read: issuer private keys. Written atomically (temporary file created
/// 0600, fsync, rename) so that the key is never, even for a moment, readable by others; read only
/// when the mode still says owner-only and the owner is us.
enum PrivateFile {
    static func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(CredentialError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !replace, FileManager.default.fileExists(atPath: path) { throw .keyFile(path: path, problem: .exists) }
        let temporary = folder + "/.key-\(UInt64.random(in: 0...UInt64.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .keyFile(path: path, problem: .unwritable) }
        var ok = fchmod(descriptor, 0o600) == 0
        var offset = 0
        while ok, offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { ok = false } else { offset += written }
        }
        ok = ok && fsync(descriptor) == 0
        ok = close(descriptor) == 0 && ok
        ok = ok && rename(temporary, path) == 0
        guard ok else {
            unlink(temporary)
            throw .keyFile(path: path, problem: .unwritable)
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    static func read(_ path: String) throws(CredentialError) -> [UInt8] {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw .keyFile(path: path, problem: errno == ENOENT ? .missing : .unreadable)
        }
        // A plain file only (a symbolic link could lead anywhere), owned by us, closed to others.
        guard info.st_mode & S_IFMT == S_IFREG else { throw .keyFile(path: path, problem: .unreadable) }
        guard info.st_mode & 0o077 == 0, info.st_uid == geteuid() else { throw .keyFile(path: path, problem: .tooOpen) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .keyFile(path: path, problem: .unreadable) }
        return Array(data)
    }

    /// Makes `folder` (and its parents) with mode 0700 for the last level.
    static func makeFolder(_ folder: String) throws(CredentialError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .keyFile(path: folder, problem: .unwritable)
        }
        guard chmod(folder, 0o700) == 0 else { throw .keyFile(path: folder, problem: .unwritable) }
    }
}
