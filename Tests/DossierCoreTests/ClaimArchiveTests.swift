import Foundation
import Testing
@testable import DossierCore

/// Parsed claims kept on disk by blob id (`ClaimArchive`, `ClaimCache`'s store): read back exactly
/// as parsed, evidence lines included; anything damaged is refused and the blob parsed again.
@Suite("claims parsed once: the archive on disk")
struct ClaimArchiveTests {
    /// Every claim the generator makes, parsed from the YAML `save` writes, comes back identical.
    @Test func generatedClaimsComeBackAsParsed() throws {
        var random = ClaimFastReaderTests.Generator(state: 20_261_208)
        for round in 0..<1500 {
            let parsed = try Claim.parse(Array(try ClaimFastReaderTests.claim(&random).yaml().utf8), file: "claim.yaml")
            let back = try #require(ClaimArchive.decode(ClaimArchive.encode(parsed)), "round \(round)")
            #expect(back == parsed, "round \(round)")
            #expect(back.evidence.map(\.line) == parsed.evidence.map(\.line), "round \(round)")
            #expect(back.level == parsed.level && back.coverage == parsed.coverage, "round \(round)")
        }
    }

    @Test func damageIsRefused() throws {
        var random = ClaimFastReaderTests.Generator(state: 7)
        var claim = ClaimFastReaderTests.claim(&random)
        claim.evidence.append(Evidence(id: "charte", title: "Charte", criterion: "veille",
                                       location: .file(path: "charte.md", sha256: String(repeating: "a", count: 64), size: 12), line: 9))
        let bytes = ClaimArchive.encode(claim)
        #expect(ClaimArchive.decode(bytes) != nil)
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[position] ^= 0x20
            #expect(ClaimArchive.decode(damaged) == nil, "a flipped byte at \(position) was not noticed")
        }
        for length in [0, 3, 4, 5, 36, bytes.count - 1] {
            #expect(ClaimArchive.decode(Array(bytes.prefix(length))) == nil, "cut at \(length)")
        }
        #expect(ClaimArchive.decode(bytes + [0]) == nil)
    }

    @Test func theStoreServesTheNextProcessAndSurvivesDamage() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("claim-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let blob = String(repeating: "ab", count: 20)
        var random = ClaimFastReaderTests.Generator(state: 11)
        let claim = try Claim.parse(Array(try ClaimFastReaderTests.claim(&random).yaml().utf8), file: "claim.yaml")
        var parses = 0
        func parse() -> Claim { parses += 1; return claim }

        // A first process parses and stores; a second (a new cache) reads it back without parsing.
        #expect(ClaimCache().claim(blob: blob, store: store, parse: parse) == claim)
        #expect(parses == 1 && FileManager.default.fileExists(atPath: store + "/" + blob))
        let second = ClaimCache()
        #expect(second.claim(blob: blob, store: store, parse: parse) == claim)
        #expect(parses == 1 && second.storeHits == 1)

        // A damaged file: parsed again, and stored again.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: store + "/" + blob)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: store + "/" + blob))
        #expect(ClaimCache().claim(blob: blob, store: store, parse: parse) == claim)
        #expect(parses == 2)
        #expect(ClaimCache.load(blob, from: store) == claim)

        // Only object ids name files: anything else is parsed and never written.
        #expect(ClaimCache().claim(blob: "../../etc/passwd", store: store, parse: parse) == claim)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store) == [blob])
    }

    @Test func theStoreKeepsItsLimit() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("claim-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let cache = ClaimCache()
        let one = ClaimArchive.encode(Claim(narrative: String(repeating: "x", count: 1000))).count
        cache.storeLimit = 5 * one
        for number in 0..<9 {
            let blob = String(format: "%040x", number)
            _ = cache.claim(blob: blob, store: store) { Claim(narrative: String(repeating: "x", count: 1000)) }
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: store)
        #expect(kept.count == 5)
        #expect(kept.contains(String(format: "%040x", 8)), "the file just written is kept")
    }

    @Test func aStoreThatCannotBeWrittenOnlyCostsAParse() throws {
        let blob = String(repeating: "cd", count: 20)
        #expect(ClaimCache().claim(blob: blob, store: "/proc/dossier-cannot-write-here") { Claim(narrative: "x") } == Claim(narrative: "x"))
    }
}
