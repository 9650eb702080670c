import Foundation

/// The package root, found from this file's path (Tests/TestServers/PackageRoot.swift).
public let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A sample dossier shipped with the package (`sample-dossiers/NAME`).
public func sample(_ name: String) -> URL { packageRoot.appendingPathComponent("sample-dossiers/\(name)") }

/// The author given to every save the tests make, so that no assertion depends on the machine's git config.
public let testAuthor = "Camille Martin <camille.martin@example.fr>"

/// A SplitMix64 generator: the same seed gives the same run.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes `size` random bytes (content no compression shrinks) to `file`, creating its parent
/// folders, 1 MiB at a time: from /dev/urandom, or from `SeededGenerator(seed:)` when a seed is given
/// (the same seed, the same bytes).
public func writeRandomBytes(_ size: Int, to file: URL, seed: UInt64? = nil) throws {
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
        throw TestServerError("cannot create \(file.path)")
    }
    let output = try FileHandle(forWritingTo: file)
    defer { try? output.close() }
    let random = seed == nil ? try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom")) : nil
    defer { try? random?.close() }
    var generator = SeededGenerator(seed: seed ?? 0)
    var remaining = size
    while remaining > 0 {
        let count = min(remaining, 1 << 20)
        var chunk: Data
        if let random {
            chunk = Data()
            while chunk.count < count { chunk.append(try random.read(upToCount: count - chunk.count) ?? Data()) }
        } else {
            var bytes = [UInt8]()
            bytes.reserveCapacity(count + 8)
            while bytes.count < count { withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) } }
            chunk = Data(bytes.prefix(count))
        }
        try output.write(contentsOf: chunk)
        remaining -= count
    }
}
