internal import Crypto
import Foundation

/// SHA-256 helpers: streamed for files, whole for buffers.
public enum Digest {
    /// Hex SHA-256 of a buffer.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// SHA-256 and size of a file read in 1 MiB chunks, never holding it whole.
    public static func sha256(fileAt path: String) throws -> FileDigest {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DossierError(.fileNotFound(path))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += chunk.count
        }
        return FileDigest(sha256: hex(hasher.finalize()), size: size)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-256 computed as bytes go by (hashing while copying a file, for instance).
public struct StreamingSHA256 {
    private var hasher = SHA256()
    public private(set) var size = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        size += bytes.count
    }

    /// The lowercase hex digest.
    public func finalize() -> String { Digest.hex(hasher.finalize()) }
}

/// SHA-256 of bytes going by, computed on a second thread while the caller does something else
/// with the same chunk (writes it): a copy that hashes costs about the larger of the two, not
/// their sum. The caller's buffer is only read, and only until `update` returns.
public final class OverlappedSHA256: @unchecked Sendable {
    private var hasher = StreamingSHA256()
    private let queue = DispatchQueue(label: "dossier.sha256")

    public init() {}

    public var size: Int { queue.sync { hasher.size } }

    /// Hashes `bytes` while `body` runs; returns once both are done.
    public func update(_ bytes: UnsafeRawBufferPointer, while body: () throws -> Void) rethrows {
        let chunk = UncheckedBuffer(bytes: bytes)
        let done = DispatchSemaphore(value: 0)
        queue.async {
            self.hasher.update(chunk.bytes)
            done.signal()
        }
        defer { done.wait() }
        try body()
    }

    public func finalize() -> String { queue.sync { hasher.finalize() } }
}

/// A buffer handed to the hashing thread for the time of one `update` call.
private struct UncheckedBuffer: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}

extension Digest {
    /// Copies a file to a new path in 1 MiB chunks, hashing each chunk while it is written. A
    /// failure (a full disk) is a `FileProblem` naming `target`; the caller removes the copy.
    public static func copy(from source: String, to target: String) throws -> FileDigest {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw DossierError(.fileNotFound(source)) }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard output >= 0 else { throw errno == EEXIST ? DossierError(.evidenceFileExists(target)) : DossierError.fromErrno(target) }
        var closed = false
        defer { if !closed { close(output) } }
        let hasher = OverlappedSHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw DossierError.fromErrno(source)
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            try hasher.update(chunk) {
                var offset = 0
                while offset < chunk.count {
                    let written = write(output, chunk.baseAddress! + offset, chunk.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw DossierError.fromErrno(target)
                    }
                    offset += written
                }
            }
        }
        closed = true
        guard close(output) == 0 else { throw DossierError.fromErrno(target) }
        return FileDigest(sha256: hasher.finalize(), size: hasher.size)
    }
}
