import Foundation
import TestServers

/// The fixtures: a Région remote (`region.git`), laptop `a` (the sample « batiment-caen », synced) and,
/// when asked, laptop `b` (a clone); for the hub, `hub/` with that CFA registered.
extension CrashLab {
    static let uai = "0141234R"
    static let cfaName = "CFA du Bâtiment de Caen"

    func author(_ laptop: String) -> String { "Poste \(laptop.uppercased()) <poste.\(laptop)@cfa.example.fr>" }

    func laptops(second: Bool) throws {
        try gitOK(["init", "--quiet", "--bare", "-b", "main", "region.git"], in: "")
        try dossierOK(["init", "a", "--uai", Self.uai, "--name", Self.cfaName, "--from",
                       packageRoot.appendingPathComponent("sample-dossiers/batiment-caen").path, "--author", author("a")], in: "")
        try ledger.recordSave(of: "a", in: self)
        try dossierOK(["remote", "set", "../region.git"], in: "a")
        try dossierOK(["sync"], in: "a")
        if second {
            try dossierOK(["clone", "region.git", "b"], in: "")
            try ledger.recordSave(of: "b", in: self)  // what it received counts as saved there
        }
    }

    /// `dossier add BADGE FILE --criterion … --title …` of a new text file.
    func addEvidence(_ laptop: String, _ badge: String, criterion: String, file: String, text: String) throws {
        let document = try write(text, to: "inbox/\(laptop)/\(file)")
        try dossierOK(["add", badge, document.path, "--criterion", criterion, "--title", "Pièce \(file)"], in: laptop)
    }

    func save(_ laptop: String, _ message: String) throws {
        try dossierOK(saveCommand(laptop, message), in: laptop)
        try ledger.recordSave(of: laptop, in: self)
    }

    func saveCommand(_ laptop: String, _ message: String) -> [String] { ["save", "-m", message, "--author", author(laptop)] }

    /// Laptop `a` with a submission of « tutorat » on the remote, and the hub with that CFA registered.
    func hubWithSubmission() throws {
        try laptops(second: false)
        try addEvidence("a", "tutorat", criterion: "outils-distance", file: "guide-classe-virtuelle.md", text: "Guide de la classe virtuelle\n")
        try save("a", "Tutorat : guide")
        try dossierOK(["submit", "tutorat", "-m", "Demande du badge tutorat", "--author", author("a")], in: "a")
        try dossierOK(["sync"], in: "a")
        try dossierOK(["hub", "init", "hub"], in: "")
        try dossierOK(["hub", "register", Self.uai, url("region.git").path, "--name", Self.cfaName], in: "hub")
    }

    func reconcileOK() throws {
        try dossierOK(["hub", "reconcile"], in: "hub")
        try recordHub()
    }

    func hubOK(_ arguments: [String]) throws {
        try dossierOK(["hub"] + arguments, in: "hub")
        try recordHub()
    }

    /// Runs `arguments` in `folder`; nil when it succeeded, else its output on one line.
    func attempt(_ arguments: [String], in folder: String) throws -> String? {
        let result = try dossier(arguments, in: folder)
        return result.succeeded ? nil : "`dossier \(arguments.joined(separator: " "))` exit \(result.status): \(oneLine(result.stderr + result.stdout))"
    }

    /// `status --json` of a laptop, as a dictionary; nil when status fails.
    func status(_ laptop: String) throws -> [String: Any]? {
        let result = try dossier(["status", "--json"], in: laptop)
        guard result.succeeded else { return nil }
        return try? JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any]
    }

    /// The remote's `main` reaches every blob saved on these laptops.
    func remoteHoldsSaves(of laptops: [String]) -> [String] {
        guard let reachable = objects(in: "region.git", from: ["refs/heads/main"]) else { return ["region.git: main cannot be read"] }
        return laptops.compactMap { laptop in
            let missing = ledger.blobs(of: laptop).subtracting(reachable)
            return missing.isEmpty ? nil : "region.git: main lacks \(missing.count) blob(s) saved on \(laptop)"
        }
    }

    func mainIsTheRemotes(_ laptop: String) -> [String] {
        let local = try? gitOK(["rev-parse", "refs/heads/main"], in: laptop)
        let remote = try? gitOK(["rev-parse", "refs/heads/main"], in: "region.git")
        return local != nil && local == remote ? [] : ["\(laptop): main \(local ?? "?") is not the remote's \(remote ?? "?") after a sync that succeeded"]
    }
}

