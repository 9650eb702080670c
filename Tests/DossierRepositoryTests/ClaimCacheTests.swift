@testable import DossierCore
import Foundation
import Glibc
import Testing
import TestServers
@testable import DossierRepository

@Suite("Claim cache: a claim stored in git is parsed once per blob")
struct ClaimCacheTests {
    @Test func aBlobIsParsedOnceAndTheWorkingFolderEveryTime() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let cache = ClaimCache()
        let catalogue = try builtinCatalogue()
        let head = try #require(try sample.workspace.head())
        let first = try DossierReader(source: sample.workspace.history.source(at: head), catalogue: catalogue, claimCache: cache)
            .claim("tutorat")
        #expect(cache.hits == 0)
        // Another source over the same commit: the same blob, not parsed again.
        let second = try DossierReader(source: sample.workspace.history.source(at: head), catalogue: catalogue, claimCache: cache)
            .claim("tutorat")
        #expect(cache.hits == 1)
        #expect(first == second && first?.evidence.map(\.line) == second?.evidence.map(\.line))
        #expect(first == (try sample.claim("tutorat")))
        // The working folder has no blob id: read every time.
        _ = try DossierReader(source: sample.workspace.workingSource, catalogue: catalogue, claimCache: cache).claim("tutorat")
        #expect(cache.hits == 1)
    }

    @Test func aMalformedClaimIsReportedEveryTimeWithItsFile() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        try sample.write("status: ready\nstatus: draft\n", to: "badges/tutorat/claim.yaml")
        _ = try git("add", "-A", in: sample.root)
        _ = try git("-c", "user.name=t", "-c", "user.email=t@example.fr", "commit", "-qm", "x", in: sample.root)
        let cache = ClaimCache()
        let head = try #require(try sample.workspace.head())
        for _ in 0..<2 {
            let reader = DossierReader(source: try sample.workspace.history.source(at: head), catalogue: try builtinCatalogue(),
                                       claimCache: cache)
            var error: DossierError?
            do { _ = try reader.claim("tutorat") } catch let thrown as DossierError { error = thrown }
            #expect(error?.file == "badges/tutorat/claim.yaml")
            #expect(error?.line == 2)
        }
        #expect(cache.hits == 0)
    }

    /// `check` reads the working folder: a claim file unchanged since it was saved (git's stat test)
    /// comes from the claim store under its blob id; a changed one is read from the file.
    @Test func anUnchangedWorkingClaimComesFromTheStoreAChangedOneFromTheFile() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let path = "badges/tutorat/claim.yaml"
        // The file older than the index, as on a laptop some time after the save.
        func age() throws {
            var times = [timespec(tv_sec: time(nil) - 60, tv_nsec: 5), timespec(tv_sec: time(nil) - 60, tv_nsec: 5)]
            #expect(utimensat(AT_FDCWD, sample.root + "/" + path, &times, 0) == 0)
            _ = try git("update-index", "-q", "--refresh", in: sample.root)
        }
        try age()
        let blob = try git("rev-parse", "HEAD:" + path, in: sample.root).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let catalogue = try builtinCatalogue()
        func read(_ cache: ClaimCache) throws -> Claim? {
            try DossierReader(source: sample.workspace.cachedWorkingSource(), catalogue: catalogue, claimCache: cache).claim("tutorat")
        }

        let first = try read(ClaimCache())
        #expect(FileManager.default.fileExists(atPath: sample.workspace.repository.gitDirectory + "dossier/claims/" + blob))
        let again = ClaimCache()
        let second = try read(again)
        #expect(again.storeHits == 1)
        #expect(first == second && first?.evidence.map(\.line) == second?.evidence.map(\.line))

        // Changed without changing its size or modification time: its change time tells, it is read.
        let text = try sample.read(path)
        let toggled = text.contains("status: draft") ? text.replacingOccurrences(of: "status: draft", with: "status: ready")
                                                     : text.replacingOccurrences(of: "status: ready", with: "status: draft")
        #expect(toggled.utf8.count == text.utf8.count && toggled != text)
        try sample.write(toggled, to: path)
        var times = [timespec(tv_sec: time(nil) - 60, tv_nsec: 5), timespec(tv_sec: time(nil) - 60, tv_nsec: 5)]
        #expect(utimensat(AT_FDCWD, sample.root + "/" + path, &times, 0) == 0)
        let third = ClaimCache()
        let changed = try read(third)
        #expect(third.storeHits == 0)
        #expect(changed == (try sample.claim("tutorat")))
        #expect(changed?.status != first?.status)
    }

    @Test func theCacheStartsOverPastItsLimit() throws {
        let cache = ClaimCache(limit: 3)
        let claim = Claim(evidence: (0..<2).map { Evidence(id: "e\($0)", title: "t", criterion: "c", location: .url("https://a.example.fr", kind: .web)) })
        var parses = 0
        for blob in ["a", "b", "a", "b"] { _ = cache.claim(blob: blob) { parses += 1; return claim } }
        // a (2 entries) then b (2 more: over 3, start over), then a again…: every read parses.
        #expect(parses == 4)
        _ = cache.claim(blob: "b") { parses += 1; return claim }
        #expect(parses == 4 && cache.hits == 1)
    }
}
