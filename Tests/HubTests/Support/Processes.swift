import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

/// A process run to completion with its peak resident memory (`wait4`'s `ru_maxrss`, this process only).
struct MeasuredRun: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    let peakKB: Int
    let timedOut: Bool

    var description: String { "exit \(status)\(timedOut ? " (timed out)" : ""), peak \(peakKB / 1024) MB\nstderr: \(stderr)\nstdout: \(stdout)" }

    /// The JSON report on standard output.
    func report() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(self)")
    }

    /// The outcome of one CFA in the JSON report.
    func outcome(_ uai: String) throws -> [String: Any] {
        let cfas = try #require(try report()["cfas"] as? [[String: Any]])
        return try #require(cfas.first { $0["uai"] as? String == uai }, "no outcome for \(uai): \(self)")
    }

    static let python = "/usr/bin/python3"
    /// argv: peak file, executable, arguments. Runs the command in a forked child (killed if the
    /// runner dies), writes the child's peak resident size (KiB) and ends as the child did.
    static let peakRunner = """
        import ctypes, os, signal, sys
        peak, command = sys.argv[1], sys.argv[2:]
        pid = os.fork()
        if pid == 0:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
            os.execv(command[0], command)
        _, status, usage = os.wait4(pid, 0)
        with open(peak, "w") as file:
            file.write(str(usage.ru_maxrss))
        if os.WIFSIGNALED(status):
            signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
            os.kill(os.getpid(), os.WTERMSIG(status))
        sys.exit(os.WEXITSTATUS(status))
        """

    init(_ executable: String, _ arguments: [String], environment: [String: String], timeout: TimeInterval) throws {
        let scratch = try TestServers.TemporaryFolder(prefix: "measured")
        defer { scratch.remove() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch.path + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, scratch.path + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        // The peak is the command's own: the kernel's ru_maxrss of a process spawned from this one
        // (posix_spawn shares this process's memory until exec) starts at this test process's peak,
        // so a small forked runner reports its child's (the runner is killed with it on a time-out).
        let runner = [Self.python, "-c", Self.peakRunner, scratch.path + "/peak", executable]
        let argv = (runner + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let failure = posix_spawn(&pid, Self.python, &actions, &attributes, argv, envp)
        guard failure == 0 else { throw TestServerError("cannot start \(executable): \(String(cString: strerror(failure)))") }
        var status: Int32 = 0, usage = rusage(), killed = false
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let result = wait4(pid, &status, killed ? 0 : WNOHANG, &usage)
            if result == pid { break }
            if result == -1, errno != EINTR { throw TestServerError("wait4: \(errno)") }
            if result == 0, Date() > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            if result == 0 { usleep(10_000) }
        }
        self.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        timedOut = killed
        peakKB = (try? String(contentsOfFile: scratch.path + "/peak", encoding: .utf8)).flatMap { Int($0) } ?? usage.ru_maxrss
        stdout = (try? String(contentsOfFile: scratch.path + "/out", encoding: .utf8)) ?? ""
        stderr = (try? String(contentsOfFile: scratch.path + "/err", encoding: .utf8)) ?? ""
    }
}

