import Foundation
import Testing
import TestServers

/// The campaign's invariants can fail: each check reports the damage it is meant to see (so that a
/// campaign that passes means something).
@Suite("crash campaign: the invariants see damage", .serialized)
struct InvariantTests {
    /// Laptop `a` with one saved evidence, recorded in the ledger.
    static func savedLab() throws -> CrashLab {
        let lab = try CrashLab()
        try lab.laptops(second: false)
        try lab.addEvidence("a", "apprentis", criterion: "evaluer", file: "grille.md", text: "Grille d'évaluation\n")
        try lab.save("a", "Apprentis : grille")
        return lab
    }

    @Test func intactFixtureBreaksNothing() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        #expect(lab.checkInvariants().isEmpty)
    }

    @Test func fileOfTheLastSaveMissingFromTheWorkingFolder() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        try FileManager.default.removeItem(at: lab.url("a/badges/apprentis/evidence/grille.md"))
        let broken = lab.checkInvariants()
        #expect(broken.contains { $0.contains("missing from the working folder") && $0.contains("grille.md") }, "\(broken)")
    }

    @Test func savedBlobNoLongerReachableFromMain() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        // main moved back before the save (what issue 9's lost saves look like), the file kept.
        try lab.gitOK(["update-ref", "refs/heads/main", "HEAD~1"], in: "a")
        let broken = lab.checkInvariants()
        #expect(broken.contains { $0.contains("no longer reachable from main") }, "\(broken)")
    }

    @Test func repositoryThatIsNotOne() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        try FileManager.default.createDirectory(at: lab.url("hub/mirrors/0141234R.git/objects"), withIntermediateDirectories: true)
        let broken = lab.checkInvariants()
        #expect(broken.contains { $0.contains("git fsck --full in hub/mirrors/0141234R.git") }, "\(broken)")
    }

    @Test func damagedMediaObject() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        let oid = String(repeating: "ab", count: 32)
        try lab.write("not the bytes of its name", to: "a/.git/lfs/objects/ab/ab/\(oid)")
        let broken = lab.checkInvariants()
        #expect(broken.contains { $0.contains("media object a/") && $0.contains("damaged") }, "\(broken)")
    }

    @Test func damagedReviewStore() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        try lab.dossierOK(["hub", "init", "hub"], in: "")
        try lab.dossierOK(["hub", "member", "add", "marc.badgeons", "--role", "badgeons"], in: "hub")
        let store = lab.url("hub/review.sqlite")
        #expect(lab.storeIntegrity().isEmpty)
        // Overwrite the second page onwards with zeros: the schema's tables lose their roots.
        let handle = try FileHandle(forWritingTo: store)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: min(4096, size / 2))
        try handle.write(contentsOf: Data(count: Int(size) - Int(min(4096, size / 2))))
        try handle.close()
        try? FileManager.default.removeItem(at: lab.url("hub/review.sqlite-wal"))
        try? FileManager.default.removeItem(at: lab.url("hub/review.sqlite-shm"))
        let broken = lab.checkInvariants()
        #expect(broken.contains { $0.contains("review store") }, "\(broken)")
    }

    @Test func lostHubLogEntry() throws {
        let lab = try Self.savedLab()
        defer { lab.remove() }
        try lab.dossierOK(["hub", "init", "hub"], in: "")
        try lab.hubOK(["member", "add", "marc.badgeons", "--role", "badgeons"])
        #expect(lab.checkInvariants().isEmpty)
        try lab.dossierOK(["hub", "init", "hub2"], in: "")  // a store that never saw that member
        try FileManager.default.removeItem(at: lab.url("hub"))
        try FileManager.default.moveItem(at: lab.url("hub2"), to: lab.url("hub"))
        let broken = lab.checkInvariants()
        #expect(broken.contains { $0.contains("hub log") }, "\(broken)")
    }

    @Test func stepsOfATrace() {
        let trace = """
            100 openat(AT_FDCWD, "/x/y", O_RDONLY|O_CLOEXEC) = 3
            100 openat(AT_FDCWD, "/x/.git/index.lock", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0666) = 3
            101 rename("/a", "/b" <unfinished ...>
            100 rename("/x/.git/index.lock", "/x/.git/index") = 0
            101 <... rename resumed>)               = 0
            100 flock(3, LOCK_EX) = 0
            100 +++ exited with 0 +++
            """
        let steps = Strace.steps(in: trace)
        #expect(steps.map(\.name) == ["openat", "rename", "rename", "flock"])
        #expect(steps.map(\.ordinal) == [2, 1, 1, 1], "counted per thread and per syscall, every call")
        #expect(steps.map(\.thread) == [0, 1, 0, 0])
        #expect(Strace.killedCall(in: trace) == nil)
        let killed = """
            100 openat(AT_FDCWD, "/x/y", O_RDONLY|O_CLOEXEC) = 3
            101 link("/m.lock", "/m" <unfinished ...>
            100 openat(AT_FDCWD, "/x/z", O_RDONLY|O_CLOEXEC) = 4
            101 <... link resumed>)               = ?
            101 +++ killed by SIGKILL +++
            """
        #expect(Strace.killedCall(in: killed) == #"link("/m.lock", "/m" … = ?"#)
    }
}
