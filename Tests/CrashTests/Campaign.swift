import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much of the campaign runs, from the environment of the test process:
/// - `DOSSIER_CRASH_SEED`: the seed (decimal); a random one otherwise. Printed first, and in every failure.
/// - `DOSSIER_CRASH_MODE=long` (bench/crash.sh): a kill at every step of every command and 10 random
///   kills each; otherwise (CI) a seeded sample of `injectedSample` steps and `randomKills` random kills.
/// - `DOSSIER_CRASH_REPORT`: a file to which each scenario appends its counts (one JSON object a line).
struct CampaignSettings: Sendable {
    let seed: UInt64
    let long: Bool
    let injectedSample: Int
    let randomKills: Int
    let reportFile: String?

    static let current: CampaignSettings = {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["DOSSIER_CRASH_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let long = environment["DOSSIER_CRASH_MODE"] == "long"
        let settings = CampaignSettings(seed: seed, long: long, injectedSample: long ? .max : 5, randomKills: long ? 10 : 2,
                                        reportFile: environment["DOSSIER_CRASH_REPORT"].flatMap { $0.isEmpty ? nil : $0 })
        print("crash campaign: seed \(seed) (replay: DOSSIER_CRASH_SEED=\(seed)), mode \(long ? "long: every step" : "CI: a sample")")
        return settings
    }()
}

/// One command under kill -9, with the fixture it runs on and what "the next command" must achieve.
struct CrashScenario: Sendable, CustomTestStringConvertible {
    let name: String
    /// The test that runs it (`CrashTests/<test>` for `swift test --filter`).
    let test: String
    /// Where the command runs, relative to the lab's `work/`.
    let folder: String
    let command: [String]
    /// Builds the fixture in `work/` and records, in the lab's ledger, every save that succeeded.
    let build: @Sendable (CrashLab) throws -> Void
    /// After a kill: the next command of the same kind, without hand repair. Returns why it failed, nil
    /// when it succeeded (and records in the ledger what it saved).
    let recover: @Sendable (CrashLab) throws -> String?
    /// Once recovered, that the command's work is complete (e.g. the remote holds every save).
    let complete: @Sendable (CrashLab) throws -> [String]

    var testDescription: String { name }
}

/// Counts of one scenario's campaign.
struct ScenarioReport: Sendable, Codable {
    var scenario: String
    var command: String
    var seed: UInt64
    var mode: String
    var steps = 0
    /// Threads and processes the counting trace shows.
    var threads = 0
    var injected = 0
    var randomKills = 0
    var notReached = 0
    var passed = 0
    var failed = 0
    var seconds = 0.0
    var failures: [String] = []
    /// The kills that found the command already finished (a step its traced run made and this run did
    /// not, or a random moment after its end).
    var missed: [String] = []

