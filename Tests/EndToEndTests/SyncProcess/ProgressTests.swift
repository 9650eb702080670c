import Foundation
import Testing
import TestServers

/// On a terminal, a sync shows one progress line (objects, size, rate); with `--quiet`, or when
/// stderr is not a terminal, nothing of it.
@Suite("sync progress", .timeLimit(.minutes(10)))
struct ProgressTests {
    /// Two laptops on one HTTP remote; the first has a large save not yet sent.
    struct World {
        let sandbox: SyncSandbox
        let server: SmartHTTPServer
        let token: [String: String]
        let first: URL
        let second: URL

        init() throws {
            sandbox = try SyncSandbox()
            server = try SmartHTTPServer()
            try server.createRepository("x")
            token = ["DOSSIER_TOKEN": server.password, "DOSSIER_USER": server.user]
            first = try sandbox.initDossier("first")
            try sandbox.dossierOK(["remote", "set", server.url(for: "x")], in: first)
            try sandbox.dossierOK(["sync"], in: first, environment: token)
            try sandbox.dossierOK(["clone", server.url(for: "x"), "second"], environment: token)
            second = sandbox.url("second")
        }

        func addBigSave(_ name: String) throws {
            let file = try sandbox.randomFile(name, size: 3_000_000)
            try sandbox.addAndSave(file, badge: "accessibilite", criterion: "contenus-distance", in: first, message: name)
        }

        /// Runs `dossier ARGS` in `folder` under `script`, which gives it a pseudo-terminal; returns what the
        /// terminal showed (stdout and stderr together) and the exit status.
        func onTerminal(_ arguments: [String], in folder: URL) throws -> ProcessResult {
            let command = ([sandbox.binary] + arguments).map(shellQuoted).joined(separator: " ")
            let script = try ProcessRunner.locate("script", candidates: ["/usr/bin/script"], installHint: "apt-get install util-linux")
            return try ProcessRunner.run(script, ["-qfec", command, "/dev/null"], in: folder,
                                         environment: sandbox.environment(token.merging(["SHELL": "/bin/sh", "TERM": "dumb"]) { $1 }),
                                         timeout: 60)
        }
    }

    static var progressPattern: Regex<(Substring, Substring, Substring, Substring)> { #/(Sending|Receiving): \d+/\d+ objects, [0-9.]+ (B|KiB|MiB|GiB), [0-9.]+ (B|KiB|MiB|GiB)/s/# }

    @Test func terminalShowsSendingAndReceiving() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.addBigSave("grosse-preuve.bin")

        let push = try world.onTerminal(["sync"], in: world.first)
        #expect(push.succeeded, "\(push)")
        let pushed = push.stdout
        #expect(pushed.contains("Sending: "), "terminal showed: \(pushed.debugDescription)")
        let sending = pushed.matches(of: Self.progressPattern).filter { $0.output.1 == "Sending" }
        #expect(!sending.isEmpty, "terminal showed: \(pushed.debugDescription)")
        // One line rewritten in place: carriage returns, and the last state shows every object sent.
        #expect(pushed.contains("\rSending: "), "\(pushed.debugDescription)")
        if let last = sending.last {
            let counts = last.output.0.split(separator: " ")[1].split(separator: "/")
            #expect(counts.count == 2 && counts[0] == counts[1], "last progress: \(last.output.0)")
        }
        #expect(pushed.contains("Sent: 1 save(s)"), "\(pushed.debugDescription)")

        let fetch = try world.onTerminal(["sync"], in: world.second)
        #expect(fetch.succeeded, "\(fetch)")
        let fetched = fetch.stdout
        #expect(fetched.matches(of: Self.progressPattern).contains { $0.output.1 == "Receiving" },
                "terminal showed: \(fetched.debugDescription)")
        #expect(fetched.contains("grosse-preuve"), "\(fetched.debugDescription)")
    }

    @Test func quietShowsNoProgressOnATerminal() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.addBigSave("grosse-preuve.bin")

        let push = try world.onTerminal(["sync", "--quiet"], in: world.first)
        #expect(push.succeeded, "\(push)")
        #expect(!push.stdout.contains("Sending") && !push.stdout.contains("objects"),
                "terminal showed: \(push.stdout.debugDescription)")
        let fetch = try world.onTerminal(["sync", "-q"], in: world.second)
        #expect(fetch.succeeded, "\(fetch)")
        #expect(!fetch.stdout.contains("Receiving") && !fetch.stdout.contains("objects"),
                "terminal showed: \(fetch.stdout.debugDescription)")
        // The work was done all the same.
        #expect(FileManager.default.fileExists(atPath: world.second.appendingPathComponent("badges/accessibilite/evidence/grosse-preuve.bin").path))
    }

    @Test func noProgressWhenStderrIsNotATerminal() throws {
        let world = try World()
        defer { world.server.stop() }
        try world.addBigSave("grosse-preuve.bin")

        let push = try world.sandbox.dossier(["sync"], in: world.first, environment: world.token)
        #expect(push.succeeded, "\(push)")
        #expect(push.stderr.isEmpty, "stderr: \(push.stderr.debugDescription)")
        #expect(!push.stdout.contains("Sending") && !push.stdout.contains("\r"), "\(push)")
        #expect(push.stdout.contains("Sent: 1 save(s)"), "\(push)")

        let fetch = try world.sandbox.dossier(["sync"], in: world.second, environment: world.token)
        #expect(fetch.succeeded, "\(fetch)")
        #expect(fetch.stderr.isEmpty, "stderr: \(fetch.stderr.debugDescription)")
        #expect(!fetch.stdout.contains("Receiving") && !fetch.stdout.contains("\r"), "\(fetch)")
    }
}

/// `text` quoted for /bin/sh.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
