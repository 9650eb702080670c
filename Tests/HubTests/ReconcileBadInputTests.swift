import Foundation
import Hub
import Testing
import TestServers

/// A CFA's repository is untrusted input. Each bad repository here fails that CFA alone, through
/// the CLI (exit 6, under 200 MB of memory): nothing of it is ingested — not even its valid
/// submission — and a well-formed CFA in the same run is ingested as usual.
@Suite struct ReconcileBadInputTests {
    /// Names that must never reach a path: traversal, git's own folder, separators, absolute.
    @Test(arguments: ["..", ".", ".git", ".GIT", ".git.", "git~1", "a/b", "/etc/passwd", "..\\..\\x", "tab\tname"])
    func unsafeNamesInTheTree(_ name: String) throws {
        try expectRefused(reason: "unsafe name in the tree") { _, cfa in
            let evidence = try cfa.remote.treeEntries("main:badges/prospection/evidence")
            let file = try #require(evidence.first)
            let folder = try cfa.remote.writeRawTree([file])
            let crafted = try cfa.remote.writeRawTree(evidence + [RawEntry(mode: "40000", name: Array(name.utf8), id: folder)])
            try cfa.remote.craftSubmission(badge: "prospection", [.object("badges/prospection/evidence", mode: "040000", id: crafted)])
        }
    }

    @Test func nonUTF8Names() throws {
        try expectRefused(reason: "not UTF-8") { _, cfa in
            let evidence = try cfa.remote.treeEntries("main:badges/prospection/evidence")
            let name: [UInt8] = [0x6E, 0x6F, 0x74, 0x65, 0xFF, 0xFE, 0x2E, 0x6D, 0x64]
            let crafted = try cfa.remote.writeRawTree(evidence + [RawEntry(mode: "100644", name: name, id: evidence[0].id)])
            try cfa.remote.craftSubmission(badge: "prospection", [.object("badges/prospection/evidence", mode: "040000", id: crafted)])
        }
    }

    @Test func aSymbolicLinkAsEvidence() throws {
        try expectRefused(reason: "symbolic link in the dossier") { _, cfa in
            try cfa.remote.craftSubmission(badge: "prospection", [
                .bytes("badges/prospection/evidence/note-veille-bim-2025.md", mode: "120000", Data("/etc/passwd".utf8)),
            ])
        }
    }

    @Test func aSubmodule() throws {
        try expectRefused(reason: "submodule in the dossier") { _, cfa in
            let commit = try #require(try cfa.remote.commit(of: "refs/heads/main"))
            try cfa.remote.craftSubmission(badge: "prospection", [.object("badges/prospection/evidence/outils", mode: "160000", id: commit)])
        }
    }

    @Test(arguments: [false, true])
    func aTreeNested10000Deep(http: Bool) throws {
        try expectRefused(http: http, reason: "nested deeper than") { _, cfa in
            let path = "badges/prospection/evidence/" + String(repeating: "d/", count: 10_000) + "x.md"
            try cfa.remote.craftSubmission(badge: "prospection", [.bytes(path, Data("x\n".utf8))])
        }
    }

    /// 200 MB of random bytes as `claim.yaml`: from a folder, refused before the fetch; over
    /// HTTP, the fetch stopped as soon as one object passes the hub's limit.
    @Test(arguments: [false, true])
    func a200MBBlobAsClaim(http: Bool) throws {
        let reason = http ? "the fetch was stopped" : "badges/prospection/claim.yaml is 200000000 bytes"
        try expectRefused(http: http, reason: reason) { lab, cfa in
            try cfa.remote.setConfig("pack.compression", "0")  // a fast upload-pack over HTTP
            let blob = try writeRandomBlob(cfa.remote, bytes: 200_000_000, scratch: lab.folder.appending("random.bin"))
            try cfa.remote.craftSubmission(badge: "prospection", [.object("badges/prospection/claim.yaml", mode: "100644", id: blob)])
        }
    }

