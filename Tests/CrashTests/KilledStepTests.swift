import Foundation
import Testing
import TestServers

/// Deterministic replays of kills the campaign found: the command is traced once, then killed at
/// each step a predicate names (strace `inject=…:signal=SIGKILL:when=N`), and after each kill the
/// next command must succeed without hand repair and the invariants hold.
@Suite("crash campaign: kills at the steps that broke", .serialized)
struct KilledStepTests {
    /// Kills `scenario`'s command at every step `matching` selects; runs `after` on the lab after each
    /// kill (it returns what is broken). Returns the number of kills that landed.
    static func kill(_ scenario: CrashScenario, at matching: (SyscallStep) -> Bool,
                     after: (CrashLab) throws -> [String]) throws -> Int {
        let strace = try #require(Strace.executable, "strace is not installed")
        let lab = try CrashLab()
        defer { lab.remove() }
        let binary = try lab.binary()
        try scenario.build(lab)
        lab.templateLedger = lab.ledger
        try lab.keepAsTemplate()
        let trace = lab.folder.appending("trace.txt")
        let counting = try ProcessRunner.run(strace, Strace.arguments(trace: trace, step: nil, command: [binary] + scenario.command),
                                             in: lab.url(scenario.folder), environment: lab.environment, timeout: 300)
        try #require(counting.succeeded, "\(counting)")
        let steps = Strace.steps(in: (try? String(contentsOf: trace, encoding: .utf8)) ?? "").filter(matching)
        try #require(!steps.isEmpty, "no step of `dossier \(scenario.command.joined(separator: " "))` matches")
        var landed = 0
        for step in steps {
            try lab.restore()
            lab.ledger = lab.templateLedger
            _ = try ProcessRunner.run(strace, Strace.arguments(trace: trace, step: step, command: [binary] + scenario.command),
                                      in: lab.url(scenario.folder), environment: lab.environment, timeout: 300)
            guard Strace.killedCall(in: (try? String(contentsOf: trace, encoding: .utf8)) ?? "") != nil else { continue }
            landed += 1
            let broken = try after(lab) + lab.checkInvariants()
            #expect(broken.isEmpty, "killed at \(step.description): \(broken)")
        }
        return landed
    }

    /// A resolve killed once the merge is committed (journal written, branch moved, journal or
    /// marker being removed): the same resolve again finishes, saves are not blocked, sync works.
    @Test func resolveKilledAfterItsMergeIsCommitted() throws {
        let landed = try Self.kill(Scenarios.resolve, at: { step in
            ["journal.json", "refs/heads/main", "merge.json"].contains { step.call.contains($0) }
        }, after: { lab in
            var broken: [String] = []
            let again = try lab.dossier(["resolve", "ressources", "--ours"], in: "b")
            if !again.succeeded { broken.append("the same resolve again failed: \(again)") }
            let parents = (try? lab.gitOK(["rev-list", "--parents", "-n1", "HEAD"], in: "b"))?.split(separator: " ").count ?? 0
            if parents != 3 { broken.append("HEAD is not the merge (\(parents - 1) parent(s))") }
            if FileManager.default.fileExists(atPath: lab.url("b/.git/dossier/merge.json").path) { broken.append("merge.json left") }
            if let status = try lab.status("b"), !(status["conflicts"] as? [Any] ?? []).isEmpty { broken.append("status shows conflicts") }
            try lab.dossierOK(["set", "ressources", "level", "2"], in: "b")
            if let failure = try lab.attempt(lab.saveCommand("b", "Ressources : niveau 2"), in: "b") { broken.append("save failed: \(failure)") }
            if let failure = try lab.attempt(["sync"], in: "b") { broken.append("sync failed: \(failure)") }
            return broken
        })
        #expect(landed > 0)
    }

    /// A sync killed while libgit2 updates a reference of the remote on a path (its `.lock` written
    /// in the remote repository): the next sync removes the stale lock and sends.
    @Test func syncKilledAtTheRemotesReferenceUpdate() throws {
        let landed = try Self.kill(Scenarios.syncPush, at: { step in
            step.call.contains("region.git/refs/heads/main") || step.call.contains("region.git/refs/tags/")
        }, after: { lab in
            var broken: [String] = []
            if let failure = try Scenarios.syncPush.recover(lab) { broken.append("the next sync failed: \(failure)") }
            broken += try Scenarios.syncPush.complete(lab)
            if FileManager.default.fileExists(atPath: lab.url("region.git/refs/heads/main.lock").path) { broken.append("main.lock left") }
            return broken
        })
        #expect(landed > 0)
    }

    /// A reference of the remote locked by another program (a lock file that is not stale: dated
    /// now or later) stops the sync with a message saying so, not "the remote kept changing";
    /// nothing is lost and the sync goes through once the lock is gone.
    @Test func remoteReferenceLockedByAnotherProgram() throws {
        let lab = try CrashLab()
        defer { lab.remove() }
        try Scenarios.syncPush.build(lab)
        let lock = try lab.write("", to: "region.git/refs/heads/main.lock")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: lock.path)
        let refused = try lab.dossier(["sync"], in: "a")
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains("locked by another program") && refused.stderr.contains("refs/heads/main.lock"),
                "\(refused)")
        #expect(!refused.stderr.contains("changed during"), "\(refused)")
        #expect(FileManager.default.fileExists(atPath: lock.path), "a lock that is not stale is left alone")
        try FileManager.default.removeItem(at: lock)
        #expect(try lab.attempt(["sync"], in: "a") == nil)
        #expect(lab.remoteHoldsSaves(of: ["a"]).isEmpty)
    }
}