/// Every scenario of the campaign.
enum Scenarios {
    static let saveMessage = "Apprentis : grille et bilan"

    static let save = CrashScenario(
        name: "save", test: "save", folder: "a", command: ["save", "-m", saveMessage, "--author", "Poste A <poste.a@cfa.example.fr>"],
        build: { lab in
            try lab.laptops(second: false)
            try lab.addEvidence("a", "apprentis", criterion: "evaluer", file: "grille.md", text: "Grille d'évaluation\n")
            try lab.addEvidence("a", "apprentis", criterion: "suivre", file: "bilan.md", text: "Bilan du suivi\n")
            try lab.dossierOK(["set", "apprentis", "narrative", "Le suivi des apprentis est outillé."], in: "a")
        },
        recover: { lab in
            if let failure = try lab.attempt(lab.saveCommand("a", saveMessage), in: "a") { return failure }
            try lab.ledger.recordSave(of: "a", in: lab)
            return nil
        },
        complete: { lab in
            let files = lab.ledger.lastFiles(of: "a").keys
            let saved = ["badges/apprentis/evidence/grille.md", "badges/apprentis/evidence/bilan.md"].filter { files.contains($0) }
            var broken = saved.count == 2 ? [] : ["a: the evidence added before the save is not in main after the next save (\(files.filter { $0.contains("apprentis/evidence") }.sorted()))"]
            if try lab.status("a")?["clean"] as? Bool != true { broken.append("a: status fails or is not clean after the next save") }
            return broken
        })

    static let syncPush = CrashScenario(
        name: "sync (send)", test: "syncSend", folder: "a", command: ["sync"],
        build: { lab in
            try lab.laptops(second: false)
            try lab.addEvidence("a", "apprentis", criterion: "evaluer", file: "grille.md", text: "Grille d'évaluation\n")
            try lab.save("a", "Apprentis : grille")
        },
        recover: { lab in try lab.attempt(["sync"], in: "a") },
        complete: { lab in lab.remoteHoldsSaves(of: ["a"]) + lab.mainIsTheRemotes("a") })

    static let syncMerge = CrashScenario(
        name: "sync (receive, merge, send)", test: "syncMerge", folder: "b", command: ["sync"],
        build: { lab in
            try lab.laptops(second: true)
            try lab.addEvidence("a", "apprentis", criterion: "evaluer", file: "grille.md", text: "Grille d'évaluation\n")
            try lab.save("a", "Apprentis : grille")
            try lab.dossierOK(["sync"], in: "a")
            try lab.addEvidence("b", "tutorat", criterion: "outils-distance", file: "guide.md", text: "Guide de la classe virtuelle\n")
            try lab.save("b", "Tutorat : guide")
        },
        recover: { lab in try lab.attempt(["sync"], in: "b") },
        complete: { lab in
            var broken = lab.remoteHoldsSaves(of: ["a", "b"]) + lab.mainIsTheRemotes("b")
            if let reachable = lab.objects(in: "b", from: ["refs/heads/main"]), !lab.ledger.blobs(of: "a").isSubset(of: reachable) {
                broken.append("b: main lacks what a saved and sent")
            }
            return broken
        })

    /// Issue 9's item 2: after a sync killed while it merged, a save must be kept by the next sync.
    static let saveAfterKilledSync = CrashScenario(
        name: "save, then sync, after a killed sync", test: "saveAfterKilledSync", folder: "b", command: ["sync"],
        build: syncMerge.build,
        recover: { lab in
            try lab.addEvidence("b", "apprentis", criterion: "suivre", file: "bilan-apres.md", text: "Bilan, après la coupure\n")
            if let failure = try lab.attempt(lab.saveCommand("b", "Apprentis : bilan"), in: "b") { return "the save failed: " + failure }
            try lab.ledger.recordSave(of: "b", in: lab)
            if let failure = try lab.attempt(["sync"], in: "b") { return "the sync after the save failed: " + failure }
            return nil
        },
        complete: { lab in
            var broken = lab.remoteHoldsSaves(of: ["a", "b"]) + lab.mainIsTheRemotes("b")
            if !lab.ledger.lastFiles(of: "b").keys.contains("badges/apprentis/evidence/bilan-apres.md") {
                broken.append("b: the save made after the killed sync did not record its evidence")
            }
            if try lab.status("b")?["clean"] as? Bool != true { broken.append("b: status fails or is not clean after save and sync") }
            return broken
        })

