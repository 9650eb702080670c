import Foundation
import Testing
import TestServers

/// `dossier` and the real git-lfs client (Debian's `git-lfs`) read each other's media: a dossier
/// saved by `dossier` is a valid git-lfs repository, and media committed with `git lfs track` +
/// `git commit` are read by `check`, `diff` and `sync` as if `dossier` had saved them.
@Suite("Media: interoperability with git-lfs")
struct MediaInteropTests {
    static let tutorat = "badges/tutorat/evidence/"

    @Test("a dossier saved by dossier passes git lfs fsck; git lfs ls-files lists its media; git status is clean")
    func dossierSavedIsValidForGitLFS() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let git = try LFSGit.install(in: box)
        let dir = try box.initDossier(from: "batiment-caen")
        let identity = dir.appendingPathComponent("dossier.yaml")
        try writeText(try readText(identity) + "mediaThreshold: 1 MiB\n", to: identity)
        let clip = try writeRandomFile(box.url("inbox/visite atelier.mp4"), size: 40_000)
        let plan = try writeRandomFile(box.url("inbox/plan.pdf"), size: (1 << 20) + 1)
        try box.dossierOK(["add", "tutorat", box.url("inbox/visite atelier.mp4").path, "--criterion", "outils-distance"], in: dir)
        try box.dossierOK(["add", "apprentis", box.url("inbox/plan.pdf").path, "--criterion", "suivre"], in: dir)
        try box.dossierOK(["save", "-m", "Médias", "--author", testAuthor], in: dir)

