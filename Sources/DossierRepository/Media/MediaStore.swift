import DossierCore
import Foundation
import Git
#if canImport(Glibc)
internal import Glibc
#endif

/// The media objects of a repository, laid out as git-lfs lays them out:
/// `<lfs>/objects/<oid[0..2]>/<oid[2..4]>/<oid>`, written through `<lfs>/tmp` and renamed into
/// place once their SHA-256 is known, so an interrupted write never leaves a partial object.
/// `<lfs>` is `.git/lfs` in a working repository and `lfs` in a bare one.
public struct MediaStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The store of a repository, from its git directory (`…/.git/` or a bare repository).
    public init(gitDirectory: String) {
        self.init(folder: (gitDirectory.hasSuffix("/") ? gitDirectory : gitDirectory + "/") + "lfs")
    }

    public func path(_ oid: String) -> String {
        let utf8 = Array(oid.utf8)
        let first = String(decoding: utf8.prefix(2), as: UTF8.self), second = String(decoding: utf8.dropFirst(2).prefix(2), as: UTF8.self)
        return "\(folder)/objects/\(first)/\(second)/\(oid)"
    }

    /// Whether the object is present with the pointer's size (its content is checked by `verify`).
    public func contains(_ pointer: LFSPointer) -> Bool {
        var info = stat()
        return stat(path(pointer.oid), &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) == pointer.size
    }

    /// Whether the object's bytes still hash to its oid (streamed).
    public func verify(_ pointer: LFSPointer) throws -> Bool {
        guard contains(pointer) else { return false }
        let digest = try Digest.sha256(fileAt: path(pointer.oid))
        return digest.sha256 == pointer.oid && digest.size == pointer.size
    }

    /// Starts writing a new object (content arrives in chunks).
    public func writer() throws -> MediaObjectWriter {
        try MediaObjectWriter(store: self)
    }

    /// Copies a file into the store, hashing as it reads; returns its pointer. With `trusted`
    /// (an object of another store known sound and unchanged since), the copy is not hashed
    /// again: only its size is checked against `expected`.
    @discardableResult
    public func insert(fileAt source: String, expected: LFSPointer? = nil, trusted: Bool = false) throws -> LFSPointer {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw DossierError(.fileNotFound(source)) }
        defer { close(input) }
        let writer = try MediaObjectWriter(store: self, hashed: !(trusted && expected != nil))
        do {
            // A trusted copy needs no hashing: the kernel copies it, as cp does.
            if try writer.hashed || !writer.copyInKernel(from: input) {
                try MediaIO.pump(from: input) { try writer.write($0) }
            }
            return try writer.finish(expected: expected)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Creates a folder and its parents (mkdir -p); a failure (a file in the way, no permission)
    /// is one line naming the folder, not Foundation's error dump.
    static func createFolder(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createFolder(parent) }
        if mkdir(path, 0o777) == 0 { return }
        let code = errno
        // Made meanwhile by another process: fine; a file in the way: not a folder.
        if code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        throw code == EEXIST ? DossierError(.io("cannot create the folder \(path): a file is in the way")) : DossierError.fromErrno(path, code: code)
    }

    /// Removes the leftovers of interrupted writes: the `dossier-*` files of `<lfs>/tmp` no writer
    /// holds. A writer keeps its file locked (flock) from its creation until it is renamed into
    /// place or removed, so this is safe while others write (a save, another laptop uploading to
    /// the same path remote); an empty file younger than a minute may be a writer between
    /// creating and locking it, and is left for next time.
    public func removeTemporaryFiles() {
        let tmp = folder + "/tmp"
        let now = time(nil)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix("dossier-") {
            let path = tmp + "/" + name
            let descriptor = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  info.st_size > 0 || now - info.st_mtim.tv_sec > 60,
                  flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(path)
        }
    }
}

/// One object being written: bytes go to a temporary file and into the hash; `finish` checks
/// and renames it into place.
public final class MediaObjectWriter {
    let store: MediaStore
    let temporary: String
    private var descriptor: Int32
    /// Hashes each chunk on a second core while it is written.
    private let hasher = OverlappedSHA256()
    /// False for a copy of an object known sound (its oid is taken from the pointer).
    let hashed: Bool
    private var written = 0
    /// The error of a failed write: the object can no longer be finished (libgit2 still closes
    /// the stream after a failed write; its hash would name bytes that are not all in the file).
    private var failure: Error?

