import Foundation

/// Starts the Debian package nginx in `folder` on a free port of 127.0.0.1 with the configuration
/// `config(port)` makes (it writes its pid file as `nginx.pid` in the folder and logs its errors to
/// `error.log` there); returns once nginx wrote its pid file and accepts connections. A port taken
/// meanwhile by someone else is tried again with another, up to five times.
enum NginxLaunch {
    static func start(in folder: TemporaryFolder, config: (Int) -> String) throws -> (process: RunningProcess, port: Int) {
        let nginxPath = try ProcessRunner.locate("nginx", candidates: ["/usr/sbin/nginx"], installHint: "apt-get install nginx")
        for temp in ["body", "fastcgi", "proxy", "uwsgi", "scgi"] { try folder.makeFolder("tmp/\(temp)") }
        let errorLogURL = folder.appending("error.log")
        var lastError = ""
        for _ in 0..<5 {
            let port = try FreePort.find()
            let configURL = folder.appending("nginx.conf")
            try Data(config(port).utf8).write(to: configURL)
            let pidFile = folder.appending("nginx.pid")
            try? FileManager.default.removeItem(at: pidFile)
            let process = try ProcessRunner.start(nginxPath, ["-c", configURL.path, "-p", folder.path + "/", "-e", errorLogURL.path],
                                                  in: folder.url, log: folder.appending("nginx.out"))
            let ready = FreePort.poll(keepTrying: { process.isRunning }) {
                (try? String(contentsOf: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == String(process.pid)
                    && FreePort.isAcceptingConnections(port: port)
            }
            if ready { return (process, port) }
            process.stop(gracePeriod: 1)
            lastError = ((try? String(contentsOf: errorLogURL, encoding: .utf8)) ?? "") + process.output
            if !lastError.contains("Address already in use") { break }
        }
        throw TestServerError("nginx did not start: \(lastError)")
    }
}
