import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// git's smart HTTP protocol on 127.0.0.1: nginx (basic auth) → fcgiwrap → `git http-backend`, serving
/// the bare repositories in `repositoriesFolder`. Everything lives in a temporary folder of its own,
/// on a port of its own; `stop()` (or deinit) stops nginx and fcgiwrap and waits for them.
///
/// Needs the Debian packages nginx, fcgiwrap and (optionally) apache2-utils for `htpasswd`.
/// Clients first go anonymous, get 401, then send `user`/`password`; a wrong password gets 401 again.
public final class SmartHTTPServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let port: Int
    public let user: String
    public let password: String
    /// `GIT_PROJECT_ROOT`: `<folder>/repos`.
    public let repositoriesFolder: URL
    public let configURL: URL
    public let accessLogURL: URL
    public let errorLogURL: URL
    /// fcgiwrap's socket: `/tmp/fcgi-<random>.sock` (unix socket paths are limited to 108 bytes).
    public let socketPath: String
    /// The git used to create repositories (isolated HOME).
    public let git: GitCLI

    private let nginx: RunningProcess
    private let fcgiwrap: RunningProcess
    private let lock = NSLock()
    private var stopped = false

    /// Served over TLS (HTTPS) with a self-signed certificate, `certificateURL`.
    public let tls: Bool
    /// The self-signed certificate of an HTTPS server (`CN=127.0.0.1`, SAN `IP:127.0.0.1`): nil over plain HTTP.
    public let certificateURL: URL?

    /// `http://127.0.0.1:PORT/` (`https://` with `tls`)
    public var baseURL: String { "\(scheme)://127.0.0.1:\(port)/" }
    private var scheme: String { tls ? "https" : "http" }

    /// PIDs of nginx's master process and of fcgiwrap.
    public var processIdentifiers: [Int32] { [nginx.pid, fcgiwrap.pid] }

    public var isRunning: Bool { nginx.isRunning && fcgiwrap.isRunning }

    /// Starts the server; returns when both nginx and fcgiwrap accept connections (polled every 10 ms,
    /// at most 5 s each). The default password is a random token. `workers` is fcgiwrap's number of
    /// request processes (more than one, so that a slow request does not hold up the others). With
    /// `tls`, nginx serves HTTPS with a self-signed certificate made by `openssl` for 127.0.0.1.
    public init(user: String = "alice", password: String? = nil, git: GitCLI? = nil, workers: Int = 1, tls: Bool = false) throws {
        let nginxPath = try ProcessRunner.locate("nginx", candidates: ["/usr/sbin/nginx"],
                                                 installHint: "apt-get install nginx")
        let fcgiwrapPath = try ProcessRunner.locate("fcgiwrap", candidates: ["/usr/sbin/fcgiwrap"],
                                                    installHint: "apt-get install fcgiwrap")
        self.git = try git ?? GitCLI()
        self.user = user
        self.password = password ?? "tok-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        let folder = try TemporaryFolder(prefix: "smart-http")
        self.folder = folder
        repositoriesFolder = try folder.makeFolder("repos")
        for temp in ["body", "fastcgi", "proxy", "uwsgi", "scgi"] { try folder.makeFolder("tmp/\(temp)") }
        let serverHome = try folder.makeFolder("home")
        configURL = folder.appending("nginx.conf")
        accessLogURL = folder.appending("access.log")
        errorLogURL = folder.appending("error.log")
        self.tls = tls
        if tls {
            let openssl = try ProcessRunner.locate("openssl", candidates: ["/usr/bin/openssl"], installHint: "apt-get install openssl")
            try ProcessRunner.run(openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:127.0.0.1",
                                            "-keyout", folder.appending("key.pem").path, "-out", folder.appending("cert.pem").path],
                                  check: true)
            certificateURL = folder.appending("cert.pem")
        } else {
            certificateURL = nil
        }

        // Credentials.
        let htpasswdURL = folder.appending("htpasswd")
        if let htpasswd = try? ProcessRunner.locate("htpasswd", candidates: ["/usr/bin/htpasswd"], installHint: "") {
            try ProcessRunner.run(htpasswd, ["-b", "-c", "-m", htpasswdURL.path, user, self.password], check: true)
        } else {
            try folder.write("\(user):{PLAIN}\(self.password)\n", to: "htpasswd")  // nginx's own plain scheme
        }

        // fcgiwrap, running `git http-backend` for each request.
        socketPath = "/tmp/fcgi-\(UUID().uuidString.prefix(8).lowercased()).sock"
        try? FileManager.default.removeItem(atPath: socketPath)
        let cgiEnvironment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": serverHome.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C",
        ]
        fcgiwrap = try ProcessRunner.start(fcgiwrapPath, ["-c", String(workers), "-s", "unix:\(socketPath)"],
                                           in: folder.url, environment: cgiEnvironment,
                                           log: folder.appending("fcgiwrap.log"))
        let socketPath = self.socketPath, fcgiwrap = self.fcgiwrap
        guard FreePort.poll(keepTrying: { fcgiwrap.isRunning },
                            until: { FreePort.isAcceptingConnections(unixSocket: socketPath) }) else {
            fcgiwrap.stop()
            try? FileManager.default.removeItem(atPath: socketPath)
            throw TestServerError("fcgiwrap did not start on \(socketPath): \(fcgiwrap.output)")
        }

        // nginx, on a free port; another port when the chosen one was taken meanwhile.
        let backend = try SmartHTTPServer.httpBackendPath(git: self.git)
        var lastError = ""
        var started: (RunningProcess, Int)?
        for _ in 0..<5 {
            let port = try FreePort.find()
            try Data(SmartHTTPServer.nginxConfig(folder: folder.url, port: port, socketPath: socketPath,
                                                 backend: backend, repositories: repositoriesFolder, tls: tls)
                .utf8).write(to: configURL)
            try? Data().write(to: errorLogURL)
            let pidFile = folder.appending("nginx.pid")
            try? FileManager.default.removeItem(at: pidFile)
            let process = try ProcessRunner.start(nginxPath, ["-c", configURL.path, "-p", folder.path + "/",
                                                              "-e", errorLogURL.path],
                                                  in: folder.url, log: folder.appending("nginx.out"))
            // Ready = it wrote its pid file (done after binding) and the port accepts connections.
            let ready = FreePort.poll(keepTrying: { process.isRunning }) {
                (try? String(contentsOf: pidFile, encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) == String(process.pid)
                    && FreePort.isAcceptingConnections(port: port)
            }
            if ready { started = (process, port); break }
            process.stop(gracePeriod: 1)
            lastError = ((try? String(contentsOf: errorLogURL, encoding: .utf8)) ?? "") + process.output
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

    /// `http://127.0.0.1:PORT/<name>` (".git" appended when `name` lacks it).
    public func url(for repoName: String) -> String {
        baseURL + SmartHTTPServer.repositoryName(repoName)
    }

    /// `http://user:password@127.0.0.1:PORT/<name>`, with `password` by default (pass another one to
    /// test a refusal). For the git CLI; user and password must not need percent-encoding.
    public func authenticatedURL(for repoName: String, user: String? = nil, password: String? = nil) -> String {
        "\(scheme)://\(user ?? self.user):\(password ?? self.password)@127.0.0.1:\(port)/"
            + SmartHTTPServer.repositoryName(repoName)
    }

    /// Creates the bare repository `repos/<name>` (".git" appended when missing), pushable over HTTP
    /// (`http.receivepack true`).
    @discardableResult
    public func createRepository(_ name: String) throws -> BareRemote {
        let remote = try BareRemote.create(at: repositoriesFolder.appendingPathComponent(
            SmartHTTPServer.repositoryName(name), isDirectory: true), git: git)
        try remote.setConfig("http.receivepack", "true")
        return remote
    }

    /// The bare repository `repos/<name>`.
    public func repository(_ name: String) -> BareRemote {
        BareRemote(existingAt: repositoriesFolder.appendingPathComponent(SmartHTTPServer.repositoryName(name)), git: git)
    }

    /// The access log's lines so far (one per HTTP request, status included).
    public func accessLog() -> [String] {
        ((try? String(contentsOf: accessLogURL, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The access log once `condition` holds for it (nginx writes a request's line after sending its
    /// response, so a client can be done before the line is there), or as it is after `timeout`.
    public func accessLog(until condition: ([String]) -> Bool, timeout: TimeInterval = 10) -> [String] {
        _ = FreePort.poll(timeout: timeout, interval: 0.005) { condition(accessLog()) }
        return accessLog()
    }

    /// The access log once it has at least `count` lines (see `accessLog(until:)`).
    public func accessLog(atLeast count: Int) -> [String] { accessLog { $0.count >= count } }

    /// The processes fcgiwrap runs right now for requests (git http-backend and its children, not
    /// fcgiwrap's own workers), by PID.
    public func backendProcesses() -> [Int32] {
        fcgiwrap.descendants.filter {
            (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8))?.hasPrefix("fcgiwrap") != true
        }
    }

    /// Stops nginx (SIGTERM: it stops its worker), then fcgiwrap with its whole process group, and waits
    /// for them. Idempotent.
    ///
    /// fcgiwrap `-c N` forks N workers and forks a new one whenever one dies (SIGCHLD); on SIGTERM it
    /// exits without stopping them. Killing the workers one by one before their parent therefore only
    /// makes it fork others, which its exit then orphans (they kept running, parent 1, their socket
    /// deleted). So: give a request's git http-backend up to 2 s to finish, then SIGTERM to fcgiwrap and
    /// to its group (workers and backends alike): `RunningProcess.stop()`.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        nginx.stop()
        _ = FreePort.poll(timeout: 2, interval: 0.005) { backendProcesses().isEmpty }
        fcgiwrap.stop()
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    static func repositoryName(_ name: String) -> String {
        let trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return trimmed.hasSuffix(".git") ? trimmed : trimmed + ".git"
    }

    static func httpBackendPath(git: GitCLI) throws -> String {
        let execPath = try git.run(["--exec-path"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let backend = execPath + "/git-http-backend"
        guard FileManager.default.isExecutableFile(atPath: backend) else {
            throw TestServerError("git-http-backend not found at \(backend)")
        }
        return backend
    }

    static func nginxConfig(folder: URL, port: Int, socketPath: String, backend: String, repositories: URL, tls: Bool = false) -> String {
        let listen = tls ? """
            listen 127.0.0.1:\(port) ssl;
                    ssl_certificate     \(folder.path)/cert.pem;
                    ssl_certificate_key \(folder.path)/key.pem;
            """ : "listen 127.0.0.1:\(port);"
        return NginxConfig.file(folder: folder, http: """
                server {
                    \(listen)
                    location / {
                        auth_basic           "git";
                        auth_basic_user_file \(folder.path)/htpasswd;
                        client_max_body_size 0;
                        # A client that goes away must not cut the request body short: git http-backend
                        # (2.39) then loops forever on EOF, short of CONTENT_LENGTH, at 100 % CPU.
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
                        fastcgi_param GIT_PROJECT_ROOT  \(repositories.path);
                        fastcgi_param GIT_HTTP_EXPORT_ALL "";
                        fastcgi_param PATH_INFO         $uri;
                        fastcgi_pass unix:\(socketPath);
                    }
                }
                """)
    }
}
