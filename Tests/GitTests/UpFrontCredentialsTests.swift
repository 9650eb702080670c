import Foundation
import Testing
import TestServers
@testable import Git

/// Credentials sent with the first request (`UpFrontCredentials`) go to the remote's own server
/// only: a redirect to another host name is refused by libgit2, one to another port of the same
/// host by GitSocketStream; without them, redirects are followed as before.
@Suite("Git: credentials sent up front never follow a redirect", .timeLimit(.minutes(10)))
struct UpFrontCredentialsTests {
    func fetch(from url: String, upFront: Bool) throws -> (error: GitError?, callbacks: TransferCallbacks) {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let callbacks = TransferCallbacks()
        if upFront { callbacks.upFrontCredentials = BasicCredentials(user: "alice", password: "s3cret") }
        callbacks.credentials = { _ in .userPassword(user: "alice", password: "s3cret") }
        do {
            try fixture.repository.anonymousRemote(url: url).fetch(refspecs: ["+refs/heads/main:refs/remotes/origin/main"], callbacks: callbacks)
            return (nil, callbacks)
        } catch let error as GitError {
            return (error, callbacks)
        }
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func aRedirectToAnotherServerIsRefusedWhileCredentialsGoUpFront(targetHost: String) throws {
        let other = try RedirectServer()
        defer { other.stop() }
        let remote = try RedirectServer(redirectingTo: "http://\(targetHost):\(other.port)")
        defer { remote.stop() }

        let result = try fetch(from: remote.baseURL + "/cfa.git", upFront: true)
        #expect(result.error != nil)
        let asked = remote.requests()
        #expect(asked.count == 1 && asked.allSatisfy(\.authorization), "the remote's server got them with the first request: \(asked)")
        #expect(other.requests().isEmpty, "nothing reached the other server: \(other.requests())")
    }

    /// The control: without credentials up front the same redirect is followed (so the test above
    /// would see a request reach the other server), and nothing carries credentials.
    @Test(arguments: ["127.0.0.1", "localhost"])
    func withoutThemTheRedirectIsFollowedAnonymously(targetHost: String) throws {
        let other = try RedirectServer()
        defer { other.stop() }
        let remote = try RedirectServer(redirectingTo: "http://\(targetHost):\(other.port)")
        defer { remote.stop() }

        let result = try fetch(from: remote.baseURL + "/cfa.git", upFront: false)
        #expect(result.error != nil, "the other server answers 404")
        #expect(remote.requests().count == 1 && !remote.requests().contains(where: \.authorization), "\(remote.requests())")
        #expect(other.requests().count == 1 && !other.requests().contains(where: \.authorization), "\(other.requests())")
        #expect(result.callbacks.connectedToAnotherHost)
    }

    /// Refused credentials are not sent a second time: the transfer fails as refused at once.
    @Test func refusedUpFrontCredentialsFailAsRefused() throws {
        let server = try SmartHTTPServer()
        defer { server.stop() }
        try server.createRepository("cfa")
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let callbacks = TransferCallbacks()
        callbacks.upFrontCredentials = BasicCredentials(user: server.user, password: "not-" + server.password)
        callbacks.credentials = { _ in .userPassword(user: server.user, password: "not-" + server.password) }
        #expect(throws: GitError.self) {
            try fixture.repository.anonymousRemote(url: server.url(for: "cfa")).fetch(refspecs: ["+refs/heads/main:refs/remotes/origin/main"], callbacks: callbacks)
        }
        #expect(callbacks.authenticationRefused)
        #expect(server.accessLog(atLeast: 1).count == 1, "\(server.accessLog())")
    }
}
