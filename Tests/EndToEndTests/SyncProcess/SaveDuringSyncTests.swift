import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saves against syncs and other saves, stale git locks, saves on another branch (issue 9, items 1–4).
/// Each waits on something it can see (a journal file, a line printed, a hook's marker), never on time.
@Suite("saves during and after a sync", .serialized, .timeLimit(.minutes(3)))
struct SaveDuringSyncTests {
    static let busyLine = "another dossier command is working on this dossier; try again when it has finished"
    static let waitingLine = "Another dossier command is working on this dossier: waiting for it to finish…"

    /// Two laptops sharing a bare remote reached by its path.
    struct Lab {
        let sandbox: SyncSandbox
        let remote: BareRemote
        let first: URL
        let second: URL

        init() throws {
            sandbox = try SyncSandbox()
            remote = try BareRemote.create(at: sandbox.url("region.git"), git: sandbox.git)
            first = try sandbox.initDossier("first")
            try sandbox.dossierOK(["remote", "set", remote.path], in: first)
            try sandbox.dossierOK(["sync"], in: first)
            try sandbox.dossierOK(["clone", remote.path, "second"])
            second = sandbox.url("second")
        }

        /// True when `path` is in the last save of `dossier`.
        func saved(_ path: String, in dossier: URL) throws -> Bool {
            try sandbox.git.result(["cat-file", "-e", "HEAD:" + path], in: dossier).succeeded
        }

        func onServer(_ path: String) throws -> Bool { try remote.files(at: "main").contains(path) }
    }

    /// Polls (every 0.2 ms, at most 30 s) for `condition` while `process` runs; true when it showed.
    static func await(_ process: RunningProcess, _ condition: () -> Bool) -> Bool {
        FreePort.poll(timeout: 30, interval: 0.0002, keepTrying: { process.isRunning }, until: condition)
    }

    // MARK: - Item 1: a save while a sync moves the files and the branch

