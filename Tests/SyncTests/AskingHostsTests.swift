import Foundation
import Git
import Remote
import Testing
import TestServers

/// A server that asked this process for credentials gets them with the first request of the next
/// transfer (one request instead of a 401 and a second request); a server that never asked gets an
/// anonymous first request; plain HTTP off the loopback interface never gets them up front.
@Suite("Remote: credentials up front to the servers that asked for them", .timeLimit(.minutes(10)))
struct AskingHostsTests {
    func transfer(for server: SmartHTTPServer) -> RemoteTransfer {
        let source = CredentialSource(environment: ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user], home: nil)
        return RemoteTransfer(options: RemoteOptions(credentials: source, knownHosts: KnownHosts(path: "/dev/null"), timeout: 30,
                                                     onTimeout: { _ in }),
                              relativeTo: "/")
    }

    func listReferences(_ url: String, server: SmartHTTPServer) throws -> [RemoteReference] {
        let fixture = try TemporaryFolder()
        defer { fixture.remove() }
        let repository = try Repository.create(at: fixture.path)
        let remote = try repository.anonymousRemote(url: url)
        var references: [RemoteReference] = []
        try transfer(for: server).run(remote) { callbacks in references = try remote.listReferences(callbacks: callbacks) }
        return references
    }

    func statuses(_ lines: [String]) -> [String] {
        lines.compactMap { line in line.components(separatedBy: "\" ").dropFirst().first?.split(separator: " ").first.map(String.init) }
    }

    @Test func theSecondTransferToAServerThatAskedSendsCredentialsFirst() throws {
        let server = try SmartHTTPServer()
        defer { server.stop() }
        try server.createRepository("cfa")
        let url = server.url(for: "cfa")
        #expect(!AskingHosts.shared.asked(url))

        _ = try listReferences(url, server: server)
        #expect(statuses(server.accessLog(atLeast: 2)) == ["401", "200"], "\(server.accessLog())")
        #expect(AskingHosts.shared.asked(url))

        let logged = server.accessLog().count
        _ = try listReferences(url, server: server)
        let second = Array(server.accessLog(atLeast: logged + 1).dropFirst(logged))
        #expect(statuses(second) == ["200"], "one request, with the credentials: \(second)")

        // Another server on the same host (another port) never asked: its first request is anonymous.
        let other = try SmartHTTPServer()
        defer { other.stop() }
        try other.createRepository("cfa")
        _ = try listReferences(other.url(for: "cfa"), server: other)
        #expect(statuses(other.accessLog(atLeast: 2)) == ["401", "200"], "\(other.accessLog())")
    }

    @Test(arguments: [
        ("https://hub.example.fr/0141234R.git", "https://hub.example.fr:443"),
        ("https://HUB.example.fr:8443/x.git", "https://hub.example.fr:8443"),
        ("http://127.0.0.1:8080/x.git", "http://127.0.0.1:8080"),
        ("http://localhost/x.git", "http://localhost:80"),
        ("http://[::1]:9000/x.git", "http://::1:9000"),
    ])
    func serversThatMayGetCredentialsUpFront(url: String, origin: String) {
        #expect(AskingHosts.origin(of: url) == origin)
    }

    /// Plain HTTP over a network, ssh, paths: never up front.
    @Test(arguments: ["http://hub.example.fr/x.git", "http://10.0.0.5:8080/x.git", "ssh://git@hub.example.fr/x.git",
                      "/srv/cfa.git", "git@hub.example.fr:x.git"])
    func othersNever(url: String) {
        let memory = AskingHosts()
        memory.remember(askedBy: url)
        #expect(AskingHosts.origin(of: url) == nil)
        #expect(!memory.asked(url))
    }
}
