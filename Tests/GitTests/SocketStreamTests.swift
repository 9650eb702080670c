import Foundation
import Testing
import TestServers
@testable import Git

/// libgit2's sockets go through GitSocketStream, which turns Nagle's algorithm off: pushes and
/// fetches keep working over plain HTTP, HTTPS (mbedTLS on top of the same socket) and ssh
/// (libssh2 on the socket's descriptor), and every socket they open has TCP_NODELAY set, as
/// `getsockopt` reads it back.
@Suite("Git: sockets with TCP_NODELAY, over HTTP, HTTPS and ssh", .timeLimit(.minutes(10)))
struct SocketStreamTests {
    /// A repository with one commit holding `size` random bytes.
    func repositoryWithCommit(size: Int = 64 * 1024) throws -> (RepositoryFixture, ObjectID) {
        let fixture = try RepositoryFixture()
        var bytes = [UInt8](repeating: 0, count: size)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.path + "/piece.bin"))
        let commit = try fixture.commit("une pièce", adding: ["piece.bin"])
        return (fixture, commit)
    }

    /// Pushes `main` to `url`, then fetches it into a fresh repository; returns the sockets this
    /// thread opened meanwhile and how many had TCP_NODELAY.
    func pushAndFetch(url: String, configure: (TransferCallbacks) -> Void) throws -> (connections: Int, nodelay: Int, fetched: ObjectID?, pushed: ObjectID) {
        let (source, commit) = try repositoryWithCommit()
        defer { source.remove() }
        let before = Libgit2.socketState
        let push = TransferCallbacks()
        configure(push)
        try source.repository.anonymousRemote(url: url).push(refspecs: ["+refs/heads/main:refs/heads/main"], callbacks: push)
        #expect(push.rejectedReferences.isEmpty, "\(push.rejectedReferences)")

        let target = try RepositoryFixture()
        defer { target.remove() }
        let fetch = TransferCallbacks()
        configure(fetch)
        try target.repository.anonymousRemote(url: url).fetch(refspecs: ["+refs/heads/main:refs/remotes/origin/main"], callbacks: fetch)
        let fetched = try target.repository.referenceTarget("refs/remotes/origin/main")
        let after = Libgit2.socketState
        return (after.connections - before.connections, after.nodelay - before.nodelay, fetched, commit)
    }

    @Test(arguments: [false, true])
    func pushAndFetchOverSmartHTTP(tls: Bool) throws {
        let server = try SmartHTTPServer(tls: tls)
        defer { server.stop() }
        try server.createRepository("cfa")
        var certificates: [ServerCertificate] = []
        let result = try pushAndFetch(url: server.url(for: "cfa")) { callbacks in
            callbacks.credentials = { _ in .userPassword(user: server.user, password: server.password) }
            // The test server's certificate is self-signed: accepted here, after libgit2 saw it.
            callbacks.certificateCheck = { certificate, _ in certificates.append(certificate); return true }
        }
        #expect(result.fetched == result.pushed)
        #expect(try server.repository("cfa").commit(of: "refs/heads/main") == result.pushed.hex)
        #expect(result.connections >= 2, "a push and a fetch: \(result)")
        #expect(result.nodelay == result.connections, "\(result)")
        if tls {
            #expect(!certificates.isEmpty && certificates.allSatisfy { if case .x509 = $0 { true } else { false } }, "\(certificates)")
        } else {
            #expect(certificates.isEmpty)
        }
    }

    /// libgit2 1.5's ssh transport hands the stream's socket descriptor to libssh2, reading it from
    /// libgit2's own stream layout: GitSocketStream keeps that layout.
    @Test func pushAndFetchOverSSH() throws {
        let server = try SSHServer()
        defer { server.stop() }
        try server.createRepository("cfa")
        let result = try pushAndFetch(url: server.url(for: "cfa")) { callbacks in
            callbacks.credentials = { request in
                .sshKey(user: request.usernameFromURL ?? server.user, publicKey: server.clientPublicKeyPath,
                        privateKey: server.clientPrivateKeyPath, passphrase: nil)
            }
            callbacks.certificateCheck = { certificate, _ in
                if case .sshHostKey = certificate { return true }
                return false
            }
        }
        #expect(result.fetched == result.pushed)
        #expect(result.connections >= 2, "\(result)")
        #expect(result.nodelay == result.connections, "\(result)")
    }
}