    /// The sync is stopped (SIGSTOP) right after its journal is written, that is between reading the
    /// head it integrates onto and moving the branch. A save made then must not be dropped by the
    /// branch move: it waits for the sync's local step (it says so), then lands on top of it.
    @Test func saveWhileTheSyncMovesTheBranchIsKept() throws {
        let lab = try Lab()
        let sandbox = lab.sandbox
        let big = try sandbox.randomFile("grande-preuve.bin", size: 6_000_000)
        try sandbox.addAndSave(big, badge: "accessibilite", criterion: "contenus-distance", in: lab.first, message: "Grande preuve")
        try sandbox.dossierOK(["sync"], in: lab.first)

        let sync = try sandbox.start(["sync"], in: lab.second, log: sandbox.url("sync.log"))
        defer { if sync.isRunning { kill(sync.pid, SIGCONT); kill(sync.pid, SIGKILL); _ = sync.waitForExit(timeout: 10) } }
        let journal = lab.second.path + "/.git/dossier/journal.json"
        let hit = Self.await(sync) { FileManager.default.fileExists(atPath: journal) }
        if hit { kill(sync.pid, SIGSTOP) }
        try #require(hit && sync.isRunning, "the sync never showed its journal: \(sync.output)")

        // While the sync is stopped in its checkout: add an evidence and save it.
        let small = try sandbox.randomFile("echange.bin", size: 300)
        try sandbox.dossierOK(["add", "tutorat", small.path, "--criterion", "historique-echanges"], in: lab.second)
        let save = try sandbox.start(["save", "-m", "Échange", "--author", testAuthor], in: lab.second,
                                     environment: ["DOSSIER_LOCK_WAIT": "60"], log: sandbox.url("save.log"))
        // The save says it waits (or, without a lock, has already finished).
        _ = FreePort.poll(timeout: 30, interval: 0.001, keepTrying: { save.isRunning }) { save.output.contains(Self.waitingLine) }
        kill(sync.pid, SIGCONT)
        #expect(sync.waitForExit(timeout: 60) && sync.termination?.status == 0, "the sync: \(sync.output)")
        #expect(save.waitForExit(timeout: 60) && save.termination?.status == 0, "the save: \(save.output)")

        let evidence = "badges/tutorat/evidence/echange.bin"
        #expect(FileManager.default.contentsEqual(atPath: small.path, andPath: lab.second.path + "/" + evidence),
                "the saved evidence left the working folder")
        #expect(try lab.saved(evidence, in: lab.second), "the save is not in main")
        #expect(try lab.saved("badges/accessibilite/evidence/grande-preuve.bin", in: lab.second), "the sync's incoming save is not in main")
        let status = try sandbox.dossierOK(["status", "--json"], in: lab.second)
        #expect(status.stdout.contains("\"clean\" : true"), "\(status)")
        try sandbox.dossierOK(["sync"], in: lab.second)
        #expect(try lab.onServer(evidence), "the save did not reach the remote")
        #expect(try lab.onServer("badges/accessibilite/evidence/grande-preuve.bin"))
    }

    /// The sync holds no lock while it talks to the remote: a push held by the server (a
    /// pre-receive hook waiting for the test) does not keep a save from landing at once.
    @Test func saveDuringAPushHeldByTheServerLandsAtOnce() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer(workers: 2)
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let token = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]
        let dossier = try sandbox.initDossier("cfa")
        try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: dossier)
        try sandbox.dossierOK(["sync"], in: dossier, environment: token)

        let entered = sandbox.url("hook-entered").path, release = sandbox.url("hook-release").path
        let hook = remote.path + "/hooks/pre-receive"
        try """
        #!/bin/sh
        cat >/dev/null
        touch '\(entered)'
        i=0
        while [ ! -e '\(release)' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
        exit 0
        """.write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)

        let first = try sandbox.randomFile("premiere.bin", size: 500)
        try sandbox.addAndSave(first, badge: "tutorat", criterion: "historique-echanges", in: dossier, message: "Première")
        let sync = try sandbox.start(["sync"], in: dossier, environment: token, log: sandbox.url("sync.log"))
        defer { FileManager.default.createFile(atPath: release, contents: nil); _ = sync.waitForExit(timeout: 30) }
        try #require(Self.await(sync) { FileManager.default.fileExists(atPath: entered) }, "the push never reached the hook: \(sync.output)")

        // The sync is in its push: a save must not wait for it.
        let second = try sandbox.randomFile("seconde.bin", size: 500)
        try sandbox.dossierOK(["add", "tutorat", second.path, "--criterion", "historique-echanges"], in: dossier)
        let save = try sandbox.dossier(["save", "-m", "Seconde", "--author", testAuthor], in: dossier, environment: ["DOSSIER_LOCK_WAIT": "0"])
        #expect(save.succeeded, "a save during the push: \(save)")

        FileManager.default.createFile(atPath: release, contents: nil)
        #expect(sync.waitForExit(timeout: 30) && sync.termination?.status == 0, "the sync: \(sync.output)")
        #expect(sync.output.contains("Sent: 1 save(s)"), "\(sync.output)")
        #expect(try sandbox.git.result(["cat-file", "-e", "HEAD:badges/tutorat/evidence/seconde.bin"], in: dossier).succeeded)
        let status = try sandbox.dossierOK(["status", "--json"], in: dossier)
        #expect(status.stdout.contains("\"unsyncedSaves\" : 1"), "the save made during the push is still to send: \(status)")
        try sandbox.dossierOK(["sync"], in: dossier, environment: token)
        let files = try remote.files(at: "main")
        #expect(files.contains("badges/tutorat/evidence/premiere.bin") && files.contains("badges/tutorat/evidence/seconde.bin"))
    }

    // MARK: - Item 2: a save after an interrupted sync

    /// A merging sync killed once its journal is written; then the first command is `add` (then
    /// `save`), `save` after files edited by hand (one claim the interrupted merge changes too, one
    /// it does not), or `status`. It finishes the interrupted sync before anything else: no "index
    /// is locked", hand edits kept and merged, no incoming evidence shown as unsaved, and the next
    /// sync keeps every save.
    @Test(arguments: ["add", "hand-edit", "status"])
    func commandAfterAKilledSyncFinishesItFirst(_ command: String) throws {
        // The kill lands somewhere in the checkout that follows the journal. When it lands while
        // libgit2 writes the claim the hand edit changes, that file is half-written (the journal
        // restores it at the next command): a person would not edit it, so the scenario is set up
        // again, at most four times.
        var attempt = 0
        var killed: (lab: Lab, big: URL, small: URL)
        repeat {
            attempt += 1
            killed = try Self.syncKilledAfterItsJournal()
        } while command == "hand-edit" && attempt < 4
            && !((try? String(contentsOf: killed.lab.second.appendingPathComponent("badges/accessibilite/claim.yaml"),
                               encoding: .utf8))?.contains("Toutes les formations") ?? false)
        let (lab, big, small) = killed
        let sandbox = lab.sandbox
        let journal = lab.second.path + "/.git/dossier/journal.json"

        let finished = "An interrupted sync was finished"
        var saved = ["badges/accessibilite/evidence/grande-preuve.bin": big, "badges/tutorat/evidence/echange.bin": small]
        var texts: [String: String] = [:]
        switch command {
        case "add":
            let later = try sandbox.randomFile("echange-2.bin", size: 400)
            let add = try sandbox.dossierOK(["add", "tutorat", later.path, "--criterion", "historique-echanges"], in: lab.second)
            #expect(add.stderr.contains(finished), "\(add)")
            let save = try sandbox.dossier(["save", "-m", "Après la coupure", "--author", testAuthor], in: lab.second)
            #expect(save.succeeded && !save.stderr.contains("locked"), "\(save)")
            saved["badges/tutorat/evidence/echange-2.bin"] = later
        case "hand-edit":
            func edit(_ path: String, _ old: String, _ new: String) throws {
                let url = lab.second.appendingPathComponent(path)
                let text = try String(contentsOf: url, encoding: .utf8)
                try #require(text.contains(old), "\(path) as the kill left it: \(text)")
                try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
                texts[path] = new
            }
            // Untouched by the interrupted merge, and changed by it (the incoming evidence).
            try edit("badges/tutorat/claim.yaml", "Quatre formateurs", "Cinq formateurs")
            try edit("badges/accessibilite/claim.yaml", "Toutes les formations", "Toutes nos formations")
            let save = try sandbox.dossier(["save", "-m", "Corrections", "--author", testAuthor], in: lab.second)
            #expect(save.succeeded && save.stderr.contains(finished) && !save.stderr.contains("locked"), "\(save)")
        default:
            let status = try sandbox.dossierOK(["status", "--json"], in: lab.second)
            #expect(status.stdout.contains("\"clean\" : true"), "incoming evidence shown as unsaved: \(status)")
            #expect(status.stdout.contains("\"finishedInterruptedSync\" : true"), "\(status)")
        }
        #expect(!FileManager.default.fileExists(atPath: journal))
        try sandbox.dossierOK(["sync"], in: lab.second)
        let status = try sandbox.dossierOK(["status", "--json"], in: lab.second)
        #expect(status.stdout.contains("\"clean\" : true") && status.stdout.contains("\"unsyncedSaves\" : 0"), "\(status)")
        for (path, original) in saved.sorted(by: { $0.key < $1.key }) {
            #expect(FileManager.default.contentsEqual(atPath: original.path, andPath: lab.second.path + "/" + path), "\(path) lost here")
            #expect(try lab.saved(path, in: lab.second), "\(path) not in main")
            #expect(try lab.onServer(path), "\(path) not on the remote")
        }
        for (path, text) in texts {
            #expect(try lab.remote.contents(at: "main", path: path).contains(text), "the hand edit of \(path) was lost")
        }
        if command == "hand-edit" {
            #expect(try lab.remote.contents(at: "main", path: "badges/accessibilite/claim.yaml").contains("grande-preuve.bin"),
                    "the incoming evidence left the merged claim")
        }
        #expect(try sandbox.fsck(lab.second).succeeded)
    }

    /// Two laptops; the first sends a large evidence, the second saves one of its own, then its sync
    /// (which merges the two) is killed with SIGKILL once its journal is written.
    static func syncKilledAfterItsJournal() throws -> (lab: Lab, big: URL, small: URL) {
        let lab = try Lab()
        let sandbox = lab.sandbox
        let big = try sandbox.randomFile("grande-preuve.bin", size: 6_000_000)
        try sandbox.addAndSave(big, badge: "accessibilite", criterion: "contenus-distance", in: lab.first, message: "Grande preuve")
        try sandbox.dossierOK(["sync"], in: lab.first)
        let small = try sandbox.randomFile("echange.bin", size: 300)
        try sandbox.addAndSave(small, badge: "tutorat", criterion: "historique-echanges", in: lab.second, message: "Échange")

        let sync = try sandbox.start(["sync"], in: lab.second, log: sandbox.url("sync.log"))
        let journal = lab.second.path + "/.git/dossier/journal.json"
        let hit = Self.await(sync) { FileManager.default.fileExists(atPath: journal) }
        if sync.isRunning { kill(sync.pid, SIGKILL) }
        #expect(sync.waitForExit(timeout: 30))
        try #require(hit && sync.termination?.bySignal == true, "the sync was not killed after its journal: \(sync.output)")
        return (lab, big, small)
    }

    /// Why a sync used to stop on "1 conflict prevents checkout": a working file changed after its
    /// checks (an `add` during the sync) that the incoming save changes too. Now it stops before
    /// writing anything, with a clear line and no journal left behind, and the file is kept.
    @Test func fileChangedDuringTheSyncStopsItCleanly() throws {
        let lab = try Lab()
        let sandbox = lab.sandbox
        let big = try sandbox.randomFile("grande-preuve.bin", size: 6_000_000)
        try sandbox.addAndSave(big, badge: "accessibilite", criterion: "contenus-distance", in: lab.first, message: "Grande preuve")
        try sandbox.dossierOK(["sync"], in: lab.first)

        let sync = try sandbox.start(["sync"], in: lab.second, log: sandbox.url("sync.log"))
        defer { if sync.isRunning { kill(sync.pid, SIGCONT); kill(sync.pid, SIGKILL); _ = sync.waitForExit(timeout: 10) } }
        // Stopped as soon as the fetch is in: the next step is the integration.
        let incoming = lab.second.path + "/.git/refs/dossier/incoming/main"
        let hit = Self.await(sync) { FileManager.default.fileExists(atPath: incoming) }
        if hit { kill(sync.pid, SIGSTOP) }
        try #require(hit && sync.isRunning, "the sync never showed its fetch: \(sync.output)")
        // The same claim the incoming save changes, edited meanwhile.
        let small = try sandbox.randomFile("autre.bin", size: 300)
        try sandbox.dossierOK(["add", "accessibilite", small.path, "--criterion", "contenus-distance"], in: lab.second)
        let claim = try Data(contentsOf: lab.second.appendingPathComponent("badges/accessibilite/claim.yaml"))
        kill(sync.pid, SIGCONT)
        #expect(sync.waitForExit(timeout: 60))
        #expect(sync.termination?.status == 1, "\(sync.output)")
        #expect(!sync.output.contains("prevents checkout"), "\(sync.output)")
        #expect(!FileManager.default.fileExists(atPath: lab.second.path + "/.git/dossier/journal.json"), "a journal was left")
        #expect(try Data(contentsOf: lab.second.appendingPathComponent("badges/accessibilite/claim.yaml")) == claim, "the edit was touched")

        try sandbox.dossierOK(["save", "-m", "Autre preuve", "--author", testAuthor], in: lab.second)
        try sandbox.dossierOK(["sync"], in: lab.second)
        for path in ["badges/accessibilite/evidence/grande-preuve.bin", "badges/accessibilite/evidence/autre.bin"] {
            #expect(try lab.saved(path, in: lab.second) && lab.onServer(path), "\(path)")
        }
    }

    // MARK: - Item 3: stale git locks, two saves at once

    @Test(arguments: [["refs/heads/main.lock"], ["index.lock"], ["refs/heads/main.lock", "index.lock"]])
    func staleGitLocksDoNotBlockASave(_ locks: [String]) throws {
        let sandbox = try SyncSandbox()
        let dossier = try sandbox.initDossier("cfa")
        let file = try sandbox.randomFile("preuve.bin", size: 300)
        try sandbox.dossierOK(["add", "tutorat", file.path, "--criterion", "historique-echanges"], in: dossier)
        // As a `save` killed while it held them leaves them.
        for lock in locks { FileManager.default.createFile(atPath: dossier.path + "/.git/" + lock, contents: Data()) }
        let save = try sandbox.dossier(["save", "-m", "Après un arrêt brutal", "--author", testAuthor], in: dossier)
        #expect(save.succeeded, "\(save)")
        #expect(save.stderr.contains("Lock(s) left by an interrupted command, removed"), "\(save)")
        #expect(try sandbox.git.result(["cat-file", "-e", "HEAD:badges/tutorat/evidence/preuve.bin"], in: dossier).succeeded)

        // `status` says so too.
        for lock in locks { FileManager.default.createFile(atPath: dossier.path + "/.git/" + lock, contents: Data()) }
        let status = try sandbox.dossierOK(["status"], in: dossier)
        #expect(status.stdout.contains("Lock(s) left by an interrupted command, removed: " + locks.sorted().joined(separator: ", ")),
                "\(status)")
        for lock in locks { #expect(!FileManager.default.fileExists(atPath: dossier.path + "/.git/" + lock)) }
    }

    /// Another dossier command holds the lock (the test holds it, as a running save would): a save
    /// waits, says so, and either lands once the lock is free or gives up with the clear line.
    @Test func saveWaitsForTheLockThenLandsOrGivesUpClearly() throws {
        let sandbox = try SyncSandbox()
        let dossier = try sandbox.initDossier("cfa")
        let file = try sandbox.randomFile("preuve.bin", size: 300)
        try sandbox.dossierOK(["add", "tutorat", file.path, "--criterion", "historique-echanges"], in: dossier)
        let head = try sandbox.revParse("HEAD", in: dossier)

        try FileManager.default.createDirectory(atPath: dossier.path + "/.git/dossier", withIntermediateDirectories: true)
        let descriptor = open(dossier.path + "/.git/dossier/lock", O_RDWR | O_CREAT, 0o644)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        var held = true
        defer { if held { flock(descriptor, LOCK_UN) }; close(descriptor) }

        let refused = try sandbox.dossier(["save", "-m", "Preuve", "--author", testAuthor], in: dossier, environment: ["DOSSIER_LOCK_WAIT": "0.2"])
        #expect(refused.exited(with: 8), "\(refused)")
        #expect(refused.stderrLines.last == "Error: " + Self.busyLine || refused.stderrLines.last == Self.busyLine, "\(refused)")
        #expect(try sandbox.revParse("HEAD", in: dossier) == head, "a commit was made")

        let waiting = try sandbox.start(["save", "-m", "Preuve", "--author", testAuthor], in: dossier,
                                        environment: ["DOSSIER_LOCK_WAIT": "60"], log: sandbox.url("save.log"))
        let said = FreePort.poll(timeout: 30, interval: 0.001, keepTrying: { waiting.isRunning }) { waiting.output.contains(Self.waitingLine) }
        #expect(said, "\(waiting.output)")
        flock(descriptor, LOCK_UN)
        held = false
        #expect(waiting.waitForExit(timeout: 30) && waiting.termination?.status == 0, "\(waiting.output)")
        #expect(try sandbox.git.result(["cat-file", "-e", "HEAD:badges/tutorat/evidence/preuve.bin"], in: dossier).succeeded)
    }

    /// Saves started together: each lands or finds nothing left to save; never a raw error, nothing lost.
    @Test func savesStartedTogetherAllLand() throws {
        let sandbox = try SyncSandbox()
        let dossier = try sandbox.initDossier("cfa")
        var expected: [String] = []
        for round in 0..<4 {
            let file = try sandbox.randomFile("preuve-\(round).bin", size: 300)
            try sandbox.dossierOK(["add", "tutorat", file.path, "--criterion", "historique-echanges"], in: dossier)
            expected.append("badges/tutorat/evidence/preuve-\(round).bin")
            let saves = try (0..<3).map { index in
                try sandbox.start(["save", "-m", "Tour \(round).\(index)", "--author", testAuthor], in: dossier,
                                  environment: ["DOSSIER_LOCK_WAIT": "60"], log: sandbox.url("save-\(round)-\(index).log"))
            }
            for save in saves {
                #expect(save.waitForExit(timeout: 60) && save.termination?.status == 0, "\(save.output)")
                #expect(save.output.contains("Saved ") || save.output.contains("Nothing to save."), "\(save.output)")
            }
            let status = try sandbox.dossierOK(["status", "--json"], in: dossier)
            #expect(status.stdout.contains("\"clean\" : true"), "\(status)")
        }
        for path in expected {
            #expect(try sandbox.git.result(["cat-file", "-e", "HEAD:" + path], in: dossier).succeeded, "\(path) lost")
        }
        #expect(try sandbox.fsck(dossier).succeeded)
    }

    // MARK: - Item 4: saves on another branch

    @Test func syncRefusesAnotherBranchAndStatusWarns() throws {
        let lab = try Lab()
        let sandbox = lab.sandbox
        let serverBefore = try serverMain(lab.remote)
        let trackingBefore = try sandbox.revParse("refs/remotes/origin/main", in: lab.first)
        _ = try sandbox.git.run(["checkout", "--quiet", "-b", "travail"], in: lab.first)
        let file = try sandbox.randomFile("preuve.bin", size: 300)
        try sandbox.addAndSave(file, badge: "tutorat", criterion: "historique-echanges", in: lab.first, message: "Sur une branche")

        let status = try sandbox.dossierOK(["status"], in: lab.first)
        #expect(status.stdout.contains("Warning: you are on branch 'travail'; `dossier sync` sends main only."), "\(status)")
        let json = try sandbox.dossierOK(["status", "--json"], in: lab.first)
        #expect(json.stdout.contains("\"branch\" : \"travail\""), "\(json)")

        let sync = try sandbox.dossier(["sync"], in: lab.first)
        #expect(sync.exited(with: 7), "\(sync)")
        #expect(sync.stderrLines.count == 1 && sync.stderr.contains("'travail'") && sync.stderr.contains("git switch main"), "\(sync)")
        #expect(!sync.stdout.contains("Sent:"), "\(sync)")
        #expect(try serverMain(lab.remote) == serverBefore)
        #expect(try sandbox.revParse("refs/remotes/origin/main", in: lab.first) == trackingBefore)

        _ = try sandbox.git.run(["checkout", "--quiet", "--detach"], in: lab.first)
        let detached = try sandbox.dossier(["sync"], in: lab.first)
        #expect(detached.exited(with: 7) && detached.stderr.contains("detached HEAD"), "\(detached)")

        // The way back the message gives.
        _ = try sandbox.git.run(["switch", "--quiet", "main"], in: lab.first)
        _ = try sandbox.git.run(["merge", "--quiet", "travail"], in: lab.first)
        try sandbox.dossierOK(["sync"], in: lab.first)
        #expect(try lab.onServer("badges/tutorat/evidence/preuve.bin"))
    }
}

