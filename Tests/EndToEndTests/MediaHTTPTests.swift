import Foundation
import Testing
import TestServers

/// Media over HTTP: git through the smart-HTTP server, media through a git-lfs server (giftless)
/// named by `lfs.url` in `.lfsconfig`; a failing media server stops the sync before any ref moves.
@Suite("Media over HTTP", .serialized)
struct MediaHTTPTests {
    /// A dossier whose remote is on the smart-HTTP server and whose media go to `lfsURL`.
    static func start(_ box: Sandbox, server: SmartHTTPServer, lfsURL: String) throws -> (dossier: URL, env: [String: String]) {
        _ = try server.createRepository("caen")
        let env = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]
        try box.dossierOK(["init", "a", "--uai", "0141234R", "--name", "CFA du Bâtiment de Caen",
                           "--from", sample("batiment-caen").path, "--author", "A <a@cfa.example.fr>"], in: box.root)
        let dossier = box.url("a")
        try Data("[lfs]\n\turl = \(lfsURL)\n".utf8).write(to: dossier.appendingPathComponent(".lfsconfig"))
        try box.dossierOK(["remote", "set", server.url(for: "caen")], in: dossier)
        try box.dossierOK(["save", "-m", "serveur de médias", "--author", "A <a@cfa.example.fr>"], in: dossier)
        let first = try box.dossier(["sync"], in: dossier, environment: env)
        try #require(first.status == 0, "\(first)")
        return (dossier, env)
    }

    @Test func mediaGoThroughTheLFSServerAndASecondLaptopGetsThem() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let lfs = try LFSServer()
        defer { lfs.stop() }
        let (dossier, env) = try Self.start(box, server: server, lfsURL: lfs.endpoint())
        let video = try writeRandomFile(box.url("drone.mp4"), size: 3 << 20)
        try box.dossierOK(["add", "attractivite", box.url("drone.mp4").path, "--criterion", "videos-apprentis", "--title", "Drone"], in: dossier)
        try box.dossierOK(["save", "-m", "vidéo", "--author", "A <a@cfa.example.fr>"], in: dossier)
        let sync = try box.dossier(["sync"], in: dossier, environment: env)
        #expect(sync.status == 0, "\(sync)")
        #expect(lfs.storedObjects() == [video.oid], "the object is on the LFS server")
        // The git server holds the pointer only.
        let blob = try server.repository("caen").run(["cat-file", "-p", "main:badges/attractivite/evidence/drone.mp4"])
        #expect(blob.contains("oid sha256:\(video.oid)"))

        let clone = try box.dossier(["clone", server.url(for: "caen"), "b"], in: box.root, environment: env)
        #expect(clone.status == 0, "\(clone)")
        #expect(try sha256sum(box.url("b/badges/attractivite/evidence/drone.mp4")) == video.oid)
        // Nothing more to send: the second sync asks the server and sends no object.
        let before = lfs.requests().filter { $0.method == "PUT" }.count
        #expect(try box.dossier(["sync"], in: dossier, environment: env).status == 0)
        #expect(lfs.requests().filter { $0.method == "PUT" }.count == before)
    }

    @Test(arguments: [FaultyLFSServer.Fault.unauthorized, .serverError, .tooLarge, .cutUpload])
    func aFailingMediaServerStopsTheSyncBeforeAnyRef(fault: FaultyLFSServer.Fault) throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let faulty = try FaultyLFSServer()
        defer { faulty.stop() }
        let (dossier, env) = try Self.start(box, server: server, lfsURL: faulty.endpoint(fault))
        let remoteMain = try server.repository("caen").run(["rev-parse", "main"])
        _ = try writeRandomFile(box.url("drone.mp4"), size: 1 << 20)
        try box.dossierOK(["add", "attractivite", box.url("drone.mp4").path, "--criterion", "videos-apprentis", "--title", "Drone"], in: dossier)
        try box.dossierOK(["save", "-m", "vidéo", "--author", "A <a@cfa.example.fr>"], in: dossier)
        let sync = try box.dossier(["sync"], in: dossier, environment: env)
        #expect(sync.status != 0, "\(sync)")
        #expect(sync.stderrLines.count == 1 && sync.stderr.contains("media server"), "\(sync)")
        #expect(try server.repository("caen").run(["rev-parse", "main"]) == remoteMain, "no ref moved")
        #expect(temporaryFiles(dossier.appendingPathComponent(".git/lfs")).isEmpty)
        // Nothing was lost: the video is still here, saved, and stored locally.
        #expect(try box.dossierOK(["status"], in: dossier).stdout.contains("Everything is saved"))
    }
}
