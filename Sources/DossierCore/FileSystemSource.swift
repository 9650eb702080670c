import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// A dossier read from a folder on disk (the CFA's working files).
public struct FileSystemSource: DossierSource {
    /// The dossier's root folder.
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    public func read(_ path: String) throws -> [UInt8]? {
        guard try kind(of: path) == .file else { return nil }
        guard let data = FileManager.default.contents(atPath: absolute(path)) else {
            throw DossierError(.io("cannot read \(path)"))
        }
        return [UInt8](data)
    }

    public func kind(of path: String) throws -> SourceEntry.Kind? {
        var info = stat()
        guard lstat(absolute(path), &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Lists a folder with `readdir`, so that names that are not UTF-8 are seen as such. Kinds come
    /// from the directory entry itself (`d_type`); a file system that does not fill it is asked
    /// with `lstat`.
    public func list(_ path: String) throws -> [SourceEntry] {
        guard let directory = opendir(absolute(path)) else { return [] }
        defer { closedir(directory) }
        var entries: [SourceEntry] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if bytes == [0x2e] || bytes == [0x2e, 0x2e] { continue }
            let valid = String(validating: bytes, as: UTF8.self)
            let name = valid ?? String(decoding: bytes, as: UTF8.self)
            let kind: SourceEntry.Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = try self.kind(of: SourcePath.join(path, name)) ?? .other
            default: kind = .other
            }
            entries.append(SourceEntry(name: name, kind: kind, isUTF8: valid != nil))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The file's SHA-256 and size; for a git-lfs pointer left in place of media not downloaded
    /// yet, the object's id and size, which is what the claim records.
    public func digest(of path: String) throws -> FileDigest? {
        guard try kind(of: path) == .file else { return nil }
        let full = absolute(path)
        if let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? nil,
           size <= LFSPointer.maximumSize, let data = FileManager.default.contents(atPath: full),
           let pointer = LFSPointer.parse([UInt8](data)) {
            return FileDigest(sha256: pointer.oid, size: pointer.size)
        }
        return try Digest.sha256(fileAt: full)
    }

    public func linkTarget(of path: String) throws -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: absolute(path))
    }
}

