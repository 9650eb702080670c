import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished process left: its status and everything it wrote.
public struct ProcessResult: Sendable, CustomStringConvertible {
    public let executable: String
    public let arguments: [String]
    /// The exit status, or the signal number when `terminatedBySignal`.
    public let status: Int32
    public let terminatedBySignal: Bool
    /// True when `ProcessRunner.run` had to kill the process because its timeout passed.
    public let timedOut: Bool
    public let standardOutput: Data
    public let standardError: Data

    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }
    /// Exit status 0, not killed, not timed out.
    public var succeeded: Bool { status == 0 && !terminatedBySignal && !timedOut }
    public var commandLine: String { ([executable] + arguments).joined(separator: " ") }
    /// Standard output without the white space and line breaks around it.
    public var trimmed: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
    /// The non-empty lines of standard output.
    public var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    public var description: String {
        var text = "`\(commandLine)` "
        if timedOut { text += "timed out and was killed" }
        else if terminatedBySignal { text += "was killed by signal \(status)" }
        else { text += "exited with status \(status)" }
        if !stderr.isEmpty { text += "\nstderr:\n\(stderr)" }
        if !stdout.isEmpty { text += "\nstdout:\n\(stdout)" }
        return text
    }
}

/// A command that did not succeed (see `ProcessRunner.run(..., check: true)`).
public struct ProcessFailure: Error, CustomStringConvertible {
    public let result: ProcessResult
    public var description: String { result.description }
}

/// Errors of the test servers and helpers (missing tool, server that does not start, …).
public struct TestServerError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Runs commands, with `posix_spawn` and `waitpid` rather than Foundation's `Process`: on Linux,
/// swift-corelibs-foundation watches each child through an inherited socket and, when that socket closes,
/// blocks its single monitoring thread in `waitpid` for that child. A child that closes its inherited
/// descriptors while it keeps running (sshd does, at start-up) therefore freezes every `Process` of the
/// whole test binary. Here every child is reaped by the code that started it.
///
/// Children get: standard input `/dev/null` (or a file); standard output and error to files (never pipes: a grandchild
/// that keeps a descriptor open cannot block the caller, and large outputs cannot deadlock); no other
/// descriptor of the test process; an empty signal mask and default signal dispositions.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` to completion and returns its status and output.
    /// - Parameters:
    ///   - directory: working directory (default: the caller's).
    ///   - environment: the complete environment of the process (default: the caller's).
    ///   - timeout: after this many seconds the process gets SIGTERM, then SIGKILL 2 s later, and the
    ///     result has `timedOut == true`. `nil` waits forever.
    ///   - input: standard input (default: `/dev/null`).
    ///   - check: when true, throws `ProcessFailure` unless the result `succeeded`.
    @discardableResult
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        input: Data? = nil,
        timeout: TimeInterval? = 120,
        check: Bool = false
    ) throws -> ProcessResult {
        let scratch = try TemporaryFolder(prefix: "process-output")
        defer { scratch.remove() }
        let outURL = scratch.appending("stdout"), errURL = scratch.appending("stderr")
        var inputPath = "/dev/null"
        if let input {
            inputPath = scratch.appending("stdin").path
            try input.write(to: URL(fileURLWithPath: inputPath))
        }
        let pid = try Spawner.spawn(executable, arguments, directory: directory, environment: environment,
                                    standardInput: inputPath, standardOutput: outURL.path,
                                    standardError: errURL.path, append: false)
        let watch = ChildWatch(pid: pid)
        if let timeout {
            timeouts.asyncAfter(deadline: .now() + max(0, timeout)) {
                guard watch.signalIfRunning(SIGTERM, timingOut: true) else { return }
                timeouts.asyncAfter(deadline: .now() + 2) { _ = watch.signalIfRunning(SIGKILL) }
            }
        }
        Spawner.waitWithoutReaping(pid)  // the PID stays ours (a zombie) until reaped: safe to signal
        let timedOut = watch.finish()
        let status = Spawner.reap(pid)
        let decoded = Spawner.decode(status)
        let result = ProcessResult(
            executable: executable,
            arguments: arguments,
            status: decoded.code,
            terminatedBySignal: decoded.signaled,
            timedOut: timedOut,
            standardOutput: (try? Data(contentsOf: outURL)) ?? Data(),
            standardError: (try? Data(contentsOf: errURL)) ?? Data()
        )
        if check && !result.succeeded { throw ProcessFailure(result: result) }
        return result
    }

    /// Timeouts fire on a queue of their own (a label queue has its own thread), not on the global pool
    /// that Swift concurrency's tests are blocking in `waitpid`.
    private static let timeouts = DispatchQueue(label: "TestServers.ProcessRunner.timeouts")

    /// Starts a long-running process whose standard output and error are appended to `log`
    /// (or discarded when `log` is nil). Stop it with `RunningProcess.stop()`; it is stopped on deinit too.
    /// It leads a process group of its own, which `stop()` ends whole (forked workers included), and
    /// which `ServerGroups`' watchdog ends if this test process dies first (a crash, a kill, Ctrl-C).
    public static func start(
        _ executable: String,
        _ arguments: [String] = [],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        log: URL? = nil
    ) throws -> RunningProcess {
        let path = log?.path ?? "/dev/null"
        let pid = try ServerGroups.shared.spawn {
            try Spawner.spawn(executable, arguments, directory: directory, environment: environment,
                              standardInput: "/dev/null", standardOutput: path, standardError: nil,
                              append: true, newGroup: true)
        }
        return RunningProcess(pid: pid, executable: executable, arguments: arguments, log: log)
    }

    /// The first of `candidates` (absolute paths) that is executable, else `name` found in `PATH`.
    /// Throws with `installHint` when there is none.
    public static func locate(_ name: String, candidates: [String] = [], installHint: String) throws -> String {
        let fileManager = FileManager.default
        if let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0) }) { return found }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if fileManager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestServerError("\(name) not found (\(installHint))")
    }
}

