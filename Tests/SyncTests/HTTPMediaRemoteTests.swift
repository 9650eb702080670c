import DossierCore
import DossierRepository
import Foundation
import Remote
import Testing
import TestServers

/// The git-lfs batch API client, against a real LFS server (giftless) and against a server that
/// fails on purpose (401, 403, 404, 413, 500, cut connections, wrong bytes, silence).
@Suite("media over the git-lfs batch API", .timeLimit(.minutes(3)))
struct HTTPMediaRemoteTests {
    // MARK: against giftless

    /// Two objects go up (one of 20 MB), then the batch says there is nothing left to send.
    @Test func uploadsOnlyWhatTheServerLacks() throws {
        let server = try LFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let small = try local.addObject(size: 1000, seed: 1)
        let large = try local.addObject(size: 20 << 20, seed: 2)
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(), options: Self.options(), lang: .en)
        let progress = ProgressLog()

        let sent = try remote.upload([small, large], from: local.store, progress: progress.record)
        #expect(Set(sent) == [small, large])
        #expect(server.storedObjects() == [small.oid, large.oid].sorted())
        for pointer in [small, large] {
            #expect(try Digest.sha256(fileAt: server.objectURL(pointer.oid).path).sha256 == pointer.oid)
        }
        #expect(server.requests().filter { $0.method == "PUT" }.count == 2)
        #expect(server.requests().filter { $0.method == "POST" && $0.path.hasSuffix("/verify") }.count == 2)
        let last = try #require(progress.states.last)
        #expect(last == MediaProgressState(files: 2, totalFiles: 2, bytes: small.size + large.size,
                                           totalBytes: small.size + large.size, isUpload: true))
        #expect(progress.states.map(\.bytes) == progress.states.map(\.bytes).sorted())

        // Second time: the server has both, nothing is sent.
        let again = try remote.upload([large, small, large], from: local.store, progress: nil)
        #expect(again.isEmpty)
        #expect(server.requests().filter { $0.method == "PUT" }.count == 2)
        #expect(server.requests().filter { $0.path.hasSuffix("/objects/batch") }.count == 2)
    }

    /// Objects on the server come down into an empty store, laid out as git-lfs does; the one the
    /// server lacks is returned as absent.
    @Test func downloadsIntoAnEmptyStore() throws {
        let server = try LFSServer()
        defer { server.stop() }
        let source = try Scratch()
        let first = try source.addObject(size: 3 << 20, seed: 3)
        let second = try source.addObject(size: 10, seed: 4)
        let missing = try #require(LFSPointer(oid: String(repeating: "ab", count: 32), size: 42))
        for pointer in [first, second] {
            try FileManager.default.createDirectory(at: server.objectURL(pointer.oid).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source.store.path(pointer.oid), toPath: server.objectURL(pointer.oid).path)
        }
        let local = try Scratch()
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(), options: Self.options(), lang: .en)
        let progress = ProgressLog()

        let absent = try remote.download([first, missing, second], into: local.store, progress: progress.record)
        #expect(absent == [missing])
        for pointer in [first, second] {
            let oid = pointer.oid
            let path = "\(local.store.folder)/objects/\(oid.prefix(2))/\(oid.dropFirst(2).prefix(2))/\(oid)"
            #expect(local.store.path(oid) == path)
            #expect(try local.store.verify(pointer))
        }
        #expect(!local.store.contains(missing))
        #expect(local.files(under: "tmp").isEmpty)
        #expect(local.files(under: "objects").count == 2)
        #expect(progress.states.last == MediaProgressState(files: 2, totalFiles: 2, bytes: first.size + second.size,
                                                           totalBytes: first.size + second.size, isUpload: false))
    }

    /// When the server has none of the objects (giftless then answers the whole batch with 404),
    /// all are returned as absent and nothing is stored.
    @Test func objectsTheServerLacksAreReturnedAsAbsent() throws {
        let server = try LFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let missing = try #require(LFSPointer(oid: String(repeating: "cd", count: 32), size: 7))
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(), options: Self.options(), lang: .en)
        #expect(try remote.download([missing], into: local.store, progress: nil) == [missing])
        #expect(local.files(under: "").isEmpty)
        #expect(server.requests().contains { $0.path.hasSuffix("/objects/batch") && $0.status == 404 })
    }

    /// A local object whose bytes no longer match its oid is refused before anything is sent.
    @Test func corruptLocalObjectIsNotSent() throws {
        let server = try LFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let good = try local.addObject(size: 5000, seed: 5)
        let damaged = try local.addObject(size: 5000, seed: 6)
        let path = local.store.path(damaged.oid)
        chmod(path, 0o644)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data("tampered".utf8))
        try handle.close()
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(), options: Self.options(), lang: .en)

        let error = #expect(throws: MediaTransferError.self) {
            try remote.upload([good, damaged], from: local.store, progress: nil)
        }
        #expect(error == .corruptObject(path: path, oid: damaged.oid))
        if let error { Self.expectOneLine(error) }
        #expect(!server.requests().contains { $0.method == "PUT" })
        #expect(server.storedObjects().isEmpty)
    }

    // MARK: against a failing server

    /// Each refusal of the batch request is its own one-line error, in French and in English.
    @Test(arguments: [FaultyLFSServer.Fault.unauthorized, .forbidden, .missing, .serverError])
    func batchRefusals(fault: FaultyLFSServer.Fault) throws {
        let server = try FaultyLFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let pointer = try local.addObject(size: 100, seed: 7)
        let endpoint = server.endpoint(fault)
        let remote = try HTTPMediaRemote(endpoint: endpoint, options: Self.options(token: "s3cret"), lang: .en)
        let expected: MediaTransferError = switch fault {
        case .unauthorized, .forbidden: .unauthorized(url: endpoint)
        case .missing: .server(url: endpoint, status: 404, message: "Not Found")
        default: .server(url: endpoint, status: 500, message: FaultyLFSServer.serverErrorMessage)
        }

        for operation in ["upload", "download"] {
            let error = #expect(throws: MediaTransferError.self, "\(operation)") {
                if operation == "upload" {
                    _ = try remote.upload([pointer], from: local.store, progress: nil)
                } else {
                    _ = try remote.download([pointer], into: try Scratch().store, progress: nil)
                }
            }
            #expect(error == expected, "\(operation)")
            if let error { Self.expectOneLine(error) }
        }
        // The token went with the request, as HTTP basic authentication.
        let requests = server.requests()
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.authorization == "Basic " + Data("dossier:s3cret".utf8).base64EncodedString() })
    }

    /// A PUT refused as too large.
    @Test func uploadRefusedAsTooLarge() throws {
        let server = try FaultyLFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let pointer = try local.addObject(size: 300_000, seed: 8)
        let endpoint = server.endpoint(.tooLarge)
        let remote = try HTTPMediaRemote(endpoint: endpoint, options: Self.options(), lang: .en)
        let error = #expect(throws: MediaTransferError.self) {
            try remote.upload([pointer], from: local.store, progress: nil)
        }
        #expect(error == .tooLarge(url: endpoint))
        if let error { Self.expectOneLine(error) }
        #expect(server.requests().map(\.method) == ["POST", "PUT"])
        #expect(server.requests().last?.bodyBytes == pointer.size)
    }

    /// A connection closed halfway through a PUT.
    @Test func uploadCutMidway() throws {
        let server = try FaultyLFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let pointer = try local.addObject(size: 8 << 20, seed: 9)
        let endpoint = server.endpoint(.cutUpload)
        let remote = try HTTPMediaRemote(endpoint: endpoint, options: Self.options(), lang: .en)
        let error = #expect(throws: MediaTransferError.self) {
            try remote.upload([pointer], from: local.store, progress: nil)
        }
        #expect(error == .connection(url: endpoint, detail: "connection interrupted during the transfer"))
        if let error { Self.expectOneLine(error) }
        #expect(server.requests().last?.method == "PUT")
    }

    /// A download cut midway leaves nothing in the store, neither in `objects/` nor in `tmp/`;
    /// the next download (here from giftless) completes it.
    @Test func downloadCutMidwayLeavesNothingAndResumes() throws {
        let faulty = try FaultyLFSServer()
        defer { faulty.stop() }
        let source = try Scratch()
        let pointer = try source.addObject(size: 6 << 20, seed: 10)
        let local = try Scratch()
        let endpoint = faulty.endpoint(.cutDownload)
        let cut = try HTTPMediaRemote(endpoint: endpoint, options: Self.options(), lang: .en)
        let error = #expect(throws: MediaTransferError.self) {
            try cut.download([pointer], into: local.store, progress: nil)
        }
        #expect(error == .connection(url: endpoint, detail: "connection interrupted during the transfer"))
        if let error { Self.expectOneLine(error) }
        #expect(faulty.requests().last?.method == "GET")
        #expect(local.files(under: "objects").isEmpty)
        #expect(local.files(under: "tmp").isEmpty)

        let server = try LFSServer()
        defer { server.stop() }
        try FileManager.default.createDirectory(at: server.objectURL(pointer.oid).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source.store.path(pointer.oid), toPath: server.objectURL(pointer.oid).path)
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(), options: Self.options(), lang: .en)
        #expect(try remote.download([pointer], into: local.store, progress: nil).isEmpty)
        #expect(try local.store.verify(pointer))
        #expect(local.files(under: "tmp").isEmpty)
    }

    /// Bytes that do not hash to the oid are not stored.
    @Test func corruptDownloadIsNotStored() throws {
        let server = try FaultyLFSServer()
        defer { server.stop() }
        let source = try Scratch()
        let pointer = try source.addObject(size: 2 << 20, seed: 11)
        let local = try Scratch()
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(.corruptDownload), options: Self.options(), lang: .en)
        let error = #expect(throws: MediaTransferError.self) {
            try remote.download([pointer], into: local.store, progress: nil)
        }
        #expect(error == .corruptDownload(oid: pointer.oid))
        if let error { Self.expectOneLine(error) }
        #expect(local.files(under: "objects").isEmpty)
        #expect(local.files(under: "tmp").isEmpty)
    }

    /// A server that never answers is given up after `options.timeout` seconds.
    @Test func silentServerTimesOut() throws {
        let server = try FaultyLFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let pointer = try local.addObject(size: 10, seed: 12)
        let endpoint = server.endpoint(.silent)
        let remote = try HTTPMediaRemote(endpoint: endpoint, options: Self.options(timeout: 1), lang: .en)
        let start = Date()
        let error = #expect(throws: MediaTransferError.self) {
            try remote.download([pointer], into: local.store, progress: nil)
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(error == .connection(url: endpoint, detail: "no answer for 1 s"))
        #expect(elapsed >= 1 && elapsed < 10, "gave up after \(elapsed) s")
    }

    /// Nothing listening: a connection error at once.
    @Test func connectionRefused() throws {
        let port = try FreePort.find()
        let endpoint = "http://127.0.0.1:\(port)/cfa/dossier.git/info/lfs"
        let local = try Scratch()
        let pointer = try local.addObject(size: 10, seed: 13)
        let remote = try HTTPMediaRemote(endpoint: endpoint, options: Self.options(), lang: .fr)
        let error = #expect(throws: MediaTransferError.self) {
            try remote.upload([pointer], from: local.store, progress: nil)
        }
        #expect(error == .connection(url: endpoint, detail: "connexion refusée"))
    }

    /// The token git uses is the one sent: `DOSSIER_TOKEN` (user `DOSSIER_USER`, the URL's, or
    /// "dossier"), else a password in the URL, else `~/.git-credentials` for that host.
    @Test func credentialsAreGitsOwn() throws {
        let home = try TemporaryFolder(prefix: "media-home")
        try home.write("https://carol:st%40red@lfs.example.org\nhttp://dave:other@127.0.0.1:9\n", to: ".git-credentials")
        let url = "https://lfs.example.org/cfa/dossier.git/info/lfs"
        let token = CredentialSource(environment: ["DOSSIER_TOKEN": "t0k", "DOSSIER_USER": "alice"], home: home.path)
        #expect(token.httpCredential(for: url) == HTTPCredential(user: "alice", password: "t0k"))
        let tokenOnly = CredentialSource(environment: ["DOSSIER_TOKEN": "t0k"], home: home.path)
        #expect(tokenOnly.httpCredential(for: "https://bob@lfs.example.org/x") == HTTPCredential(user: "bob", password: "t0k"))
        #expect(tokenOnly.httpCredential(for: url) == HTTPCredential(user: "dossier", password: "t0k"))
        let stored = CredentialSource(environment: [:], home: home.path)
        #expect(stored.httpCredential(for: url) == HTTPCredential(user: "carol", password: "st@red"))
        #expect(stored.httpCredential(for: "https://erin:pw@other.example.org/x") == HTTPCredential(user: "erin", password: "pw"))
        #expect(stored.httpCredential(for: "https://other.example.org/x") == nil)
        #expect(CredentialSource(environment: [:], home: nil).httpCredential(for: url) == nil, "no home given: no store read")
        #expect(HTTPCredential(user: "alice", password: "t0k").authorization == "Basic YWxpY2U6dDBr")

        // The endpoint's own user and password are used but never shown.
        let remote = try HTTPMediaRemote(endpoint: "http://erin:pw@127.0.0.1:9/cfa/dossier.git/info/lfs/", options: Self.options(), lang: .en)
        let error = #expect(throws: MediaTransferError.self) {
            try remote.download([try #require(LFSPointer(oid: String(repeating: "0", count: 64), size: 1))],
                                into: try Scratch().store, progress: nil)
        }
        guard case .connection(let shown, _)? = error else {
            Issue.record("expected a connection error, got \(String(describing: error))")
            return
        }
        #expect(shown == "http://127.0.0.1:9/cfa/dossier.git/info/lfs")
        #expect(throws: MediaTransferError.noEndpoint(url: "ssh://git@host/x")) {
            try HTTPMediaRemote(endpoint: "ssh://git@host/x", options: Self.options(), lang: .en)
        }
    }

    // MARK: memory

    /// A 200 MB object goes up and comes back down without the process growing by more than a
    /// fraction of it: it is streamed, never held.
    @Test func largeObjectIsStreamed() throws {
        let server = try LFSServer()
        defer { server.stop() }
        let local = try Scratch()
        let pointer = try local.addObject(size: 200 << 20, seed: 14)
        let remote = try HTTPMediaRemote(endpoint: server.endpoint(), options: Self.options(), lang: .en)
        let other = try Scratch()

        let memory = MemoryProbe()
        #expect(try remote.upload([pointer], from: local.store, progress: { _ in memory.sample() }) == [pointer])
        memory.sample()
        #expect(try Digest.sha256(fileAt: server.objectURL(pointer.oid).path).sha256 == pointer.oid)
        #expect(try remote.download([pointer], into: other.store, progress: { _ in memory.sample() }).isEmpty)
        memory.sample()
        #expect(try other.store.verify(pointer))
        let growth = memory.growth
        // Alone it grows by about 11 MiB; other suites run in this process at the same time, so
        // the bound is what proves streaming: well under the 200 MB object.
        #expect(growth < 128 << 20, "resident memory grew by \(growth >> 20) MiB")
    }

    // MARK: helpers

    static func options(token: String? = nil, timeout: TimeInterval = 30) -> RemoteOptions {
        // No ~/.git-credentials of the machine's user: the home is a folder that does not exist.
        let home = "/nonexistent-dossier-home"
        let environment = token.map { ["DOSSIER_TOKEN": $0] } ?? [:]
        return RemoteOptions(credentials: CredentialSource(environment: environment, home: home),
                             knownHosts: .standard(environment: environment, home: home),
                             timeout: timeout) { error in Issue.record("the git watchdog is not used for media: \(error)") }
    }

    static func expectOneLine(_ error: MediaTransferError, sourceLocation: SourceLocation = #_sourceLocation) {
        for lang in Lang.allCases {
            let text = error.text(lang)
            #expect(!text.isEmpty && !text.contains("\n"), "\(lang): \(text)", sourceLocation: sourceLocation)
        }
        #expect(error.text(.fr) != error.text(.en), sourceLocation: sourceLocation)
    }
}

