import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// "A sync killed at any point (kill -9 during fetch, merge or push) leaves a valid repository
/// (`git fsck` clean) and the next sync completes it."
///
/// Each scenario repeats: prepare a large change (a few MB of random evidence), start `dossier sync`,
/// SIGKILL it, then check `git fsck --strict` in the clone and on the server, run `dossier sync` again
/// (it must succeed), and check that clone and server agree and that no saved work is lost.
///
/// Kill points:
/// - first, one sync that is not killed: it measures how long a sync takes here (T);
/// - kills triggered by what the sync is doing, seen by polling every 0.2 ms: a pack being received,
///   the checkout journal open, the branch moved, the server receiving a pack, the server's branch moved;
///   so that each phase is hit whatever the machine's speed;
/// - a sweep of delays from the process start, spread over 3 %…97 % of T, wherever they land.
@Suite("kill -9 during sync", .timeLimit(.minutes(3)))
struct KillTests {
    enum Scenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// The first laptop sends a large save.
        case push
        /// The second laptop receives a large save (fast-forward).
        case fetch
        /// The second laptop has its own save and receives a large one: fetch, merge, push.
        case merge
        var testDescription: String { rawValue }
    }

    /// What shows a phase is under way, sampled while the sync runs.
    struct Markers: OptionSet, Sendable {
        let rawValue: Int
        /// `.git/objects/pack/pack_git2_*`: libgit2 is receiving a pack.
        static let receivingPack = Markers(rawValue: 1)
        /// `.git/dossier/journal.json`: the working files and the branch are being moved.
        static let journal = Markers(rawValue: 2)
        /// The local `main` moved and the journal is closed: merged or fast-forwarded, pushing next.
        static let branchMoved = Markers(rawValue: 4)
        /// `objects/tmp_objdir-incoming-*` on the server: git receive-pack is taking a pack.
        static let serverReceiving = Markers(rawValue: 8)
        /// The server's `main` moved: the push is in, the sync has still to record it.
        static let serverUpdated = Markers(rawValue: 16)

        var name: String {
            switch self {
            case .receivingPack: "receiving a pack"
            case .journal: "the checkout journal is open"
            case .branchMoved: "the local branch moved"
            case .serverReceiving: "the server receives a pack"
            case .serverUpdated: "the server's branch moved"
            default: "markers \(rawValue)"
            }
        }
    }

    enum KillPlan: CustomStringConvertible {
        /// Let it run: measures T.
        case none
        /// At this fraction of T after the start.
        case fraction(Double)
        /// As soon as the marker shows; `required`: the window is wide enough that it must be hit.
        case when(Markers, required: Bool)

        var description: String {
            switch self {
            case .none: "no kill"
            case .fraction(let part): "at \(Int((part * 100).rounded())) % of T"
            case .when(let marker, _): "when \(marker.name)"
            }
        }
    }

    static func plans(_ scenario: Scenario) -> [KillPlan] {
        let triggered: [KillPlan] = switch scenario {
        case .push: [.when(.serverReceiving, required: true), .when(.serverUpdated, required: false)]
        case .fetch: [.when(.receivingPack, required: true), .when(.journal, required: true), .when(.branchMoved, required: false)]
        case .merge: [.when(.receivingPack, required: true), .when(.journal, required: true), .when(.branchMoved, required: true),
                      // The merge commit's pack is tiny: these windows are short.
                      .when(.serverReceiving, required: false), .when(.serverUpdated, required: false)]
        }
        let sweep = (0..<8).map { KillPlan.fraction(0.03 + 0.94 * Double($0) / 7) }
        return [.none] + triggered + sweep
    }

    static let evidenceSize = 2_500_000

    @Test(arguments: Scenario.allCases)
    func killedSyncIsRepairedByTheNextOne(_ scenario: Scenario) throws {
        let sandbox = try SyncSandbox()
        // Several fcgiwrap workers: a request cut by a kill must not hold up the repair sync.
        let server = try SmartHTTPServer(workers: 4)
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let token = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]
        let first = try sandbox.initDossier("first")
        try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: first)
        try sandbox.dossierOK(["sync"], in: first, environment: token)
        try sandbox.dossierOK(["clone", server.url(for: "x"), "second"], environment: token)
        let second = sandbox.url("second")
        let victim = scenario == .push ? first : second

        /// Evidence saved so far: path in the dossier → the original file.
        var saved: [String: URL] = [:]
        var outcomes: [(plan: KillPlan, phase: String)] = []
        var killedRunning = 0
        var measured: TimeInterval = 0.3

        for (index, plan) in Self.plans(scenario).enumerated() {
            // Prepare the change this sync has to carry.
            let big = try sandbox.randomFile("\(scenario)-\(index).bin", size: Self.evidenceSize)
            try sandbox.addAndSave(big, badge: "accessibilite", criterion: "contenus-distance", in: first, message: "Preuve \(index)")
            saved["badges/accessibilite/evidence/\(big.lastPathComponent)"] = big
            if scenario != .push { try sandbox.dossierOK(["sync"], in: first, environment: token) }
            if scenario == .merge {
                let small = try sandbox.randomFile("echange-\(index).bin", size: 300)
                try sandbox.addAndSave(small, badge: "tutorat", criterion: "historique-echanges", in: second, message: "Échange \(index)")
                saved["badges/tutorat/evidence/\(small.lastPathComponent)"] = small
            }

            let before = try State(victim: victim, remote: remote, server: server, sandbox: sandbox)
            let watch = Watch(victim: victim, remote: remote)
            let process = try sandbox.start(["sync"], in: victim, environment: token, log: sandbox.url("sync-\(scenario)-\(index).log"))
            let start = Date()
            var seen = Markers()
            var atKill = Markers()
            // Wait for the kill point, polling (bounded: 30 s at most).
            let deadline: Date = switch plan {
            case .fraction(let part): start.addingTimeInterval(part * measured)
            case .none, .when: start.addingTimeInterval(30)
            }
            while process.isRunning {
                let now = watch.markers()
                seen.formUnion(now)
                if case .when(let marker, _) = plan, now.contains(marker) { atKill = now; break }
                if Date() >= deadline { atKill = now; break }
                usleep(200)
            }
            var killed = false
            if process.isRunning {
                kill(process.pid, SIGKILL)
                killed = true
            }
            #expect(process.waitForExit(timeout: 30), "the sync did not end")
            let termination = process.termination
            let elapsed = Date().timeIntervalSince(start)
            if killed, termination?.bySignal == true { killedRunning += 1 }
            if !killed {
                // It ended by itself before the kill point: it must have succeeded.
                #expect(termination?.status == 0 && termination?.bySignal == false,
                        "[\(scenario) \(plan)] the sync failed on its own: \(process.output)")
                if case .none = plan { measured = elapsed }
            }
            let after = try State(victim: victim, remote: remote, server: server, sandbox: sandbox)
            let phase = killed ? Self.phase(scenario: scenario, atKill: atKill, before: before, after: after)
                               : "not killed: ended by itself"
            let outcome = "\(phase) [\(Int(elapsed * 1000)) ms]"
            outcomes.append((plan, outcome))
            if case .when(let marker, let required) = plan, required {
                #expect(killed, "[\(scenario) \(plan)] \(marker.name) never showed before the sync ended (seen: \(seen.rawValue))")
            }
            let context = "\(scenario) \(plan) → \(outcome)"

            // The server finishes what the killed sync left it (nginx hands git the whole buffered push).
            let idle = FreePort.poll(timeout: 15, interval: 0.005) { server.backendProcesses().isEmpty }
            #expect(idle, "[\(context)] the server's git http-backend is still busy 15 s after the kill")

            // The repositories are valid right after the kill.
            let fsck = try sandbox.fsck(victim)
            #expect(fsck.succeeded, "[\(context)] git fsck in the clone: \(fsck)")
            #expect(throws: Never.self, "[\(context)] git fsck on the server") { try remote.fsck() }

            // The next sync completes it.
            let repair = try sandbox.dossier(["sync"], in: victim, environment: token, timeout: 30)
            try #require(repair.succeeded, "[\(context)] the next sync: \(repair)")
            try expectInAgreement(victim, remote: remote, saved: saved, sandbox: sandbox, context: context)
        }

        // Both laptops end with the same dossier, everything in it.
        try sandbox.dossierOK(["sync"], in: first, environment: token)
        try sandbox.dossierOK(["sync"], in: second, environment: token)
        for laptop in [first, second] {
            try expectInAgreement(laptop, remote: remote, saved: saved, sandbox: sandbox, context: "\(scenario) at the end")
            #expect(try sandbox.fsck(laptop).succeeded)
        }

        let report = outcomes.map { "  \($0.plan): \($0.phase)" }.joined(separator: "\n")
        print("kill -9 during sync, scenario \(scenario) (T = \(Int(measured * 1000)) ms): "
              + "\(killedRunning) of \(outcomes.count) runs killed while running\n\(report)")
        #expect(killedRunning >= Self.plans(scenario).count / 2, "too few kills hit a running sync:\n\(report)")
    }

    // MARK: - A file half written by the killed checkout

    /// A sync killed in the checkout of its merge, with a working file left as the kill leaves it when it
    /// lands between libgit2's open(O_TRUNC) and its write (seen for real: an empty claim.yaml), or in the
    /// middle of writing a large evidence file. The next sync must finish the checkout.
    @Test(arguments: ["badges/accessibilite/claim.yaml", "evidence"])
    func checkoutKilledWithAHalfWrittenFile(_ which: String) throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer(workers: 4)
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let token = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]
        let first = try sandbox.initDossier("first")
        try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: first)
        try sandbox.dossierOK(["sync"], in: first, environment: token)
        try sandbox.dossierOK(["clone", server.url(for: "x"), "second"], environment: token)
        let second = sandbox.url("second")

        let big = try sandbox.randomFile("grande-preuve.bin", size: Self.evidenceSize)
        try sandbox.addAndSave(big, badge: "accessibilite", criterion: "contenus-distance", in: first, message: "Grande preuve")
        try sandbox.dossierOK(["sync"], in: first, environment: token)
        let small = try sandbox.randomFile("echange.bin", size: 300)
        try sandbox.addAndSave(small, badge: "tutorat", criterion: "historique-echanges", in: second, message: "Échange")

        // Kill the sync as soon as its checkout journal is written.
        let watch = Watch(victim: second, remote: remote)
        let process = try sandbox.start(["sync"], in: second, environment: token, log: sandbox.url("sync.log"))
        var hit = false
        _ = FreePort.poll(timeout: 30, interval: 0.0002, keepTrying: { process.isRunning }) {
            hit = watch.markers().contains(.journal)
            return hit
        }
        if process.isRunning { kill(process.pid, SIGKILL) }
        #expect(process.waitForExit(timeout: 30))
        try #require(hit && process.termination?.bySignal == true, "the sync was not killed in its checkout: \(process.output)")

        // The file as the kill leaves it.
        let path = which == "evidence" ? "badges/accessibilite/evidence/grande-preuve.bin" : which
        let file = second.appendingPathComponent(path)
        let original = which == "evidence" ? try Data(contentsOf: big) : Data()
        try original.prefix(original.count / 2).write(to: file)

        #expect(try sandbox.fsck(second).succeeded)
        let repair = try sandbox.dossier(["sync"], in: second, environment: token, timeout: 30)
        #expect(repair.succeeded, "\(repair)")
        try expectInAgreement(second, remote: remote, saved: ["badges/accessibilite/evidence/grande-preuve.bin": big,
                                                              "badges/tutorat/evidence/echange.bin": small],
                              sandbox: sandbox, context: "half-written \(which)")
    }

    // MARK: - Checks

    /// The clone is clean, at the server's `main`, and holds every evidence saved.
    func expectInAgreement(_ clone: URL, remote: BareRemote, saved: [String: URL], sandbox: SyncSandbox, context: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let localTree = try sandbox.revParse("HEAD^{tree}", in: clone)
        let remoteTree = try serverTree(remote)
        #expect(localTree != nil && localTree == remoteTree,
                "[\(context)] the clone's tree and the server's main differ", sourceLocation: sourceLocation)
        let localHead = try sandbox.revParse("HEAD", in: clone)
        let remoteHead = try serverMain(remote)
        #expect(localHead == remoteHead, "[\(context)] the clone's HEAD is not the server's main", sourceLocation: sourceLocation)
        let status = try sandbox.dossier(["status", "--json"], in: clone)
        #expect(status.succeeded && status.stdout.contains("\"clean\" : true") && status.stdout.contains("\"unsyncedSaves\" : 0"),
                "[\(context)] status: \(status)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: clone.path + "/.git/dossier/journal.json"),
                "[\(context)] the journal is still there", sourceLocation: sourceLocation)
        let serverFiles = Set(try remote.files(at: "main"))
        for (path, original) in saved.sorted(by: { $0.key < $1.key }) {
            #expect(FileManager.default.contentsEqual(atPath: original.path, andPath: clone.appendingPathComponent(path).path),
                    "[\(context)] \(path) is missing or different in the clone", sourceLocation: sourceLocation)
            #expect(serverFiles.contains(path), "[\(context)] \(path) is missing on the server", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Observing a sync

    /// Samples the markers of one sync (cheap: a few stat/readdir calls).
    struct Watch {
        let victim: URL
        let remote: BareRemote
        let localBranch: Data?
        let serverBranch: Data?

        init(victim: URL, remote: BareRemote) {
            self.victim = victim
            self.remote = remote
            localBranch = FileManager.default.contents(atPath: victim.path + "/.git/refs/heads/main")
            serverBranch = FileManager.default.contents(atPath: remote.path + "/refs/heads/main")
        }

        func markers() -> Markers {
            var markers = Markers()
            let fileManager = FileManager.default
            let journal = fileManager.fileExists(atPath: victim.path + "/.git/dossier/journal.json")
            if journal { markers.insert(.journal) }
            if ((try? fileManager.contentsOfDirectory(atPath: victim.path + "/.git/objects/pack")) ?? [])
                .contains(where: { $0.hasPrefix("pack_git2_") }) {
                markers.insert(.receivingPack)
            }
            if !journal, let branch = fileManager.contents(atPath: victim.path + "/.git/refs/heads/main"), branch != localBranch {
                markers.insert(.branchMoved)
            }
            if ((try? fileManager.contentsOfDirectory(atPath: remote.path + "/objects")) ?? [])
                .contains(where: { $0.hasPrefix("tmp_objdir-incoming") }) {
                markers.insert(.serverReceiving)
            }
            if let branch = fileManager.contents(atPath: remote.path + "/refs/heads/main"), branch != serverBranch {
                markers.insert(.serverUpdated)
            }
            return markers
        }
    }

    /// What can be seen of the clone and the server.
    struct State {
        let head: String?
        let tracking: String?
        let incoming: String?
        let serverMain: String?
        let requests: [String]

        init(victim: URL, remote: BareRemote, server: SmartHTTPServer, sandbox: SyncSandbox) throws {
            head = try sandbox.revParse("HEAD", in: victim)
            tracking = try sandbox.revParse("refs/remotes/origin/main", in: victim)
            incoming = try sandbox.revParse("refs/dossier/incoming/main", in: victim)
            serverMain = try remote.commit(of: "refs/heads/main")
            requests = server.accessLog()
        }
    }

    /// Which phase a kill hit, from what was under way at that moment and what it left.
    static func phase(scenario: Scenario, atKill: Markers, before: State, after: State) -> String {
        let newRequests = after.requests.dropFirst(before.requests.count)
        let pushStarted = newRequests.contains { $0.contains("git-receive-pack") }
        let fetchStarted = newRequests.contains { $0.contains("git-upload-pack") }
        if atKill.contains(.journal) {
            return scenario == .merge ? "merge: checkout of the merge (journal open)" : "fast-forward: checkout (journal open)"
        }
        if atKill.contains(.serverUpdated) || after.serverMain != before.serverMain {
            return "push: in on the server, not yet recorded locally"
        }
        if atKill.contains(.serverReceiving) { return "push: the server was receiving the pack" }
        if atKill.contains(.receivingPack) { return "fetch: receiving the pack" }
        if pushStarted { return "push: negotiating or sending" }
        if after.head != before.head {
            return scenario == .merge ? "merge done, before the push" : "fast-forward done, before the end"
        }
        if after.incoming != nil { return "fetch done, before the merge" }
        if after.tracking != before.tracking { return "merge: analysing / writing the merge" }
        if fetchStarted { return "fetch: negotiating" }
        return "start-up (no request answered yet)"
    }
}
