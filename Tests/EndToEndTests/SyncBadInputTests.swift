import Foundation
import Testing
import TestServers

/// Remotes that are not what they should be: each gives one clear line and a non-zero exit, and
/// changes nothing locally (working files, `main`, and the remote-tracking branch, which must not
/// point at the bad commit); `dossier clone` of each leaves no folder behind.
@Suite("Sync: bad remotes")
struct SyncBadInputTests {
    /// What must hold after a refused sync: the working files and refs as they were.
    struct Before {
        let files: [String: FileState]
        let refs: [String: String]
    }

    static func before(_ lab: SyncLab, _ name: String = "a") throws -> Before {
        Before(files: try lab.workingSnapshot(name), refs: try lab.refs(name))
    }

    static func expectNothingChanged(_ lab: SyncLab, _ before: Before, _ what: String, name: String = "a",
                                     trackingIsKnownIssue: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        expectUnchanged(before.files, try lab.workingSnapshot(name), what, sourceLocation: sourceLocation)
        let after = try lab.refs(name)
        #expect(after["refs/heads/main"] == before.refs["refs/heads/main"], "\(what) moved main", sourceLocation: sourceLocation)
        #expect(after.filter { !$0.key.hasPrefix("refs/remotes/") } == before.refs.filter { !$0.key.hasPrefix("refs/remotes/") },
                "\(what) changed refs", sourceLocation: sourceLocation)
        let tracking = { #expect(after["refs/remotes/origin/main"] == before.refs["refs/remotes/origin/main"],
                                 "\(what) moved the remote-tracking branch to \(after["refs/remotes/origin/main"] ?? "nil")",
                                 sourceLocation: sourceLocation) }
        tracking()
        #expect(try lab.git(name, ["status", "--porcelain"]).isEmpty, sourceLocation: sourceLocation)
    }

    /// A refused command: one line on stderr, nothing on stdout, the given exit code.
    static func expectOneLine(_ result: RunResult, exit: Int32? = nil, containing needles: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
        if let exit { #expect(result.status == exit, "\(result)", sourceLocation: sourceLocation) }
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        for needle in needles {
            #expect(result.stderr.contains(needle), "«\(needle)» not in: \(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// `dossier clone URL copy` fails with one line and leaves no `copy` folder.
    static func expectCloneLeavesNothing(_ lab: SyncLab, _ url: String, exit: Int32? = nil, containing needles: [String] = [],
                                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: lab.root.path).sorted()
        let result = try lab.box.dossier(["clone", url, "copie"], in: lab.root)
        expectOneLine(result, exit: exit, containing: needles, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: lab.root.appendingPathComponent("copie").path),
                "clone of \(url) left a folder behind", sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lab.root.path).sorted() == before, sourceLocation: sourceLocation)
    }

    /// An empty bare repository beside the lab (git CLI).
    static func bareRepository(_ lab: SyncLab, _ name: String) throws -> URL {
        let url = lab.root.appendingPathComponent(name)
        try lab.box.gitOK(["init", "--quiet", "--bare", "-b", "main", url.path], in: lab.root)
        return url
    }

    // MARK: addresses

    @Test("a URL of an unknown scheme (ftp://): remote set, sync and clone refuse it in one line")
    func unknownScheme() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let before = try Self.before(lab)
        let set = try lab.dossier("a", ["remote", "set", "ftp://depot.region-normandie.example.fr/cfa.git"])
        Self.expectOneLine(set, exit: 1, containing: ["ftp://depot.region-normandie.example.fr/cfa.git"])
        #expect(try lab.dossierOK("a", ["remote", "show"]).stdout == lab.remote.path + "\n", "the remote is unchanged")
        try Self.expectNothingChanged(lab, before, "remote set ftp://")

        // The same address written into .git/config by hand: sync refuses it too.
        try lab.git("a", ["config", "remote.origin.url", "ftp://depot.region-normandie.example.fr/cfa.git"])
        let configBefore = try Self.before(lab)
        let sync = try lab.dossier("a", ["sync"])
        Self.expectOneLine(sync, containing: ["ftp://depot.region-normandie.example.fr/cfa.git"])
        try Self.expectNothingChanged(lab, configBefore, "sync with an ftp:// remote")
        try Self.expectCloneLeavesNothing(lab, "ftp://depot.region-normandie.example.fr/cfa.git", exit: 1, containing: ["ftp://"])
        try lab.git("a", ["config", "remote.origin.url", lab.remote.path])
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("`dossier -C DIR remote set|show` works like `dossier -C DIR status`")
    func globalFolderOptionWithRemote() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let status = try box.dossier(["-C", "a", "status"], in: lab.root)
        #expect(status.status == 0, "\(status)")
        let after = try box.dossier(["remote", "show", "-C", "a"], in: lab.root)
        #expect(after.status == 0 && after.stdout == lab.remote.path + "\n", "\(after)")
        let before = try box.dossier(["-C", "a", "remote", "show"], in: lab.root)
        do {
            #expect(before.status == 0 && before.stdout == lab.remote.path + "\n", "\(before)")
        }
    }

    // MARK: remotes that are not this dossier

    @Test("a remote that is not a dossier (an ordinary commit, no dossier.yaml)")
    func notADossier() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let plain = try Self.bareRepository(lab, "ordinaire.git")
        let work = lab.root.appendingPathComponent("work")
        try box.gitOK(["init", "--quiet", "-b", "main", work.path], in: lab.root)
        try box.write("Un dépôt ordinaire.\n", to: "lab/work/README.md")
        try box.gitOK(["add", "."], in: work)
        try box.gitOK(["commit", "--quiet", "-m", "ordinaire"], in: work)
        try box.gitOK(["push", "--quiet", plain.path, "main"], in: work)
        let bad = try box.gitOK(["rev-parse", "HEAD"], in: work)

        try lab.dossierOK("a", ["remote", "set", "../ordinaire.git"])
        let before = try Self.before(lab)
        let result = try lab.dossier("a", ["sync"])
        Self.expectOneLine(result, exit: 1, containing: ["no dossier.yaml"])
        try Self.expectNothingChanged(lab, before, "sync with a remote that is not a dossier",
                                      trackingIsKnownIssue: "libgit2's fetch also updates refs/remotes/origin/main through the remote's default refspec (opportunistic update), before the remote is checked")
        #expect(try box.gitOK(["rev-parse", "refs/heads/main"], in: plain) == bad, "nothing was pushed to it")
        try Self.expectCloneLeavesNothing(lab, plain.path, exit: 1, containing: ["no dossier.yaml"])
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("a remote holding another CFA's dossier (another UAI)")
    func otherCFA() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let other = try Self.bareRepository(lab, "rouen.git")
        try box.dossierOK(["init", "rouen", "--uai", "0761234D", "--name", "CFA de la Boulangerie de Rouen",
                           "--from", sample("boulangerie-rouen").path, "--author", testAuthor], in: lab.root)
        let rouen = lab.root.appendingPathComponent("rouen")
        try box.dossierOK(["remote", "set", "../rouen.git"], in: rouen)
        try box.dossierOK(["sync"], in: rouen)
        let otherMain = try box.gitOK(["rev-parse", "refs/heads/main"], in: other)

        try lab.dossierOK("a", ["remote", "set", "../rouen.git"])
        let before = try Self.before(lab)
        let result = try lab.dossier("a", ["sync"])
        Self.expectOneLine(result, exit: 1, containing: ["another CFA", "0761234D", "0141234R"])
        try Self.expectNothingChanged(lab, before, "sync with another CFA's remote",
                                      trackingIsKnownIssue: "libgit2's fetch also updates refs/remotes/origin/main through the remote's default refspec (opportunistic update), before the UAI is checked")
        #expect(try box.gitOK(["rev-parse", "refs/heads/main"], in: other) == otherMain, "nothing was pushed to the other CFA")
        // `status` counts the saves not yet on *this* dossier's remote: a wrong tracking branch shows here.
        let unsynced = try lab.status("a").unsyncedSaves
        do {
            #expect(unsynced == 0)
        }
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("a remote with unrelated history (the same CFA, a dossier started apart)")
    func unrelatedHistory() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let apart = try Self.bareRepository(lab, "apart.git")
        try box.dossierOK(["init", "apart", "--uai", "0141234R", "--name", "CFA du Bâtiment de Caen",
                           "--from", sample("batiment-caen").path, "--author", "Autre Poste <autre@cfa.example.fr>"], in: lab.root)
        let apartClone = lab.root.appendingPathComponent("apart")
        try box.dossierOK(["set", "tutorat", "coverage", "1/4"], in: apartClone)
        try box.dossierOK(["save", "-m", "autre historique", "--author", testAuthor], in: apartClone)
        try box.dossierOK(["remote", "set", "../apart.git"], in: apartClone)
        try box.dossierOK(["sync"], in: apartClone)
        let apartMain = try box.gitOK(["rev-parse", "refs/heads/main"], in: apart)

        try lab.dossierOK("a", ["remote", "set", "../apart.git"])
        let before = try Self.before(lab)
        let result = try lab.dossier("a", ["sync"])
        Self.expectOneLine(result, exit: 1, containing: ["nothing in common"])
        try Self.expectNothingChanged(lab, before, "sync with unrelated history",
                                      trackingIsKnownIssue: "Syncer.integrate sets refs/remotes/origin/main to the fetched commit before it finds the histories unrelated")
        #expect(try box.gitOK(["rev-parse", "refs/heads/main"], in: apart) == apartMain, "nothing was pushed")
        // A second try says the same, and still changes nothing.
        let again = try lab.dossier("a", ["sync"])
        Self.expectOneLine(again, exit: 1, containing: ["nothing in common"])
        expectUnchanged(before.files, try lab.workingSnapshot("a"), "a second sync with unrelated history")
        try lab.expectFsckClean(["a", "b"])
    }

    // MARK: corrupt data from the server

    /// The lab, plus a save of B on the remote that A has not received yet; returns B's commit and
    /// the id of the new evidence file's blob.
    static func remoteAhead(_ box: Sandbox, content: String = "Nouvelle preuve du poste B\n") throws -> (SyncLab, commit: String, blob: String) {
        let lab = try SyncLab.start(in: box)
        let document = try lab.document("nouvelle-preuve.md", content)
        try lab.dossierOK("b", ["add", "tutorat", document.path, "--criterion", "personnels-identifies"])
        try lab.save("b", "B : nouvelle preuve")
        let blob = try lab.git("b", ["rev-parse", "HEAD:badges/tutorat/evidence/nouvelle-preuve.md"])
        return (lab, try lab.head("b"), blob)
    }

    /// Pushes B's save with the git CLI, which stores a few objects loose (under transfer.unpackLimit).
    static func pushLoose(_ lab: SyncLab) throws {
        try lab.git("b", ["push", "--quiet", lab.remote.path, "main"])
    }

    /// Replaces the loose object `id` of the remote with `bytes` (the file is read-only).
    static func replaceLooseObject(_ lab: SyncLab, _ id: String, with bytes: Data) throws {
        let path = lab.remote.appendingPathComponent("objects/\(id.prefix(2))/\(id.dropFirst(2))")
        try #require(FileManager.default.fileExists(atPath: path.path), "\(id) is not loose in the remote")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path.path)
        try bytes.write(to: path)
    }

    /// The zlib-compressed loose object of a blob with `content` (written by git into a scratch repository).
    static func looseBlob(_ lab: SyncLab, _ content: String) throws -> (id: String, bytes: Data) {
        let scratch = lab.root.appendingPathComponent("scratch.git")
        if !FileManager.default.fileExists(atPath: scratch.path) {
            try lab.box.gitOK(["init", "--quiet", "--bare", scratch.path], in: lab.root)
        }
        try lab.box.write(content, to: "\(lab.folder)/scratch-content")
        let id = try lab.box.gitOK(["hash-object", "-w", "--no-filters", lab.root.appendingPathComponent("scratch-content").path], in: scratch)
        return (id, try Data(contentsOf: scratch.appendingPathComponent("objects/\(id.prefix(2))/\(id.dropFirst(2))")))
    }

    /// Sync and clone from the corrupted remote: one line, nothing changed in A, no copy left.
    static func expectCorruptRefused(_ lab: SyncLab, bad: String, exit: Int32?, needles: [String], knownIssue: String? = nil,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Self.before(lab)
        let result = try lab.dossier("a", ["sync"])
        #expect(result.status != 0 && result.stderrLines.count == 1 && result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        let classification = {
            Self.expectOneLine(result, exit: exit, containing: needles, sourceLocation: sourceLocation)
        }
        classification()
        try Self.expectNothingChanged(lab, before, "a sync from a corrupt remote", sourceLocation: sourceLocation)
        #expect(try lab.refs("a").values.contains(bad) == false, "a ref points at the bad commit", sourceLocation: sourceLocation)
        let fsck = try lab.box.git(["fsck", "--strict", "--no-progress"], in: lab.clone("a"))
        #expect(fsck.status == 0, "A's repository after the failed sync: \(fsck)", sourceLocation: sourceLocation)

        let cloneBefore = try FileManager.default.contentsOfDirectory(atPath: lab.root.path).sorted()
        let clone = try lab.box.dossier(["clone", "region.git", "copie"], in: lab.root)
        #expect(clone.status != 0 && clone.stderrLines.count == 1, "\(clone)", sourceLocation: sourceLocation)
        if let knownIssue {
            Self.expectOneLine(clone, exit: exit, containing: needles, sourceLocation: sourceLocation)
        } else {
            Self.expectOneLine(clone, exit: exit, containing: needles, sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: lab.root.appendingPathComponent("copie").path), "clone left a folder",
                sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lab.root.path).sorted() == cloneBefore, sourceLocation: sourceLocation)
    }

    @Test("a truncated pack on the server")
    func truncatedPack() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let (lab, commit, _) = try Self.remoteAhead(box)
        let packs = lab.remote.appendingPathComponent("objects/pack")
        let old = Set(try FileManager.default.contentsOfDirectory(atPath: packs.path))
        try lab.syncOK("b")
        let new = try FileManager.default.contentsOfDirectory(atPath: packs.path).filter { !old.contains($0) && $0.hasSuffix(".pack") }
        try #require(new.count == 1, "dossier sync wrote one pack to the bare remote: \(new)")
        let pack = packs.appendingPathComponent(new[0])
        let data = try Data(contentsOf: pack)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pack.path)
        try data.prefix(data.count / 2).write(to: pack)
        try Self.expectCorruptRefused(lab, bad: commit, exit: 1, needles: ["invalid data received"],
                                      knownIssue: "a truncated pack reads as « object not found », which isNetworkFailure takes for an unreachable remote: exit 2 « remote unreachable … try again with a network »")
    }

    @Test("a loose object replaced with garbage on the server")
    func garbageLooseObject() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let (lab, commit, _) = try Self.remoteAhead(box)
        try Self.pushLoose(lab)
        try Self.replaceLooseObject(lab, commit, with: Data("garbage, not zlib\n".utf8))
        try Self.expectCorruptRefused(lab, bad: commit, exit: 1, needles: ["invalid data received"])
    }

    @Test("a loose object whose content does not match its id (a well-formed object of other bytes)")
    func mismatchedObject() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let (lab, commit, blob) = try Self.remoteAhead(box)
        try #require(!blob.contains("401"))
        try Self.pushLoose(lab)
        let other = try Self.looseBlob(lab, "contenu substitué\n")
        try #require(!other.id.contains("401"), "this case must not meet the « 401 » bug below")
        try Self.replaceLooseObject(lab, blob, with: other.bytes)
        try Self.expectCorruptRefused(lab, bad: commit, exit: 1, needles: ["invalid data received", "hash mismatch"])
    }

    @Test("a mismatched object whose id happens to contain « 401 » is not an authentication failure")
    func mismatchedObjectWith401() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let (lab, commit, blob) = try Self.remoteAhead(box)
        try Self.pushLoose(lab)
        // "new but evil\n" hashes to a40440183709cbf05d30182fb57a5cfb6a3649c8: "401" appears in it.
        let other = try Self.looseBlob(lab, "new but evil\n")
        try #require(other.id.contains("401"))
        try #require(!blob.contains("401"))
        try Self.replaceLooseObject(lab, blob, with: other.bytes)
        try Self.expectCorruptRefused(lab, bad: commit, exit: 1, needles: ["invalid data received"],
                                      knownIssue: "GitError.isAuthenticationFailure matches « 401 » anywhere in the message, here inside an object id: exit 3 « authentication refused … check DOSSIER_TOKEN »")
    }
}
