import Foundation
import Testing
import TestServers

/// `hub publish`'s output served by nginx on 127.0.0.1 as any web server would serve it (no code
/// running): the shared `StaticWebServer`, with a client that shares nothing with the site.
typealias StaticSiteServer = StaticWebServer

extension StaticWebServer {
    convenience init(root: String) throws { try self.init(root: URL(fileURLWithPath: root)) }

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