    static let submit = CrashScenario(
        name: "submit", test: "submit", folder: "a", command: ["submit", "tutorat", "-m", "Demande du badge tutorat", "--author", "Poste A <poste.a@cfa.example.fr>"],
        build: { lab in try lab.laptops(second: false) },
        recover: { lab in
            try lab.attempt(["submit", "tutorat", "-m", "Demande du badge tutorat", "--author", lab.author("a")], in: "a")
        },
        complete: { lab in
            var broken: [String] = []
            let tags = (try? lab.gitOK(["tag", "-l", "submissions/tutorat/*"], in: "a")) ?? ""
            if tags.isEmpty { broken.append("a: no submission tag after the next submit") }
            if let failure = try lab.attempt(["sync"], in: "a") { broken.append("the sync after it failed: \(failure)") }
            return broken
        })

    static let resolve = CrashScenario(
        name: "resolve", test: "resolve", folder: "b", command: ["resolve", "ressources", "--ours"],
        build: { lab in
            try lab.laptops(second: true)
            try lab.dossierOK(["set", "ressources", "level", "3"], in: "a")  // the sample says 2
            try lab.save("a", "Ressources : niveau 3")
            try lab.dossierOK(["sync"], in: "a")
            try lab.dossierOK(["set", "ressources", "level", "1"], in: "b")
            try lab.save("b", "Ressources : niveau 1")
            let sync = try lab.dossier(["sync"], in: "b")
            guard sync.status == 4 else { throw CrashFixtureError("the sync should stop on a conflict: \(sync)") }
        },
        recover: { lab in
            guard let status = try lab.status("b") else {
                return try lab.attempt(["resolve", "ressources", "--ours"], in: "b") ?? "resolve succeeded but status failed before"
            }
            if (status["conflicts"] as? [Any] ?? []).isEmpty {
                // The killed resolve had finished its work: the merge must be there.
                let parents = (try? lab.gitOK(["rev-list", "--parents", "-n1", "HEAD"], in: "b"))?.split(separator: " ").count ?? 0
                return parents == 3 ? nil : "no conflict left, yet HEAD is not the merge (\(parents - 1) parent(s))"
            }
            return try lab.attempt(["resolve", "ressources", "--ours"], in: "b")
        },
        complete: { lab in
            var broken: [String] = []
            if let failure = try lab.attempt(["sync"], in: "b") { broken.append("the sync after it failed: \(failure)") }
            return broken + lab.remoteHoldsSaves(of: ["a", "b"])
        })

    static let mediaFetch = CrashScenario(
        name: "media fetch", test: "mediaFetch", folder: "b", command: ["media", "fetch"],
        build: { lab in
            try lab.laptops(second: true)
            let video = try lab.writeRandom("inbox/a/visite.mp4", size: 200_000, seed: 7)
            try lab.dossierOK(["add", "tutorat", video.path, "--criterion", "outils-distance"], in: "a")
            try lab.save("a", "Tutorat : vidéo")
            try lab.dossierOK(["sync"], in: "a")
            try lab.dossierOK(["sync", "--no-media"], in: "b")
        },
        recover: { lab in try lab.attempt(["media", "fetch"], in: "b") },
        complete: { lab in
            let absent = try lab.status("b")?["mediaAbsent"] as? [Any] ?? ["(status fails)"]
            return absent.isEmpty ? [] : ["b: media still absent after the next media fetch: \(absent)"]
        })

    static let reconcileFirst = CrashScenario(
        name: "hub reconcile (first)", test: "reconcileFirst", folder: "hub", command: ["hub", "reconcile"],
        build: { lab in try lab.hubWithSubmission() },
        recover: reconcileAgain,
        complete: reconciled)

    static let reconcileIncremental = CrashScenario(
        name: "hub reconcile (incremental)", test: "reconcileIncremental", folder: "hub", command: ["hub", "reconcile"],
        build: { lab in
            try lab.hubWithSubmission()
            try lab.reconcileOK()
            try lab.addEvidence("a", "prospection", criterion: "veille", file: "veille.md", text: "Veille 2026\n")
            try lab.save("a", "Prospection : veille")
            try lab.dossierOK(["submit", "prospection", "-m", "Demande du badge prospection", "--author", lab.author("a")], in: "a")
            try lab.dossierOK(["sync"], in: "a")
        },
        recover: reconcileAgain,
        complete: reconciled)

