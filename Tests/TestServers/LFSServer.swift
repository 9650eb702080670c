import Foundation

/// A real git-lfs server on 127.0.0.1: giftless (from PyPI) under Flask's server, anonymous
/// read-write, objects stored in `<folder>/lfs-store/<org>/<repo>/<oid>`. `stop()` (or deinit)
/// stops it and waits for it.
///
/// Its storage is giftless's `LocalStorage`, but for one thing: downloads are sent in 64 KiB
/// blocks. `LocalStorage` hands Flask the open file, which iterates it line by line: binary
/// content goes out in HTTP chunks of ~250 bytes (a 200 MB video in 800,000 of them), which no
/// production server does and which FoundationNetworking on Linux handles with a large
/// per-chunk cost (timers and allocations on its own queues, tens of MB for such a download).
///
/// Its Python is `DOSSIER_LFS_PYTHON` when set, else the project's venv `.build-venv/bin/python`
/// (made by `scripts/install-deps.sh`).
public final class LFSServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let port: Int
    /// Where giftless keeps the objects.
    public let storageFolder: URL
    public let logURL: URL

    private let process: RunningProcess
    private let lock = NSLock()
    private var stopped = false

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public var isRunning: Bool { process.isRunning }
    public var processIdentifier: Int32 { process.pid }

    /// Starts giftless; returns when it accepts connections (polled every 20 ms, at most 30 s:
    /// Python and Flask start slowly on a busy machine).
    public init() throws {
        let python = try LFSServer.python()
        let folder = try TemporaryFolder(prefix: "lfs-server")
        self.folder = folder
        storageFolder = try folder.makeFolder("lfs-store")
        logURL = folder.appending("giftless.log")
        let configURL = try folder.write("""
            AUTH_PROVIDERS:
              - giftless.auth.allow_anon:read_write
            TRANSFER_ADAPTERS:
              basic:
                factory: giftless.transfer.basic_streaming:factory
                options:
                  storage_class: dossier_test_storage:BlockLocalStorage
                  storage_options:
                    path: \(storageFolder.path)

            """, to: "giftless.yaml")
        try folder.write(Self.storageModule, to: "dossier_test_storage.py")
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FLASK_") && !$0.key.hasPrefix("GIFTLESS_") }
        environment["GIFTLESS_CONFIG_FILE"] = configURL.path
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["PYTHONWARNINGS"] = "ignore"
        environment["PYTHONPATH"] = folder.path

        var lastOutput = ""
        for _ in 0..<5 {
            let port = try FreePort.find()
            try? FileManager.default.removeItem(at: logURL)
            let process = try ProcessRunner.start(
                python, ["-m", "flask", "--app", "giftless.wsgi_entrypoint", "run", "--host", "127.0.0.1",
                         "--port", String(port), "--with-threads", "--no-reload", "--no-debugger"],
                in: folder.url, environment: environment, log: logURL)
            if FreePort.poll(timeout: 30, interval: 0.02, keepTrying: { process.isRunning },
                             until: { FreePort.isListening(port: port) && FreePort.isAcceptingConnections(port: port) }) {
                self.process = process
                self.port = port
                return
            }
            process.stop(gracePeriod: 2)
            lastOutput = process.output
            if !lastOutput.contains("in use") { break }
        }
        throw TestServerError("giftless did not start (run scripts/install-deps.sh): \(lastOutput)")
    }

    deinit { stop() }

    /// The LFS endpoint of `org/repo`: `http://127.0.0.1:PORT/org/repo.git/info/lfs`.
    public func endpoint(org: String = "cfa", repo: String = "dossier") -> String {
        "\(baseURL)/\(org)/\(repo).git/info/lfs"
    }

    /// The git remote URL whose default LFS endpoint is `endpoint(org:repo:)`.
    public func gitURL(org: String = "cfa", repo: String = "dossier") -> String {
        "\(baseURL)/\(org)/\(repo)"
    }

    /// The oids stored for `org/repo`, sorted.
    public func storedObjects(org: String = "cfa", repo: String = "dossier") -> [String] {
        let folder = storageFolder.appendingPathComponent(org).appendingPathComponent(repo)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The file giftless stores `oid` of `org/repo` in.
    public func objectURL(_ oid: String, org: String = "cfa", repo: String = "dossier") -> URL {
        storageFolder.appendingPathComponent(org).appendingPathComponent(repo).appendingPathComponent(oid)
    }

    /// The requests served so far, from the server's log: method, path (query left out) and status.
    public func requests() -> [(method: String, path: String, status: Int)] {
        process.output.split(separator: "\n").compactMap { line in
            // … "PUT /cfa/dossier/objects/storage/<oid> HTTP/1.1" 200 -   (possibly with colour codes)
            guard let open = line.firstIndex(of: "\""), let close = line[line.index(after: open)...].firstIndex(of: "\"") else { return nil }
            let request = line[line.index(after: open)..<close].filter { $0 != "\u{1B}" }
            let parts = request.split(separator: " ")
            guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return nil }
            let method = String(parts[0].drop { !$0.isUppercase })
            let path = String(parts[1].split(separator: "?", maxSplits: 1).first ?? "")
            let rest = line[line.index(after: close)...].split(separator: " ")
            guard let status = rest.first.flatMap({ Int($0.filter(\.isNumber)) }) else { return nil }
            return (method, path, status)
        }
    }

    /// Stops giftless (SIGTERM, then SIGKILL) and removes its folder. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        process.stop(gracePeriod: 3)
        folder.remove()
    }

    /// `LocalStorage`, with downloads in 64 KiB blocks.
    static let storageModule = """
        from giftless.storage.local_storage import LocalStorage
        from werkzeug.wsgi import FileWrapper


        class BlockLocalStorage(LocalStorage):
            def get(self, prefix, oid):
                return FileWrapper(super().get(prefix, oid), 65536)

        """

    /// The Python that runs giftless.
    static func python() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["DOSSIER_LFS_PYTHON"], !configured.isEmpty {
            return configured
        }
        // Tests/TestServers/LFSServer.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let venvPython = root.appendingPathComponent(".build-venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: venvPython) else {
            throw TestServerError("no Python for giftless at \(venvPython): run scripts/install-deps.sh")
        }
        return venvPython
    }
}
