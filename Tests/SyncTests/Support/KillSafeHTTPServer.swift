import Foundation
import TestServers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// git's smart HTTP protocol on 127.0.0.1 — nginx (basic auth) → fcgiwrap → `git http-backend`, like
/// `TestServers.SmartHTTPServer` — set up to survive clients that are killed in the middle of a request:
///
/// - `fastcgi_ignore_client_abort on`: when a client dies while nginx hands a push to git, nginx still
///   gives git the whole request body (which it has buffered). Without it nginx closes the FastCGI
///   connection and git 2.39's http-backend, which copies a `CONTENT_LENGTH` body in a loop that does not
///   stop at end of file, spins at 100 % CPU forever; with `fcgiwrap -c 1` every later request then
///   waits behind it (the next `dossier sync` hangs).
/// - `fcgiwrap -c 4`: a slow request does not hold up the others.
/// - `stop()` kills whatever fcgiwrap still runs (by PID) before stopping it, so nothing is left behind.
final class KillSafeHTTPServer: @unchecked Sendable {
    let folder: TemporaryFolder
    let port: Int
    let user = "alice"
    let password = "tok-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    let repositoriesFolder: URL
    let accessLogURL: URL
    let git: GitCLI
    private let socketPath: String
    private let nginx: RunningProcess
    private let fcgiwrap: RunningProcess
    private let lock = NSLock()
    private var stopped = false

    init() throws {
        let nginxPath = try ProcessRunner.locate("nginx", candidates: ["/usr/sbin/nginx"], installHint: "apt-get install nginx")
        let fcgiwrapPath = try ProcessRunner.locate("fcgiwrap", candidates: ["/usr/sbin/fcgiwrap"], installHint: "apt-get install fcgiwrap")
        git = try GitCLI()
        folder = try TemporaryFolder(prefix: "kill-safe-http")
        repositoriesFolder = try folder.makeFolder("repos")
        for temp in ["body", "fastcgi", "proxy", "uwsgi", "scgi"] { try folder.makeFolder("tmp/\(temp)") }
        let serverHome = try folder.makeFolder("home")
        accessLogURL = folder.appending("access.log")
        try folder.write("\(user):{PLAIN}\(password)\n", to: "htpasswd")
        let backend = try git.run(["--exec-path"]).trimmingCharacters(in: .whitespacesAndNewlines) + "/git-http-backend"

        let socketPath = "/tmp/fcgi-ks-\(UUID().uuidString.prefix(8).lowercased()).sock"
        self.socketPath = socketPath
        let fcgiwrap = try ProcessRunner.start(fcgiwrapPath, ["-c", "4", "-s", "unix:\(socketPath)"], in: folder.url, environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": serverHome.path, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C",
        ], log: folder.appending("fcgiwrap.log"))
        guard FreePort.poll(keepTrying: { fcgiwrap.isRunning }, until: { FreePort.isAcceptingConnections(unixSocket: socketPath) }) else {
            fcgiwrap.stop()
            throw TestServerError("fcgiwrap did not start: \(fcgiwrap.output)")
        }
        self.fcgiwrap = fcgiwrap

