import Foundation
import Testing
import TestServers

/// Media gone wrong: an object missing everywhere, an object whose bytes no longer match its oid,
/// a malformed pointer committed by hand. Each gives a clear line, no crash, nothing lost.
@Suite("Media: bad input")
struct MediaBadInputTests {
    static let tutorat = "badges/tutorat/evidence/"

    @Test("an object missing here and on the remote: sync exits 0, names badge and evidence in one line, the rest arrives")
    func missingEverywhere() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let clip = try lab.mediaFile("perdue.mp4", size: 40_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try lab.mediaSyncOK("a")
        let path = Self.tutorat + "perdue.mp4"
        // The object is lost everywhere it was.
        try FileManager.default.removeItem(at: lfsObject(lab.lfs("a"), clip.pointer.oid))
        try FileManager.default.removeItem(at: lfsObject(lab.remoteLFS, clip.pointer.oid))
        // The same sync also brings a text change.
        try lab.dossierOK("a", ["set", "apprentis", "narrative", "Suivi des compétences refait."])
        try lab.save("a", "Texte")
        try lab.mediaSyncOK("a")

        let result = try lab.dossier("b", ["sync"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderrLines.count == 1, "one line expected: \(result)")
        let line = result.stderrLines.first ?? ""
        #expect(line.contains("tutorat/perdue") && line.contains(path), "badge, evidence and path expected: \(line)")
        // The rest of the sync went through.
        #expect(try lab.head("b") == (try lab.remoteMain()))
        #expect(try lab.claim("b", "apprentis").narrative == "Suivi des compétences refait.\n")
        try lab.expectPointerFile("b", path, clip.pointer)
        #expect(try lab.mediaStatus("b").mediaAbsent == [path])
        #expect(storedObjects(lab.lfs("b")).isEmpty)

        // The JSON report says the same, and so does media fetch, without failing.
        let report = try lab.mediaSyncOK("b")
        #expect(report.mediaMissing == [MissingMediaJSON(badge: "tutorat", evidence: "perdue", path: path, oid: clip.pointer.oid)])
        let fetch = try lab.dossier("b", ["media", "fetch", "--json"])
        #expect(fetch.status == 0, "\(fetch)")
        let fetched = try fetch.json(MediaFetchJSON.self)
        #expect(fetched.received.isEmpty && fetched.missing.map(\.path) == [path])
        // b keeps working: its own saves still go out.
        try lab.dossierOK("b", ["set", "tutorat", "narrative", "Vidéo à refaire."])
        try lab.save("b", "Texte de b")
        let sent = try lab.mediaSyncOK("b")
        #expect(sent.pushed)
        #expect(try lab.remoteMain() == (try lab.head("b")))
    }

    @Test("an object lost from the store whose file is still in the working folder is stored again and sent")
    func lostObjectRestoredFromWorkingFile() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)
        let clip = try lab.mediaFile("visite.mp4", size: 40_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try FileManager.default.removeItem(at: lfsObject(lab.lfs("a"), clip.pointer.oid))

        let result = try lab.dossier("a", ["sync", "--json"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        let report = try result.json(MediaSyncJSON.self)
        #expect(report.pushed && report.mediaSent == 1 && report.mediaMissing.isEmpty, "\(report.mediaMissing)")
        try lab.expectStored(lab.remoteLFS, clip.pointer)
        try lab.expectStored(lab.lfs("a"), clip.pointer)
        #expect(try lab.mediaSyncOK("b").mediaReceived == 1)
        try lab.expectReal("b", Self.tutorat + "visite.mp4", clip.pointer)
    }

    @Test("a save that named media since lost everywhere (file removed by a later save) is sent; the sync names the media")
    func lostBeforeUpload() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box, names: ["a"])
        let clip = try lab.mediaFile("perdue.mp4", size: 40_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        try lab.dossierOK("a", ["remove", "tutorat", "perdue"])
        try lab.save("a", "Vidéo retirée")
        try FileManager.default.removeItem(at: lfsObject(lab.lfs("a"), clip.pointer.oid))

        let result = try lab.dossier("a", ["sync"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderrLines.count == 1, "one line expected: \(result)")
        #expect(result.stderrLines.first?.contains("tutorat") == true && result.stderr.contains(Self.tutorat + "perdue.mp4"), "\(result)")
        #expect(try lab.remoteMain() == (try lab.head("a")))
        #expect(!isRegularFile(lfsObject(lab.remoteLFS, clip.pointer.oid)))
    }

    @Test("an object whose bytes no longer match its oid: check reports it damaged, sync refuses it and pushes nothing")
    func damagedObject() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box, names: ["a"])
        let clip = try lab.mediaFile("visite.mp4", size: 50_000)
        try lab.add("a", "tutorat", clip.url, criterion: "outils-distance")
        try lab.save("a", "Vidéo")
        // A first check finds it sound (and remembers so).
        #expect(try lab.check("a").badge("tutorat")?.ready == true)

        let object = lfsObject(lab.lfs("a"), clip.pointer.oid)
        try scramble(object)
        let check = try lab.check("a")
        let problem = check.badge("tutorat")?.problems.first { $0.code == "mediaDamaged" }
        #expect(problem?.evidence == "visite" && problem?.blocking == true, "\(String(describing: check.badge("tutorat")?.codes))")
        #expect(check.badge("tutorat")?.ready == false)
        let text = try lab.dossier("a", ["check"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("damaged") && text.stdout.contains(Self.tutorat + "visite.mp4"), "\(text)")

        let refsBefore = try lab.remoteRefs()
        let sync = try lab.dossier("a", ["sync"])
        #expect(sync.status != 0, "\(sync)")
        #expect(sync.stderrLines.count == 1, "one line expected: \(sync)")
        #expect(sync.stderr.contains("damaged") && sync.stderr.contains(Self.tutorat + "visite.mp4"), "\(sync)")
        #expect(try lab.remoteRefs() == refsBefore, "refs were pushed with a damaged object")
        #expect(storedObjects(lab.remoteLFS).isEmpty, "\(storedObjects(lab.remoteLFS))")
        #expect(temporaryFiles(lab.remoteLFS).isEmpty)
    }

    @Test("a malformed pointer committed by hand: check says so in one clear line, no crash, nothing changed",
          arguments: [true, false])
    func malformedPointer(tracked: Bool) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.initDossier(from: "batiment-caen")
        let path = Self.tutorat + "cassee.mp4"
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:pas-un-identifiant\nsize douze\n"
        try writeText(pointer, to: dir.appendingPathComponent(path))
        let sha = try sha256sum(dir.appendingPathComponent(path))
        let claimURL = dir.appendingPathComponent("badges/tutorat/claim.yaml")
        try writeText(try readText(claimURL) + """
              - id: cassee
                title: "Vidéo au pointeur cassé"
                criterion: outils-distance
                file: cassee.mp4
                sha256: "\(sha)"
                size: \(pointer.utf8.count)

            """, to: claimURL)
        if tracked { try writeText("/\(path) filter=lfs diff=lfs merge=lfs -text\n", to: dir.appendingPathComponent(".gitattributes")) }
        try box.gitOK(["add", "-A"], in: dir)
        try box.gitOK(["commit", "-q", "-m", "Pointeur écrit à la main"], in: dir)

        let before = try snapshotWithoutLock(dir)
        let text = try box.dossier(["check"], in: dir)
        #expect(text.status == 0, "\(text)")
        #expect(text.stderr.isEmpty, "\(text)")
        let lines = text.stdoutLines.filter { $0.contains("cassee") }
        #expect(lines.count == 1 && lines.first?.contains("malformed") == true && lines.first?.contains(path) == true, "\(text)")
        let check = try box.dossierOK(["check", "--json"], in: dir).json(CheckOutput.self)
        let problem = check.badge("tutorat")?.problems.first { $0.code == "mediaPointerMalformed" }
        #expect(problem?.evidence == "cassee" && problem?.blocking == true, "\(String(describing: check.badge("tutorat")?.codes))")
        #expect(check.badge("tutorat")?.ready == false)
        expectUnchanged(before, try snapshotWithoutLock(dir), "check")
        // Other commands read it without crashing either.
        let status = try box.dossier(["status", "--json"], in: dir)
        #expect(status.status == 0, "\(status)")
        #expect(try status.json(MediaStatusJSON.self).mediaAbsent.isEmpty)
        #expect(try box.dossier(["diff", "HEAD~1", "HEAD"], in: dir).status == 0)
    }
}
