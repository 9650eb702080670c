import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at one path of a snapshot.
public enum FileState: Equatable, Sendable, CustomStringConvertible {
    case file(Data, mode: UInt32)
    case directory(mode: UInt32)
    case symlink(target: [UInt8])
    case other(mode: UInt32)

    public var description: String {
        switch self {
        case .file(let data, let mode): "file \(data.count) bytes, mode \(String(mode, radix: 8))"
        case .directory(let mode): "directory, mode \(String(mode, radix: 8))"
        case .symlink(let target): "symlink → \(String(decoding: target, as: UTF8.self))"
        case .other(let mode): "other \(String(mode, radix: 8))"
        }
    }
}

/// A path as text: UTF-8 when it is, bytes escaped as \xHH otherwise (lossless either way).
public func displayPath(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    return bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }.joined()
}

/// Calls `body` with `bytes` as a NUL-terminated C path (names that are not UTF-8 included).
public func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    let terminated = bytes.map { CChar(bitPattern: $0) } + [0]
    return terminated.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return "".withCString(body) }  // never: it holds the NUL
        return body(base)
    }
}

private func posixError() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

private func readAll(_ path: [UInt8]) throws -> Data {
    let fd = withCPath(path) { open($0, O_RDONLY) }
    guard fd >= 0 else { throw posixError() }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { throw posixError() }
        if count == 0 { break }
        data.append(contentsOf: buffer[0..<count])
    }
    return data
}

/// Folders of derived data that any command reading a dossier may fill, which a snapshot leaves out:
/// `.git/dossier/claims` holds claims already parsed, by git blob id (`ClaimCache`), as git keeps
/// its own caches in `.git` — written by a command even when it then refuses its input, never
/// part of what the CFA wrote.
public let derivedCaches: Set<String> = [".git/dossier/claims"]

/// Every entry under `root` (a dossier and its `.git/`, say): path → type, mode and bytes, except
/// the relative paths in `excluded` or in `derivedCaches` and what is under them. Names are read as
/// raw bytes, so names that are not UTF-8 are included too (see `displayPath`).
public func snapshot(_ root: URL, excluding excluded: Set<String> = []) throws -> [String: FileState] {
    let excluded = excluded.union(derivedCaches)
    var result: [String: FileState] = [:]
    let rootBytes = Array(root.path.utf8)
    func walk(_ relative: [UInt8]) throws {
        let folder = relative.isEmpty ? rootBytes : rootBytes + [0x2F] + relative
        guard let dir = withCPath(folder, { opendir($0) }) else { throw posixError() }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        for name in names {
            let childRelative = relative.isEmpty ? name : relative + [0x2F] + name
            let key = displayPath(childRelative)
            if excluded.contains(key) { continue }
            let childFull = rootBytes + [0x2F] + childRelative
            var info = stat()
            guard withCPath(childFull, { lstat($0, &info) }) == 0 else { throw posixError() }
            let type = UInt32(info.st_mode) & UInt32(S_IFMT)
            let mode = UInt32(info.st_mode) & 0o7777
            if type == UInt32(S_IFDIR) {
                result[key] = .directory(mode: mode)
                try walk(childRelative)
            } else if type == UInt32(S_IFLNK) {
                var target = [CChar](repeating: 0, count: 4096)
                let count = withCPath(childFull) { path in readlink(path, &target, target.count) }
                result[key] = .symlink(target: target.prefix(max(count, 0)).map { UInt8(bitPattern: $0) })
            } else if type == UInt32(S_IFREG) {
                result[key] = .file(try readAll(childFull), mode: mode)
            } else {
                result[key] = .other(mode: mode)
            }
        }
    }
    try walk([])
    return result
}

/// One line per path whose entry differs between two snapshots (empty: identical).
public func differences(_ before: [String: FileState], _ after: [String: FileState]) -> [String] {
    Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }.map { key in
        "\(key): \(before[key].map(\.description) ?? "absent") → \(after[key].map(\.description) ?? "absent")"
    }
}
