import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

/// A dossier on a small tmpfs the test mounts itself (tests run as root): a full disk during
/// `add` and `save` gives one clear line in the user's language, leaves no partial media object
/// and changes nothing; once space is freed the same commands work.
@Suite("full disk", .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct FullDiskTests {
    static let evidence = "badges/tutorat/evidence/"

    /// Mounts a tmpfs of `megabytes` at `folder`; the caller unmounts it.
    static func mount(_ folder: URL, megabytes: Int, box: Sandbox) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try Sandbox.spawn(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path],
                                       in: box.root, environment: ProcessInfo.processInfo.environment)
        try #require(result.status == 0, "cannot mount a tmpfs: \(result)")
    }

    static func unmount(_ folder: URL, box: Sandbox) {
        _ = try? Sandbox.spawn(URL(fileURLWithPath: "/bin/umount"), [folder.path], in: box.root, environment: ProcessInfo.processInfo.environment)
    }

    static func freeBytes(_ folder: URL) -> Int {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Fills the disk so that about `free` bytes are left.
    static func leave(_ free: Int, on disk: URL) throws {
        let filler = disk.appendingPathComponent("remplissage")
        try? FileManager.default.removeItem(at: filler)
        let size = freeBytes(disk) - free
        try #require(size > 0)
        try Data(count: size).write(to: filler)
    }

    /// Every file under a folder (none if it does not exist).
    static func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    func expectOneFrenchLine(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("plus de place sur le disque"), "\(result)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Domain") && !result.stderr.contains("No space"), "\(result)", sourceLocation: sourceLocation)
    }

    @Test("add and save on a full disk: one French line, nothing half-written; after freeing space they work")
    func fullDisk() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let disk = box.url("disque")
        try Self.mount(disk, megabytes: 24, box: box)
        defer { Self.unmount(disk, box: box) }
        let git = try LFSGit.install(in: box)
        let dir = try box.initDossier("disque/dossier", from: "batiment-caen")
        let clip = try writeRandomFile(box.url("inbox/visite atelier.mp4"), size: 6 << 20)
        let source = box.url("inbox/visite atelier.mp4").path
        let claim = dir.appendingPathComponent("badges/tutorat/claim.yaml")
        let objects = dir.appendingPathComponent(".git/lfs/objects")
        let head = try box.gitOK(["rev-parse", "HEAD"], in: dir)
        let claimBefore = try readText(claim)

        // Not even room for the copy: `add` fails and leaves the dossier as it was.
        try Self.leave(3 << 20, on: disk)
        let add = try box.dossier(["add", "tutorat", source, "--criterion", "outils-distance"], in: dir, lang: "fr_FR.UTF-8")
        expectOneFrenchLine(add)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(Self.evidence + "visite atelier.mp4").path))
        #expect(try readText(claim) == claimBefore)
        #expect(Self.files(under: dir.appendingPathComponent("badges")).allSatisfy { !$0.hasPrefix(".dossier-") && !$0.contains("/.dossier-") })
        #expect(try box.dossierOK(["status", "--json"], in: dir).json(StatusShape.self).clean)

        // Room for the copy, not for the media object: `save` fails, nothing is stored or committed.
        try Self.leave(9 << 20, on: disk)
        try box.dossierOK(["add", "tutorat", source, "--criterion", "outils-distance"], in: dir)
        let claimAdded = try readText(claim)
        let attributes = try? readText(dir.appendingPathComponent(".gitattributes"))
        let save = try box.dossier(["save", "-m", "Vidéo", "--author", testAuthor], in: dir, lang: "fr_FR.UTF-8")
        expectOneFrenchLine(save)
        #expect(Self.files(under: objects).isEmpty, "a media object was left: \(Self.files(under: objects))")
        #expect(Self.files(under: dir.appendingPathComponent(".git/lfs/tmp")).isEmpty)
        #expect(try box.gitOK(["rev-parse", "HEAD"], in: dir) == head)
        #expect(try readText(claim) == claimAdded)
        #expect((try? readText(dir.appendingPathComponent(".gitattributes"))) == attributes)

        // Space freed: the same save works, and git and git-lfs find everything sound.
        try FileManager.default.removeItem(at: disk.appendingPathComponent("remplissage"))
        try box.dossierOK(["save", "-m", "Vidéo", "--author", testAuthor], in: dir)
        #expect(Self.files(under: objects).map { ($0 as NSString).lastPathComponent } == [clip.oid])
        let fsck = try git.run(["lfs", "fsck"], in: dir)
        #expect(fsck.status == 0 && fsck.stdout.contains("Git LFS fsck OK"), "\(fsck)")
        let gitFsck = try box.git(["fsck", "--full", "--strict", "--no-progress"], in: dir)
        #expect(gitFsck.status == 0 && gitFsck.stderr.isEmpty, "\(gitFsck)")
        #expect(try box.dossierOK(["status", "--json"], in: dir).json(StatusShape.self).clean)
    }

    @Test("a sync whose checkout meets a full disk: one French line, the working files as they were; it works once space is freed")
    func fullDiskDuringSyncCheckout() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let disk = box.url("disque")
        try Self.mount(disk, megabytes: 32, box: box)
        defer { Self.unmount(disk, box: box) }
        let lab = try SyncLab.start(in: box, folder: "disque/lab")
        // Under the media threshold: an ordinary file, written by libgit2's checkout.
        let document = box.url("inbox/registre.bin")
        _ = try writeRandomFile(document, size: 3 << 20)
        try lab.dossierOK("a", ["add", "tutorat", document.path, "--criterion", "personnels-identifies"])
        try lab.save("a", "registre")
        try lab.syncOK("a")

        let claimBefore = try readText(lab.claimURL("b", "tutorat"))
        let headBefore = try lab.head("b")
        // Room for the fetched pack, not for the checked-out file.
        try Self.leave(4_500_000, on: disk)
        let sync = try box.dossier(["sync"], in: lab.clone("b"), lang: "fr_FR.UTF-8")
        expectOneFrenchLine(sync)
        #expect(try readText(lab.claimURL("b", "tutorat")) == claimBefore)
        #expect(try lab.head("b") == headBefore)
        #expect(!FileManager.default.fileExists(atPath: lab.file("b", "badges/tutorat/evidence/registre.bin").path))
        #expect(!FileManager.default.fileExists(atPath: lab.clone("b").appendingPathComponent(".git/dossier/journal.json").path))
        #expect(try lab.status("b").clean)

        try FileManager.default.removeItem(at: disk.appendingPathComponent("remplissage"))
        try lab.syncOK("b")
        #expect(try sha256sum(lab.file("b", "badges/tutorat/evidence/registre.bin")) == sha256sum(document))
        #expect(try lab.status("b").clean)
        try lab.expectFsckClean(["a", "b"])
    }
}

private struct StatusShape: Decodable {
    let clean: Bool
}