    /// The other side of the limit: a 60 MB evidence file (the hub reads up to 64 MB) is fetched,
    /// hashed and inventoried, still under 200 MB.
    @Test(arguments: [false, true])
    func aLargeButAcceptedEvidenceStaysUnder200MB(http: Bool) throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R", http: http)
        try cfa.remote.setConfig("pack.compression", "0")
        let file = lab.folder.appending("video.bin")
        try writeRandomBytes(60_000_000, to: file)
        let sha = try sha256(of: file)
        let blob = try writeBlob(cfa.remote, file: file)
        let claim = try cfa.remote.contents(at: "main", path: "badges/prospection/claim.yaml") + """
              - id: video-veille
                title: "Vidéo de la veille"
                criterion: veille
                file: video-veille.bin
                sha256: "\(sha)"
                size: 60000000

            """
        try cfa.remote.craftSubmission(badge: "prospection", [
            .bytes("badges/prospection/claim.yaml", Data(claim.utf8)),
            .object("badges/prospection/evidence/video-veille.bin", mode: "100644", id: blob),
        ])
        let run = try lab.reconcileCLI()
        #expect(run.status == 0, "\(run)")
        #expect(run.peakKB < 200 * 1024, "peak \(run.peakKB) KB")
        let submission = try #require(try lab.submissions(cfa.uai).first)
        let evidence = try lab.hub.store.read { try $0.evidence(submission: submission.id ?? -1) }
        let video = try #require(evidence.first { $0.evidenceID == "video-veille" })
        #expect(video.sha256 == sha && video.size == 60_000_000)
        #expect(submission.ready, "\(submission.problems)")
    }

    @Test func aUAIThatIsNotTheRegisteredOne() throws {
        try expectRefused(registeredAs: "0271234V", reason: "dossier.yaml names UAI 0141234R, registered as 0271234V") { _, _ in }
    }

    @Test func anEvidencePathLeavingItsFolder() throws {
        try expectRefused(reason: "path '../../../dossier.yaml' escapes the evidence folder") { _, cfa in
            let claim = try cfa.remote.contents(at: "main", path: "badges/prospection/claim.yaml")
                .replacingOccurrences(of: "file: note-veille-bim-2025.md", with: "file: ../../../dossier.yaml")
            try cfa.remote.craftSubmission(badge: "prospection", [.bytes("badges/prospection/claim.yaml", Data(claim.utf8))])
        }
    }

    enum Rewrite: CaseIterable { case moved, deleted }

    /// A submission tag moved or deleted upstream after its ingest: flagged, nothing new ingested
    /// (not even a valid new submission), the earlier ingest kept and its commit still readable.
    @Test(arguments: Rewrite.allCases)
    func aRewrittenSubmissionTag(_ rewrite: Rewrite) throws {
        let lab = try HubLab()
        let good = try lab.addCFA("0761234D", sample: "boulangerie-rouen")
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        _ = try lab.reconcile()
        let ingested = try #require(try lab.submissions(cfa.uai).first)

        try lab.dossierOK(["set", "prospection", "narrative", "Réécrit après coup."], in: cfa.dossier)
        try lab.dossierOK(["save", "-m", "réécriture", "--author", labAuthor], in: cfa.dossier)
        try lab.submit(cfa, "accessibilite")
        try lab.submit(good, "accessibilite")
        let main = try #require(try cfa.remote.commit(of: "refs/heads/main"))
        switch rewrite {
        case .moved: try cfa.remote.run(["tag", "-f", "-a", "-m", "déplacé", ingested.tag, main])
        case .deleted: try cfa.remote.run(["tag", "-d", ingested.tag])
        }

        let run = try lab.reconcileCLI()
        #expect(run.status == 6, "\(run)")
        let reasons = (try run.outcome(cfa.uai)["reasons"] as? [String] ?? []).joined(separator: "; ")
        let word = rewrite == .moved ? "moved" : "deleted"
        #expect(reasons.contains("\(ingested.tag): \(word) upstream (history rewritten)"), "\(reasons)")
        #expect(try run.outcome(good.uai)["status"] as? String == "new")
        #expect(try lab.submissions(cfa.uai) == [ingested])
        #expect(try lab.failure(cfa.uai)?.contains("history rewritten") == true)
        #expect(try lab.audit(cfa.uai, action: "reconcile-failed").count == 1)

        let mirror = lab.mirror(cfa.uai)
        try mirror.run(["gc", "--quiet", "--prune=now"])
        #expect(try mirror.commit(of: "refs/hub/ingested/" + ingested.tag) == ingested.commit)
        #expect(try mirror.files(at: ingested.commit).contains("badges/prospection/claim.yaml"))
        if rewrite == .moved { #expect(try mirror.commit(of: "refs/hub/upstream/" + ingested.tag) == main) }
    }

    /// Hooks in the CFA's repository, a hooks path and an fsmonitor in its config, an executable
    /// hook in its tree: the hub fetches, ingests and pushes decisions without running any.
    @Test func nothingFromTheCFARepositoryRuns() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        let marker = lab.folder.appending("something-ran")
        let script = Data("#!/bin/sh\necho \"$0\" >> '\(marker.path)'\n".utf8)
        let hooks = ["post-checkout", "post-merge", "pre-receive", "update", "post-receive", "post-update",
                     "reference-transaction", "pre-push", "push-to-checkout", "pre-auto-gc", "fsmonitor-watchman"]
        // Crafted first: git itself would run these hooks while crafting.
        try cfa.remote.craftSubmission(badge: "prospection", [.bytes("badges/prospection/evidence/post-checkout", mode: "100755", script)])
        let otherHooks = try lab.folder.makeFolder("other-hooks")
        for folder in [cfa.remote.url.appendingPathComponent("hooks"), otherHooks] {
            for hook in hooks {
                try script.write(to: folder.appendingPathComponent(hook))
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path + "/" + hook)
            }
        }
        try cfa.remote.setConfig("core.hooksPath", otherHooks.path)
        try cfa.remote.setConfig("core.fsmonitor", otherHooks.path + "/fsmonitor-watchman")

        #expect(try lab.reconcile().cfas.map(\.status) == [.new])
        try lab.addReviewers()
        try lab.hub.vote(uai: cfa.uai, badge: "prospection", memberID: "region-1", verdict: .changes, reason: "Préciser la veille")
        #expect(try lab.reconcile().cfas.first?.decisionsDelivered == true)
        #expect(try cfa.remote.commit(of: "refs/dossier/decisions") != nil)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "\((try? String(contentsOf: marker, encoding: .utf8)) ?? "")")
        let mirror = lab.mirror(cfa.uai)
        #expect(try mirror.git.result(["--git-dir=\(mirror.path)", "config", "--get", "core.hooksPath"]).succeeded == false)
        let mirrorHooks = (try? FileManager.default.contentsOfDirectory(atPath: mirror.path + "/hooks")) ?? []
        #expect(mirrorHooks.allSatisfy { $0.hasSuffix(".sample") }, "\(mirrorHooks)")
    }
}

