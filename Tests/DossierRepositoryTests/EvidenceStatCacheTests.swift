@testable import DossierCore
import Foundation
import Glibc
import Testing
import TestServers
@testable import DossierRepository

/// `check` through the stat cache (`EvidenceStatCache`, `CachedWorkingSource`): unchanged files are not
/// read again, and a changed file is never taken for the one recorded.
@Suite("Digest cache: check without re-hashing unchanged evidence")
struct EvidenceStatCacheTests {
    static let csv = "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"
    /// A session start far ahead: every file is old enough to be recorded (the tests then set the
    /// cache file's time themselves).
    static let future = EvidenceStatCache.Timestamp(seconds: 4_000_000_000, nanoseconds: 0)

    /// The check `dossier check` runs, through a cached source; the cache written back.
    /// What a report says, comparable.
    func shape(_ report: CheckReport) -> [String] {
        report.badges.map { "\($0.id) \($0.status.map(\.rawValue) ?? "-") \($0.criteriaMet) \($0.problems)" } + ["\(report.problems)"]
    }

    func check(_ sample: SampleWorkspace, source: CachedWorkingSource) throws -> CheckReport {
        let catalogue = try builtinCatalogue()
        let dossier = try DossierReader(source: sample.workspace.workingSource, catalogue: catalogue).loadValid()
        let report = try Checker(catalogue: catalogue).check(
            dossier, source: source,
            options: .init(extraProblems: try MediaCheck(workspace: sample.workspace).problems(dossier, files: source)))
        source.persist()
        return report
    }

    func uncachedCheck(_ sample: SampleWorkspace) throws -> CheckReport {
        let catalogue = try builtinCatalogue()
        let dossier = try DossierReader(source: sample.workspace.workingSource, catalogue: catalogue).loadValid()
        return try Checker(catalogue: catalogue).check(
            dossier, source: sample.workspace.workingSource,
            options: .init(extraProblems: try MediaCheck(workspace: sample.workspace).problems(dossier)))
    }

    func source(_ sample: SampleWorkspace, start: EvidenceStatCache.Timestamp = future) -> CachedWorkingSource {
        CachedWorkingSource(files: sample.workspace.workingSource, cacheFile: sample.workspace.statCacheFile, sessionStart: start)
    }

    /// Sets a file's modification time (its change time becomes now, as the kernel wants).
    func setModified(_ path: String, _ time: EvidenceStatCache.Timestamp) throws {
        let times = [timespec(tv_sec: Int(time.seconds), tv_nsec: Int(time.nanoseconds)),
                     timespec(tv_sec: Int(time.seconds), tv_nsec: Int(time.nanoseconds))]
        #expect(utimensat(AT_FDCWD, path, times, 0) == 0, "utimensat \(path)")
    }

    /// Dates the cache file one hour after every file: all its entries old enough to be trusted.
    func ageCache(_ sample: SampleWorkspace) throws {
        try setModified(sample.workspace.statCacheFile, EvidenceStatCache.Timestamp(seconds: Int64(Date().timeIntervalSince1970) + 3600, nanoseconds: 0))
    }

    func fileEvidenceCount(_ sample: SampleWorkspace) throws -> Int {
        let dossier = try DossierReader(source: sample.workspace.workingSource, catalogue: builtinCatalogue()).loadValid()
        return dossier.claims.values.reduce(0) { $0 + $1.evidence.filter { $0.filePath != nil }.count }
    }

