import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenSSH's sshd on 127.0.0.1, on a port of its own, with a generated ed25519 host key and one
/// authorized ed25519 client key; git runs over it as for any ssh remote (`git-upload-pack` etc. through
/// the login shell of `user`). `stop()` (or deinit) stops sshd and waits for it.
///
/// Needs the Debian packages openssh-server and openssh-client. Client keys: ed25519 or ECDSA (libssh2
/// 1.10 signs RSA only with `ssh-rsa`, which sshd 9.2 refuses).
public final class SSHServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let port: Int
    /// The account git logs into: the current user (`id -un`).
    public let user: String
    /// Where `createRepository` puts bare repositories: `<folder>/repos`.
    public let repositoriesFolder: URL
    public let configURL: URL
    public let authorizedKeysURL: URL
    public let hostKeyURL: URL
    public var hostPublicKeyPath: String { hostKeyURL.path + ".pub" }
    public let clientPrivateKeyPath: String
    public let clientPublicKeyPath: String
    /// The git used to create repositories (isolated HOME).
    public let git: GitCLI

    private let sshdPath: String
    private let keygenPath: String
    private let lock = NSLock()
    private var sshd: RunningProcess?
    private var currentHostKey: String

    /// The host's public key as in its .pub file: `ssh-ed25519 AAAA…` (type and base64, no comment).
    /// The base64 is what libgit2's certificate callback gets as the raw `hostkey`.
    public var hostPublicKey: String { lock.withLock { currentHostKey } }

    /// The line OpenSSH writes to known_hosts for this server: `[127.0.0.1]:PORT ssh-ed25519 AAAA…`.
    public var knownHostsLine: String { "[127.0.0.1]:\(port) \(hostPublicKey)" }

    /// The client's public key line (`ssh-ed25519 AAAA… comment`), as in authorized_keys.
    public var clientPublicKey: String {
        ((try? String(contentsOfFile: clientPublicKeyPath, encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// PID of the listening sshd.
    public var processIdentifier: Int32? { lock.withLock { sshd?.pid } }
    public var isRunning: Bool { lock.withLock { sshd?.isRunning ?? false } }
    /// sshd's log so far (`-e`: everything it logs goes there).
    public var log: String { (try? String(contentsOf: folder.appending("sshd.log"), encoding: .utf8)) ?? "" }

    /// Generates the keys and starts sshd; returns once it accepts connections (polled every 10 ms,
    /// at most 5 s).
    public init(git: GitCLI? = nil) throws {
        sshdPath = try ProcessRunner.locate("sshd", candidates: ["/usr/sbin/sshd"],
                                            installHint: "apt-get install openssh-server")
        keygenPath = try ProcessRunner.locate("ssh-keygen", candidates: ["/usr/bin/ssh-keygen"],
                                              installHint: "apt-get install openssh-client")
        self.git = try git ?? GitCLI()
        user = try ProcessRunner.run(ProcessRunner.locate("id", candidates: ["/usr/bin/id"], installHint: "coreutils"),
                                    ["-un"], check: true).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = try TemporaryFolder(prefix: "sshd")
        self.folder = folder
        repositoriesFolder = try folder.makeFolder("repos")
        configURL = folder.appending("sshd_config")
        authorizedKeysURL = folder.appending("authorized_keys")
        hostKeyURL = folder.appending("host_ed25519")
        let client = try SSHServer.generateKeyPair(at: folder.appending("client_ed25519"), keygen: keygenPath)
        clientPrivateKeyPath = client.privateKey.path
        clientPublicKeyPath = client.publicKey.path
        currentHostKey = try SSHServer.generateHostKey(at: hostKeyURL, keygen: keygenPath)
        try Data((try String(contentsOf: client.publicKey, encoding: .utf8)).utf8).write(to: authorizedKeysURL)

        #if os(Linux)
        // sshd refuses to start without its privilege separation folder.
        if !FileManager.default.fileExists(atPath: "/run/sshd") {
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o755])
        }
        #endif

        var lastError = ""
        var chosen: Int?
        for _ in 0..<5 {
            let port = try FreePort.find()
            try SSHServer.writeConfig(to: configURL, folder: folder.url, port: port)
            switch try SSHServer.launch(sshdPath, config: configURL, folder: folder, port: port) {
            case .success(let process):
                sshd = process
                chosen = port
            case .failure(let error):
                lastError = error.message
            }
            if chosen != nil || !lastError.contains("Address already in use") { break }
        }
        guard let port = chosen else { throw TestServerError("sshd did not start: \(lastError)") }
        self.port = port
    }

    deinit { stop() }

    /// `ssh://user@127.0.0.1:PORT/<absolute path>`: `repoPath` absolute as is, else a repository name in
    /// `repositoriesFolder` (".git" appended when missing).
    public func url(for repoPath: String) -> String {
        "ssh://\(user)@127.0.0.1:\(port)" + absolutePath(repoPath)
    }

    /// Creates a bare repository `repos/<name>` (".git" appended when missing).
    @discardableResult
    public func createRepository(_ name: String) throws -> BareRemote {
        try BareRemote.create(at: URL(fileURLWithPath: absolutePath(name), isDirectory: true), git: git)
    }

    /// Writes `knownHostsLine` (plus `extraLines`) to `file` (default `<folder>/known_hosts`), returns it.
    @discardableResult
    public func writeKnownHosts(to file: URL? = nil, extraLines: [String] = []) throws -> URL {
        let file = file ?? folder.appending("known_hosts")
        try Data(([knownHostsLine] + extraLines).map { $0 + "\n" }.joined().utf8).write(to: file)
        return file
    }

    /// A `GIT_SSH_COMMAND` value: ssh with only `identity` (default: the client key), strict checking
    /// against `knownHostsFile` only, no user/system ssh config, no prompt.
    public func sshCommand(knownHostsFile: URL, identity: String? = nil) -> String {
        [
            "ssh", "-F", "/dev/null",
            "-i", identity ?? clientPrivateKeyPath,
            "-o", "IdentitiesOnly=yes",
            "-o", "UserKnownHostsFile=\(knownHostsFile.path)",
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=10",
        ].joined(separator: " ")
    }

    /// Adds a public key line to authorized_keys (read by sshd at each login: no restart needed).
    public func authorize(publicKey line: String) throws {
        let handle = try FileHandle(forWritingTo: authorizedKeysURL)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data((line.trimmingCharacters(in: .whitespacesAndNewlines) + "\n").utf8))
    }

    /// Restarts sshd, on the same port, with a new host key: clients that saved `knownHostsLine` before
    /// must now refuse the server.
    public func regenerateHostKey() throws {
        try lock.withLock {
            sshd?.stop(childrenGracePeriod: 2)
            sshd = nil
            try? FileManager.default.removeItem(at: hostKeyURL)
            try? FileManager.default.removeItem(atPath: hostKeyURL.path + ".pub")
            currentHostKey = try SSHServer.generateHostKey(at: hostKeyURL, keygen: keygenPath)
            // The port was ours a moment ago; sshd sets SO_REUSEADDR, so TIME_WAIT does not block it.
            var lastError = ""
            for _ in 0..<3 {
                switch try SSHServer.launch(sshdPath, config: configURL, folder: folder, port: port) {
                case .success(let process):
                    sshd = process
                    return
                case .failure(let error):
                    lastError = error.message
                }
            }
            throw TestServerError("sshd did not restart on port \(port): \(lastError)")
        }
    }

    /// Stops sshd and waits for it: first up to 2 s for its per-connection children to end (else they
    /// would be orphaned), then SIGTERM, then SIGKILL after 5 s. Idempotent.
    public func stop() {
        lock.withLock {
            sshd?.stop(childrenGracePeriod: 2)
            sshd = nil
        }
    }

    /// Generates a key pair with `ssh-keygen -t type -N ''` at `privateKey` (public key: `privateKey.pub`).
    /// Types that work with libssh2 1.10 against sshd 9.2: "ed25519", "ecdsa".
    @discardableResult
    public static func generateKeyPair(type: String = "ed25519", at privateKey: URL,
                                       comment: String = "dossier-tests")
        throws -> (privateKey: URL, publicKey: URL)
    {
        let keygen = try ProcessRunner.locate("ssh-keygen", candidates: ["/usr/bin/ssh-keygen"],
                                              installHint: "apt-get install openssh-client")
        return try generateKeyPair(type: type, at: privateKey, comment: comment, keygen: keygen)
    }

    // MARK: - Private

    private func absolutePath(_ repoPath: String) -> String {
        if repoPath.hasPrefix("/") { return repoPath }
        let name = repoPath.hasSuffix(".git") ? repoPath : repoPath + ".git"
        return repositoriesFolder.appendingPathComponent(name).path
    }

    private static func generateKeyPair(type: String = "ed25519", at privateKey: URL, comment: String = "dossier-tests",
                                        keygen: String) throws -> (privateKey: URL, publicKey: URL) {
        try ProcessRunner.run(keygen, ["-q", "-t", type, "-N", "", "-C", comment, "-f", privateKey.path], check: true)
        return (privateKey, URL(fileURLWithPath: privateKey.path + ".pub"))
    }

    /// Generates an ed25519 host key; returns "ssh-ed25519 AAAA…".
    private static func generateHostKey(at url: URL, keygen: String) throws -> String {
        let pair = try generateKeyPair(at: url, comment: "host", keygen: keygen)
        let fields = try String(contentsOf: pair.publicKey, encoding: .utf8).split(separator: " ")
        guard fields.count >= 2 else { throw TestServerError("unexpected host public key \(pair.publicKey.path)") }
        return "\(fields[0]) \(fields[1])"
    }

    /// `SetEnv SHLVL=1`: git runs through the user's login shell (`bash -c 'git-upload-pack …'`), and
    /// Debian's bash sources ~/.bashrc when started by sshd, unless SHLVL says it is nested. A .bashrc
    /// that is slow (root's here runs `pyenv init`: +0.3 s per connection) or prints anything (which
    /// would corrupt git's protocol) then stays out of the tests.
    private static func writeConfig(to url: URL, folder: URL, port: Int) throws {
        let t = folder.path
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(t)/host_ed25519
            PidFile \(t)/sshd.pid
            AuthorizedKeysFile \(t)/authorized_keys
            StrictModes no
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin prohibit-password
            UseDNS no
            PrintMotd no
            X11Forwarding no
            AllowTcpForwarding no
            LogLevel VERBOSE
            SetEnv SHLVL=1

            """
        try Data(config.utf8).write(to: url)
    }

    /// Starts `sshd -D -e -f config`; ready = it wrote its pid file (after binding) and the port is in
    /// LISTEN state (checked without connecting: each connection costs sshd a child). Failure: the log.
    private static func launch(_ sshd: String, config: URL, folder: TemporaryFolder, port: Int) throws
        -> Result<RunningProcess, TestServerError>
    {
        let pidFile = folder.appending("sshd.pid")
        try? FileManager.default.removeItem(at: pidFile)
        let log = folder.appending("sshd.log")
        let process = try ProcessRunner.start(sshd, ["-D", "-e", "-f", config.path], in: folder.url, log: log)
        let ready = FreePort.poll(keepTrying: { process.isRunning }) {
            (try? String(contentsOf: pidFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == String(process.pid)
                && FreePort.isListening(port: port)
        }
        if ready { return .success(process) }
        process.stop(gracePeriod: 1)
        return .failure(TestServerError(process.output))
    }
}
