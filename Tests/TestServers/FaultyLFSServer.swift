import Foundation

/// A git-lfs server on 127.0.0.1 that fails on purpose, one way per endpoint: the first path
/// segment names the fault (`endpoint(.tooLarge)` is `http://127.0.0.1:PORT/too-large/dossier.git/info/lfs`).
/// A small Python `http.server` script (standard library only) written to a temporary folder;
/// every request is logged (method, path, Authorization header, body bytes read).
public final class FaultyLFSServer: @unchecked Sendable {
    public enum Fault: String, CaseIterable, Sendable {
        /// The batch request gets 401 (with `WWW-Authenticate: Basic`, no realm).
        case unauthorized
        /// The batch request gets 403.
        case forbidden
        /// The batch request gets an HTML 404: no LFS server at this address.
        case missing
        /// The batch offers an upload; the PUT gets 413 once its body is read.
        case tooLarge = "too-large"
        /// The batch request gets 500 with an LFS JSON message.
        case serverError = "server-error"
        /// The batch offers an upload; the PUT's connection is closed after half the body.
        case cutUpload = "cut-upload"
        /// The batch offers a download; the GET announces the object's size, sends half, closes.
        case cutDownload = "cut-download"
        /// The batch offers a download; the GET sends the right number of bytes, all wrong.
        case corruptDownload = "corrupt-download"
        /// The batch request is read and never answered.
        case silent
    }

    /// One request the server saw.
    public struct Request: Sendable, Decodable {
        public let method: String
        public let path: String
        public let authorization: String?
        public let bodyBytes: Int
    }

    /// The message of the JSON error bodies, for tests that check it reaches the user.
    public static let serverErrorMessage = "storage backend unavailable"

    public let folder: TemporaryFolder
    public let port: Int
    private let process: RunningProcess
    private let lock = NSLock()
    private var stopped = false

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on a port the kernel picks (the script writes it to a file once bound).
    public init() throws {
        let python = try ProcessRunner.locate("python3", candidates: ["/usr/bin/python3"], installHint: "apt-get install python3")
        folder = try TemporaryFolder(prefix: "faulty-lfs")
        let script = try folder.write(Self.script, to: "server.py")
        let portFile = folder.appending("port")
        let process = try ProcessRunner.start(python, ["-u", script.path, folder.path], in: folder.url,
                                              log: folder.appending("server.log"))
        var port: Int?
        let ready = FreePort.poll(timeout: 15, interval: 0.01, keepTrying: { process.isRunning }) {
            guard let text = try? String(contentsOf: portFile, encoding: .utf8), let number = Int(text) else { return false }
            port = number
            return FreePort.isListening(port: number)
        }
        guard ready, let port else {
            process.stop(gracePeriod: 1)
            throw TestServerError("the faulty LFS server did not start: \(process.output)")
        }
        self.process = process
        self.port = port
    }

    deinit { stop() }

    /// The LFS endpoint that fails with `fault`.
    public func endpoint(_ fault: Fault) -> String {
        "\(baseURL)/\(fault.rawValue)/dossier.git/info/lfs"
    }

    /// The requests served so far, in order.
    public func requests() -> [Request] {
        guard let text = try? String(contentsOf: folder.appending("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    /// The server's own output (tracebacks, if any).
    public var output: String { process.output }

    /// Stops the server and removes its folder. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        process.stop(gracePeriod: 2)
        folder.remove()
    }

    static let script = #"""
        import json, os, socket, sys, threading, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        FOLDER = sys.argv[1]
        LOG_LOCK = threading.Lock()
        MEDIA = "application/vnd.git-lfs+json"
        MESSAGE = "storage backend unavailable"

        def log(entry):
            with LOG_LOCK, open(os.path.join(FOLDER, "requests.jsonl"), "a") as f:
                f.write(json.dumps(entry) + "\n")

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def read_body(self, limit=None):
                """Reads the request body (Content-Length or chunked), at most `limit` bytes."""
                total = 0
                self.body = b""
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            self.rfile.readline()
                            return total
                        while size > 0:
                            chunk = self.rfile.read(min(size, 65536))
                            if not chunk:
                                return total
                            size -= len(chunk)
                            total += len(chunk)
                            if limit is not None and total >= limit:
                                return total
                        self.rfile.readline()
                length = int(self.headers.get("Content-Length") or 0)
                if limit is not None:
                    length = min(length, limit)
                data = b""
                while total < length:
                    chunk = self.rfile.read(min(length - total, 65536))
                    if not chunk:
                        break
                    total += len(chunk)
                    if total <= 1 << 20:
                        data += chunk
                self.body = data
                return total

            def reply(self, status, body=b"", content_type=MEDIA, headers=()):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def json(self, status, value, headers=()):
                self.reply(status, json.dumps(value).encode(), headers=headers)

            def cut(self):
                self.wfile.flush()
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.connection.close()
                self.close_connection = True

            def handle_any(self):
                parts = self.path.split("?")[0].strip("/").split("/")
                fault = parts[0]
                limit = None
                if fault == "cut-upload" and self.command == "PUT":
                    limit = int(self.headers.get("Content-Length") or 0) // 2
                received = self.read_body(limit)
                log({"method": self.command, "path": self.path, "authorization": self.headers.get("Authorization"),
                     "bodyBytes": received})
                base = "http://%s/%s" % (self.headers.get("Host"), fault)
                if self.path.endswith("/objects/batch"):
                    request = json.loads(self.body or b"{}")
                    objects = request.get("objects", [])
                    if fault == "unauthorized":
                        return self.json(401, {"message": "Credentials needed"}, headers=[("WWW-Authenticate", "Basic")])
                    if fault == "forbidden":
                        return self.json(403, {"message": "Forbidden"})
                    if fault == "missing":
                        return self.reply(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")
                    if fault == "server-error":
                        return self.json(500, {"message": MESSAGE})
                    if fault == "silent":
                        time.sleep(120)
                        return self.cut()
                    answers = []
                    for o in objects:
                        verb = "upload" if request.get("operation") == "upload" else "download"
                        href = "%s/%s/%s?size=%d" % (base, "put" if verb == "upload" else "get", o["oid"], o["size"])
                        answers.append({"oid": o["oid"], "size": o["size"], "authenticated": True,
                                        "actions": {verb: {"href": href, "header": {"X-Fault": fault}}}})
                    return self.json(200, {"transfer": "basic", "objects": answers})
                if self.command == "PUT":
                    if fault == "too-large":
                        return self.json(413, {"message": "Request Entity Too Large"})
                    if fault == "cut-upload":
                        return self.cut()
                    return self.json(200, {})
                if self.command == "GET":
                    size = int(self.path.split("size=")[-1])
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(size))
                    self.end_headers()
                    if fault == "cut-download":
                        self.wfile.write(b"\0" * (size // 2))
                        return self.cut()
                    sent = 0
                    while sent < size:
                        n = min(65536, size - sent)
                        self.wfile.write(b"x" * n)
                        sent += n
                    self.close_connection = True
                    return
                return self.json(404, {"message": "Not found"})

            do_GET = do_PUT = do_POST = handle_any

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        server = Server(("127.0.0.1", 0), Handler)
        with open(os.path.join(FOLDER, "port.tmp"), "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(os.path.join(FOLDER, "port.tmp"), os.path.join(FOLDER, "port"))
        server.serve_forever()

        """#
}
