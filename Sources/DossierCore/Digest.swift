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
    /// Copies a file to a new path in 1 MiB chunks, hashing each chunk while it is written.
    public static func copy(from source: String, to target: String) throws -> FileDigest {
        guard let input = FileHandle(forReadingAtPath: source) else { throw DossierError(.fileNotFound(source)) }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: target, contents: nil), let output = FileHandle(forWritingAtPath: target) else {
            throw DossierError(.io("cannot create \(target)"))
        }
        defer { try? output.close() }
        let hasher = OverlappedSHA256()
        while true {
            let chunk = try input.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            try chunk.withUnsafeBytes { bytes in
                try hasher.update(bytes) { try output.write(contentsOf: chunk) }
            }
        }
        return FileDigest(sha256: hasher.finalize(), size: hasher.size)
    }
}
