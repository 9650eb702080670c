// Proves the helpers of the TestServers target against the real tools (git, nginx + fcgiwrap +
// git http-backend, sshd). Move to Tests/TestServersSelfTests/TestServersSelfTests.swift and add
//     .testTarget(name: "TestServersSelfTests", dependencies: ["TestServers"]),
import Foundation
import Testing
@testable import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers of these tests

/// True when no process (not even a zombie) has this PID any more.
private func isGone(_ pid: Int32) -> Bool {
    kill(pid, 0) == -1 && errno == ESRCH
}

/// True when the PID disappears within a bound: orphans (nginx workers, session children) are
/// reaped by PID 1 only after a delay here, longer on a loaded machine.
private func eventuallyGone(_ pid: Int32) -> Bool {
    FreePort.poll(timeout: 15) { isGone(pid) }
}

/// PIDs that `pgrep <arguments>` lists (none: pgrep exits with 1).
private func pgrep(_ arguments: [String]) throws -> [Int32] {
    let pgrep = try ProcessRunner.locate("pgrep", candidates: ["/usr/bin/pgrep"], installHint: "procps")
    let result = try ProcessRunner.run(pgrep, arguments)
    #expect(result.status == 0 || result.status == 1, "\(result)")
    return result.stdout.split(separator: "\n").compactMap { Int32($0) }
}

/// True while `pid` exists and is not a zombie.
private func isLive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let end = stat.lastIndex(of: ")") else { return false }
    return stat[stat.index(after: end)...].trimmingCharacters(in: .whitespaces).first != "Z"
}

/// Connects to 127.0.0.1:`port`, writes `data`, closes.
private func sendAndClose(_ data: Data, port: Int) throws {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else { throw TestServerError("connect: \(errno)") }
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var sent = 0
        while sent < buffer.count {
            let n = write(fd, buffer.baseAddress! + sent, buffer.count - sent)
            guard n > 0 else { throw TestServerError("write: \(errno)") }
            sent += n
        }
    }
}

/// A working copy with one commit adding `file` = `text`, made in `scratch/name`.
private func commit(_ file: String, _ text: String, in checkout: URL, git: GitCLI, message: String = "change") throws {
    try writeText(text, to: checkout.appendingPathComponent(file))
    try git.run(["add", "--all"], in: checkout)
    try git.run(["commit", "--quiet", "-m", message], in: checkout)
}

private func head(of checkout: URL, git: GitCLI) throws -> String {
    try git.run(["rev-parse", "HEAD"], in: checkout).trimmingCharacters(in: .whitespacesAndNewlines)
}

