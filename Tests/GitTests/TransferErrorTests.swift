import Foundation
import Testing
import TestServers
@testable import Git
#if canImport(Glibc)
import Glibc
#endif

/// Transfer failures are told apart by libgit2's error class and code and the stage the transfer
/// reached, never by the words of libgit2's message.
@Suite("Git: transfer failures by class, code and stage")
struct TransferErrorTests {
    /// The error a fetch from `url` into a fresh repository throws.
    func fetchError(from url: String) throws -> GitError {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        let remote = try fixture.repository.anonymousRemote(url: url)
        do {
            try remote.fetch(refspecs: ["+refs/heads/main:refs/remotes/origin/main"], callbacks: TransferCallbacks())
        } catch let error as GitError {
            return error
        }
        throw GitError(code: .other, message: "the fetch from \(url) succeeded")
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, read, closed).
    func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(fd >= 0 && bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aRefusedConnectionIsANetworkFailureWhileConnecting() throws {
        let error = try fetchError(from: "http://127.0.0.1:\(try closedPort())/cfa-0140401X.git")
        #expect(error.stage == .connecting, "\(error) class \(error.errorClass)")
        #expect(error.isNetworkFailure && !error.isCorruptData && !error.isAuthenticationFailure, "\(error) class \(error.errorClass)")
    }

    /// The folder answers: it is there, with no repository in it (a wrong path, not a missing drive).
    @Test func aFolderThatHoldsNoRepositoryIsNoNetworkFailure() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let error = try fetchError(from: folder.path)
        #expect(error.stage == .connecting, "\(error) class \(error.errorClass)")
        #expect(!error.isNetworkFailure && !error.isCorruptData && !error.isAuthenticationFailure, "\(error) class \(error.errorClass)")
    }

    @Test func aLocalPathThatDoesNotResolveIsANetworkFailure() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let error = try fetchError(from: "file://" + folder.path + "/mnt/partage-region/cfa.git")
        #expect(error.stage == .connecting, "\(error) class \(error.errorClass)")
        #expect(error.isNetworkFailure, "\(error) class \(error.errorClass)")
    }

    @Test func aDamagedObjectOnTheRemoteIsCorruptDataWhileExchanging() throws {
        let source = try RepositoryFixture()
        defer { source.remove() }
        try source.folder.write("contenu\n", to: "a.txt")
        try source.commit("un", adding: ["a.txt"])
        let blob = try git("rev-parse", "HEAD:a.txt", in: source.path).trimmed
        let object = "\(source.path)/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        try Data("garbage, not zlib\n".utf8).write(to: URL(fileURLWithPath: object))

        let error = try fetchError(from: source.path)
        #expect(error.stage == .exchanging, "\(error) class \(error.errorClass)")
        #expect(error.isCorruptData && !error.isNetworkFailure && !error.isAuthenticationFailure, "\(error) class \(error.errorClass)")
    }

    @Test func onlyTheCodeSaysAuthenticationWhateverTheMessage() {
        let message = "fetch failed: object not found - a40440183709cbf05d30182fb57a5cfb6a3649c8 (status code: 401)"
        #expect(!GitError(code: .generic, errorClass: 9, message: message).isAuthenticationFailure)
        #expect(GitError(code: .auth, errorClass: 34, message: "fetch failed").isAuthenticationFailure)
        // Outside a transfer nothing is a network failure or corrupt data.
        #expect(!GitError(code: .notFound, errorClass: 6, message: "could not find repository").isNetworkFailure)
        #expect(!GitError(code: .notFound, errorClass: 9, message: "object not found").isCorruptData)
    }
}
