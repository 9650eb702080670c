import Foundation
import Testing
import TestServers

/// Large evidence (videos, files over the threshold) through the real binary: stored as git-lfs
/// pointers with their objects under `.git/lfs/objects`, and moved by `sync` over a path remote
/// (the bare repository's own `lfs/objects`).
@Suite("Media: storage and transfer")
struct MediaTests {
    static let tutorat = "badges/tutorat/evidence/"
    static let apprentis = "badges/apprentis/evidence/"

    // MARK: - Storage

    @Test("a 6 MiB file and a small video are stored as pointers; a 4 MiB document stays a plain blob")
    func storage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let big = try writeRandomFile(box.url("inbox/grand-fichier.bin"), size: 6 << 20)
        let clip = try writeRandomFile(box.url("inbox/visite-atelier.mp4"), size: 20_000)
        let plain = try writeRandomFile(box.url("inbox/registre.pdf"), size: 4 << 20)
        for name in ["grand-fichier.bin", "visite-atelier.mp4", "registre.pdf"] {
            try box.dossierOK(["add", "tutorat", box.url("inbox/\(name)").path, "--criterion", "outils-distance"], in: dir)
        }
        let saved = try box.dossierOK(["save", "-m", "Médias", "--author", testAuthor, "--json"], in: dir).json(SaveOutput.self)
        #expect(saved.saved)
        #expect(saved.files.contains(PathChangeJSON(path: ".gitattributes", change: "added")), "\(saved.files)")