private func elapsed(_ body: () throws -> Void) rethrows -> TimeInterval {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

// MARK: - TemporaryFolder

@Suite struct TemporaryFolderTests {
    @Test func removeDeletesTheFolderAndItsContent() throws {
        let folder = try TemporaryFolder(prefix: "self-test")
        try folder.write("hello", to: "a/b/c.txt")
        #expect(FileManager.default.fileExists(atPath: folder.appending("a/b/c.txt").path))
        #expect(folder.url.lastPathComponent.hasPrefix("self-test-"))
        folder.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        folder.remove()  // idempotent
    }

    @Test func deinitDeletesTheFolder() throws {
        var path = ""
        do {
            let folder = try TemporaryFolder()
            path = folder.path
            try folder.makeFolder("sub")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!path.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

// MARK: - ProcessRunner

@Suite struct ProcessRunnerTests {
    @Test func capturesOutputStatusDirectoryAndEnvironment() throws {
        let folder = try TemporaryFolder()
        let result = try ProcessRunner.run(
            "/bin/sh", ["-c", "echo out; echo err >&2; pwd; echo \"$FOO\"; exit 3"],
            in: folder.url, environment: ["FOO": "bar", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 3)
        #expect(!result.succeeded)
        #expect(result.stdout == "out\n\(folder.path)\nbar\n")
        #expect(result.stderr == "err\n")
    }

    @Test func checkThrowsWithTheOutput() throws {
        #expect(throws: ProcessFailure.self) {
            try ProcessRunner.run("/bin/sh", ["-c", "echo boom >&2; exit 1"], check: true)
        }
        do {
            try ProcessRunner.run("/bin/sh", ["-c", "echo boom >&2; exit 1"], check: true)
        } catch let failure as ProcessFailure {
            #expect(failure.description.contains("boom"))
        }
    }

    @Test func inputGoesToStandardInput() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "tr a-z A-Z"], input: Data("hello\n".utf8), check: true)
        #expect(result.stdout == "HELLO\n")
        #expect(try ProcessRunner.run("/bin/cat").stdout.isEmpty)  // default: /dev/null, no hang
    }

    @Test func largeOutputDoesNotBlock() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "head -c 5000000 /dev/zero; head -c 300000 /dev/zero >&2"])
        #expect(result.succeeded)
        #expect(result.standardOutput.count == 5_000_000)
        #expect(result.standardError.count == 300_000)
    }

    @Test func timeoutKillsTheProcess() throws {
        var result: ProcessResult?
        let seconds = try elapsed { result = try ProcessRunner.run("/bin/sleep", ["30"], timeout: 0.2) }
        #expect(result?.timedOut == true)
        #expect(result?.succeeded == false)
        #expect(seconds < 5)
    }

    @Test func stopTerminatesAndReaps() throws {
        let process = try ProcessRunner.start("/bin/sleep", ["60"])
        #expect(process.isRunning)
        #expect(process.termination == nil)
        let seconds = elapsed { process.stop() }
        #expect(seconds < 2)
        #expect(!process.isRunning)
        #expect(process.termination?.bySignal == true)
        #expect(process.termination?.status == SIGTERM)
        #expect(isGone(process.pid))
        process.stop()  // idempotent
    }

    @Test func stopEscalatesToSIGKILL() throws {
        let folder = try TemporaryFolder()
        let log = folder.appending("log")
        // Ignores SIGTERM (the ignored disposition survives exec).
        let process = try ProcessRunner.start("/bin/sh", ["-c", "trap '' TERM; echo ready; exec sleep 60"], log: log)
        #expect(FreePort.poll { process.output.contains("ready") })
        let seconds = elapsed { process.stop(gracePeriod: 0.3) }
        #expect(seconds < 3)
        #expect(process.termination?.bySignal == true)
        #expect(process.termination?.status == SIGKILL)
        #expect(isGone(process.pid))
    }

    @Test func deinitStops() throws {
        var pid: Int32 = 0
        do {
            let process = try ProcessRunner.start("/bin/sleep", ["60"])
            pid = process.pid
        }
        #expect(pid > 0)
        #expect(isGone(pid))
    }

    @Test func stopWithChildrenGracePeriodEndsTheWholeTree() throws {
        // sh → perl (never reaps, like a spinning git http-backend) → sleep.
        let script = "/usr/bin/perl -e 'if (fork) { select(undef, undef, undef, 0.01) while 1 } "
            + "else { exec \"sleep\", \"60\" }' & wait"
        let process = try ProcessRunner.start("/bin/sh", ["-c", script])
        #expect(FreePort.poll { process.descendants.filter(isLive).count == 2 })
        let tree = process.descendants
        #expect(tree.count == 2)
        let seconds = elapsed { process.stop(childrenGracePeriod: 0.1) }
        #expect(seconds < 5)
        for pid in tree { #expect(!isLive(pid), "process \(pid) still runs") }
        #expect(isGone(process.pid))
    }

    @Test func processThatEndsByItselfIsReaped() throws {
        let process = try ProcessRunner.start("/bin/sh", ["-c", "exit 7"])
        #expect(process.waitForExit(timeout: 5))
        #expect(process.termination?.status == 7)
        #expect(process.termination?.bySignal == false)
        #expect(isGone(process.pid))
    }
}

// MARK: - FreePort

@Suite struct FreePortTests {
    @Test func findsAPortNobodyListensOn() throws {
        let port = try FreePort.find()
        #expect((1...65535).contains(port))
        #expect(!FreePort.isAcceptingConnections(port: port))
    }

