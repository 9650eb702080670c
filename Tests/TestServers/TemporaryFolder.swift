import Foundation

/// Writes `text` (UTF-8) to `file`, creating its parent folders.
public func writeText(_ text: String, to file: URL) throws {
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
}

/// A folder of its own under `FileManager.default.temporaryDirectory`, named with a UUID, removed by
/// `remove()` or when the last reference goes away.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder, symlinks resolved (on macOS `/var/folders/…` becomes `/private/var/folders/…`), so that
    /// paths compare equal to what git and the servers print.
    public let url: URL
    public var path: String { url.path }

    private let lock = NSLock()
    private var removed = false

    /// Creates the folder `<temporaryDirectory>/<prefix>-<UUID>`.
    public init(prefix: String = "dossier-tests") throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.resolvingSymlinksInPath()
    }

    deinit { remove() }

    /// `url/relativePath` (not created).
    public func appending(_ relativePath: String) -> URL {
        url.appendingPathComponent(relativePath)
    }

    /// Creates `url/relativePath` (and its parents) as a folder and returns it.
    @discardableResult
    public func makeFolder(_ relativePath: String) throws -> URL {
        let folder = url.appendingPathComponent(relativePath, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `text` to `url/relativePath`, creating the parent folders; returns the file's URL.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try writeText(text, to: file)
        return file
    }

    /// The text of `url/relativePath` (UTF-8).
    public func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Whether something is at `url/relativePath`.
    public func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(relativePath).path)
    }

    /// Removes `url/relativePath` (a file, or a folder and what it holds).
    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relativePath))
    }

    /// Every entry below the folder, with its type, mode and bytes: to compare states byte for byte.
    public func snapshot() throws -> [String: FileState] { try TestServers.snapshot(url) }

    /// Removes the folder and everything in it. Idempotent; errors are ignored (best effort).
    public func remove() {
        lock.lock()
        defer { lock.unlock() }
        guard !removed else { return }
        removed = true
        try? FileManager.default.removeItem(at: url)
    }
}
