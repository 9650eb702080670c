import Foundation
import Testing
import TestServers

/// `dossier sync` and `dossier clone` over git's smart HTTP protocol (nginx + git http-backend, basic auth).
@Suite("sync over smart HTTP", .timeLimit(.minutes(10)))
struct HTTPSyncTests {
    /// The right token pushes; a second laptop clones with it.
    @Test func tokenFromEnvironmentPushesAndClones() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let url = server.url(for: "x")
        let token = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]

        let dossier = try sandbox.initDossier("caen")
        let set = try sandbox.dossierOK(["remote", "set", url], in: dossier)
        #expect(set.stdout.contains(url))
        let sync = try sandbox.dossier(["sync"], in: dossier, environment: token)
        try #require(sync.succeeded, "\(sync)")
        #expect(sync.stdout.contains("Sent: 1 save(s)"), "\(sync)")

        // The server has the dossier, as the git CLI sees it.
        let head = try #require(try sandbox.revParse("HEAD", in: dossier))
        #expect(try serverMain(remote) == head)
        #expect(try remote.files(at: "main").contains("dossier.yaml"))
        #expect(try remote.files(at: "main").contains("badges/accessibilite/evidence/inventaire-contenus-distance.csv"))
        try remote.fsck()

        // A second sync has nothing to do.
        let again = try sandbox.dossier(["sync"], in: dossier, environment: token)
        #expect(again.succeeded, "\(again)")
        #expect(again.stdout.contains("Nothing to send"), "\(again)")

        // Clone over HTTP with the token.
        let clone = try sandbox.dossier(["clone", url, "laptop2"], environment: token)
        try #require(clone.succeeded, "\(clone)")
        let laptop2 = sandbox.url("laptop2")
        #expect(try sandbox.revParse("HEAD", in: laptop2) == head)
        #expect(FileManager.default.fileExists(atPath: laptop2.appendingPathComponent("dossier.yaml").path))
        let show = try sandbox.dossierOK(["remote", "show"], in: laptop2)
        #expect(show.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == url)
        let status = try sandbox.dossierOK(["status", "--json"], in: laptop2)
        #expect(status.stdout.contains("\"clean\" : true"), "\(status)")
        #expect(status.stdout.contains("\"unsyncedSaves\" : 0"), "\(status)")
        #expect(try sandbox.fsck(laptop2).succeeded)

        // The second laptop's save comes back to the first one.
        let file = try sandbox.randomFile("photo-atelier.bin", size: 2048)
        try sandbox.addAndSave(file, badge: "tutorat", criterion: "outils-distance", in: laptop2, message: "Photo")
        try sandbox.dossierOK(["sync"], in: laptop2, environment: token)
        let back = try sandbox.dossier(["sync"], in: dossier, environment: token)
        #expect(back.succeeded, "\(back)")
        #expect(FileManager.default.contentsEqual(atPath: file.path,
                                                  andPath: dossier.appendingPathComponent("badges/tutorat/evidence/photo-atelier.bin").path))
    }

    /// A wrong token is refused at once, as one line, exit 3; nothing reaches the server.
    @Test func wrongTokenIsRefusedPromptly() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let dossier = try sandbox.initDossier()
        try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: dossier)
        let before = try snapshot(dossier, excluding: [".git/dossier"])

        let run = try sandbox.dossier(["sync"], in: dossier,
                                      environment: ["DOSSIER_TOKEN": "not-" + server.password, "DOSSIER_USER": server.user],
                                      timeout: 30)
        #expect(run.exited(with: 3), "\(run)")
        #expect(run.seconds < 20, "took \(run.seconds) s: \(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("authentication refused"), "\(run)")
        #expect(!run.stderr.contains(server.password) && !run.stdout.contains(server.password))
        #expect(try remote.refs().isEmpty)
        #expect(differences(before, try snapshot(dossier, excluding: [".git/dossier"])).isEmpty)

        // The right password with a wrong user is refused too.
        let wrongUser = try sandbox.dossier(["sync"], in: dossier,
                                            environment: ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": "mallory"], timeout: 30)
        #expect(wrongUser.exited(with: 3), "\(wrongUser)")
        #expect(try remote.refs().isEmpty)
    }

    /// No token at all (and no ~/.git-credentials): exit 3, one line.
    @Test func noTokenIsRefused() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let dossier = try sandbox.initDossier()
        try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: dossier)

        let run = try sandbox.dossier(["sync"], in: dossier, timeout: 30)
        #expect(run.exited(with: 3), "\(run)")
        #expect(run.seconds < 20, "took \(run.seconds) s")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("authentication refused"), "\(run)")
        #expect(try remote.refs().isEmpty)

        // An empty DOSSIER_TOKEN is no token.
        let empty = try sandbox.dossier(["sync"], in: dossier, environment: ["DOSSIER_TOKEN": ""], timeout: 30)
        #expect(empty.exited(with: 3), "\(empty)")
    }

    /// DOSSIER_TOKEN without DOSSIER_USER: the user written in the URL is used.
    @Test func userFromTheURL() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let remote = try server.createRepository("x")
        let dossier = try sandbox.initDossier()
        try sandbox.dossierOK(["remote", "set", "http://\(server.user)@127.0.0.1:\(server.port)/x.git"], in: dossier)
        let run = try sandbox.dossier(["sync"], in: dossier, environment: ["DOSSIER_TOKEN": server.password])
        #expect(run.succeeded, "\(run)")
        #expect(try serverMain(remote) == sandbox.revParse("HEAD", in: dossier))
    }

    /// A refused clone leaves no folder behind.
    @Test func refusedCloneLeavesNothing() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer()
        defer { server.stop() }
        try server.createRepository("x")
        let clone = try sandbox.dossier(["clone", server.url(for: "x"), "laptop2"],
                                        environment: ["DOSSIER_TOKEN": "wrong", "DOSSIER_USER": server.user], timeout: 30)
        #expect(clone.exited(with: 3), "\(clone)")
        #expect(clone.stderr.contains("authentication refused"), "\(clone)")
        #expect(clone.seconds < 20)
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("laptop2").path))
    }

    /// The token from ~/.git-credentials (git's credential store format) works for sync and clone.
    @Test func tokenFromGitCredentials() throws {
        let sandbox = try SyncSandbox()
        let server = try SmartHTTPServer()
        defer { server.stop() }
        let remote = try server.createRepository("x")
        try Data("https://bob:other@example.invalid\nhttp://\(server.user):\(server.password)@127.0.0.1:\(server.port)\n".utf8)
            .write(to: sandbox.home.appendingPathComponent(".git-credentials"))
        let dossier = try sandbox.initDossier()
        try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: dossier)

        let sync = try sandbox.dossier(["sync"], in: dossier)
        try #require(sync.succeeded, "\(sync)")
        #expect(try serverMain(remote) == sandbox.revParse("HEAD", in: dossier))

        let clone = try sandbox.dossier(["clone", server.url(for: "x"), "laptop2"])
        #expect(clone.succeeded, "\(clone)")
        #expect(try sandbox.revParse("HEAD", in: sandbox.url("laptop2")) == serverMain(remote))

        // A stored credential for another port does not match.
        try Data("http://\(server.user):\(server.password)@127.0.0.1:\(server.port + 1)\n".utf8)
            .write(to: sandbox.home.appendingPathComponent(".git-credentials"))
        let other = try sandbox.dossier(["sync"], in: dossier, timeout: 30)
        #expect(other.exited(with: 3), "\(other)")
    }
}