/// A process started by `ProcessRunner.start`. Stopped (SIGTERM, then SIGKILL after a bounded wait) and
/// reaped by `stop()` or on deinit.
public final class RunningProcess: @unchecked Sendable {
    public let pid: Int32
    public let executable: String
    public let arguments: [String]
    /// Where standard output and error go, if anywhere.
    public let log: URL?

    private let lock = NSLock()
    private var waitStatus: Int32?  // set once reaped
    private var groupEnded = false

    init(pid: Int32, executable: String, arguments: [String], log: URL?) {
        self.pid = pid
        self.executable = executable
        self.arguments = arguments
        self.log = log
    }

    deinit { stop() }

    /// False once the process has exited (it is then reaped).
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !reapIfExited()
    }

    /// How the process ended (exit status, or signal number when `bySignal`); nil while it runs.
    public var termination: (status: Int32, bySignal: Bool)? {
        lock.lock()
        defer { lock.unlock() }
        guard reapIfExited(), let waitStatus else { return nil }
        let decoded = Spawner.decode(waitStatus)
        return (decoded.code, decoded.signaled)
    }

    /// The log's content so far ("" without a log).
    public var output: String {
        guard let log, let data = try? Data(contentsOf: log) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits (polling every 5 ms) up to `timeout` seconds for the process to exit by itself; true if it
    /// did (it is then reaped).
    public func waitForExit(timeout: TimeInterval) -> Bool {
        FreePort.poll(timeout: timeout, interval: 0.005) { !isRunning }
    }

    /// PIDs of the process's children right now (Linux: `/proc/PID/task/*/children`; elsewhere empty).
    public var children: [Int32] { Self.children(of: pid) }

    /// PIDs of all the process's descendants right now, deepest first (Linux only; elsewhere empty).
    public var descendants: [Int32] {
        var found: [Int32] = []
        func visit(_ parent: Int32) {
            for child in Self.children(of: parent) {
                visit(child)
                found.append(child)
            }
        }
        visit(pid)
        return found
    }

    /// True while `pid` exists and is not a zombie (Linux: state in `/proc/PID/stat`).
    static func isLive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: end)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// Sends SIGTERM, waits up to `gracePeriod` seconds (polling every 5 ms), then SIGKILL; always waits
    /// for the exit and reaps. Idempotent. Returns the exit status (or the signal number).
    ///
    /// `childrenGracePeriod` > 0 is for servers that fork per connection (sshd, fcgiwrap) and do not
    /// wait for those children when told to stop: a child still running would be orphaned, and orphans
    /// are reaped late here (PID 1 reaps lazily), or keep running. So first wait up to that long for the
    /// process to have no child left; then signal the live leaves of its process tree, one generation
    /// per round (SIGTERM for 5 rounds, then SIGKILL; up to 1 s per round): a parent must outlive its
    /// child to reap it. Only then stop the process. Last, whatever is left of the process group it led
    /// (workers it forked and orphaned on its way out) gets SIGTERM, then SIGKILL: nothing it started
    /// outlives `stop()`, except what moved to a session of its own (sshd's per-connection processes,
    /// which the leaves' round above ends).
    @discardableResult
    public func stop(gracePeriod: TimeInterval = 5, childrenGracePeriod: TimeInterval = 0) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if !reapIfExited() {
            if childrenGracePeriod > 0
                && !FreePort.poll(timeout: childrenGracePeriod, interval: 0.005, until: { children.isEmpty })
            {
                // Live leaves first, one generation at a time, so that each parent can reap its child.
                // A parent that does not reap (e.g. git http-backend spinning) is a leaf the round after.
                for round in 0..<8 {
                    let live = descendants.filter { Self.isLive($0) }
                    if live.isEmpty { break }
                    let leaves = live.filter { !Self.children(of: $0).contains(where: Self.isLive) }
                    for leaf in leaves { kill(leaf, round < 5 ? SIGTERM : SIGKILL) }
                    _ = FreePort.poll(timeout: 1, interval: 0.005) { !leaves.contains(where: Self.isLive) }
                }
                _ = FreePort.poll(timeout: 3, interval: 0.005) { children.isEmpty }
            }
            kill(pid, SIGTERM)
            let attempts = max(1, Int((gracePeriod / 0.005).rounded(.up)))
            for _ in 0..<attempts {
                if reapIfExited() { break }
                usleep(5_000)
            }
            if !reapIfExited() {
                kill(pid, SIGKILL)
                waitStatus = Spawner.reap(pid)
            }
        }
        endGroup(gracePeriod: min(gracePeriod, 2))
        return Spawner.decode(waitStatus ?? 0).code
    }

    /// Call with `lock` held, once the leader is reaped. Ends what is left of the process group the
    /// process led (`ProcessRunner.start` makes one per process): workers the leader forked and did not
    /// stop (fcgiwrap's `-c N` workers outlive a SIGTERM of their parent, orphaned), and their children.
    /// SIGTERM, then SIGKILL after `gracePeriod`; returns once none is left alive. Idempotent.
    private func endGroup(gracePeriod: TimeInterval) {
        guard !groupEnded else { return }
        groupEnded = true
        if !Self.groupMembers(pid).isEmpty {
            kill(-pid, SIGTERM)
            if !FreePort.poll(timeout: gracePeriod, interval: 0.005, until: { Self.groupMembers(pid).isEmpty }) {
                kill(-pid, SIGKILL)
                _ = FreePort.poll(timeout: 5, interval: 0.005) { Self.groupMembers(pid).isEmpty }
            }
        }
        ServerGroups.shared.forget(pid)
    }

    /// The live (not zombie) processes of process group `group` (Linux: field 5 of `/proc/PID/stat`).
    static func groupMembers(_ group: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let candidate = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let end = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            // fields[0] state, [1] ppid, [2] pgrp
            guard fields.count > 2, fields[0] != "Z", fields[0] != "X", Int32(fields[2]) == group else { return nil }
            return candidate
        }
    }

    /// Call with `lock` held. True when the process has exited (and is now reaped).
    private func reapIfExited() -> Bool {
        if waitStatus != nil { return true }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { waitStatus = status; return true }
            if result == 0 { return false }
            if errno == EINTR { continue }
            waitStatus = -1 << 8  // ECHILD: reaped elsewhere; status unknown
            return true
        }
    }
}