        var started: (RunningProcess, Int)?
        var lastError = ""
        for _ in 0..<5 {
            let port = try FreePort.find()
            let config = Self.nginxConfig(folder: folder.path, port: port, socketPath: socketPath, backend: backend,
                                          repositories: repositoriesFolder.path)
            try folder.write(config, to: "nginx.conf")
            let pidFile = folder.appending("nginx.pid")
            try? FileManager.default.removeItem(at: pidFile)
            let process = try ProcessRunner.start(nginxPath, ["-c", folder.appending("nginx.conf").path, "-p", folder.path + "/",
                                                              "-e", folder.appending("error.log").path],
                                                  in: folder.url, log: folder.appending("nginx.out"))
            let ready = FreePort.poll(keepTrying: { process.isRunning }) {
                (try? String(contentsOf: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == String(process.pid)
                    && FreePort.isAcceptingConnections(port: port)
            }
            if ready { started = (process, port); break }
            process.stop(gracePeriod: 1)
            lastError = ((try? String(contentsOf: folder.appending("error.log"), encoding: .utf8)) ?? "") + process.output
            if !lastError.contains("Address already in use") { break }
        }
        guard let (nginx, port) = started else {
            fcgiwrap.stop()
            try? FileManager.default.removeItem(atPath: socketPath)
            throw TestServerError("nginx did not start: \(lastError)")
        }
        self.nginx = nginx
        self.port = port
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT/<name>.git`
    func url(for name: String) -> String { "http://127.0.0.1:\(port)/\(name).git" }

    /// A new bare repository `repos/<name>.git`, pushable over HTTP.
    func createRepository(_ name: String) throws -> BareRemote {
        let remote = try BareRemote.create(at: repositoriesFolder.appendingPathComponent("\(name).git", isDirectory: true), git: git)
        try remote.setConfig("http.receivepack", "true")
        return remote
    }

    /// One line per finished HTTP request.
    func accessLog() -> [String] {
        ((try? String(contentsOf: accessLogURL, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The processes fcgiwrap runs right now for requests (git http-backend and its children, not
    /// fcgiwrap's own workers), by PID.
    func backendProcesses() -> [Int32] {
        descendants(of: fcgiwrap.pid).filter {
            (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8))?.hasPrefix("fcgiwrap") != true
        }
    }

    /// Stops nginx, kills what fcgiwrap still runs, stops fcgiwrap. Idempotent.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        nginx.stop()
        // Children of fcgiwrap would outlive it (adopted by PID 1); end them while they are still ours.
        for pid in descendants(of: fcgiwrap.pid) { kill(pid, SIGKILL) }
        fcgiwrap.stop()
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    static func nginxConfig(folder t: String, port: Int, socketPath: String, backend: String, repositories: String) -> String {
        """
        \(geteuid() == 0 ? "user root;" : "")
        worker_processes 1;
        daemon off;
        pid \(t)/nginx.pid;
        error_log \(t)/error.log info;
        events { worker_connections 64; }
        http {
            access_log \(t)/access.log;
            client_body_temp_path \(t)/tmp/body;
            fastcgi_temp_path \(t)/tmp/fastcgi;
            proxy_temp_path \(t)/tmp/proxy;
            uwsgi_temp_path \(t)/tmp/uwsgi;
            scgi_temp_path \(t)/tmp/scgi;
            server {
                listen 127.0.0.1:\(port);
                location / {
                    auth_basic           "git";
                    auth_basic_user_file \(t)/htpasswd;
                    client_max_body_size 0;
                    fastcgi_ignore_client_abort on;
                    fastcgi_param QUERY_STRING      $query_string;
                    fastcgi_param REQUEST_METHOD    $request_method;
                    fastcgi_param CONTENT_TYPE      $content_type;
                    fastcgi_param CONTENT_LENGTH    $content_length;
                    fastcgi_param REQUEST_URI       $request_uri;
                    fastcgi_param SERVER_PROTOCOL   $server_protocol;
                    fastcgi_param GATEWAY_INTERFACE CGI/1.1;
                    fastcgi_param REMOTE_ADDR       $remote_addr;
                    fastcgi_param REMOTE_USER       $remote_user;
                    fastcgi_param SERVER_NAME       $server_name;
                    fastcgi_param SERVER_PORT       $server_port;
                    fastcgi_param SCRIPT_FILENAME   \(backend);
                    fastcgi_param GIT_PROJECT_ROOT  \(repositories);
                    fastcgi_param GIT_HTTP_EXPORT_ALL "";
                    fastcgi_param PATH_INFO         $uri;
                    fastcgi_pass unix:\(socketPath);
                }
            }
        }

        """
    }
}

/// Every process below `pid` (children, grandchildren, …), from /proc; deepest first.
func descendants(of pid: Int32) -> [Int32] {
    var parents: [Int32: Int32] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let child = Int32(name),
              let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        // Fields after "(comm)": state, ppid, …
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 1, let parent = Int32(fields[1]) { parents[child] = parent }
    }
    var result: [Int32] = []
    var frontier = [pid]
    while let current = frontier.popLast() {
        let children = parents.filter { $0.value == current }.map(\.key)
        result.insert(contentsOf: children, at: 0)
        frontier += children
    }
    return result
}