    static let vote = CrashScenario(
        name: "hub vote", test: "vote", folder: "hub", command: ["hub", "vote", CrashLab.uai, "tutorat", "approve", "--member", "marc.badgeons", "-m", "Conforme"],
        build: { lab in
            try reviewedHub(lab, votes: false)
        },
        recover: { lab in
            if let failure = try lab.attempt(["hub", "vote", CrashLab.uai, "tutorat", "approve", "--member", "marc.badgeons", "-m", "Conforme"],
                                             in: "hub") { return failure }
            try lab.recordHub()
            return nil
        },
        complete: { _ in [] })

    static let award = CrashScenario(
        name: "hub award", test: "award", folder: "hub", command: ["hub", "award", CrashLab.uai, "tutorat", "--member", "sophie.region"],
        build: { lab in try reviewedHub(lab, votes: true) },
        recover: { lab in
            if try awarded(lab) { return nil }  // the killed award had finished
            if let failure = try lab.attempt(["hub", "award", CrashLab.uai, "tutorat", "--member", "sophie.region"], in: "hub") { return failure }
            try lab.recordHub()
            return nil
        },
        complete: { lab in try awarded(lab) ? [] : ["tutorat is not awarded after the next award"] })

    static let all = [save, syncPush, syncMerge, saveAfterKilledSync, submit, resolve, mediaFetch, reconcileFirst, reconcileIncremental, vote, award]

    // MARK: hub helpers

    @Sendable static func reconcileAgain(_ lab: CrashLab) throws -> String? {
        if let failure = try lab.attempt(["hub", "reconcile"], in: "hub") { return failure }
        try lab.recordHub()
        return nil
    }

    /// The mirror reaches everything the CFA saved and sent.
    @Sendable static func reconciled(_ lab: CrashLab) throws -> [String] {
        guard let reachable = lab.objects(in: "hub/mirrors/\(CrashLab.uai).git", from: ["--all"]) else {
            return ["hub/mirrors/\(CrashLab.uai).git cannot be read after the next reconcile"]
        }
        let missing = lab.ledger.blobs(of: "a").subtracting(reachable)
        return missing.isEmpty ? [] : ["the mirror lacks \(missing.count) blob(s) the CFA saved and sent"]
    }

    static func reviewedHub(_ lab: CrashLab, votes: Bool) throws {
        try lab.hubWithSubmission()
        try lab.reconcileOK()
        try lab.hubOK(["member", "add", "marc.badgeons", "--role", "badgeons"])
        try lab.hubOK(["member", "add", "sophie.region", "--role", "region"])
        // A pilot CFA's member must belong to a registered CFA: Rouen, registered after the reconcile
        // (its remote stays empty; no reconcile runs in these scenarios).
        try lab.gitOK(["init", "--quiet", "--bare", "-b", "main", "rouen.git"], in: "")
        try lab.hubOK(["register", "0761234D", lab.url("rouen.git").path, "--name", "CFA des Métiers de Bouche de Rouen"])
        try lab.hubOK(["member", "add", "claire.rouen", "--role", "cfa-pilote", "--uai", "0761234D"])
        if votes {
            try lab.hubOK(["vote", CrashLab.uai, "tutorat", "approve", "--member", "marc.badgeons", "-m", "Conforme"])
            try lab.hubOK(["vote", CrashLab.uai, "tutorat", "approve", "--member", "claire.rouen", "-m", "Conforme"])
        }
    }

    /// Whether the export shows tutorat awarded to the CFA.
    static func awarded(_ lab: CrashLab) throws -> Bool {
        let result = try lab.dossier(["hub", "export", "--format", "json"], in: "hub")
        guard let object = try? JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any],
              let cfas = object["cfas"] as? [[String: Any]],
              let cfa = cfas.first(where: { $0["uai"] as? String == CrashLab.uai }),
              let badges = cfa["badges"] as? [[String: Any]] else { return false }
        return badges.contains { $0["badge"] as? String == "tutorat" && $0["state"] as? String == "awarded" }
    }
}

struct CrashFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
