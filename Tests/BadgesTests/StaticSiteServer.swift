import Foundation
import Testing
import TestServers

/// nginx serving a folder as a static site on 127.0.0.1 (no code running), as any web server would
/// serve `hub publish`'s output. Stopped on deinit.
final class StaticSiteServer {
    let folder: TemporaryFolder
    let port: Int
    private let nginx: RunningProcess

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(root: String) throws {
        let nginxPath = try ProcessRunner.locate("nginx", candidates: ["/usr/sbin/nginx"], installHint: "apt-get install nginx")
        folder = try TemporaryFolder(prefix: "static-site")
        for temp in ["body", "fastcgi", "proxy", "uwsgi", "scgi"] { _ = try folder.makeFolder("tmp/\(temp)") }
        let t = folder.path
        var started: (RunningProcess, Int)?
        var lastError = ""
        for _ in 0..<5 {
            let port = try FreePort.find()
            let userLine = geteuid() == 0 ? "user root;" : ""
            _ = try folder.write("""
                \(userLine)
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
                    types { text/html html; text/css css; application/json json; image/svg+xml svg; image/png png; application/jwt jwt; }
                    server {
                        listen 127.0.0.1:\(port);
                        root \(root);
                        charset utf-8;
                        charset_types text/css application/json;
                    }
                }

                """, to: "nginx.conf")
            let pidFile = folder.appending("nginx.pid")
            try? FileManager.default.removeItem(at: pidFile)
            let process = try ProcessRunner.start(nginxPath, ["-c", t + "/nginx.conf", "-p", t + "/", "-e", t + "/error.log"],
                                                  in: folder.url, log: folder.appending("nginx.out"))
            let ready = FreePort.poll(keepTrying: { process.isRunning }) {
                (try? String(contentsOf: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == String(process.pid)
                    && FreePort.isAcceptingConnections(port: port)
            }
            if ready { started = (process, port); break }
            _ = process.stop(gracePeriod: 1)
            lastError = ((try? String(contentsOf: folder.appending("error.log"), encoding: .utf8)) ?? "") + process.output
            if !lastError.contains("Address already in use") { break }
        }
        guard let (nginx, port) = started else { throw TestServerError("nginx did not start: \(lastError)") }
        self.nginx = nginx
        self.port = port
    }

    deinit {
        _ = nginx.stop()
        folder.remove()
    }

    /// GET `path` through Python's urllib (an HTTP client that shares nothing with the site).
    func get(_ path: String) throws -> (status: Int, contentType: String, body: Data) {
        let result = try ProcessRunner.run(Tools.python, ["-c", """
            import sys, urllib.request, urllib.error
            try:
                r = urllib.request.urlopen(sys.argv[1], timeout=10)
                status, ctype, body = r.status, r.headers.get("Content-Type", ""), r.read()
            except urllib.error.HTTPError as e:
                status, ctype, body = e.code, e.headers.get("Content-Type", ""), b""
            sys.stdout.buffer.write(f"{status}\\n{ctype}\\n".encode() + body)
            """, baseURL + path])
        var data = result.standardOutput
        func line() -> String {
            guard let newline = data.firstIndex(of: 10) else { return "" }
            let text = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
            data = Data(data[data.index(after: newline)...])
            return text
        }
        let status = Int(line()) ?? 0
        let type = line()
        return (status, type, data)
    }
}