        let fsck = try git.run(["lfs", "fsck"], in: dir)
        #expect(fsck.status == 0 && fsck.stdout.contains("Git LFS fsck OK"), "\(fsck)")
        let pointers = try git.run(["lfs", "fsck", "--pointers"], in: dir)
        #expect(pointers.status == 0, "\(pointers)")
        #expect(try git.listedMedia(in: dir) == [
            Self.tutorat + "visite atelier.mp4": clip.oid,
            "badges/apprentis/evidence/plan.pdf": plan.oid,
        ])
        // git, through git-lfs, sees the working files as saved (their clean gives the same pointers).
        #expect(try git.ok(["status", "--porcelain"], in: dir) == "")
        #expect(try git.ok(["lfs", "status", "--porcelain"], in: dir) == "")
        // And git-lfs's smudge gives back the same bytes.
        try FileManager.default.removeItem(at: dir.appendingPathComponent(Self.tutorat + "visite atelier.mp4"))
        try git.ok(["checkout", "--", Self.tutorat + "visite atelier.mp4"], in: dir)
        #expect(try PointerData.of(dir.appendingPathComponent(Self.tutorat + "visite atelier.mp4")) == clip)
    }

    @Test("media committed with git lfs track + git commit are read by check, diff and sync as if dossier saved them")
    func gitLFSCommitReadByDossier() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let git = try LFSGit.install(in: box)
        let dir = try box.initDossier(from: "batiment-caen")

        // Someone uses git-lfs by hand: track *.mp4, drop a video in the evidence folder, record it.
        try git.ok(["lfs", "track", "*.mp4"], in: dir)
        let path = Self.tutorat + "classe-virtuelle.mp4"
        let video = try writeRandomFile(dir.appendingPathComponent(path), size: 250_000)
        try appendEvidence(to: dir.appendingPathComponent("badges/tutorat/claim.yaml"), id: "classe-virtuelle-video",
                           title: "Séance de classe virtuelle filmée", criterion: "outils-distance", file: "classe-virtuelle.mp4",
                           pointer: video)
        try git.ok(["add", "-A"], in: dir)
        try git.ok(["commit", "-q", "-m", "Vidéo ajoutée avec git-lfs"], in: dir)
        #expect(PointerData.parse(try box.gitOK(["cat-file", "-p", "HEAD:\(path)"], in: dir) + "\n") == video,
                "git-lfs did not store a pointer")
        #expect(isRegularFile(lfsObject(dir.appendingPathComponent(".git/lfs"), video.oid)))

        // check: the evidence is sound, the badge ready.
        let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(check.badge("tutorat")?.codes == [] && check.badge("tutorat")?.ready == true,
                "\(String(describing: check.badge("tutorat")?.problems.map(\.message)))")
        // status: nothing to save.
        let status = try box.dossierOK(["status", "--json"], in: dir).json(MediaStatusJSON.self)
        #expect(status.clean && status.mediaAbsent.isEmpty, "\(status.files)")
        // diff: the evidence was added, with the oid as its sha256.
        let diff = try box.dossierOK(["diff", "HEAD~1", "HEAD", "--json"], in: dir).json(DiffOutput.self)
        let added = diff.badge("tutorat")?.evidenceAdded
        #expect(added?.map(\.id) == ["classe-virtuelle-video"] && added?.first?.sha256 == video.oid, "\(String(describing: added))")
        #expect(Set(diff.paths).isSuperset(of: [".gitattributes", path]))

        // A video added through dossier is covered by the *.mp4 line: .gitattributes stays as git-lfs wrote it.
        let more = try writeRandomFile(box.url("inbox/atelier.mp4"), size: 30_000)
        try box.dossierOK(["add", "tutorat", box.url("inbox/atelier.mp4").path, "--criterion", "outils-distance"], in: dir)
        try box.dossierOK(["save", "-m", "Une autre", "--author", testAuthor], in: dir)
        #expect(try readText(dir.appendingPathComponent(".gitattributes")) == "*.mp4 filter=lfs diff=lfs merge=lfs -text\n")
        #expect(PointerData.parse(try box.gitOK(["cat-file", "-p", "HEAD:\(Self.tutorat)atelier.mp4"], in: dir) + "\n") == more)

        // sync to a path remote: both objects land in the remote's lfs/objects.
        let remote = box.url("region.git")
        try box.gitOK(["init", "--quiet", "--bare", "-b", "main", remote.path], in: box.root)
        try box.dossierOK(["remote", "set", remote.path], in: dir)
        let sync = try box.dossierOK(["sync", "--json"], in: dir).json(MediaSyncJSON.self)
        #expect(sync.pushed && sync.mediaSent == 2, "sent \(sync.mediaSent)")
        for pointer in [video, more] {
            let object = lfsObject(remote.appendingPathComponent("lfs"), pointer.oid)
            #expect(isRegularFile(object))
            if isRegularFile(object) { #expect(try PointerData.of(object) == pointer) }
        }
        // And a fresh dossier clone gets the content back.
        try box.dossierOK(["clone", remote.path, "copie"], in: box.root)
        #expect(try PointerData.of(box.url("copie/" + path)) == video)
    }

    @Test("git clone + git lfs pull of a dossier-synced remote gets the real content; git lfs push is read by dossier")
    func gitLFSReadsDossierRemote() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let git = try LFSGit.install(in: box)
        let lab = try SyncLab.start(in: box, names: ["a"])
        let clip = try lab.mediaFile("visite.mp4", size: 180_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try lab.mediaSyncOK("a")
        let path = Self.tutorat + "visite.mp4"

        // Clone without smudging: the file is the pointer; git lfs pull fetches it from the remote's lfs/objects.
        let checkout = lab.root.appendingPathComponent("git-clone")
        try git.ok(["clone", "--quiet", lab.remote.path, checkout.path], in: lab.root, environment: ["GIT_LFS_SKIP_SMUDGE": "1"])
        #expect(PointerData.parse(try Data(contentsOf: checkout.appendingPathComponent(path))) == clip.pointer)
        try git.ok(["lfs", "pull"], in: checkout)
        #expect(try PointerData.of(checkout.appendingPathComponent(path)) == clip.pointer)
        let fsck = try git.run(["lfs", "fsck"], in: checkout)
        #expect(fsck.status == 0 && fsck.stdout.contains("Git LFS fsck OK"), "\(fsck)")

        // The other way: a video committed and pushed with git and git-lfs is received by dossier's sync.
        try git.ok(["lfs", "track", "*.mp4"], in: checkout)
        let other = try writeRandomFile(checkout.appendingPathComponent(Self.tutorat + "seconde.mp4"), size: 90_000)
        try appendEvidence(to: checkout.appendingPathComponent("badges/tutorat/claim.yaml"), id: "seconde", title: "Seconde vidéo",
                           criterion: "outils-distance", file: "seconde.mp4", pointer: other)
        try git.ok(["add", "-A"], in: checkout)
        try git.ok(["commit", "-q", "-m", "Vidéo poussée par git"], in: checkout)
        try git.ok(["lfs", "push", "origin", "main"], in: checkout)
        try git.ok(["push", "--quiet", "origin", "main"], in: checkout)
        #expect(PointerData.parse(try box.gitOK(["cat-file", "-p", "HEAD:\(Self.tutorat)seconde.mp4"], in: checkout) + "\n") == other)
        #expect(isRegularFile(lfsObject(lab.remoteLFS, other.oid)), "git lfs push did not use the remote's lfs/objects")

        let received = try lab.mediaSyncOK("a")
        #expect(received.fastForwarded && received.mediaReceived == 1)
        try lab.expectReal("a", Self.tutorat + "seconde.mp4", other)
        #expect(try lab.check("a").badge("tutorat")?.codes == [])
        #expect(try lab.mediaStatus("a").clean)
    }
}