    @Test func pollIsBounded() {
        var attempts = 0
        let seconds = elapsed {
            #expect(!FreePort.poll(timeout: 0.2, interval: 0.01) { attempts += 1; return false })
        }
        #expect(attempts <= 21)
        #expect(seconds < 1)
        var calls = 0
        #expect(!FreePort.poll(keepTrying: { false }) { calls += 1; return false })
        #expect(calls == 1)
    }
}

// MARK: - GitCLI and BareRemote

@Suite struct GitCLIAndBareRemoteTests {
    @Test func gitIsIsolatedAndThrowsWithStderr() throws {
        let git = try GitCLI()
        #expect(try git.run("config", "--global", "user.name") == "Test Author\n")
        #expect(try git.run("config", "--global", "init.defaultBranch") == "main\n")
        #expect(git.environment["HOME"] == git.home.path)
        #expect(git.environment["GIT_CONFIG_NOSYSTEM"] == "1")
        #expect(git.environment["GIT_TERMINAL_PROMPT"] == "0")
        let folder = try TemporaryFolder()
        try git.run(["init", "--quiet", "repo"], in: folder.url)
        do {
            try git.run(["rev-parse", "--verify", "no-such-branch"], in: folder.appending("repo"))
            Issue.record("expected a failure")
        } catch let error as GitCLIError {
            #expect(error.status != 0)
            #expect(error.stderr.contains("fatal"))
            #expect(error.description.contains("no-such-branch"))
        }
    }