/// Writes `bytes` random bytes as a blob of `remote` (through the file `scratch`, then removed).
func writeRandomBlob(_ remote: BareRemote, bytes: Int, scratch: URL) throws -> String {
    try writeRandomBytes(bytes, to: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    return try writeBlob(remote, file: scratch)
}

/// Writes a file as a blob of `remote`, stored uncompressed (fast to write and to serve).
func writeBlob(_ remote: BareRemote, file: URL) throws -> String {
    try remote.git.run(["-c", "core.compression=0", "--git-dir=\(remote.path)", "hash-object", "-w", file.path])
        .trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A lab with a well-formed CFA that submits, and a bad one: a valid submission first, then what
/// `craft` does to its remote. One reconcile through the CLI must fail the bad CFA alone with
/// `reason`, ingest nothing of it, ingest the good one, exit 6 and stay under 200 MB; a second
/// run fails the same way without a second audit row.
func expectRefused(http: Bool = false, registeredAs: String? = nil, reason: String,
                   sourceLocation: SourceLocation = #_sourceLocation,
                   craft: (HubLab, LabCFA) throws -> Void) throws {
    let lab = try HubLab()
    let good = try lab.addCFA("0761234D", sample: "boulangerie-rouen", http: http)
    try lab.submit(good, "prospection", "accessibilite")
    let bad = try lab.addCFA("0141234R", http: http, registeredAs: registeredAs)
    try lab.submit(bad, "accessibilite")
    try craft(lab, bad)
    let uai = registeredAs ?? bad.uai

    for round in 1...2 {
        let run = try lab.reconcileCLI()
        #expect(run.status == 6, "round \(round): \(run)", sourceLocation: sourceLocation)
        #expect(run.peakKB < 200 * 1024, "peak \(run.peakKB) KB", sourceLocation: sourceLocation)
        let outcome = try run.outcome(uai)
        let reasons = (outcome["reasons"] as? [String] ?? []).joined(separator: "; ")
        #expect(outcome["status"] as? String == "failed" && reasons.contains(reason), "\(reasons)", sourceLocation: sourceLocation)
        if round == 1 {
            #expect(try run.outcome(good.uai)["status"] as? String == "new", sourceLocation: sourceLocation)
        }
    }
    #expect(try lab.submissions(uai).isEmpty, sourceLocation: sourceLocation)
    #expect(try lab.mirrorRefs(uai).keys.filter { $0.hasPrefix("refs/hub/ingested/") }.isEmpty, sourceLocation: sourceLocation)
    #expect(try lab.failure(uai)?.contains(reason) == true, sourceLocation: sourceLocation)
    #expect(try lab.audit(uai, action: "reconcile-failed").count == 1, sourceLocation: sourceLocation)
    #expect(try lab.submissions(good.uai).count == 2, sourceLocation: sourceLocation)
    #expect(try lab.failure(good.uai) == nil, sourceLocation: sourceLocation)
}
