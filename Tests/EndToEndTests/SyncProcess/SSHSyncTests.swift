import Foundation
import Testing
import TestServers

/// `dossier sync` over ssh (OpenSSH's sshd on 127.0.0.1, ed25519 keys), with known_hosts checks.
@Suite("sync over ssh", .timeLimit(.minutes(10)))
struct SSHSyncTests {
    /// A dossier with its remote set to a new bare repository on a fresh sshd.
    struct World {
        let sandbox: SyncSandbox
        let server: SSHServer
        let remote: BareRemote
        let url: String
        let dossier: URL

        init() throws {
            sandbox = try SyncSandbox()
            server = try SSHServer()
            remote = try server.createRepository("x")
            url = server.url(for: "x")
            dossier = try sandbox.initDossier()
            let set = try sandbox.dossierOK(["remote", "set", url], in: dossier)
            #expect(set.stdout.contains(url))
        }

        func trustServer() throws { try server.writeKnownHosts(to: sandbox.knownHosts) }
        func knownHostsText() throws -> String { try String(contentsOf: sandbox.knownHosts, encoding: .utf8) }
        func head() throws -> String? { try sandbox.revParse("HEAD", in: dossier) }
    }

    @Test func keyFromOptionAndKnownHost() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.trustServer()
        let run = try world.sandbox.dossier(["sync", "--ssh-key", world.server.clientPrivateKeyPath], in: world.dossier)
        try #require(run.succeeded, "\(run)\nsshd log:\n\(world.server.log)")
        #expect(try serverMain(world.remote) == world.head())
        try world.remote.fsck()
        // known_hosts is left as it was.
        #expect(try world.knownHostsText() == world.server.knownHostsLine + "\n")
    }

    @Test func keyFromEnvironment() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.trustServer()
        let run = try world.sandbox.dossier(["sync"], in: world.dossier,
                                            environment: ["DOSSIER_SSH_KEY": world.server.clientPrivateKeyPath])
        try #require(run.succeeded, "\(run)\nsshd log:\n\(world.server.log)")
        #expect(try serverMain(world.remote) == world.head())

        // Clone over ssh with the same key.
        let clone = try world.sandbox.dossier(["clone", world.url, "laptop2"],
                                              environment: ["DOSSIER_SSH_KEY": world.server.clientPrivateKeyPath])
        #expect(clone.succeeded, "\(clone)")
        #expect(try world.sandbox.revParse("HEAD", in: world.sandbox.url("laptop2")) == world.head())
    }

    /// The usual key file, ~/.ssh/id_ed25519, is used when nothing else is given.
    @Test func keyFromHomeSSHFolder() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.trustServer()
        let ssh = world.sandbox.home.appendingPathComponent(".ssh")
        try FileManager.default.createDirectory(at: ssh, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: world.server.clientPrivateKeyPath, toPath: ssh.appendingPathComponent("id_ed25519").path)
        try FileManager.default.copyItem(atPath: world.server.clientPublicKeyPath, toPath: ssh.appendingPathComponent("id_ed25519.pub").path)
        let run = try world.sandbox.dossier(["sync"], in: world.dossier)
        #expect(run.succeeded, "\(run)")
        #expect(try serverMain(world.remote) == world.head())
    }

    /// An empty known_hosts: refused (exit 3, "unknown ssh host" with the key's fingerprint), nothing changed.
    @Test func unknownHostIsRefused() throws {
        let world = try World()
        defer { world.server.stop() }
        let before = try snapshot(world.dossier, excluding: [".git/dossier"])
        let run = try world.sandbox.dossier(["sync", "--ssh-key", world.server.clientPrivateKeyPath], in: world.dossier, timeout: 30)
        #expect(run.exited(with: 3), "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("unknown ssh host"), "\(run)")
        #expect(run.stderr.contains("[127.0.0.1]:\(world.server.port)"), "\(run)")
        // The fingerprint shown is the one ssh-keygen computes.
        let keygen = try ProcessRunner.run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", world.server.hostPublicKeyPath], check: true)
        let fingerprint = try #require(keygen.stdout.split(separator: " ").first { $0.hasPrefix("SHA256:") })
        #expect(run.stderr.contains(String(fingerprint)), "ssh-keygen says \(fingerprint): \(run)")
        #expect(try world.knownHostsText().isEmpty)
        #expect(try world.remote.refs().isEmpty)
        #expect(differences(before, try snapshot(world.dossier, excluding: [".git/dossier"])).isEmpty)
    }

    /// `--accept-new-host` trusts a host never seen: the sync works and known_hosts gets its line.
    @Test func acceptNewHostRecordsTheKey() throws {
        let world = try World()
        defer { world.server.stop() }
        let run = try world.sandbox.dossier(["sync", "--accept-new-host", "--ssh-key", world.server.clientPrivateKeyPath],
                                            in: world.dossier)
        try #require(run.succeeded, "\(run)")
        #expect(try serverMain(world.remote) == world.head())
        let lines = try world.knownHostsText().split(separator: "\n").map(String.init)
        #expect(lines == [world.server.knownHostsLine], "known_hosts: \(lines)")

        // OpenSSH's own client accepts the line dossier wrote (strict checking against that file only).
        let ls = try world.sandbox.git.result(["ls-remote", world.url], environment: [
            "GIT_SSH_COMMAND": world.server.sshCommand(knownHostsFile: world.sandbox.knownHosts),
        ])
        #expect(ls.succeeded, "\(ls)")

        // Later syncs need no option: the host is now known.
        let again = try world.sandbox.dossier(["sync", "--ssh-key", world.server.clientPrivateKeyPath], in: world.dossier)
        #expect(again.succeeded, "\(again)")
        #expect(try world.knownHostsText().split(separator: "\n").count == 1)
    }

    /// known_hosts as OpenSSH often keeps it: hashed names (`ssh-keygen -H`), other hosts' lines around.
    @Test func hashedKnownHostsEntry() throws {
        let world = try World()
        defer { world.server.stop() }
        let other = try SSHServer.generateKeyPair(at: world.sandbox.url("other_host"))
        let otherKey = try String(contentsOf: other.publicKey, encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try world.server.writeKnownHosts(to: world.sandbox.knownHosts, extraLines: ["# a comment", "gitlab.example.fr \(otherKey)"])
        try ProcessRunner.run("/usr/bin/ssh-keygen", ["-H", "-f", world.sandbox.knownHosts.path], check: true)
        let hashed = try world.knownHostsText()
        #expect(hashed.contains("|1|") && !hashed.contains("127.0.0.1"), "not hashed: \(hashed)")

        let run = try world.sandbox.dossier(["sync", "--ssh-key", world.server.clientPrivateKeyPath], in: world.dossier)
        #expect(run.succeeded, "\(run)")
        #expect(try world.knownHostsText() == hashed)
    }

    /// Without DOSSIER_KNOWN_HOSTS, ~/.ssh/known_hosts is used (and created by --accept-new-host).
    @Test func defaultKnownHostsFile() throws {
        let world = try World()
        defer { world.server.stop() }
        let standard = world.sandbox.home.appendingPathComponent(".ssh/known_hosts")
        let key = ["--ssh-key", world.server.clientPrivateKeyPath]
        let noOverride = ["DOSSIER_KNOWN_HOSTS": SyncSandbox.unset]
        let refused = try world.sandbox.dossier(["sync"] + key, in: world.dossier, environment: noOverride, timeout: 30)
        #expect(refused.exited(with: 3) && refused.stderr.contains("unknown ssh host"), "\(refused)")
        let accepted = try world.sandbox.dossier(["sync", "--accept-new-host"] + key, in: world.dossier, environment: noOverride)
        #expect(accepted.succeeded, "\(accepted)")
        let text = try String(contentsOf: standard, encoding: .utf8)
        #expect(text == world.server.knownHostsLine + "\n", "~/.ssh/known_hosts: \(text)")
        #expect(try world.knownHostsText().isEmpty)
    }

    /// A host whose key changed is refused, even with --accept-new-host, and known_hosts is kept.
    @Test func changedHostKeyIsRefused() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.trustServer()
        let key = ["--ssh-key", world.server.clientPrivateKeyPath]
        try world.sandbox.dossierOK(["sync"] + key, in: world.dossier)
        let trusted = try world.knownHostsText()

        try world.server.regenerateHostKey()
        let file = try world.sandbox.randomFile("note.bin", size: 512)
        try world.sandbox.addAndSave(file, badge: "tutorat", criterion: "outils-distance", in: world.dossier, message: "Note")
        let serverBefore = try serverMain(world.remote)
        let before = try snapshot(world.dossier, excluding: [".git/dossier"])

        for extra in [[], ["--accept-new-host"]] {
            let run = try world.sandbox.dossier(["sync"] + key + extra, in: world.dossier, timeout: 30)
            #expect(run.exited(with: 3), "\(extra): \(run)")
            #expect(run.stderrLines.count == 1, "\(run)")
            #expect(run.stderr.contains("host key"), "\(run)")
            #expect(run.stderr.contains("changed"), "\(run)")
            #expect(run.stderr.contains("[127.0.0.1]:\(world.server.port)"), "\(run)")
            #expect(try world.knownHostsText() == trusted, "known_hosts was changed by \(extra)")
            #expect(try serverMain(world.remote) == serverBefore)
            #expect(differences(before, try snapshot(world.dossier, excluding: [".git/dossier"])).isEmpty)
        }
    }

    /// A key the server does not know: exit 3 "authentication refused", promptly.
    @Test func wrongClientKeyIsRefusedPromptly() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.trustServer()
        let other = try SSHServer.generateKeyPair(at: world.sandbox.url("intruder_ed25519"))
        let run = try world.sandbox.dossier(["sync", "--ssh-key", other.privateKey.path], in: world.dossier, timeout: 30)
        #expect(run.exited(with: 3), "\(run)")
        #expect(run.seconds < 20, "took \(run.seconds) s")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.stderr.contains("authentication refused"), "\(run)")
        #expect(try world.remote.refs().isEmpty)

        // No key at all (no option, no agent, no ~/.ssh): refused too.
        let none = try world.sandbox.dossier(["sync"], in: world.dossier, timeout: 30)
        #expect(none.exited(with: 3), "\(none)")
        #expect(none.stderr.contains("authentication refused"), "\(none)")
        #expect(none.seconds < 20)

    }

    /// `--ssh-key` naming a file that does not exist: a clear one-line error that names the file.
    @Test func missingKeyFile() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.trustServer()
        let path = world.sandbox.url("no-such-key").path
        let run = try world.sandbox.dossier(["sync", "--ssh-key", path], in: world.dossier, timeout: 30)
        #expect(!run.succeeded && !run.result.terminatedBySignal && !run.result.timedOut, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.seconds < 20)
        #expect(try world.remote.refs().isEmpty)
        do {
            #expect(run.stderr.contains(path), "\(run)")
        }
    }

    /// scp-like addresses (`user@host:/path`) parse; they cannot carry a port, so they go to port 22.
    @Test func scpLikeAddress() throws {
        let sandbox = try SyncSandbox()
        let dossier = try sandbox.initDossier()
        let address = "git@127.0.0.1:/srv/region/caen.git"
        let set = try sandbox.dossierOK(["remote", "set", address], in: dossier)
        #expect(set.stdout.contains(address), "\(set)")
        let show = try sandbox.dossierOK(["remote", "show"], in: dossier)
        #expect(show.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == address)
        let json = try sandbox.dossierOK(["remote", "show", "--json"], in: dossier)
        #expect(json.stdout.contains(address))

        let before = try snapshot(dossier, excluding: [".git/dossier"])
        let run = try sandbox.dossier(["sync"], in: dossier, timeout: 30)
        if FreePort.isAcceptingConnections(port: 22) {
            // Something listens on 22: its host key is unknown here (3), or it is not ssh (2).
            #expect(run.exited(with: 3) || run.exited(with: 2), "\(run)")
        } else {
            #expect(run.exited(with: 2), "\(run)")
            #expect(run.stderr.contains("unreachable"), "\(run)")
        }
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(differences(before, try snapshot(dossier, excluding: [".git/dossier"])).isEmpty)
    }
}
