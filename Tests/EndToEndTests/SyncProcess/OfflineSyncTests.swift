import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// No network: the sync says so (exit 2, one line) and changes nothing locally.
@Suite("sync offline", .timeLimit(.minutes(10)))
struct OfflineSyncTests {
    /// A dossier synced once over HTTP, then saved again: one save not yet sent.
    struct World {
        let sandbox: SyncSandbox
        let server: SmartHTTPServer
        let url: String
        let dossier: URL
        let token: [String: String]

        init() throws {
            sandbox = try SyncSandbox()
            server = try SmartHTTPServer()
            try server.createRepository("x")
            url = server.url(for: "x")
            token = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]
            dossier = try sandbox.initDossier()
            try sandbox.dossierOK(["remote", "set", url], in: dossier)
            try sandbox.dossierOK(["sync"], in: dossier, environment: token)
            let file = try sandbox.randomFile("compte-rendu.bin", size: 4096)
            try sandbox.addAndSave(file, badge: "tutorat", criterion: "historique-echanges", in: dossier, message: "Compte rendu")
        }

        /// `dossier sync` must fail with exit 2 and one line, changing nothing but the lock folder.
        func expectUnreachable(environment: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = try snapshot(dossier, excluding: [".git/dossier"])
            let run = try sandbox.dossier(["sync"], in: dossier, environment: environment, timeout: 60)
            #expect(run.exited(with: 2), "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderrLines.count == 1, "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains("unreachable"), "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains("nothing changed"), "\(run)", sourceLocation: sourceLocation)
            #expect(run.stdout.isEmpty, "\(run)", sourceLocation: sourceLocation)
            let changed = differences(before, try snapshot(dossier, excluding: [".git/dossier"]))
            #expect(changed.isEmpty, "the failed sync changed:\n\(changed.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }

        /// `dossier status` still reports the save not sent.
        func expectOneUnsyncedSave(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let status = try sandbox.dossierOK(["status"], in: dossier)
            #expect(status.stdout.contains("Not sent yet: 1 save(s)"), "\(status)", sourceLocation: sourceLocation)
            let json = try sandbox.dossierOK(["status", "--json"], in: dossier)
            #expect(json.stdout.contains("\"unsyncedSaves\" : 1"), "\(json)", sourceLocation: sourceLocation)
        }
    }

    /// The server is gone (connection refused on its port).
    @Test func connectionRefused() throws {
        let world = try World()
        world.server.stop()
        #expect(!FreePort.isAcceptingConnections(port: world.server.port))
        try world.expectUnreachable(environment: world.token)
        try world.expectOneUnsyncedSave()
    }

    /// A port where nothing ever listened.
    @Test func nothingListening() throws {
        let world = try World()
        defer { world.server.stop() }
        let port = try FreePort.find()
        try world.sandbox.dossierOK(["remote", "set", "http://127.0.0.1:\(port)/x.git"], in: world.dossier)
        try world.expectUnreachable(environment: world.token)
        try world.expectOneUnsyncedSave()
    }

    /// The host name does not resolve (`.invalid` never does).
    @Test func dnsFailure() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.sandbox.dossierOK(["remote", "set", "http://nonexistent.invalid/x.git"], in: world.dossier)
        try world.expectUnreachable(environment: world.token)
        try world.expectOneUnsyncedSave()

        // Once the network is back, the save goes.
        try world.sandbox.dossierOK(["remote", "set", world.url], in: world.dossier)
        let sync = try world.sandbox.dossier(["sync"], in: world.dossier, environment: world.token)
        #expect(sync.succeeded, "\(sync)")
        #expect(sync.stdout.contains("Sent: 1 save(s)"), "\(sync)")
        let json = try world.sandbox.dossierOK(["status", "--json"], in: world.dossier)
        #expect(json.stdout.contains("\"unsyncedSaves\" : 0"), "\(json)")
    }

    /// ssh to a port where nothing listens.
    @Test func sshConnectionRefused() throws {
        let world = try World()
        defer { world.server.stop() }
        let port = try FreePort.find()
        try world.sandbox.dossierOK(["remote", "set", "ssh://git@127.0.0.1:\(port)/srv/x.git"], in: world.dossier)
        try world.expectUnreachable(environment: [:])
    }

    /// A server that takes the connection and never answers (a firewall or proxy that swallows the
    /// traffic): the sync should give up as unreachable after a while, not wait forever.
    @Test(arguments: ["http", "ssh"])
    func serverThatNeverAnswers(_ scheme: String) throws {
        let world = try World()
        defer { world.server.stop() }
        let blackHole = try BlackHole()
        defer { blackHole.close() }
        let url = scheme == "http" ? "http://127.0.0.1:\(blackHole.port)/x.git" : "ssh://git@127.0.0.1:\(blackHole.port)/srv/x.git"
        try world.sandbox.dossierOK(["remote", "set", url], in: world.dossier)
        let before = try snapshot(world.dossier, excluding: [".git/dossier"])
        let limit: TimeInterval = 8
        // DOSSIER_TIMEOUT shortens the watchdog (default 60 s) so the test stays quick.
        var environment = world.token
        environment["DOSSIER_TIMEOUT"] = "2"
        let run = try world.sandbox.dossier(["sync"], in: world.dossier, environment: environment, timeout: limit)
        do {
            #expect(!run.result.timedOut, "still waiting after \(limit) s: \(run)")
            #expect(run.exited(with: 2), "\(run)")
        }
        #expect(differences(before, try snapshot(world.dossier, excluding: [".git/dossier"])).isEmpty)
    }

    /// Clone from nowhere: exit 2 and no folder left.
    @Test func cloneFromNowhere() throws {
        let sandbox = try SyncSandbox()
        let port = try FreePort.find()
        let run = try sandbox.dossier(["clone", "http://127.0.0.1:\(port)/x.git", "laptop2"], timeout: 60)
        #expect(run.exited(with: 2), "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.url("laptop2").path))
    }
}

/// A TCP port on 127.0.0.1 that accepts connections (the kernel completes them in the listen backlog)
/// and never reads or answers.
final class BlackHole: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestServerError("socket(): errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            closeDescriptor(fd)
            throw TestServerError("bind/listen: errno \(errno)")
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            closeDescriptor(fd)
            throw TestServerError("getsockname: errno \(errno)")
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { closeDescriptor(descriptor) }
}

private func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
