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
