/// A dossier held in memory: for tests of the logic above the sources, and for building examples.
public struct MemorySource: DossierSource {
    /// File contents by path.
    public var files: [String: [UInt8]]
    /// Symbolic links by path, with their targets.
    public var links: [String: String]

    public init(files: [String: String] = [:], links: [String: String] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
        self.links = links
    }

    public func read(_ path: String) throws -> [UInt8]? { files[path] }

    public func kind(of path: String) throws -> SourceEntry.Kind? {
        if files[path] != nil { return .file }
        if links[path] != nil { return .symlink }
        let prefix = path.isEmpty ? "" : path + "/"
        return (files.keys.contains { $0.hasPrefix(prefix) } || links.keys.contains { $0.hasPrefix(prefix) }) ? .folder : nil
    }

    public func list(_ path: String) throws -> [SourceEntry] {
        let prefix = path.isEmpty ? "" : path + "/"
        var names: [String: SourceEntry.Kind] = [:]
        for key in Array(files.keys) + Array(links.keys) where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            let name = String(rest.prefix { $0 != "/" })
            names[name] = rest.contains("/") ? .folder : (files[key] != nil ? .file : .symlink)
        }
        return names.sorted { $0.key < $1.key }.map { SourceEntry(name: $0.key, kind: $0.value) }
    }

    public func digest(of path: String) throws -> FileDigest? {
        files[path].map { FileDigest(sha256: Digest.sha256($0), size: $0.count) }
    }

    public func linkTarget(of path: String) throws -> String? { links[path] }
}