/// Guards the signals a timeout sends against the end of the process (no signal to a reused PID).
private final class ChildWatch: @unchecked Sendable {
    let pid: Int32
    private let lock = NSLock()
    private var finished = false
    private var timedOut = false

    init(pid: Int32) { self.pid = pid }

    /// Sends `signal` unless the process has finished; returns whether it did.
    func signalIfRunning(_ signal: Int32, timingOut: Bool = false) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return false }
        if timingOut { timedOut = true }
        kill(pid, signal)
        return true
    }

    /// Marks the process finished; returns whether the timeout fired.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return timedOut
    }
}

/// posix_spawn with the file actions and attributes described on `ProcessRunner`.
enum Spawner {
    /// Set by scripts/test.sh to a token of the run; passed on to every process spawned here.
    static let runMarkVariable = "DOSSIER_TEST_RUN"

    #if canImport(Glibc)
    typealias Actions = posix_spawn_file_actions_t
    typealias Attributes = posix_spawnattr_t
    #else
    typealias Actions = posix_spawn_file_actions_t?
    typealias Attributes = posix_spawnattr_t?
    #endif
    // The _np file actions are not visible to Swift through Glibc (they need _GNU_SOURCE): look them up.
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<Actions>, Int32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<Actions>, UnsafePointer<CChar>) -> Int32

    nonisolated(unsafe) private static let library = dlopen(nil, RTLD_NOW)
    private static let addCloseFrom: AddCloseFrom? = dlsym(library, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }
    private static let addChdir: AddChdir? = dlsym(library, "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }

    /// Starts the process; `standardError` nil means "same file as standard output".
    /// `newGroup`: the child leads a process group of its own (its id is the child's PID), which every
    /// process it forks joins unless it calls setsid: `RunningProcess.stop()` ends that whole group, and
    /// a terminal's Ctrl-C (sent to the test's group) does not reach it (`ServerGroups` does instead).
    /// `inputDescriptor`: standard input is this descriptor instead of the file `standardInput`.
    static func spawn(
        _ executable: String, _ arguments: [String], directory: URL?, environment: [String: String]?,
        standardInput: String, standardOutput: String, standardError: String?, append: Bool,
        newGroup: Bool = false, inputDescriptor: Int32? = nil
    ) throws -> pid_t {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestServerError("cannot start \(executable): not an executable file")
        }
        var actions = Actions()
        var attributes = Attributes()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }

        if let directory {
            guard let addChdir else { throw TestServerError("posix_spawn_file_actions_addchdir_np is missing") }
            guard addChdir(&actions, directory.path) == 0 else { throw TestServerError("addchdir \(directory.path)") }
        }
        let writeFlags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC)
        if let inputDescriptor {
            posix_spawn_file_actions_adddup2(&actions, inputDescriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, writeFlags, 0o644)
        if let standardError {
            posix_spawn_file_actions_addopen(&actions, 2, standardError, writeFlags, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #else
        if let addCloseFrom { _ = addCloseFrom(&actions, 3) }
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var fullEnvironment = environment ?? ProcessInfo.processInfo.environment
        // The mark of this test run (scripts/test.sh), kept even in an environment made from scratch, so
        // that the run can find any process of its own left behind.
        if let mark = ProcessInfo.processInfo.environment[runMarkVariable] { fullEnvironment[runMarkVariable] = mark }
        let environmentStrings = fullEnvironment.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let error = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard error == 0 else {
            throw TestServerError("cannot start \(executable): \(String(cString: strerror(error)))")
        }
        return pid
    }

    /// Blocks until `pid` has exited, leaving it unreaped.
    static func waitWithoutReaping(_ pid: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
    }

    /// Blocks until `pid` has exited and reaps it; returns the raw wait status.
    static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, 0) == pid { return status }
            if errno != EINTR { return -1 << 8 }  // ECHILD: reaped elsewhere
        }
    }

    /// (exit status, false) or (signal number, true).
    static func decode(_ status: Int32) -> (code: Int32, signaled: Bool) {
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, false) : (signal, true)
    }
}
