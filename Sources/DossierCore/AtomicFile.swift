import Foundation

/// Writes files so that a crash leaves either the old or the new content, never half of one.
public enum AtomicFile {
    /// Writes `text` to `path` through a temporary file in the same folder, then renames it.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw DossierError(.io("cannot write \(path): \(error.localizedDescription)"))
        }
    }
}