    @Test func bareRemoteRefsShowFsck() throws {
        let git = try GitCLI()
        let folder = try TemporaryFolder()
        let remote = try BareRemote.create(at: folder.appending("remote.git"), git: git)
        #expect(try remote.refs().isEmpty)
        #expect(try remote.commit(of: "main") == nil)
        #expect(try remote.run(["symbolic-ref", "HEAD"]) == "refs/heads/main\n")

        try git.run(["clone", "--quiet", remote.path, "work"], in: folder.url)
        let work = folder.appending("work")
        try commit("evidence/a.md", "first\n", in: work, git: git)
        try commit("evidence/b.md", "second\n", in: work, git: git)
        try git.run(["push", "--quiet", "origin", "main"], in: work)
        let sha = try head(of: work, git: git)

        #expect(try remote.refs() == ["refs/heads/main": sha])
        #expect(try remote.commit(of: "main") == sha)
        #expect(try remote.contents(at: "main", path: "evidence/a.md") == "first\n")
        #expect(try remote.files(at: "main") == ["evidence/a.md", "evidence/b.md"])
        #expect(try remote.commitCount("main") == 2)
        try remote.fsck()

        // fsck notices a missing object.
        let blob = try remote.run(["rev-parse", "main:evidence/b.md"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = remote.url.appendingPathComponent("objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        let packed = !FileManager.default.fileExists(atPath: object.path)
        if !packed {
            try FileManager.default.removeItem(at: object)
            #expect(throws: GitCLIError.self) { try remote.fsck() }
        }
    }
}

// MARK: - Smart HTTP

@Suite struct SmartHTTPServerTests {
    @Test func cloneAndPushWithThePassword() throws {
        let server = try SmartHTTPServer()
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)/")
        #expect(server.url(for: "x") == "http://127.0.0.1:\(server.port)/x.git")
        #expect(server.url(for: "x.git") == server.url(for: "x"))
        let remote = try server.createRepository("x")
        #expect(try remote.run(["config", "http.receivepack"]) == "true\n")

        let git = try GitCLI()
        let folder = try TemporaryFolder()
        let url = server.authenticatedURL(for: "x")
        #expect(url == "http://\(server.user):\(server.password)@127.0.0.1:\(server.port)/x.git")
        try git.run(["clone", "--quiet", url, "work"], in: folder.url)
        let work = folder.appending("work")
        try commit("dossier.yaml", "name: test\n", in: work, git: git)
        try git.run(["push", "--quiet", "origin", "main"], in: work)
        let sha = try head(of: work, git: git)
        #expect(try remote.refs() == ["refs/heads/main": sha])
        #expect(try remote.contents(at: "main", path: "dossier.yaml") == "name: test\n")
        try remote.fsck()

        // A second clone sees the push; a second push fast-forwards.
        try git.run(["clone", "--quiet", url, "again"], in: folder.url)
        #expect(try head(of: folder.appending("again"), git: git) == sha)
        try commit("more.md", "more\n", in: folder.appending("again"), git: git)
        try git.run(["push", "--quiet"], in: folder.appending("again"))
        #expect(try remote.commitCount("main") == 2)
        try git.run(["pull", "--quiet", "--ff-only"], in: work)
        #expect(try remote.commit(of: "main") == (try head(of: work, git: git)))

        // Clients go anonymous first (401), then authenticated (200).
        let log = server.accessLog()
        #expect(log.contains { $0.contains("\" 401 ") })
        #expect(log.contains { $0.contains("git-receive-pack HTTP/1.1\" 200 ") })
        #expect(log.contains { $0.contains(" \(server.user) [") })
    }

    @Test func wrongOrMissingPasswordIsRefusedWithoutHanging() throws {
        let server = try SmartHTTPServer(user: "bob", password: "right-token")
        #expect(server.user == "bob" && server.password == "right-token")
        try server.createRepository("x")
        let git = try GitCLI()
        let folder = try TemporaryFolder()

        var wrong: ProcessResult?
        let seconds = try elapsed {
            wrong = try git.result(["clone", server.authenticatedURL(for: "x", password: "wrong"), "w"],
                                   in: folder.url, timeout: 30)
        }
        #expect(wrong?.succeeded == false)
        #expect(wrong?.timedOut == false)
        #expect(wrong?.stderr.contains("Authentication failed") == true, "\(String(describing: wrong))")
        #expect(seconds < 10)

        let anonymous = try git.result(["ls-remote", server.url(for: "x")], in: folder.url, timeout: 30)
        #expect(!anonymous.succeeded && !anonymous.timedOut)
        #expect(anonymous.stderr.contains("terminal prompts disabled") || anonymous.stderr.contains("Authentication failed"),
                "\(anonymous)")

        // Pushing with a wrong password is refused too; nothing arrives.
        try git.run(["init", "--quiet", "local"], in: folder.url)
        let local = folder.appending("local")
        try commit("a.txt", "a\n", in: local, git: git)
        let push = try git.result(["push", server.authenticatedURL(for: "x", password: "nope"), "main"],
                                  in: local, timeout: 30)
        #expect(!push.succeeded && !push.timedOut)
        #expect(push.stderr.contains("Authentication failed"))
        #expect(try server.repository("x").refs().isEmpty)
    }

    @Test func largePushArrivesIntact() throws {
        let server = try SmartHTTPServer()
        let remote = try server.createRepository("big")
        let git = try GitCLI()
        let folder = try TemporaryFolder()
        try git.run(["init", "--quiet", "local"], in: folder.url)
        let local = folder.appending("local")
        // 4 MB of incompressible bytes: larger than http.postBuffer (1 MB), so git sends it chunked.
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        let bytes = random.readData(ofLength: 4_000_000)
        try random.close()
        #expect(bytes.count == 4_000_000)
        try bytes.write(to: local.appendingPathComponent("scan.pdf"))
        try git.run(["add", "scan.pdf"], in: local)
        try git.run(["commit", "--quiet", "-m", "scan"], in: local)
        try git.run(["push", "--quiet", server.authenticatedURL(for: "big"), "main"], in: local)
        #expect(try remote.data(at: "main", path: "scan.pdf") == bytes)
        try remote.fsck()
    }

    /// A client that goes away while nginx passes a push's body on to git http-backend: without
    /// `fastcgi_ignore_client_abort on`, nginx cuts the body short and git http-backend (2.39) loops
    /// forever at 100 % CPU, waiting for the rest of CONTENT_LENGTH.
    @Test func clientGoneMidPushLeavesNoSpinningBackend() throws {
        let server = try SmartHTTPServer()
        let remote = try server.createRepository("abort")
        let git = try GitCLI()
        let folder = try TemporaryFolder()
        try git.run(["init", "--quiet", "local"], in: folder.url)
        let local = folder.appending("local")
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        try random.readData(ofLength: 30_000_000).write(to: local.appendingPathComponent("big.bin"))
        try random.close()
        try git.run(["-c", "core.compression=0", "add", "big.bin"], in: local)
        try git.run(["commit", "--quiet", "-m", "big"], in: local)
        let sha = try head(of: local, git: git)
        let pack = try git.result(["pack-objects", "--quiet", "--stdout", "--revs"], in: local,
                                  input: Data("HEAD\n".utf8)).standardOutput

        // What git push sends, with a Content-Length; then the client closes at once.
        let command = String(repeating: "0", count: 40) + " \(sha) refs/heads/main\0 report-status\n"
        let body = Data(String(format: "%04x", command.utf8.count + 4).utf8) + Data(command.utf8)
            + Data("0000".utf8) + pack
        let credentials = Data("\(server.user):\(server.password)".utf8).base64EncodedString()
        let request = Data("""
            POST /abort.git/git-receive-pack HTTP/1.1\r
            Host: 127.0.0.1\r
            Authorization: Basic \(credentials)\r
            Content-Type: application/x-git-receive-pack-request\r
            Content-Length: \(body.count)\r
            \r

            """.utf8) + body
        try sendAndClose(request, port: server.port)

        let fcgiwrap = server.processIdentifiers[1]
        func backends() -> [Int32] {
            ((try? String(contentsOfFile: "/proc/\(fcgiwrap)/task/\(fcgiwrap)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }.filter(isLive)
        }
        // The request reached git http-backend, which then finished by itself: the push landed.
        #expect(FreePort.poll(timeout: 30) { server.accessLog().contains { $0.contains("git-receive-pack") } })
        #expect(FreePort.poll(timeout: 30) { backends().isEmpty }, "git http-backend still running")
        #expect(try remote.commit(of: "main") == sha)
        try remote.fsck()
    }

    @Test func stopLeavesNoProcess() throws {
        let server = try SmartHTTPServer()
        let config = server.configURL.path
        let socket = server.socketPath
        let pids = server.processIdentifiers
        // worker_processes 1 (nginx may fork it just after it accepts connections).
        #expect(FreePort.poll { ((try? pgrep(["-P", String(pids[0])])) ?? []).count == 1 })
        let workers = try pgrep(["-P", String(pids[0])])
        #expect(try pgrep(["-f", config]) == [pids[0]])
        #expect(try pgrep(["-f", socket]) == [pids[1]])
        #expect(server.isRunning)
        #expect(FreePort.isAcceptingConnections(port: server.port))

        server.stop()
        #expect(!server.isRunning)
        for pid in pids + workers { #expect(eventuallyGone(pid), "process \(pid) left") }
        #expect(try pgrep(["-f", config]).isEmpty)
        #expect(try pgrep(["-f", socket]).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: socket))
        #expect(!FreePort.isAcceptingConnections(port: server.port))
        server.stop()  // idempotent
    }

    @Test func deinitStopsAndRemovesEverything() throws {
        var pids: [Int32] = []
        var config = "", folder = ""
        do {
            let server = try SmartHTTPServer()
            let master = String(server.processIdentifiers[0])
            #expect(FreePort.poll { ((try? pgrep(["-P", master])) ?? []).count == 1 })
            pids = server.processIdentifiers + (try pgrep(["-P", master]))
            config = server.configURL.path
            folder = server.folder.path
        }
        #expect(pids.count == 3)
        for pid in pids { #expect(eventuallyGone(pid)) }
        #expect(try pgrep(["-f", config]).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func serversRunSideBySide() throws {
        let servers = try (0..<3).map { _ in try SmartHTTPServer() }
        #expect(Set(servers.map(\.port)).count == 3)
        #expect(Set(servers.map(\.socketPath)).count == 3)
        let git = try GitCLI()
        for server in servers {
            try server.createRepository("r")
            #expect(try git.run(["ls-remote", server.authenticatedURL(for: "r")]).isEmpty)
        }
    }
}

// MARK: - ssh

@Suite struct SSHServerTests {
    @Test func cloneAndPushOverSSH() throws {
        let server = try SSHServer()
        let remote = try server.createRepository("y")
        #expect(remote.path == server.repositoriesFolder.appendingPathComponent("y.git").path)
        #expect(server.url(for: "y") == "ssh://\(server.user)@127.0.0.1:\(server.port)\(remote.path)")
        #expect(server.url(for: remote.path) == server.url(for: "y"))

        let folder = try TemporaryFolder()
        let knownHosts = try server.writeKnownHosts(to: folder.appending("known_hosts"))
        // The command of the brief, spelled out.
        let sshCommand = "ssh -i \(server.clientPrivateKeyPath) -o UserKnownHostsFile=\(knownHosts.path)"
            + " -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes"
        let git = try GitCLI(environment: ["GIT_SSH_COMMAND": sshCommand])
        try git.run(["clone", "--quiet", server.url(for: "y"), "work"], in: folder.url)
        let work = folder.appending("work")
        try commit("dossier.yaml", "name: ssh\n", in: work, git: git)
        try git.run(["push", "--quiet", "origin", "main"], in: work)
        let sha = try head(of: work, git: git)
        #expect(try remote.refs() == ["refs/heads/main": sha])
        #expect(try remote.contents(at: "main", path: "dossier.yaml") == "name: ssh\n")
        try remote.fsck()

        // The helper's own command works as well.
        let other = try GitCLI(environment: ["GIT_SSH_COMMAND": server.sshCommand(knownHostsFile: knownHosts)])
        try other.run(["clone", "--quiet", server.url(for: "y"), "again"], in: folder.url)
        #expect(try head(of: folder.appending("again"), git: other) == sha)
    }

    @Test func knownHostsLineIsWhatOpenSSHWrites() throws {
        let server = try SSHServer()
        let line = server.knownHostsLine
        let fields = line.split(separator: " ")
        #expect(fields.count == 3)
        #expect(fields.first.map(String.init) == "[127.0.0.1]:\(server.port)")
        #expect(fields.dropFirst().first == "ssh-ed25519")
        #expect(fields.last?.hasPrefix("AAAA") == true)
        let publicKeyFile = try String(contentsOfFile: server.hostPublicKeyPath, encoding: .utf8)
        #expect(publicKeyFile.hasPrefix(server.hostPublicKey + " "))

        // Let ssh itself record the key (accept-new, unhashed) and compare.
        let folder = try TemporaryFolder()
        let knownHosts = folder.appending("known_hosts")
        let ssh = try ProcessRunner.locate("ssh", candidates: ["/usr/bin/ssh"], installHint: "openssh-client")
        let result = try ProcessRunner.run(ssh, [
            "-F", "/dev/null", "-i", server.clientPrivateKeyPath, "-o", "IdentitiesOnly=yes",
            "-o", "UserKnownHostsFile=\(knownHosts.path)", "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "StrictHostKeyChecking=accept-new", "-o", "HashKnownHosts=no", "-o", "BatchMode=yes",
            "-p", String(server.port), "\(server.user)@127.0.0.1", "true",
        ], timeout: 30)
        #expect(result.succeeded, "\(result)")
        #expect(try String(contentsOf: knownHosts, encoding: .utf8) == line + "\n")
    }

    @Test func changedHostKeyIsRefused() throws {
        let server = try SSHServer()
        try server.createRepository("z")
        let folder = try TemporaryFolder()
        let oldKnownHosts = try server.writeKnownHosts(to: folder.appending("old_known_hosts"))
        let oldLine = server.knownHostsLine
        let oldGit = try GitCLI(environment: ["GIT_SSH_COMMAND": server.sshCommand(knownHostsFile: oldKnownHosts)])
        try oldGit.run(["ls-remote", server.url(for: "z")])
        let port = server.port
        let oldPid = server.processIdentifier

        try server.regenerateHostKey()
        #expect(server.port == port)
        #expect(server.knownHostsLine != oldLine)
        #expect(server.processIdentifier != oldPid)
        if let oldPid { #expect(eventuallyGone(oldPid)) }

        let refused = try oldGit.result(["ls-remote", server.url(for: "z")], timeout: 30)
        #expect(!refused.succeeded && !refused.timedOut)
        #expect(refused.stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), "\(refused)")
        #expect(refused.stderr.contains("Host key verification failed"))

        let newKnownHosts = try server.writeKnownHosts(to: folder.appending("new_known_hosts"))
        let newGit = try GitCLI(environment: ["GIT_SSH_COMMAND": server.sshCommand(knownHostsFile: newKnownHosts)])
        try newGit.run(["ls-remote", server.url(for: "z")])
    }

    @Test func unknownClientKeyIsRefusedUntilAuthorized() throws {
        let server = try SSHServer()
        try server.createRepository("k")
        let folder = try TemporaryFolder()
        let knownHosts = try server.writeKnownHosts(to: folder.appending("known_hosts"))
        let other = try SSHServer.generateKeyPair(type: "ecdsa", at: folder.appending("other_ecdsa"))
        let git = try GitCLI(environment: [
            "GIT_SSH_COMMAND": server.sshCommand(knownHostsFile: knownHosts, identity: other.privateKey.path),
        ])
        let refused = try git.result(["ls-remote", server.url(for: "k")], timeout: 30)
        #expect(!refused.succeeded && !refused.timedOut)
        #expect(refused.stderr.contains("Permission denied (publickey)"), "\(refused)")

        try server.authorize(publicKey: try String(contentsOf: other.publicKey, encoding: .utf8))
        try git.run(["ls-remote", server.url(for: "k")])
    }

    @Test func stopEndsOpenSessionsWithoutOrphans() throws {
        let server = try SSHServer()
        let folder = try TemporaryFolder()
        let knownHosts = try server.writeKnownHosts(to: folder.appending("known_hosts"))
        let ssh = try ProcessRunner.locate("ssh", candidates: ["/usr/bin/ssh"], installHint: "openssh-client")
        let arguments = server.sshCommand(knownHostsFile: knownHosts).split(separator: " ").dropFirst().map(String.init)
        let client = try ProcessRunner.start(ssh, arguments + ["-p", String(server.port), "\(server.user)@127.0.0.1",
                                                               "sleep 60"], log: folder.appending("client.log"))
        // The session: listener → monitor → session → sleep.
        let listener = try #require(server.processIdentifier)
        func descendants(of pid: Int32) -> [Int32] {
            let children = ((try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }
            return children + children.flatMap { descendants(of: $0) }
        }
        func command(_ pid: Int32) -> String {
            ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(FreePort.poll(timeout: 10) { descendants(of: listener).contains { command($0) == "sleep" } })
        let session = descendants(of: listener)
        let before = session.map { (try? String(contentsOfFile: "/proc/\($0)/stat", encoding: .utf8)) ?? "\($0) gone" }
        server.stop()
        // Orphans are reaped by PID 1 after a delay here, later still on a loaded machine: poll.
        for pid in session + [listener] {
            let gone = eventuallyGone(pid)
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            #expect(gone, "process left: \(stat); session before stop: \(before)")
        }
        #expect(client.waitForExit(timeout: 5))
        client.stop()
    }

    @Test func stopLeavesNoProcess() throws {
        let server = try SSHServer()
        let config = server.configURL.path
        let pid = try #require(server.processIdentifier)
        #expect(try pgrep(["-f", config]).contains(pid))
        // One connection, so that sshd has had a session child.
        let folder = try TemporaryFolder()
        let knownHosts = try server.writeKnownHosts(to: folder.appending("known_hosts"))
        try server.createRepository("s")
        let git = try GitCLI(environment: ["GIT_SSH_COMMAND": server.sshCommand(knownHostsFile: knownHosts)])
        try git.run(["ls-remote", server.url(for: "s")])

        server.stop()
        #expect(!server.isRunning)
        #expect(server.processIdentifier == nil)
        #expect(isGone(pid))
        #expect(try pgrep(["-f", config]).isEmpty)
        #expect(!FreePort.isAcceptingConnections(port: server.port))
        server.stop()  // idempotent
    }

    @Test func deinitStops() throws {
        var pid: Int32?
        var config = ""
        do {
            let server = try SSHServer()
            pid = server.processIdentifier
            config = server.configURL.path
        }
        let stoppedPid = try #require(pid)
        #expect(isGone(stoppedPid))
        #expect(try pgrep(["-f", config]).isEmpty)
    }
}

// MARK: - Process groups and the watchdog

@Suite struct ProcessGroupTests {
    /// Like fcgiwrap -c N told to stop: the leader exits on SIGTERM without stopping the workers it
    /// forked, which are orphaned and keep running unless their group is ended.
    @Test func stopEndsWhatTheLeaderLeftInItsGroup() throws {
        let folder = try TemporaryFolder()
        let log = folder.appending("log")
        let process = try ProcessRunner.start("/bin/sh", ["-c", "sleep 60 & sleep 60 & trap 'exit 0' TERM; echo ready; wait"], log: log)
        #expect(FreePort.poll { process.output.contains("ready") && process.descendants.filter(isLive).count == 2 })
        let workers = process.descendants
        let seconds = elapsed { process.stop() }
        #expect(seconds < 5)
        #expect(process.termination?.status == 0 && process.termination?.bySignal == false, "the leader exits by itself on SIGTERM")
        for pid in workers { #expect(FreePort.poll(timeout: 5) { !isLive(pid) }, "worker \(pid) still runs") }
    }

    /// fcgiwrap forks a new worker whenever one dies: stopping the workers before their parent left new
    /// ones orphaned. Nothing of its group may outlive `stop()`.
    @Test func fcgiwrapWorkersEndWithTheServer() throws {
        let server = try SmartHTTPServer(workers: 3)
        let fcgiwrap = server.processIdentifiers[1]
        #expect(FreePort.poll { RunningProcess.groupMembers(fcgiwrap).count == 4 })
        let seconds = elapsed { server.stop() }
        #expect(seconds < 5)
        let left = RunningProcess.groupMembers(fcgiwrap)
        #expect(left.isEmpty, "fcgiwrap's group still runs: \(left)")
    }

    /// What happens when a test process dies without stopping its servers (crash, time limit, kill -9,
    /// Ctrl-C): its end of the watchdog's socket closes; the watchdog ends every group still registered
    /// and names them in its log.
    @Test func watchdogEndsTheGroupsWhenItsProcessGoesAway() throws {
        let folder = try TemporaryFolder()
        let log = folder.appending("watchdog.log")
        var environment = ProcessInfo.processInfo.environment
        environment["DOSSIER_TEST_WATCHDOG_LOG"] = log.path
        let watchdog = try #require(ServerGroups.startWatchdog(environment: environment))
        let server = try Spawner.spawn("/bin/sleep", ["60"], directory: nil, environment: nil, standardInput: "/dev/null",
                                       standardOutput: "/dev/null", standardError: nil, append: true, newGroup: true)
        let line = Array("add \(server)\n".utf8)
        #expect(line.withUnsafeBytes { write(watchdog.descriptor, $0.baseAddress, $0.count) } == line.count)
        #expect(isLive(server))
        close(watchdog.descriptor)  // as when this process dies
        #expect(FreePort.poll(timeout: 10) { !isLive(server) }, "the server's group was not ended")
        _ = Spawner.reap(server)
        _ = Spawner.reap(watchdog.pid)
        #expect((try? String(contentsOf: log, encoding: .utf8))?.contains("server group \(server) left running") == true)
    }

    /// A group its owner stopped is forgotten: the watchdog signals nothing when its process goes away.
    @Test func watchdogForgetsStoppedGroups() throws {
        let folder = try TemporaryFolder()
        let log = folder.appending("watchdog.log")
        var environment = ProcessInfo.processInfo.environment
        environment["DOSSIER_TEST_WATCHDOG_LOG"] = log.path
        let watchdog = try #require(ServerGroups.startWatchdog(environment: environment))
        let lines = Array("add 424242\nadd 434343\ndel 424242\ndel 434343\n".utf8)
        #expect(lines.withUnsafeBytes { write(watchdog.descriptor, $0.baseAddress, $0.count) } == lines.count)
        close(watchdog.descriptor)
        _ = Spawner.reap(watchdog.pid)
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").isEmpty)
    }
}
