import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process groups of the servers this test process started (one per `ProcessRunner.start`), and a
/// watchdog that ends those still running when the test process dies without stopping them: a crash,
/// a time limit, SIGKILL, Ctrl-C — cases where no `deinit` runs.
///
/// The watchdog is a small `/bin/sh` loop in a process group of its own (a terminal's Ctrl-C does not
/// reach it; it ignores SIGINT, SIGTERM and SIGHUP), reading « add PGID » / « del PGID » lines from a
/// socket whose other end only this process holds (close-on-exec, and every child closes descriptors
/// ≥ 3). When that end closes — this process exited, however — it sends SIGTERM to each group still
/// registered, then SIGKILL 2 s later, and notes them in `DOSSIER_TEST_WATCHDOG_LOG` when set
/// (scripts/test.sh reports them: a server no test stopped).
final class ServerGroups: @unchecked Sendable {
    static let shared = ServerGroups()

    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var started = false

    static let script = """
        trap '' INT TERM HUP PIPE
        log=${DOSSIER_TEST_WATCHDOG_LOG:-/dev/null}
        groups=' '
        while read -r op group; do
          case "$op" in
            add) groups="$groups$group " ;;
            del) groups=$(printf '%s' "$groups" | sed "s/ $group / /") ;;
          esac
        done
        [ -z "${groups# }" ] && exit 0
        for group in $groups; do
          ps -eo pgid=,pid=,args= | awk -v g="$group" -v t="$1" '$1 == g { print "server group " g " left running by test process " t ":", $0 }' >>"$log"
          kill -s TERM -- "-$group" 2>/dev/null
        done
        sleep 2
        for group in $groups; do kill -s KILL -- "-$group" 2>/dev/null; done
        exit 0
        """

    /// Runs `spawn` (which must start a process leading a new group) and registers its group.
    func spawn(_ spawn: () throws -> pid_t) throws -> pid_t {
        lock.lock()
        defer { lock.unlock() }
        startWatchdog()
        let pid = try spawn()
        tell("add \(pid)\n")
        return pid
    }

    /// The group was ended by its owner: the watchdog forgets it.
    func forget(_ group: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        tell("del \(group)\n")
    }

    /// Call with `lock` held.
    private func startWatchdog() {
        guard !started else { return }
        started = true
        // The watchdog is never reaped here: it ends after this process does (its parent becomes init).
        descriptor = Self.startWatchdog(environment: nil)?.descriptor ?? -1
    }

    /// Starts a watchdog; returns its PID and this process's end of its socket (close it, and the
    /// watchdog ends the groups registered on it).
    static func startWatchdog(environment: [String: String]?) -> (descriptor: Int32, pid: pid_t)? {
        var pair: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, type, 0, &pair) == 0 else { return nil }
        #if canImport(Darwin)
        _ = fcntl(pair[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pair[1], F_SETFD, FD_CLOEXEC)
        #endif
        let watchdog = try? Spawner.spawn("/bin/sh", ["-c", script, "watchdog", String(getpid())], directory: nil,
                                          environment: environment, standardInput: "/dev/null", standardOutput: "/dev/null",
                                          standardError: nil, append: true, newGroup: true, inputDescriptor: pair[1])
        close(pair[1])
        guard let watchdog else {
            close(pair[0])
            return nil
        }
        return (pair[0], watchdog)
    }

    /// Call with `lock` held. Never raises SIGPIPE, even if the watchdog is gone.
    private func tell(_ line: String) {
        guard descriptor >= 0 else { return }
        var bytes = Array(line.utf8)
        #if canImport(Glibc)
        _ = bytes.withUnsafeMutableBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        #else
        _ = bytes.withUnsafeMutableBytes { Darwin.send(descriptor, $0.baseAddress, $0.count, 0) }
        #endif
    }
}