    @Test func unchangedFilesAreNotReadAgainAndTheReportIsTheSame() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let expected = try uncachedCheck(sample)
        let first = source(sample)
        #expect(shape(try check(sample, source: first)) == shape(expected))
        #expect(first.reused == 0)
        #expect(first.hashed == (try fileEvidenceCount(sample)))
        #expect(FileManager.default.fileExists(atPath: sample.root + "/.git/dossier/digests"))
        try ageCache(sample)
        let aged = EvidenceStatCache.load(from: sample.workspace.statCacheFile).written
        let second = source(sample)
        #expect(shape(try check(sample, source: second)) == shape(expected))
        #expect(second.hashed == 0)
        #expect(second.reused == (try fileEvidenceCount(sample)))
        // Nothing new: the file is not written again (it keeps the time ageCache gave it).
        #expect(EvidenceStatCache.load(from: sample.workspace.statCacheFile).written == aged)
    }

    @Test func aTouchedFileIsHashedAgain() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        _ = try check(sample, source: source(sample))
        try ageCache(sample)
        let handle = try #require(FileHandle(forWritingAtPath: sample.root + "/" + Self.csv))
        handle.seekToEndOfFile()
        handle.write(Data("une ligne de plus\n".utf8))
        try handle.close()
        let again = source(sample)
        let report = try check(sample, source: again)
        #expect(again.hashed == 1)
        #expect(try report.badge("tutorat").problems.contains(.evidenceHashChanged(evidence: "tuteurs-missionnes", path: Self.csv)))
        #expect(try again.digest(of: Self.csv) == Digest.sha256(fileAt: sample.root + "/" + Self.csv))
    }

    @Test func aFileRewrittenWithTheSameSizeAndModificationTimeIsHashedAgain() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let path = sample.root + "/" + Self.csv
        _ = try check(sample, source: source(sample))
        try ageCache(sample)
        let before = try #require(EvidenceStatCache.FileStat.of(path))
        // Same length, other bytes, in place (same inode), then the old modification time put back.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[0] = bytes[0] == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.write(Data(bytes))
        try handle.close()
        try setModified(path, before.modified)
        let after = try #require(EvidenceStatCache.FileStat.of(path))
        #expect(after.size == before.size && after.modified == before.modified && after.inode == before.inode)
        let again = source(sample)
        let report = try check(sample, source: again)
        #expect(again.hashed == 1)
        #expect(try report.badge("tutorat").problems.contains(.evidenceHashChanged(evidence: "tuteurs-missionnes", path: Self.csv)))
    }

    @Test func aFileReplacedByAnotherOfTheSameSizeAndTimesIsHashedAgain() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let path = sample.root + "/" + Self.csv
        _ = try check(sample, source: source(sample))
        try ageCache(sample)
        let before = try #require(EvidenceStatCache.FileStat.of(path))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path + ".new"))
        try setModified(path + ".new", before.modified)
        #expect(rename(path + ".new", path) == 0)
        let again = source(sample)
        #expect(try again.digest(of: Self.csv) == FileDigest(sha256: Digest.sha256(bytes), size: bytes.count))
        #expect(again.hashed == 1)
    }

    @Test func anEntryNotStrictlyOlderThanTheCacheFileIsHashedAgain() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let path = sample.root + "/" + Self.csv
        let stat = try #require(EvidenceStatCache.FileStat.of(path))
        // An entry matching the file's identity exactly, with a digest that is not its content's: a
        // write in the same clock tick as the recorded one (racily clean).
        let stale = EvidenceStatCache.Entry(stat: stat, digest: FileDigest(sha256: String(repeating: "0", count: 64), size: Int(stat.size)),
                                      content: .plain)
        let truth = try Digest.sha256(fileAt: path)
        let cacheFile = sample.workspace.statCacheFile
        try FileManager.default.createDirectory(atPath: sample.root + "/.git/dossier", withIntermediateDirectories: true)
        // Written in the tick of the file's last change: not trusted.
        EvidenceStatCache(entries: [Self.csv: stale]).save(to: cacheFile)
        try setModified(cacheFile, stat.latest)
        #expect(try source(sample).digest(of: Self.csv) == truth)
        // The same cache written one nanosecond later is trusted: the time rule alone decided.
        EvidenceStatCache(entries: [Self.csv: stale]).save(to: cacheFile)
        var later = stat.latest
        later.nanoseconds += 1
        try setModified(cacheFile, later)
        #expect(try source(sample).digest(of: Self.csv) == stale.digest)
    }

    @Test func sameSecondTimesOnACoarseFileSystemAreNotTrusted() {
        // A file system keeping whole seconds: a file written in the second the cache was written.
        let second = EvidenceStatCache.Timestamp(seconds: 1_750_000_000, nanoseconds: 0)
        let stat = EvidenceStatCache.FileStat(size: 12, modified: second, changed: second, inode: 42)
        let entry = EvidenceStatCache.Entry(stat: stat, digest: FileDigest(sha256: String(repeating: "a", count: 64), size: 12), content: .plain)
        #expect(EvidenceStatCache(entries: ["f": entry], written: second).trusted("f", stat: stat) == nil)
        #expect(EvidenceStatCache(entries: ["f": entry], written: EvidenceStatCache.Timestamp(seconds: second.seconds + 1, nanoseconds: 0))
            .trusted("f", stat: stat) == entry)
        // A change time after the modification time counts (metadata set back by hand).
        var touched = stat
        touched.changed = EvidenceStatCache.Timestamp(seconds: second.seconds + 1, nanoseconds: 0)
        let touchedEntry = EvidenceStatCache.Entry(stat: touched, digest: entry.digest, content: .plain)
        #expect(EvidenceStatCache(entries: ["f": touchedEntry], written: touched.changed).trusted("f", stat: touched) == nil)
        // Any field that differs: hashed again.
        for changed in [EvidenceStatCache.FileStat(size: 13, modified: second, changed: second, inode: 42),
                        EvidenceStatCache.FileStat(size: 12, modified: EvidenceStatCache.Timestamp(seconds: second.seconds, nanoseconds: 1), changed: second, inode: 42),
                        EvidenceStatCache.FileStat(size: 12, modified: second, changed: EvidenceStatCache.Timestamp(seconds: second.seconds, nanoseconds: 1), inode: 42),
                        EvidenceStatCache.FileStat(size: 12, modified: second, changed: second, inode: 43)] {
            #expect(EvidenceStatCache(entries: ["f": entry], written: EvidenceStatCache.Timestamp(seconds: second.seconds + 9, nanoseconds: 0))
                .trusted("f", stat: changed) == nil)
        }
    }

    @Test func aFileChangedDuringTheSessionTickIsNotRecorded() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let stat = try #require(EvidenceStatCache.FileStat.of(sample.root + "/" + Self.csv))
        let racy = source(sample, start: stat.latest)
        _ = try racy.digest(of: Self.csv)
        racy.persist()
        #expect(EvidenceStatCache.load(from: sample.workspace.statCacheFile).entries[Self.csv] == nil)
        var after = stat.latest
        after.nanoseconds += 1
        let settled = source(sample, start: after)
        _ = try settled.digest(of: Self.csv)
        settled.persist()
        #expect(EvidenceStatCache.load(from: sample.workspace.statCacheFile).entries[Self.csv]?.stat == stat)
    }

    @Test func aDeletedFileIsMissingAndLeavesTheCache() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        _ = try check(sample, source: source(sample))
        try ageCache(sample)
        #expect(EvidenceStatCache.load(from: sample.workspace.statCacheFile).entries[Self.csv] != nil)
        try FileManager.default.removeItem(atPath: sample.root + "/" + Self.csv)
        let report = try check(sample, source: source(sample))
        #expect(try report.badge("tutorat").problems.contains(.evidenceFileMissing(evidence: "tuteurs-missionnes", path: Self.csv)))
        #expect(EvidenceStatCache.load(from: sample.workspace.statCacheFile).entries[Self.csv] == nil)
    }

    @Test(arguments: [
        "",
        "garbage\u{0}\u{1}\n",
        "dossier digest cache 99\n1\t2\t3\t4\t5\t6\t0\t1\t\(String(repeating: "a", count: 64))\tx\n",
        "dossier digest cache 1\n1\t2\t3\t4\t5\t6\t0\t1\t\(String(repeating: "a", count: 64))\tx",
        "dossier digest cache 1\n1\t2\t3\t4\t5\t6\t0\t1\t\(String(repeating: "z", count: 64))\tx\n",
        "dossier digest cache 1\n1\t2\t3\t4\t5\t6\t7\t1\t\(String(repeating: "a", count: 64))\tx\n",
        "dossier digest cache 1\n1\t2\t3\n",
    ])
    func aCorruptOrUnknownCacheIsIgnoredAndRebuilt(content: String) throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let expected = try uncachedCheck(sample)
        let cacheFile = sample.workspace.statCacheFile
        try FileManager.default.createDirectory(atPath: sample.root + "/.git/dossier", withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: cacheFile))
        #expect(EvidenceStatCache.load(from: cacheFile).entries.isEmpty)
        let first = source(sample)
        #expect(shape(try check(sample, source: first)) == shape(expected))
        #expect(first.hashed == (try fileEvidenceCount(sample)))
        let rebuilt = EvidenceStatCache.load(from: cacheFile)
        #expect(rebuilt.entries.count == (try fileEvidenceCount(sample)))
        #expect(rebuilt.entries[Self.csv]?.digest == (try Digest.sha256(fileAt: sample.root + "/" + Self.csv)))
        // Written through a temporary file renamed over it: none is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: sample.root + "/.git/dossier").filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func theFileFormatReadsBackWhatItWrote() throws {
        let stat = EvidenceStatCache.FileStat(size: 1234, modified: .init(seconds: 1_750_000_000, nanoseconds: 123_456_789),
                                        changed: .init(seconds: 1_750_000_001, nanoseconds: 5), inode: 987_654_321)
        let cache = EvidenceStatCache(entries: [
            "badges/a/evidence/é tab-free.md": .init(stat: stat, digest: FileDigest(sha256: String(repeating: "b", count: 64), size: 1234), content: .plain),
            "badges/a/evidence/video.mp4": .init(stat: stat, digest: FileDigest(sha256: String(repeating: "c", count: 64), size: 99_999_999), content: .pointer),
            "badges/a/evidence/bad.ptr": .init(stat: stat, digest: FileDigest(sha256: String(repeating: "d", count: 64), size: 40), content: .malformedPointer),
        ])
        #expect(EvidenceStatCache.decode(cache.encoded()) == cache.entries)
        #expect(!EvidenceStatCache.isStorable("a\nb") && !EvidenceStatCache.isStorable("a\tb") && EvidenceStatCache.isStorable("a b"))
    }

    /// Whatever is done to a file between two runs, with the real clock and no waiting, the digest
    /// the cached source gives is the file's.
    @Test func aChangedFileIsNeverReportedUnchanged() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let path = sample.root + "/" + Self.csv
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let edits: [(String, ([UInt8]) throws -> Void)] = [
            ("append", { bytes in try Data(bytes + [0x0a]).write(to: URL(fileURLWithPath: path)) }),
            ("same size in place", { bytes in
                let handle = try #require(FileHandle(forWritingAtPath: path))
                var changed = bytes
                changed[0] ^= 1
                handle.write(Data(changed))
                try handle.close()
            }),
            ("same size, time put back", { bytes in
                let before = try #require(EvidenceStatCache.FileStat.of(path))
                var changed = bytes
                changed[1] ^= 1
                let handle = try #require(FileHandle(forWritingAtPath: path))
                handle.write(Data(changed))
                try handle.close()
                try setModified(path, before.modified)
            }),
            ("renamed over", { bytes in
                var changed = bytes
                changed[2] ^= 1
                try Data(changed).write(to: URL(fileURLWithPath: path + ".tmp"))
                #expect(rename(path + ".tmp", path) == 0)
            }),
        ]
        for round in 0..<5 {
            for (name, edit) in edits {
                let current = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                let warm = sample.workspace.cachedWorkingSource()
                #expect(try warm.digest(of: Self.csv) == Digest.sha256(fileAt: path))
                warm.persist()
                try edit(current.isEmpty ? original : current)
                let next = sample.workspace.cachedWorkingSource()
                #expect(try next.digest(of: Self.csv) == Digest.sha256(fileAt: path), "round \(round), \(name)")
                next.persist()
            }
        }
    }
}
