import Foundation

/// nginx on 127.0.0.1 that answers every request with a redirect (307) to `target` plus the
/// request's path, or with 404 when there is no target; it logs each request with whether it
/// carried an `Authorization` header. For tests of where credentials go after a redirect. Needs
/// the Debian package nginx; `stop()` (or deinit) stops it and waits for it.
public final class RedirectServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let port: Int
    private let nginx: RunningProcess
    private let lock = NSLock()
    private var stopped = false

    /// `http://127.0.0.1:PORT` (no trailing slash).
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// One entry per request so far: its request line and whether it had an `Authorization` header.
    public func requests() -> [(request: String, authorization: Bool)] {
        let text = (try? String(contentsOf: folder.appending("requests.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (parts.first ?? "", parts.count > 1 && parts[1] != "-" && !parts[1].isEmpty)
        }
    }

    /// Starts nginx redirecting to `target` (`http://host:port`, no trailing slash), or answering
    /// 404 with none; returns once it accepts connections.
    public init(redirectingTo target: String? = nil) throws {
        let folder = try TemporaryFolder(prefix: "redirect")
        self.folder = folder
        (nginx, port) = try NginxLaunch.start(in: folder) { port in Self.config(folder: folder.url, port: port, target: target) }
    }

    deinit { stop() }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        nginx.stop()
    }

    static func config(folder: URL, port: Int, target: String?) -> String {
        let answer = target.map { "return 307 \($0)$request_uri;" } ?? "return 404;"
        return NginxConfig.file(folder: folder, http: """
                log_format requests '$request\t$http_authorization';
                server {
                    listen 127.0.0.1:\(port);
                    access_log \(folder.path)/requests.log requests;
                    location / { \(answer) }
                }
                """)
    }
}