/// The journal an interrupted sync leaves, written by hand so that the state is exact: the branch at
/// `from`, the working files still there, `to` waiting. Then a person edits a file the move changes.
@Suite("an interrupted sync meets hand edits", .serialized, .timeLimit(.minutes(10)))
struct InterruptedSyncEditTests {
    /// `first` changes the accessibilite narrative and syncs; `second` receives it, then is put back
    /// as a sync killed right after writing its journal leaves it. Returns (lab, from, to).
    func interrupted() throws -> (SaveDuringSyncTests.Lab, String, String) {
        let lab = try SaveDuringSyncTests.Lab()
        let sandbox = lab.sandbox
        let claim = lab.first.appendingPathComponent("badges/accessibilite/claim.yaml")
        let text = try String(contentsOf: claim, encoding: .utf8)
        try text.replacingOccurrences(of: "Toutes les formations disposent", with: "Toutes les formations du CFA disposent")
            .write(to: claim, atomically: true, encoding: .utf8)
        try sandbox.dossierOK(["save", "-m", "Récit", "--author", testAuthor], in: lab.first)
        try sandbox.dossierOK(["sync"], in: lab.first)
        let from = try #require(try sandbox.revParse("HEAD", in: lab.second))
        try sandbox.dossierOK(["sync"], in: lab.second)
        let to = try #require(try sandbox.revParse("HEAD", in: lab.second))
        _ = try sandbox.git.run(["reset", "--quiet", "--hard", from], in: lab.second)
        let journal = #"{"from":"\#(from)","to":"\#(to)","message":"dossier: sync (fast-forward)"}"#
        try journal.write(toFile: lab.second.path + "/.git/dossier/journal.json", atomically: true, encoding: .utf8)
        return (lab, from, to)
    }