/// A media store in a temporary folder, with objects made of deterministic bytes.
private final class Scratch {
    let folder: TemporaryFolder
    let store: MediaStore

    init() throws {
        folder = try TemporaryFolder(prefix: "media-http")
        store = MediaStore(folder: folder.appending("lfs").path)
    }

    /// Adds an object of `size` bytes (written and hashed 1 MiB at a time).
    func addObject(size: Int, seed: UInt64) throws -> LFSPointer {
        let writer = try store.writer()
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var chunk = [UInt8](repeating: 0, count: min(size, 1 << 20))
        var remaining = size
        while remaining > 0 {
            let count = min(remaining, chunk.count)
            chunk.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for index in 0..<words.count {
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    words[index] = state
                }
                for index in (words.count * 8)..<raw.count { raw[index] = UInt8(truncatingIfNeeded: state >> 8 &+ UInt64(index)) }
            }
            try chunk.withUnsafeBytes { try writer.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            remaining -= count
        }
        return try writer.finish()
    }

    /// Regular files under `lfs/<relative>`, recursively.
    func files(under relative: String) -> [String] {
        let root = store.folder + (relative.isEmpty ? "" : "/" + relative)
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}

/// Progress states, in the order they came.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [MediaProgressState] = []
    var states: [MediaProgressState] { lock.withLock { recorded } }
    var record: MediaProgress { { [self] state in lock.withLock { recorded.append(state) } } }
}

/// Resident memory of this process: the peak is reset first (`/proc/self/clear_refs`), then the
/// growth is the highest of the kernel's peak (VmHWM) and the samples taken, less the start.
private final class MemoryProbe: @unchecked Sendable {
    private let lock = NSLock()
    private let start: Int
    private var peak: Int

    init() {
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            try? handle.write(contentsOf: Data("5".utf8))
            try? handle.close()
        }
        start = Self.value("VmRSS")
        peak = start
    }

    func sample() {
        let now = Self.value("VmRSS")
        lock.withLock { peak = max(peak, now) }
    }

    var growth: Int {
        let hwm = Self.value("VmHWM")
        return lock.withLock { max(peak, hwm) } - start
    }

    /// A `/proc/self/status` field, in bytes.
    static func value(_ key: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix(key + ":") {
            let number = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return number * 1024
        }
        return 0
    }
}
