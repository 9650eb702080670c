import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

/// The CFA's application (`dossier ui`) in a real browser: started on an empty folder with a bare
/// Région remote beside it, walked by `ui_journey.py` in Debian's headless Chromium through Selenium
/// (every page through axe-core, kept for the Nu validator, screenshotted), then stopped by its
/// « Quitter » button. Artefacts: `test-artefacts/browser-ui/`.
@Suite("the CFA's application in a real browser", .serialized, .timeLimit(.minutes(15)))
struct CFAUIBrowserTests {
    @Test func newcomersJourney() throws {
        let dossier = try WebBrowserTests.binary()
        let work = try TemporaryFolder(prefix: "dossier-ui-browser")
        defer { work.remove() }
        let artefacts = WebBrowserTests.root.appendingPathComponent("test-artefacts/browser-ui")
        try? FileManager.default.removeItem(at: artefacts)
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)

        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "fr_FR.UTF-8"
        environment["HOME"] = work.appending("home").path
        try FileManager.default.createDirectory(at: work.appending("home"), withIntermediateDirectories: true)
        let remote = work.appending("region/0141234R.git").path
        let bare = try ProcessRunner.run("/usr/bin/git", ["init", "--quiet", "--bare", "-b", "main", remote], environment: environment)
        try #require(bare.succeeded, "git init --bare: \(bare)")

        let (server, url) = try Self.startUI(dossier, folder: work.appending("cfa").path, in: work.url, environment: environment,
                                             log: artefacts.appendingPathComponent("server.log"))
        defer { server.stop() }
        #expect(url.contains("/open?token="), "the address carries no launch key: \(url)")

        let journey = try ProcessRunner.run(
            try WebBrowserTests.python(),
            [WebBrowserTests.here.appendingPathComponent("ui_journey.py").path, "--url", url, "--out", artefacts.path,
             "--work", work.path, "--dossier", dossier, "--remote", remote],
            environment: environment, timeout: 780)
        try? journey.standardError.write(to: artefacts.appendingPathComponent("journey.log"))
        let report = try JSONDecoder().decode(WebBrowserTests.JourneyReport.self,
                                              from: Data(contentsOf: artefacts.appendingPathComponent("report.json")))
        #expect(journey.succeeded, "ui_journey.py: \(journey)")
        #expect(report.checks >= 50, "the journey made only \(report.checks) checks")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }

        // « Quitter » stopped the server: it exits 0 on its own, and the dossier is whole.
        #expect(FreePort.poll(timeout: 30, interval: 0.01, until: { !server.isRunning }), "dossier ui kept running after « Quitter »")
        #expect(server.termination?.status == 0 && server.termination?.bySignal == false, "\(server.output)")
        #expect(server.output.contains("Application arrêtée."), "\(server.output)")
        let fsck = try ProcessRunner.run("/usr/bin/git", ["-C", work.appending("cfa").path, "fsck", "--full"], environment: environment)
        #expect(fsck.succeeded, "git fsck after the journey: \(fsck)")
    }

    /// The demo's data (scripts/demo-journey.sh): Caen's dossier with ten awards, the label and a
    /// renewal requested, opened by `dossier ui` as the README's demo opens it.
    @Test func theDemosDossier() throws {
        let dossier = try WebBrowserTests.binary()
        let work = try TemporaryFolder(prefix: "dossier-ui-demo")
        defer { work.remove() }
        let artefacts = WebBrowserTests.root.appendingPathComponent("test-artefacts/browser-ui-demo")
        try? FileManager.default.removeItem(at: artefacts)
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "fr_FR.UTF-8"
        let demo = try ProcessRunner.run(WebBrowserTests.root.appendingPathComponent("scripts/demo-journey.sh").path,
                                         [dossier, work.path], environment: environment, timeout: 600)
        try #require(demo.succeeded, "the demo's journey: \(demo)")

        let (server, launch) = try Self.startUI(dossier, folder: "cfa-caen", in: work.url, environment: environment,
                                                log: artefacts.appendingPathComponent("server.log"))
        defer { server.stop() }
        let journey = try ProcessRunner.run(
            try WebBrowserTests.python(),
            [WebBrowserTests.here.appendingPathComponent("ui_journey.py").path, "--demo", "--url", launch,
             "--out", artefacts.path, "--work", work.path, "--dossier", dossier, "--remote", ""],
            environment: environment, timeout: 600)
        try? journey.standardError.write(to: artefacts.appendingPathComponent("journey.log"))
        let report = try JSONDecoder().decode(WebBrowserTests.JourneyReport.self,
                                              from: Data(contentsOf: artefacts.appendingPathComponent("report.json")))
        #expect(journey.succeeded, "ui_journey.py --demo: \(journey)")
        #expect(report.checks >= 10, "the tour made only \(report.checks) checks")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(FreePort.poll(timeout: 30, interval: 0.01, until: { !server.isRunning }), "dossier ui kept running after « Quitter »")
    }

    /// `dossier ui --no-open FOLDER` started, and the launch address it printed.
    static func startUI(_ dossier: String, folder: String, in directory: URL, environment: [String: String],
                        log: URL) throws -> (RunningProcess, String) {
        let server = try ProcessRunner.start(dossier, ["ui", "--no-open", folder], in: directory, environment: environment, log: log)
        var launch: String?
        let printed = FreePort.poll(timeout: 60, interval: 0.05, keepTrying: { server.isRunning }, until: {
            launch = server.output.split(separator: "\n").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init)
            return launch != nil
        })
        guard printed, let launch else {
            server.stop()
            throw TestServerError("dossier ui printed no address: \(server.output)")
        }
        return (server, launch)
    }
}
