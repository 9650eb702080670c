import Foundation

/// One call a command made that moves or makes durable something on disk — a rename, an fsync, a link,
/// an unlink, a lock (`flock`, or a file created with `openat(O_CREAT…)`, which is how libgit2 takes
/// its `.lock` files) — where a kill can be injected.
struct SyscallStep: Sendable, CustomStringConvertible {
    /// The thread, by order of first appearance in the trace (0: the main thread).
    let thread: Int
    let name: String
    /// strace's `when=` for this step: how many calls of `name` this very thread had made, this one
    /// included (strace counts per syscall and per traced thread, every call whatever its arguments).
    let ordinal: Int
    /// The call as strace printed it (arguments and result).
    let call: String

    var injection: String { "inject=\(name):signal=SIGKILL:when=\(ordinal)" }
    var description: String { "\(name) #\(ordinal) of thread \(thread): \(call.prefix(220))" }
}

/// kill -9 at a chosen system call, by strace's fault injection.
///
/// What `when=N` counts, as checked on strace 6.1 (Debian 12): the N-th call of that syscall **by the
/// same thread** — each traced thread and process has its own counter per syscall number (two threads
/// doing three renames each are never killed by `when=4`; `rename` and `renameat2` count apart). Every
/// call counts, whatever its arguments or result (an `openat` of a file read counts as much as one
/// creating a lock). `signal=SIGKILL` is sent on entry, so the call itself is not performed. The
/// kill therefore lands exactly on a step only when that step's thread is the first to reach its N-th
/// call of that syscall. `save`, `sync`, `submit`, `resolve`, `media fetch`, `hub vote` and `hub award`
/// run in one thread (the counting traces show one), so there a step is hit exactly; `hub reconcile`
/// runs in two (a CFA's git work on the second), where `when=N` aimed at one thread's call can land on
/// the other's N-th call of the same syscall first. The harness therefore reports where the kill really
/// landed (the call strace shows as `= ?` before `+++ killed by SIGKILL +++`), not only where it aimed.
enum Strace {
    static let syscalls = ["rename", "renameat", "renameat2", "fsync", "fdatasync", "link", "linkat", "unlink", "unlinkat",
                           "openat", "flock"]

    static var executable: String? {
        ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// strace's arguments to run `command`, writing the trace to `trace`, killing at `step` when given.
    static func arguments(trace: URL, step: SyscallStep?, command: [String]) -> [String] {
        var arguments = ["-f", "-qq", "-o", trace.path, "-e", "trace=" + syscalls.joined(separator: ",")]
        if let step { arguments += ["-e", step.injection] }
        return arguments + ["--"] + command
    }

    /// The steps of a trace, in order.
    static func steps(in trace: String) -> [SyscallStep] {
        var threads: [String: Int] = [:]
        var counts: [String: Int] = [:]
        var steps: [SyscallStep] = []
        for line in trace.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let tid = String(line[..<space])
            let call = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
            guard Int32(tid) != nil, let open = call.firstIndex(of: "("), !call.hasPrefix("<..."), !call.hasPrefix("+++"),
                  !call.hasPrefix("---") else { continue }
            let name = String(call[..<open])
            guard syscalls.contains(name) else { continue }
            let thread = threads[tid] ?? threads.count
            threads[tid] = thread
            counts[tid + " " + name, default: 0] += 1
            let relevant = name == "openat" ? call.contains("O_CREAT") : true
            if relevant { steps.append(SyscallStep(thread: thread, name: name, ordinal: counts[tid + " " + name]!, call: call)) }
        }
        return steps
    }

    /// How many threads and processes the trace shows.
    static func threadCount(in trace: String) -> Int {
        Set(trace.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }).count
    }

    /// The call the kill landed on: the one strace shows as `= ?` (not performed) in the thread killed
    /// (when another thread's call was printed meanwhile, strace splits it into `<unfinished ...>` and
    /// `<... NAME resumed>` lines: both halves are joined).
    static func killedCall(in trace: String) -> String? {
        let lines = trace.split(separator: "\n").map(String.init)
        guard lines.contains(where: { $0.hasSuffix("+++ killed by SIGKILL +++") }),
              let index = lines.firstIndex(where: { $0.hasSuffix("= ?") }) else {
            return lines.contains(where: { $0.hasSuffix("+++ killed by SIGKILL +++") }) ? "(killed outside a traced call)" : nil
        }
        func split(_ line: String) -> (tid: String, call: String) {
            let tid = String(line.prefix { $0 != " " })
            return (tid, line.dropFirst(tid.count).trimmingCharacters(in: .whitespaces))
        }
        let (tid, call) = split(lines[index])
        guard call.hasPrefix("<...") else { return call }
        let start = lines[..<index].last { split($0).tid == tid && $0.hasSuffix("<unfinished ...>") }
        return start.map { split($0).call.replacingOccurrences(of: "<unfinished ...>", with: "") + "… = ?" } ?? call
    }
}