    init(store: MediaStore, hashed: Bool = true) throws {
        self.store = store
        self.hashed = hashed
        try MediaStore.createFolder(store.folder + "/tmp")
        var template = Array("\(store.folder)/tmp/dossier-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw DossierError.fromErrno(store.folder + "/tmp") }
        temporary = String(cString: template)
        // Held until the file is renamed or removed: `removeTemporaryFiles` leaves it alone meanwhile.
        _ = flock(descriptor, LOCK_EX | LOCK_NB)
    }

    deinit { if descriptor >= 0 { discard() } }

    public var size: Int { hasher.size }

    /// Copies the rest of `input` with `copy_file_range`; false (nothing written) when the kernel
    /// cannot, and the caller writes the bytes itself.
    func copyInKernel(from input: Int32) throws -> Bool {
        guard let copied = KernelCopy.copy(from: input, to: descriptor) else { return false }
        guard copied >= 0 else {
            let error = DossierError.fromErrno(temporary)
            failure = error
            throw error
        }
        written += copied
        return true
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let failure { throw failure }
        do {
            if hashed {
                try hasher.update(bytes) { try MediaIO.writeAll(descriptor, bytes, path: temporary) }
            } else {
                try MediaIO.writeAll(descriptor, bytes, path: temporary)
            }
            written += bytes.count
        } catch {
            failure = error
            throw error
        }
    }

    /// Closes, checks against `expected` (a download), renames into place; returns the pointer.
    public func finish(expected: LFSPointer? = nil) throws -> LFSPointer {
        // Closed (which releases the lock) only once the file is renamed or removed.
        defer {
            close(descriptor)
            descriptor = -1
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        let oid = hashed ? hasher.finalize() : (expected?.oid ?? ""), size = hashed ? hasher.size : written
        if !hashed, let expected, size != expected.size {
            unlink(temporary)
            throw MediaError.contentMismatch(expected: expected, received: LFSPointer(oid: expected.oid, size: size) ?? expected)
        }
        guard let pointer = LFSPointer(oid: oid, size: size) else { throw DossierError(.io("invalid object id")) }
        if let expected, expected != pointer {
            unlink(temporary)
            throw MediaError.contentMismatch(expected: expected, received: pointer)
        }
        let target = store.path(oid)
        if store.contains(pointer) {
            unlink(temporary)
            return pointer
        }
        // Renamed into place only once every byte is on the disk and the file has the size
        // hashed: a full disk or a crash never leaves an object whose bytes do not match its name.
        var info = stat()
        guard fsync(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw DossierError.fromErrno(temporary, code: code)
        }
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == written else {
            unlink(temporary)
            throw DossierError(.fileSystem(.inputOutput, path: temporary))
        }
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try MediaStore.createFolder(folder)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw DossierError.fromErrno(target, code: code)
        }
        AtomicFile.syncFolder(folder)
        // Just hashed: a later upload need not hash it again while it stays unchanged.
        if hashed { VerifiedObjects.remember(pointer, in: store) }
        return pointer
    }

    /// Abandons the object: nothing is left in the store.
    public func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }
}

/// Why a media transfer or check failed.
public enum MediaError: Error, Equatable, CustomStringConvertible {
    case contentMismatch(expected: LFSPointer, received: LFSPointer)
    case missing(LFSPointer)

    public var description: String {
        switch self {
        case .contentMismatch(let expected, let received):
            "content does not match its id (expected \(expected.oid.prefix(12))… \(expected.size) bytes, got \(received.oid.prefix(12))… \(received.size) bytes)"
        case .missing(let pointer):
            "media object \(pointer.oid.prefix(12))… is not present"
        }
    }
}

/// Chunked reads and writes on file descriptors.
public enum MediaIO {
    public static let chunkSize = 1 << 20

    /// Reads `descriptor` to its end in chunks, handing each to `body`.
    public static func pump(from descriptor: Int32, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw DossierError(.io("read failed: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String = "") throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw DossierError.fromErrno(path)
            }
            offset += written
        }
    }
}
