import DossierCore
import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// What `check` learnt about an evidence file the last time it read it: the file's identity on
/// disk (size, modification and change times in nanoseconds, inode) and what its content gave
/// (the digest, and whether it is a git-lfs pointer). Kept in `.git/dossier/digests`, so that an
/// unchanged file is not read again.
///
/// Trust follows git's racy-clean rule: an entry whose file was modified or changed in the same
/// clock tick as the hashing, or not strictly before the cache file was written, is re-hashed —
/// a write in that tick could leave the same times on different content.
public struct EvidenceStatCache: Sendable, Equatable {
    /// The identity of a file on disk, from `lstat`.
    public struct FileStat: Sendable, Equatable {
        public var size: Int64
        public var modified: Timestamp
        public var changed: Timestamp
        public var inode: UInt64

        public init(size: Int64, modified: Timestamp, changed: Timestamp, inode: UInt64) {
            self.size = size
            self.modified = modified
            self.changed = changed
            self.inode = inode
        }

        /// The regular file at `path` (not following a symbolic link), or nil.
        public static func of(_ path: String) -> FileStat? {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return FileStat(size: Int64(info.st_size), modified: Timestamp(info.st_mtim), changed: Timestamp(info.st_ctim),
                            inode: UInt64(info.st_ino))
        }

        /// The later of the modification and change times.
        var latest: Timestamp { max(modified, changed) }
    }

    /// Seconds and nanoseconds since 1970, as the file system records them.
    public struct Timestamp: Sendable, Equatable, Comparable {
        public var seconds: Int64
        public var nanoseconds: Int64

        public init(seconds: Int64, nanoseconds: Int64) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        init(_ time: timespec) { self.init(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec)) }

        public static func < (a: Timestamp, b: Timestamp) -> Bool {
            (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
        }

        /// The clock the kernel stamps files with (coarse real time): a file written from now on
        /// has times at or after this.
        public static func fileClockNow() -> Timestamp {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME_COARSE, &now)
            return Timestamp(now)
        }
    }

    /// What a file's content says.
    public enum Content: UInt8, Sendable, Equatable {
        /// Ordinary content: the digest is the file's SHA-256 and size.
        case plain = 0
        /// A git-lfs pointer: the digest is the object's id and size.
        case pointer = 1
        /// Small bytes that start like a pointer but do not parse as one.
        case malformedPointer = 2
    }

    public struct Entry: Sendable, Equatable {
        public var stat: FileStat
        public var digest: FileDigest
        public var content: Content

        public init(stat: FileStat, digest: FileDigest, content: Content) {
            self.stat = stat
            self.digest = digest
            self.content = content
        }
    }

    /// Entries by path relative to the dossier's root.
    public var entries: [String: Entry]
    /// When the cache file was written (its modification time); entries not strictly older are
    /// not trusted.
    public var written: Timestamp?

    public init(entries: [String: Entry] = [:], written: Timestamp? = nil) {
        self.entries = entries
        self.written = written
    }

    /// The entry for `path` when it can be trusted for a file whose identity is now `stat`.
    public func trusted(_ path: String, stat: FileStat) -> Entry? {
        guard let entry = entries[path], entry.stat == stat, let written, entry.stat.latest < written else { return nil }
        return entry
    }
}

extension EvidenceStatCache {
    /// The first line of a cache file; another version is ignored (and rewritten).
    static let header = "dossier digest cache 1"

    /// Reads a cache file; a missing, unreadable, corrupt or unknown-version file is an empty cache.
    public static func load(from path: String) -> EvidenceStatCache {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return EvidenceStatCache() }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0, info.st_size < 1 << 30 else { return EvidenceStatCache() }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return EvidenceStatCache() }
            filled += count
        }
        guard let entries = decode(bytes) else { return EvidenceStatCache() }
        return EvidenceStatCache(entries: entries, written: Timestamp(info.st_mtim))
    }

    /// One line per entry, fields separated by tabs, the path last:
    /// `size mtime-s mtime-ns ctime-s ctime-ns inode content digest-size sha256 path`.
    public func encoded() -> [UInt8] {
        var out = Array((Self.header + "\n").utf8)
        out.reserveCapacity(entries.count * 140)
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let stat = entry.stat
            let fields = [String(stat.size), String(stat.modified.seconds), String(stat.modified.nanoseconds),
                          String(stat.changed.seconds), String(stat.changed.nanoseconds), String(stat.inode),
                          String(entry.content.rawValue), String(entry.digest.size), entry.digest.sha256, path]
            out += Array(fields.joined(separator: "\t").utf8)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Whether a path can be written in the line format.
    static func isStorable(_ path: String) -> Bool {
        !path.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") })
    }

    /// The entries of a cache file's bytes, or nil when anything in it is not as written.
    static func decode(_ bytes: [UInt8]) -> [String: Entry]? {
        let header = Array((Self.header + "\n").utf8)
        guard bytes.starts(with: header), bytes.last == UInt8(ascii: "\n"),
              bytes.withUnsafeBufferPointer(UTF8Validation.isValid) else { return nil }
        var entries: [String: Entry] = [:]
        var index = header.count
        return bytes.withUnsafeBufferPointer { buffer -> [String: Entry]? in
            func number() -> Int64? {
                var value: Int64 = 0
                let start = index
                while index < buffer.count, buffer[index] >= 48, buffer[index] <= 57, index - start < 19 {
                    value = value * 10 + Int64(buffer[index] - 48)
                    index += 1
                }
                guard index > start, index < buffer.count, buffer[index] == 9 else { return nil }
                index += 1
                return value
            }
            while index < buffer.count {
                guard let size = number(), let mtimeS = number(), let mtimeN = number(), let ctimeS = number(),
                      let ctimeN = number(), let inode = number(), let rawContent = number(),
                      let content = Content(rawValue: UInt8(clamping: rawContent)), let digestSize = number(),
                      index + 65 <= buffer.count, buffer[index + 64] == 9 else { return nil }
                let sha = String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<(index + 64)]), as: UTF8.self)
                guard sha.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
                index += 65
                var end = index
                while end < buffer.count, buffer[end] != 10 { end += 1 }
                guard end > index, end < buffer.count else { return nil }
                // Cut at a tab and a line break of a file checked as UTF-8 above.
                let path = String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<end]), as: UTF8.self)
                index = end + 1
                let stat = FileStat(size: size, modified: Timestamp(seconds: mtimeS, nanoseconds: mtimeN),
                                    changed: Timestamp(seconds: ctimeS, nanoseconds: ctimeN), inode: UInt64(inode))
                entries[path] = Entry(stat: stat, digest: FileDigest(sha256: sha, size: Int(digestSize)), content: content)
            }
            return entries
        }
    }

    /// Writes the cache atomically: a temporary file in the same folder, renamed over it. Not
    /// flushed to the disk (no fsync): after a crash the file is the old one, the new one, or
    /// damaged, and a damaged file is ignored by `load` — every entry is checked against the file
    /// it describes anyway. Failures are ignored: the cache only saves work.
    public func save(to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var template = Array((folder + "/.digests-XXXXXX.tmp").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else { return }
        let temporary = String(cString: template)
        let bytes = encoded()
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            written += count
        }
        let closed = close(descriptor) == 0
        guard written == bytes.count, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
    }
}
