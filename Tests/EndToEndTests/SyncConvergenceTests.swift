import Foundation
import Testing
import TestServers

/// Three clones make random saves offline (add, remove, retitle, move evidence; edit narrative;
/// change status) for several rounds and sync in random orders until quiet: all three end on the
/// same tree, and every evidence added anywhere is present at the end unless some side deleted it.
@Suite("Sync: convergence of three clones")
struct SyncConvergenceTests {
    /// Seeds run every time (reproducible), plus one fresh seed per run (`DOSSIER_SYNC_SEED`
    /// replays a given one). The seed is printed; a failure names it.
    static let seeds: [UInt64] = {
        let fresh = ProcessInfo.processInfo.environment["DOSSIER_SYNC_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        return [20_261_130, 7, fresh]
    }()

    @Test("random offline saves, random sync orders: one tree at the end, no evidence lost", arguments: seeds)
    func converge(seed: UInt64) throws {
        print("SyncConvergenceTests: seed \(seed) (replay with DOSSIER_SYNC_SEED=\(seed))")
        let box = try syncSandbox()
        defer { box.remove() }
        var run = try ConvergenceRun(box: box, seed: seed)
        for round in 1...4 {
            for name in run.names.shuffled(using: &run.rng) {
                try run.workOffline(name, round: round)
            }
            var syncing = run.names.filter { _ in Int.random(in: 0..<3, using: &run.rng) < 2 }
            if syncing.isEmpty { syncing = [run.names.randomElement(using: &run.rng)!] }
            for name in syncing.shuffled(using: &run.rng) { try run.syncSettling(name) }
        }
        let passes = try run.syncUntilQuiet()
        let lab = run.lab

        // One tree everywhere, and on the remote.
        let trees = try run.names.map { try lab.headTree($0) }
        let remoteTree = try lab.remoteGit(["rev-parse", "refs/heads/main^{tree}"])
        #expect(Set(trees).count == 1 && trees.first == remoteTree, "seed \(seed): trees differ: \(trees) remote \(remoteTree)\n\(run.journal)")
        for name in run.names {
            #expect(try lab.git(name, ["status", "--porcelain"]).isEmpty, "seed \(seed): \(name) has unsaved files")
            #expect(try lab.status(name).unsyncedSaves == 0)
            try lab.expectNoConflictMarkers(name)
            let check = try lab.dossier(name, ["check", "--json"])
            #expect(check.status == 0, "seed \(seed): the merged dossier does not load: \(check)")
        }

        // Every evidence added anywhere is there, unless some side deleted it.
        let final = try lab.claims("a")
        var lost: [String] = []
        for (key, author) in run.added.sorted(by: { $0.key.description < $1.key.description }) where !run.deleted.contains(key) {
            if final[key.badge]?.entry(key.id) == nil { lost.append("\(key) (added by \(author))") }
        }
        // Entries whose file is missing (see SyncMergeTests.deletedAndRetitled: an entry kept after a
        // presence conflict loses its file): counted apart, reported as a known issue.
        var dangling: [String] = []
        for (badge, claim) in final {
            for entry in claim.evidence {
                guard let file = entry.file else { continue }
                if !FileManager.default.fileExists(atPath: lab.file("a", "badges/\(badge)/evidence/\(file)").path) {
                    dangling.append("\(badge)/\(entry.id)")
                }
            }
        }
        print("""
            SyncConvergenceTests: seed \(seed): \(run.operations) operations, \(run.saves.count) saves, \(run.syncs) syncs, \
            \(run.settled) conflicted badges settled with --ours, \(passes) quiet-down passes; \
            evidence added \(run.added.count), deleted \(run.deleted.count), lost \(lost.count), entries without their file \(dangling.count)
            """)
        #expect(lost.isEmpty, "seed \(seed): lost evidence: \(lost)\n\(run.journal)")
        do {
            #expect(dangling.isEmpty, "seed \(seed): entries without their file: \(dangling)")
        }

        // The remote holds every save; git is happy everywhere.
        let subjects = Set(try lab.remoteLogSubjects())
        let missing = run.saves.filter { !subjects.contains($0) }
        #expect(missing.isEmpty, "seed \(seed): saves missing from the remote's log: \(missing)")
        try lab.expectFsckClean(run.names)
    }
}

/// The state of one random run.
struct ConvergenceRun {
    struct Key: Hashable, CustomStringConvertible {
        let badge: String
        let id: String
        var description: String { "\(badge)/\(id)" }
    }

    static let badges = ["tutorat", "prospection", "ressources", "attractivite"]

    let names = ["a", "b", "c"]
    let lab: SyncLab
    var rng: SeededGenerator
    var criteria: [String: [String]] = [:]
    /// Evidence added, by who; evidence deleted by any clone.
    var added: [Key: String] = [:]
    var deleted: Set<Key> = []
    var saves: [String] = []
    var operations = 0, syncs = 0, settled = 0, counter = 0
    var journal: [String] = []

