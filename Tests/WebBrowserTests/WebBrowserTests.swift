import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

/// The reviewers' web application in a real browser: the demo's hub plus hostile and varied evidence
/// (fixture.sh), served by `dossier hub serve` on loopback, walked by `journey.py` in Debian's headless
/// Chromium through Selenium (every page through axe-core, kept for the Nu validator, screenshotted).
/// Artefacts (screenshots, pages, report.json, the server's log): `test-artefacts/browser/`.
@Suite("the reviewers' web application in a real browser", .serialized, .timeLimit(.minutes(15)))
struct WebBrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let here = root.appendingPathComponent("Tests/WebBrowserTests")

    static func binary() throws -> String {
        try ProcessRunner.locate("dossier", candidates: [
            ProcessInfo.processInfo.environment["DOSSIER_BIN"] ?? "",
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dossier").path,
            root.appendingPathComponent(".build/debug/dossier").path,
        ].filter { !$0.isEmpty }, installHint: "swift build --product dossier")
    }

    static func python() throws -> String {
        try ProcessRunner.locate("python", candidates: [root.appendingPathComponent(".build-venv/bin/python").path],
                                 installHint: "scripts/install-deps.sh makes .build-venv")
    }

    @Test func reviewersJourney() throws {
        let dossier = try Self.binary()
        let work = try TemporaryFolder(prefix: "dossier-browser")
        defer { work.remove() }
        let artefacts = Self.root.appendingPathComponent("test-artefacts/browser")
        try? FileManager.default.removeItem(at: artefacts)
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)

        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let fixture = try ProcessRunner.run(Self.here.appendingPathComponent("fixture.sh").path, [dossier, work.path],
                                            environment: environment, timeout: 600)
        try #require(fixture.succeeded, "the fixture: \(fixture)")

        let port = try FreePort.find()
        let server = try ProcessRunner.start(dossier, ["hub", "serve", "--listen", "127.0.0.1:\(port)"],
                                             in: work.appending("hub"), environment: environment,
                                             log: artefacts.appendingPathComponent("server.log"))
        defer { server.stop() }
        try #require(FreePort.poll(timeout: 60, interval: 0.05, keepTrying: { server.isRunning },
                                   until: { FreePort.isAcceptingConnections(port: port) }),
                     "hub serve did not start: \(server.output)")

        let journey = try ProcessRunner.run(
            try Self.python(),
            [Self.here.appendingPathComponent("journey.py").path, "--base", "http://127.0.0.1:\(port)",
             "--out", artefacts.path, "--work", work.path, "--dossier", dossier],
            environment: environment, timeout: 780)
        try? journey.standardError.write(to: artefacts.appendingPathComponent("journey.log"))
        let reportData = try Data(contentsOf: artefacts.appendingPathComponent("report.json"))
        let report = try JSONDecoder().decode(JourneyReport.self, from: reportData)
        #expect(journey.succeeded, "journey.py: \(journey)")
        #expect(report.checks >= 60, "the journey made only \(report.checks) checks")
        for failure in report.failures {
            Issue.record(Comment(rawValue: failure))
        }

        // SIGTERM: requests in flight finish, the server exits 0, the store is intact.
        kill(server.pid, SIGTERM)
        #expect(FreePort.poll(timeout: 30, interval: 0.01, until: { !server.isRunning }), "hub serve ignored SIGTERM")
        #expect(server.termination?.status == 0 && server.termination?.bySignal == false, "\(server.output)")
        let check = try ProcessRunner.run("/usr/bin/sqlite3", [work.appending("hub/review.sqlite").path, "PRAGMA integrity_check"])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(check)")
    }

    struct JourneyReport: Decodable {
        let checks: Int
        let failures: [String]
        let pages: [String]
    }
}
