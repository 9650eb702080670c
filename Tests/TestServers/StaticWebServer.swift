import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// nginx on 127.0.0.1 serving the files of `site` as they are (a published static site: an issuer
/// Profile, a status list, credentials), on a port of its own. `stop()` (or deinit) stops it and
/// waits for it. Needs the Debian package nginx.
public final class StaticWebServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    /// The document root: write the files to serve here (before or while serving).
    public let site: URL
    public let port: Int
    public let accessLogURL: URL
    private let nginx: RunningProcess
    private let lock = NSLock()
    private var stopped = false

    /// `http://127.0.0.1:PORT` (no trailing slash).
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts nginx serving `root` (default: a new empty `site` folder of its own); returns when it
    /// wrote its pid file and accepts connections.
    public init(root: URL? = nil) throws {
        let folder = try TemporaryFolder(prefix: "static-web")
        self.folder = folder
        let site = try root ?? folder.makeFolder("site")
        self.site = site
        accessLogURL = folder.appending("access.log")
        (nginx, port) = try NginxLaunch.start(in: folder) { port in Self.config(folder: folder.url, site: site, port: port) }
    }

    deinit { stop() }

    /// Writes `bytes` at `relativePath` under the site (folders made as needed).
    public func publish(_ bytes: Data, at relativePath: String) throws {
        let url = site.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    /// The request lines nginx logged so far (`GET /issuer.json HTTP/1.1` …).
    public func requests() -> [String] {
        ((try? String(contentsOf: accessLogURL, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            line.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first.map(String.init)
        }
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        nginx.stop()
    }

    static func config(folder: URL, site: URL, port: Int) -> String {
        NginxConfig.file(folder: folder, http: """
                types { application/json json; image/svg+xml svg; image/png png; text/plain jwt; text/html html; text/css css; }
                default_type application/octet-stream;
                server {
                    listen 127.0.0.1:\(port);
                    root \(site.path);
                    charset utf-8;
                    charset_types text/css application/json;
                }
                """)
    }
}