    var row: String {
        "| \(scenario) | \(steps) | \(threads) | \(injected) | \(randomKills) | \(passed) | \(failed) | \(notReached) | \(String(format: "%.0f", seconds)) s |"
    }
    static let header = "| scenario | steps found | threads | injected kills | random kills | passed | failed | not reached | time |\n|---|---|---|---|---|---|---|---|---|"
}

enum Campaign {
    /// Runs the whole campaign of one scenario and records an issue per kill after which an invariant broke.
    static func run(_ scenario: CrashScenario, settings: CampaignSettings = .current) throws {
        guard let strace = Strace.executable else {
            Issue.record("strace is not installed (scripts/install-deps.sh installs it)")
            return
        }
        let started = Date()
        let lab = try CrashLab()
        defer { lab.remove() }
        let binary = try lab.binary()
        var report = ScenarioReport(scenario: scenario.name, command: "dossier " + scenario.command.joined(separator: " "),
                                    seed: settings.seed, mode: settings.long ? "long" : "ci")
        var random = SeededGenerator(seed: settings.seed ^ stableHash(scenario.name))

        try scenario.build(lab)
        lab.templateLedger = lab.ledger
        try lab.keepAsTemplate()
        let fixtureBroken = lab.checkInvariants()
        try #require(fixtureBroken.isEmpty, "the fixture already breaks the invariants: \(fixtureBroken)")

        // The counting run: every step the command makes, traced, not killed.
        let trace = lab.folder.appending("trace.txt")
        let counting = try ProcessRunner.run(strace, Strace.arguments(trace: trace, step: nil, command: [binary] + scenario.command),
                                             in: lab.url(scenario.folder), environment: lab.environment, timeout: 300)
        try #require(counting.succeeded, "the command fails on the fixture, before any kill: \(counting)")
        let traceText = (try? String(contentsOf: trace, encoding: .utf8)) ?? ""
        let steps = Strace.steps(in: traceText)
        report.steps = steps.count
        report.threads = Strace.threadCount(in: traceText)

        // How long the command takes untraced: the range of the random kills.
        try lab.restore()
        let clock = Date()
        let plain = try lab.dossier(scenario.command, in: scenario.folder)
        let duration = Date().timeIntervalSince(clock)
        try #require(plain.succeeded, "the command fails on a copy of the fixture: \(plain)")

        var chosen = Array(steps.indices)
        if chosen.count > settings.injectedSample {
            chosen.shuffle(using: &random)
            chosen = Array(chosen.prefix(settings.injectedSample)).sorted()
        }
        var kills: [(label: String, step: SyscallStep?, delay: Double?)] = chosen.map { ("step \($0 + 1)/\(steps.count)", steps[$0], nil) }
        for index in 0..<settings.randomKills {
            kills.append(("random kill \(index + 1)/\(settings.randomKills)", nil, Double.random(in: 0..<duration, using: &random)))
        }

        for plan in kills {
            try lab.restore()
            lab.ledger = lab.templateLedger
            let replayCommand: String
            let landed: String?
            if let step = plan.step {
                report.injected += 1
                let arguments = Strace.arguments(trace: trace, step: step, command: [binary] + scenario.command)
                replayCommand = "strace " + arguments.map(shellQuoted).joined(separator: " ")
                let result = try ProcessRunner.run(strace, arguments, in: lab.url(scenario.folder), environment: lab.environment, timeout: 300)
                landed = Strace.killedCall(in: (try? String(contentsOf: trace, encoding: .utf8)) ?? "")
                if landed == nil && result.succeeded {
                    report.notReached += 1
                    report.missed.append("\(plan.label): \(step.description)")
                    continue
                }
            } else {
                report.randomKills += 1
                let delay = plan.delay ?? 0
                replayCommand = "dossier \(scenario.command.map(shellQuoted).joined(separator: " ")) killed \(Int(delay * 1000)) ms after its start"
                let process = try ProcessRunner.start(binary, scenario.command, in: lab.url(scenario.folder), environment: lab.environment,
                                                      log: lab.folder.appending("random.log"))
                usleep(useconds_t(delay * 1_000_000))
                let wasRunning = process.isRunning
                if wasRunning { kill(process.pid, SIGKILL) }
                _ = process.waitForExit(timeout: 60)
                process.stop()
                landed = wasRunning ? "at \(Int(delay * 1000)) ms" : nil
                if !wasRunning {
                    report.notReached += 1
                    report.missed.append("\(plan.label): finished before \(Int(delay * 1000)) ms")
                    continue
                }
            }

            var broken = lab.checkInvariants().map { "after the kill: " + $0 }
            if let failure = try scenario.recover(lab) {
                broken.append("the next command failed: \(failure)")
            } else {
                broken += lab.checkInvariants().map { "after the next command: " + $0 }
                broken += try scenario.complete(lab).map { "after the next command: " + $0 }
            }
            if broken.isEmpty {
                report.passed += 1
            } else {
                report.failed += 1
                let text = """
                    crash campaign «\(scenario.name)», \(plan.label), seed \(settings.seed) \
                    (replay: DOSSIER_CRASH_SEED=\(settings.seed) swift test --skip-build --filter CrashTests/\(scenario.test))
                      command (in \(scenario.folder)/): \(replayCommand)
                      injected: \(plan.step.map(\.description) ?? "random kill")
                      landed: \(landed ?? "?")
                      broken: \(broken.joined(separator: "\n              "))
                    """
                // The lab's temporary folder is gone after the test: show paths relative to it.
                report.failures.append(text.replacingOccurrences(of: lab.work.path + "/", with: "")
                    .replacingOccurrences(of: lab.folder.path, with: "$LAB"))
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        publish(report, settings: settings)
        for failure in report.failures.prefix(8) { Issue.record(Comment(rawValue: failure)) }
        if report.failures.count > 8 { Issue.record("… and \(report.failures.count - 8) more kill(s) broke an invariant") }
    }

    /// Prints the scenario's row (and its failures) and appends it to the report file.
    static func publish(_ report: ScenarioReport, settings: CampaignSettings) {
        var text = "crash campaign «\(report.scenario)» (\(report.command)), seed \(report.seed), \(report.threads) thread(s) traced\n"
        text += ScenarioReport.header + "\n" + report.row + "\n"
        for missed in report.missed { text += "not reached: " + missed + "\n" }
        for failure in report.failures { text += failure + "\n" }
        print(text, terminator: "")
        guard let file = settings.reportFile, let line = try? JSONEncoder().encode(report) else { return }
        let handle = FileHandle(forWritingAtPath: file) ?? {
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            return FileHandle(forWritingAtPath: file)
        }()
        handle?.seekToEndOfFile()
        handle?.write(line + Data("\n".utf8))
        try? handle?.close()
    }
}

func shellQuoted(_ text: String) -> String {
    text.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@+".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