    func editNarrative(_ lab: SaveDuringSyncTests.Lab, _ new: String) throws -> Data {
        let claim = lab.second.appendingPathComponent("badges/accessibilite/claim.yaml")
        let text = try String(contentsOf: claim, encoding: .utf8)
        try text.replacingOccurrences(of: "Toutes les formations disposent", with: new).write(to: claim, atomically: true, encoding: .utf8)
        return try Data(contentsOf: claim)
    }

    /// An edit elsewhere in the same claim: merged with the incoming change, then saved on top of it.
    @Test func aCompatibleEditIsMergedAndSaved() throws {
        let (lab, _, to) = try interrupted()
        let sandbox = lab.sandbox
        let claim = lab.second.appendingPathComponent("badges/accessibilite/claim.yaml")
        let text = try String(contentsOf: claim, encoding: .utf8)
        try text.replacingOccurrences(of: "l'avancement dans un tableau de bord commun", with: "l'avancement dans un tableau de bord partagé")
            .write(to: claim, atomically: true, encoding: .utf8)
        let save = try sandbox.dossier(["save", "-m", "Tableau de bord", "--author", testAuthor], in: lab.second)
        #expect(save.succeeded && save.stderr.contains("An interrupted sync was finished"), "\(save)")
        #expect(try sandbox.revParse("HEAD~1", in: lab.second) == to, "the save is not on top of the interrupted sync's target")
        let saved = try sandbox.git.run(["show", "HEAD:badges/accessibilite/claim.yaml"], in: lab.second)
        #expect(saved.contains("Toutes les formations du CFA disposent") && saved.contains("tableau de bord partagé"), "\(saved)")
    }

    /// The same line changed on both sides: nothing is touched, the command says which file needs
    /// a person, `status` says so too and still shows the dossier.
    @Test func aConflictingEditStopsWithAClearLineAndTouchesNothing() throws {
        let (lab, from, _) = try interrupted()
        let sandbox = lab.sandbox
        let edited = try editNarrative(lab, "Chacune des formations dispose")
        let save = try sandbox.dossier(["save", "-m", "Récit", "--author", testAuthor], in: lab.second)
        #expect(save.exited(with: 1), "\(save)")
        #expect(save.stderrLines == ["an interrupted sync was bringing changes to files edited since (badges/accessibilite/claim.yaml): nothing was overwritten; reconcile them by hand or ask for help"],
                "\(save)")
        #expect(try sandbox.revParse("HEAD", in: lab.second) == from)
        #expect(try Data(contentsOf: lab.second.appendingPathComponent("badges/accessibilite/claim.yaml")) == edited)
        #expect(FileManager.default.fileExists(atPath: lab.second.path + "/.git/dossier/journal.json"))
        let status = try sandbox.dossier(["status"], in: lab.second)
        #expect(status.succeeded && status.stdout.contains("Needs attention: an interrupted sync"), "\(status)")
    }
}