    init(box: Sandbox, seed: UInt64) throws {
        lab = try SyncLab.start(in: box, names: names)
        rng = SeededGenerator(seed: seed)
        let catalogue = try box.dossierOK(["catalogue", "--json"], in: lab.clone("a")).json(CatalogueOutput.self)
        for badge in catalogue.badges where Self.badges.contains(badge.id) { criteria[badge.id] = badge.criteria.map(\.id) }
    }

    /// 1 to 3 random operations, saved (sometimes after each, always at the end).
    mutating func workOffline(_ name: String, round: Int) throws {
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            try randomOperation(name, round: round)
            if Bool.random(using: &rng) { try save(name, round: round) }
        }
        try save(name, round: round)
    }

    mutating func save(_ name: String, round: Int) throws {
        counter += 1
        let message = "\(name) : tour \(round), enregistrement \(counter)"
        let result = try lab.dossierOK(name, ["save", "-m", message, "--author", lab.author(name), "--json"])
        if try result.json(SaveOutput.self).saved { saves.append(message) }
    }

    mutating func randomOperation(_ name: String, round: Int) throws {
        counter += 1
        operations += 1
        let badge = Self.badges.randomElement(using: &rng)!
        let claim = try lab.claim(name, badge)
        let criterion = criteria[badge]!.randomElement(using: &rng)!
        let entry = claim.evidence.randomElement(using: &rng)
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1:
            let fileName = "\(name)-t\(round)-\(counter).md"
            let document = try lab.document(fileName, "# Preuve \(counter) du poste \(name), tour \(round)\n")
            try lab.dossierOK(name, ["add", badge, document.path, "--criterion", criterion, "--title", "Preuve \(name) \(counter)"])
            let id = try #require(try lab.claim(name, badge).evidence.first { $0.file == fileName }?.id)
            added[Key(badge: badge, id: id)] = name
            journal.append("\(name) add \(badge)/\(id)")
        case 2:
            let url = "https://preuves.example.fr/\(name)/\(counter)"
            try lab.dossierOK(name, ["link", badge, url, "--criterion", criterion, "--title", "Lien \(name) \(counter)",
                                     "--kind", ["web", "video", "lms"].randomElement(using: &rng)!])
            let id = try #require(try lab.claim(name, badge).evidence.first { $0.url == url }?.id)
            added[Key(badge: badge, id: id)] = name
            journal.append("\(name) link \(badge)/\(id)")
        case 3 where entry != nil:
            try lab.dossierOK(name, ["remove", badge, entry!.id])
            deleted.insert(Key(badge: badge, id: entry!.id))
            journal.append("\(name) remove \(badge)/\(entry!.id)")
        case 4 where entry != nil:
            try editEvidence(lab.claimURL(name, badge), id: entry!.id, field: "title", to: "Titre \(name) \(counter)")
            journal.append("\(name) retitle \(badge)/\(entry!.id)")
        case 5 where entry != nil && entry!.criterion != criterion:
            try editEvidence(lab.claimURL(name, badge), id: entry!.id, field: "criterion", to: criterion)
            journal.append("\(name) move \(badge)/\(entry!.id) → \(criterion)")
        case 6, 7:
            var lines = claim.effectiveNarrative.components(separatedBy: "\n").filter { !$0.isEmpty }
            let line = "Phrase du poste \(name), tour \(round), n° \(counter)."
            if lines.isEmpty || Bool.random(using: &rng) {
                lines.insert(line, at: Int.random(in: 0...lines.count, using: &rng))
            } else {
                lines[Int.random(in: 0..<lines.count, using: &rng)] = line
            }
            try lab.dossierOK(name, ["set", badge, "narrative", lines.joined(separator: "\n") + "\n"])
            journal.append("\(name) narrative \(badge)")
        default:
            let status = claim.effectiveStatus == "ready" ? "draft" : "ready"
            try lab.dossierOK(name, ["set", badge, "status", status])
            journal.append("\(name) status \(badge) \(status)")
        }
    }

    /// Syncs; on conflicts (exit 4) settles every conflicted badge with `--ours` and syncs again.
    mutating func syncSettling(_ name: String) throws {
        for _ in 0..<5 {
            syncs += 1
            let (result, _) = try lab.sync(name)
            if result.status == 0 { return }
            try #require(result.status == 4, "sync failed: \(result)")
            let badges = try lab.conflictedBadges(name)
            try #require(!badges.isEmpty, "exit 4 without open conflicts: \(result)")
            for badge in badges {
                try lab.dossierOK(name, ["resolve", badge, "--ours"])
                settled += 1
                journal.append("\(name) resolve \(badge) --ours")
            }
        }
        Issue.record("\(name) still not synced after 5 attempts")
    }

    /// Syncs every clone in random orders until a whole pass changes nothing; returns the passes.
    mutating func syncUntilQuiet() throws -> Int {
        func state() throws -> [String] { try names.map { try lab.head($0) } + [lab.remoteMain()] }
        for pass in 1...8 {
            let before = try state()
            for name in names.shuffled(using: &rng) { try syncSettling(name) }
            if try state() == before { return pass }
        }
        Issue.record("the clones never went quiet")
        return 8
    }
}