        let claim = try ClaimData.parse(readText(dir.appendingPathComponent("badges/tutorat/claim.yaml")))
        for (name, pointer) in [("grand-fichier.bin", big), ("visite-atelier.mp4", clip)] {
            let path = Self.tutorat + name
            // git holds the pointer, exactly as git-lfs writes it.
            let blob = try box.gitOK(["cat-file", "-p", "HEAD:\(path)"], in: dir) + "\n"
            #expect(blob == pointer.text, "git holds for \(name):\n\(blob)")
            // The object is where git-lfs keeps it, whole; the working file is the real content.
            let object = lfsObject(dir.appendingPathComponent(".git/lfs"), pointer.oid)
            #expect(isRegularFile(object), "no object for \(name) at \(object.path)")
            if isRegularFile(object) { #expect(try PointerData.of(object) == pointer) }
            #expect(try PointerData.of(dir.appendingPathComponent(path)) == pointer)
            // The recorded sha256 is the oid.
            let entry = claim.evidence.first { $0.file == name }
            #expect(entry?.sha256 == pointer.oid && entry?.size == pointer.size, "\(String(describing: entry))")
        }
        let attributes = try readText(dir.appendingPathComponent(".gitattributes")).split(separator: "\n").map(String.init)
        #expect(attributes.sorted() == [
            "/\(Self.tutorat)grand-fichier.bin filter=lfs diff=lfs merge=lfs -text",
            "/\(Self.tutorat)visite-atelier.mp4 filter=lfs diff=lfs merge=lfs -text",
        ])

        // Under the default threshold (5 MiB), a document that is not a video is an ordinary blob.
        let plainPath = Self.tutorat + "registre.pdf"
        #expect(try box.gitOK(["cat-file", "-s", "HEAD:\(plainPath)"], in: dir) == String(4 << 20))
        #expect(try box.gitOK(["rev-parse", "HEAD:\(plainPath)"], in: dir) == (try box.gitOK(["hash-object", plainPath], in: dir)))
        #expect(!isRegularFile(lfsObject(dir.appendingPathComponent(".git/lfs"), plain.oid)))
        #expect(claim.evidence.first { $0.file == "registre.pdf" }?.sha256 == plain.oid)

        // Nothing left to save, nothing to fix, no temporary file left.
        let status = try box.dossierOK(["status", "--json"], in: dir).json(MediaStatusJSON.self)
        #expect(status.clean, "\(status.files)")
        #expect(status.mediaAbsent.isEmpty)
        let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        #expect(check.badge("tutorat")?.codes == [], "\(String(describing: check.badge("tutorat")?.codes))")
        #expect(temporaryFiles(dir.appendingPathComponent(".git/lfs")).isEmpty)
    }

    @Test("mediaThreshold in dossier.yaml decides which files are media")
    func threshold() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let identity = dir.appendingPathComponent("dossier.yaml")
        try writeText(try readText(identity) + "mediaThreshold: 1 MiB\n", to: identity)
        let over = try writeRandomFile(box.url("inbox/plan-2mo.pdf"), size: 2 << 20)
        let exact = try writeRandomFile(box.url("inbox/plan-1mo.pdf"), size: 1 << 20)
        try writeRandomFile(box.url("inbox/note.pdf"), size: (1 << 20) - 1)
        for name in ["plan-2mo.pdf", "plan-1mo.pdf", "note.pdf"] {
            try box.dossierOK(["add", "tutorat", box.url("inbox/\(name)").path, "--criterion", "outils-distance"], in: dir)
        }
        try box.dossierOK(["save", "-m", "Seuil", "--author", testAuthor], in: dir)

        // At or over 1 MiB: pointers; one byte under: content.
        #expect(try box.gitOK(["cat-file", "-p", "HEAD:\(Self.tutorat)plan-2mo.pdf"], in: dir) + "\n" == over.text)
        #expect(try box.gitOK(["cat-file", "-p", "HEAD:\(Self.tutorat)plan-1mo.pdf"], in: dir) + "\n" == exact.text)
        #expect(try box.gitOK(["cat-file", "-s", "HEAD:\(Self.tutorat)note.pdf"], in: dir) == String((1 << 20) - 1))
        let attributes = try readText(dir.appendingPathComponent(".gitattributes"))
        #expect(attributes.contains("/\(Self.tutorat)plan-2mo.pdf filter=lfs"))
        #expect(!attributes.contains("note.pdf"))
        #expect(try box.gitOK(["show", "HEAD:dossier.yaml"], in: dir).contains("mediaThreshold: 1 MiB"))
        #expect(try box.dossierOK(["status", "--json"], in: dir).json(MediaStatusJSON.self).clean)
    }

    // MARK: - Transfer over a path remote

    @Test("media pushed by one laptop are downloaded by the other's sync; a second sync sends nothing")
    func transfer() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let clip = try lab.mediaFile("visite.mp4", size: 300_000)
        let film = try lab.mediaFile("chantier.mov", size: 200_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.add("a", "apprentis", film.url, criterion: "suivre")
        try lab.save("a", "Deux vidéos")
        let sent = try lab.mediaSyncOK("a")
        #expect(sent.pushed && sent.mediaSent == 2, "sent \(sent.mediaSent)")
        try lab.expectStored(lab.remoteLFS, clip.pointer)
        try lab.expectStored(lab.remoteLFS, film.pointer)
        #expect(temporaryFiles(lab.remoteLFS).isEmpty)
        let remoteStore = storedObjects(lab.remoteLFS)
        #expect(remoteStore.count == 2, "\(remoteStore.keys.sorted())")

        let received = try lab.mediaSyncOK("b")
        #expect(received.fastForwarded && received.mediaReceived == 2 && received.mediaNotDownloaded.isEmpty)
        try lab.expectReal("b", Self.tutorat + "visite.mp4", clip.pointer)
        try lab.expectReal("b", Self.apprentis + "chantier.mov", film.pointer)
        try lab.expectStored(lab.lfs("b"), clip.pointer)
        try lab.expectStored(lab.lfs("b"), film.pointer)
        let status = try lab.mediaStatus("b")
        #expect(status.clean && status.mediaAbsent.isEmpty, "\(status.files) \(status.mediaAbsent)")

        // Only what the remote lacks is sent: a text change sends no media and rewrites nothing.
        try lab.dossierOK("a", ["set", "tutorat", "narrative", "Tutorat filmé."])
        try lab.save("a", "Texte")
        let second = try lab.mediaSyncOK("a")
        #expect(second.pushed && second.mediaSent == 0, "sent \(second.mediaSent)")
        #expect(storedObjects(lab.remoteLFS) == remoteStore)
        let again = try lab.mediaSyncOK("b")
        #expect(again.fastForwarded && again.mediaReceived == 0)
        #expect(try lab.claim("b", "tutorat").narrative == "Tutorat filmé.\n")
        // b sends its own video: only that one goes, the others stay untouched.
        let third = try lab.mediaFile("atelier.webm", size: 50_000)
        try lab.add("b", "tutorat", third.url, criterion: "outils-distance")
        try lab.save("b", "Troisième vidéo")
        #expect(try lab.mediaSyncOK("b").mediaSent == 1)
        let after = storedObjects(lab.remoteLFS)
        #expect(after.count == 3)
        #expect(after.filter { remoteStore[$0.key] != nil } == remoteStore)
        try lab.expectFsckClean(["a", "b"])
    }

    @Test("sync --no-media leaves pointers: status lists them, check advises, media fetch BADGE then media fetch get them")
    func noMediaThenFetch() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let clip = try lab.mediaFile("visite.mp4", size: 120_000)
        let film = try lab.mediaFile("chantier.mp4", size: 90_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.add("a", "apprentis", film.url, criterion: "suivre")
        try lab.save("a", "Deux vidéos")
        try lab.mediaSyncOK("a")
        let clipPath = Self.tutorat + "visite.mp4", filmPath = Self.apprentis + "chantier.mp4"

        let light = try lab.mediaSyncOK("b", ["--no-media"])
        #expect(light.fastForwarded && light.mediaReceived == 0)
        #expect(light.mediaNotDownloaded.sorted() == [filmPath, clipPath])
        try lab.expectPointerFile("b", clipPath, clip.pointer)
        try lab.expectPointerFile("b", filmPath, film.pointer)
        #expect(storedObjects(lab.lfs("b")).isEmpty)

        // status: nothing to save, two media absent.
        let status = try lab.mediaStatus("b")
        #expect(status.clean, "pointer files count as changes: \(status.files)")
        #expect(status.mediaAbsent.sorted() == [filmPath, clipPath])
        #expect(try lab.dossierOK("b", ["status"]).stdout.contains("Media not on this laptop"))
        // check: advice, not a blocking problem.
        let text = try lab.dossier("b", ["check"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("not on this laptop (\(clipPath))"), "\(text)")
        let check = try lab.check("b")
        for (badge, id) in [("tutorat", "visite"), ("apprentis", "chantier")] {
            let problem = check.badge(badge)?.problems.first { $0.code == "mediaNotDownloaded" }
            #expect(problem?.evidence == id && problem?.blocking == false, "\(badge): \(String(describing: check.badge(badge)?.codes))")
            #expect(check.badge(badge)?.ready == true)
        }

        // One badge's media only.
        let one = try lab.dossierOK("b", ["media", "fetch", "tutorat", "--json"]).json(MediaFetchJSON.self)
        #expect(one.received == [clipPath] && one.missing.isEmpty)
        try lab.expectReal("b", clipPath, clip.pointer)
        try lab.expectPointerFile("b", filmPath, film.pointer)
        #expect(try lab.mediaStatus("b").mediaAbsent == [filmPath])
        // Then the rest.
        let rest = try lab.dossierOK("b", ["media", "fetch", "--json"]).json(MediaFetchJSON.self)
        #expect(rest.received == [filmPath] && rest.missing.isEmpty)
        try lab.expectReal("b", filmPath, film.pointer)
        let done = try lab.mediaStatus("b")
        #expect(done.clean && done.mediaAbsent.isEmpty, "\(done.files) \(done.mediaAbsent)")
        #expect(!(try lab.check("b").badges.flatMap(\.codes).contains("mediaNotDownloaded")))
        #expect(try lab.dossierOK("b", ["media", "fetch"]).stdout.contains("Every media file is here."))
        // A later plain sync has nothing to download.
        #expect(try lab.mediaSyncOK("b").mediaReceived == 0)
    }

    @Test("sync --no-media that merges local saves with incoming media downloads nothing")
    func noMediaMerge() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let clip = try lab.mediaFile("visite.mp4", size: 80_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try lab.mediaSyncOK("a")
        try lab.dossierOK("b", ["set", "apprentis", "narrative", "Texte de b."])
        try lab.save("b", "Texte")

        let path = Self.tutorat + "visite.mp4"
        let report = try lab.mediaSyncOK("b", ["--no-media"])
        #expect(report.merged && report.pushed && report.mediaReceived == 0 && report.mediaSent == 0)
        #expect(report.mediaNotDownloaded == [path])
        #expect(storedObjects(lab.lfs("b")).isEmpty, "--no-media downloaded \(storedObjects(lab.lfs("b")).keys.sorted())")
        try lab.expectPointerFile("b", path, clip.pointer)
        #expect(try lab.mediaStatus("b").mediaAbsent == [path])
        #expect(try lab.dossierOK("b", ["media", "fetch", "--json"]).json(MediaFetchJSON.self).received == [path])
        try lab.expectReal("b", path, clip.pointer)
    }

    @Test("clone --no-media leaves the media on the remote; media fetch gets them")
    func cloneNoMedia() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box, names: ["a"])
        let clip = try lab.mediaFile("visite.mp4", size: 150_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try lab.mediaSyncOK("a")
        let path = Self.tutorat + "visite.mp4"

        let cloned = try box.dossierOK(["clone", "region.git", "c", "--no-media"], in: lab.root)
        #expect(cloned.stdout.contains("1 media left on the remote"), "\(cloned)")
        try lab.expectPointerFile("c", path, clip.pointer)
        #expect(storedObjects(lab.lfs("c")).isEmpty)
        #expect(try lab.mediaStatus("c").mediaAbsent == [path])

        let fetched = try lab.dossierOK("c", ["media", "fetch", "--json"]).json(MediaFetchJSON.self)
        #expect(fetched.received == [path])
        try lab.expectReal("c", path, clip.pointer)
        try lab.expectStored(lab.lfs("c"), clip.pointer)
        #expect(try lab.mediaStatus("c").clean)

        // A plain clone gets the content straight away.
        let full = try box.dossierOK(["clone", "region.git", "d"], in: lab.root)
        #expect(full.stdout.contains("Media received: 1."), "\(full)")
        try lab.expectReal("d", path, clip.pointer)
    }

    @Test("a ref never lands on the remote before its media: a failed upload fails the sync and pushes nothing")
    func refNeverBeforeMedia() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box, names: ["a"])
        let clip = try lab.mediaFile("visite.mp4", size: 100_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        let before = try lab.remoteRefs()

        // The remote cannot store this object: a file stands where its folder `lfs/objects/<aa>` must
        // go (a read-only folder would not stop root, who runs these tests in CI).
        let blocker = lab.remoteLFS.appendingPathComponent("objects/\(clip.pointer.oid.prefix(2))")
        try FileManager.default.createDirectory(at: blocker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try writeText("in the way\n", to: blocker)
        let failed = try lab.dossier("a", ["sync"])
        #expect(failed.status != 0, "\(failed)")
        #expect(failed.stderrLines.count == 1, "one line expected: \(failed)")
        #expect(failed.stderrLines.first?.contains(lab.remoteLFS.path) == true && !failed.stderr.contains("NSCocoaErrorDomain"), "\(failed)")
        #expect(try lab.remoteRefs() == before, "a ref moved although its media were not stored")
        #expect(temporaryFiles(lab.remoteLFS).isEmpty, "a partial upload was left: \(temporaryFiles(lab.remoteLFS))")
        #expect(try lab.mediaStatus("a").unsyncedSaves == 1)

        // Once the remote can store it, the next sync sends media then the save.
        try FileManager.default.removeItem(at: blocker)
        let report = try lab.mediaSyncOK("a")
        #expect(report.pushed && report.mediaSent == 1)
        try lab.expectStored(lab.remoteLFS, clip.pointer)
        #expect(try lab.remoteMain() == (try lab.head("a")))
    }

    @Test("a video added on each laptop in the same badge merges cleanly: both attribute lines, both files real")
    func concurrentVideos() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let first = try lab.mediaFile("video-a.mp4", size: 70_000)
        let second = try lab.mediaFile("video-b.mp4", size: 80_000)
        try lab.add("a", "tutorat", first.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo A")
        try lab.add("b", "tutorat", second.url, criterion: "outils-distance")
        try lab.save("b", "Vidéo B")
        try lab.mediaSyncOK("a")
        let merged = try lab.mediaSyncOK("b")
        #expect(merged.merged && merged.conflicts.isEmpty && merged.pushed, "\(merged.conflicts)")
        #expect(merged.mediaReceived == 1 && merged.mediaSent == 1)
        #expect(try lab.mediaSyncOK("a").mediaReceived == 1)

        let lines = [
            "/\(Self.tutorat)video-a.mp4 filter=lfs diff=lfs merge=lfs -text",
            "/\(Self.tutorat)video-b.mp4 filter=lfs diff=lfs merge=lfs -text",
        ]
        for name in ["a", "b"] {
            let attributes = try readText(lab.file(name, ".gitattributes")).split(separator: "\n").map(String.init)
            #expect(attributes.sorted() == lines, "\(name): \(attributes)")
            try lab.expectReal(name, Self.tutorat + "video-a.mp4", first.pointer)
            try lab.expectReal(name, Self.tutorat + "video-b.mp4", second.pointer)
            #expect(try lab.pointer(name, Self.tutorat + "video-a.mp4") == first.pointer)
            #expect(try lab.pointer(name, Self.tutorat + "video-b.mp4") == second.pointer)
            #expect(Set(try lab.claim(name, "tutorat").evidence.compactMap(\.sha256)).isSuperset(of: [first.pointer.oid, second.pointer.oid]))
            let status = try lab.mediaStatus(name)
            #expect(status.clean && status.mediaAbsent.isEmpty, "\(name): \(status.files)")
            #expect(try lab.check(name).badge("tutorat")?.codes == [])
        }
        #expect(try lab.headTree("a") == (try lab.headTree("b")))
        try lab.expectConflictFree()
    }

    @Test("a replaced video (same name, new content) shows as replaced in dossier diff, with or without the media")
    func replacedVideo() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let original = try lab.mediaFile("visite.mp4", size: 60_000)
        try lab.add("a", "tutorat", original.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try lab.mediaSyncOK("a")
        try lab.mediaSyncOK("b", ["--no-media"])

        let path = Self.tutorat + "visite.mp4"
        let replacement = try writeRandomFile(lab.file("a", path), size: 65_000)
        let saved = try lab.dossierOK("a", ["save", "-m", "Nouvelle version", "--author", lab.author("a"), "--json"]).json(SaveOutput.self)
        #expect(saved.recordedHashes == ["tutorat/visite"], "\(saved.recordedHashes)")
        #expect(try lab.pointer("a", path) == replacement)
        try lab.expectStored(lab.lfs("a"), original.pointer)
        try lab.expectStored(lab.lfs("a"), replacement)
        try lab.mediaSyncOK("a")

        let incoming = try lab.mediaSyncOK("b", ["--no-media"])
        #expect(incoming.mediaNotDownloaded == [path])
        #expect(incoming.incoming?.badge("tutorat")?.evidenceChanged.map(\.changes) == [["replaced"]])
        for name in ["a", "b"] {
            let diff = try lab.dossierOK(name, ["diff", "HEAD~1", "HEAD", "--json"]).json(DiffOutput.self)
            let change = diff.badge("tutorat")?.evidenceChanged.first
            #expect(change?.id == "visite" && change?.changes == ["replaced"], "\(name): \(String(describing: change?.changes))")
            #expect(change?.before.sha256 == original.pointer.oid && change?.after.sha256 == replacement.oid)
            #expect(diff.paths.contains(path))
            let text = try lab.dossierOK(name, ["diff", "HEAD~1", "HEAD"]).stdout
            #expect(text.contains("evidence visite: file replaced"), "\(name): \(text)")
        }
        // b compared the two versions without downloading either.
        #expect(storedObjects(lab.lfs("b")).isEmpty)
    }

    // MARK: - Interrupted transfers

    @Test("kill -9 during a media upload, then during a download: no partial object, the next sync finishes with the right bytes",
          .timeLimit(.minutes(3)))
    func killedTransfers() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let huge = try lab.mediaFile("drone.mp4", size: 200_000_000)
        try lab.add("a", "tutorat", huge.url, criterion: "outils-distance")
        try FileManager.default.removeItem(at: huge.url)
        try lab.save("a", "Vidéo du drone")
        let path = Self.tutorat + "drone.mp4"
        let remoteBefore = try lab.remoteRefs()

        // Upload: killed while the object is being copied into the remote's lfs/tmp (20 MB in).
        let upload = try startDossier(box, ["sync"], in: lab.clone("a"))
        let killedUpload = killWhen(upload, what: "uploading") { temporaryBytes(lab.remoteLFS) >= 20_000_000 }
        #expect(killedUpload)
        #expect(!temporaryFiles(lab.remoteLFS).isEmpty, "the kill did not land while the object was being copied")
        #expect(!isRegularFile(lfsObject(lab.remoteLFS, huge.pointer.oid)), "a partial object was stored on the remote")
        #expect(storedObjects(lab.remoteLFS).isEmpty, "\(storedObjects(lab.remoteLFS))")
        #expect(try lab.remoteRefs() == remoteBefore, "a ref moved although its media were not stored")

        let sent = try lab.mediaSyncOK("a")
        #expect(sent.pushed && sent.mediaSent == 1)
        try lab.expectStored(lab.remoteLFS, huge.pointer)
        #expect(try lab.remoteMain() == (try lab.head("a")))
        #expect(temporaryFiles(lab.remoteLFS).isEmpty, "the partial copy stays on the remote: \(temporaryFiles(lab.remoteLFS))")

        // Download: killed while the object is being written into b's .git/lfs/tmp (20 MB in).
        let headBefore = try lab.head("b")
        let download = try startDossier(box, ["sync"], in: lab.clone("b"))
        let killedDownload = killWhen(download, what: "downloading") { temporaryBytes(lab.lfs("b")) >= 20_000_000 }
        #expect(killedDownload)
        #expect(!temporaryFiles(lab.lfs("b")).isEmpty, "the kill did not land while the object was being written")
        #expect(!isRegularFile(lfsObject(lab.lfs("b"), huge.pointer.oid)), "a partial object was stored in b")
        #expect(try lab.head("b") == headBefore, "b moved to a save whose media it does not have")

        let received = try lab.mediaSyncOK("b")
        #expect(received.fastForwarded && received.mediaReceived == 1)
        try lab.expectStored(lab.lfs("b"), huge.pointer)
        try lab.expectReal("b", path, huge.pointer)
        #expect(temporaryFiles(lab.lfs("b")).isEmpty, "leftovers: \(temporaryFiles(lab.lfs("b")))")
        #expect(try lab.mediaStatus("b").clean)
    }
}
