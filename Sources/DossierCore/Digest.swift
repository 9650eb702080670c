import Crypto
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
