public import DossierCore
public import DossierRepository
public import Foundation

/// Which media remote serves a git remote, as git-lfs decides it: `lfs.url` in `.lfsconfig`
/// when set; otherwise the remote repository's own `lfs` folder for a path remote, and
/// `<url>.git/info/lfs` for HTTP(S). An ssh remote needs `lfs.url`.
public enum MediaEndpoint {
    /// The media remote for `url` (a path is relative to `root`); `lfsConfig` is the text of the
    /// dossier's `.lfsconfig` (`LFSConfig`, from the working folder or a save), if it has one;
    /// `lang` is the language of the details an HTTP remote's errors carry.
    public static func remote(for url: String, root: String?, lfsConfig: String? = nil, options: RemoteOptions,
                              lang: Lang) throws -> MediaRemote {
        if let configured = lfsConfig.flatMap(lfsURL(text:)) {
            return try HTTPMediaRemote(endpoint: configured, options: options, lang: lang)
        }
        let address = try RemoteAddress(url, relativeTo: root ?? FileManager.default.currentDirectoryPath)
        switch address.transport {
        case .local:
            return LocalMediaRemote(repositoryPath: address.localPath ?? address.url)
        case .http, .https:
            return try HTTPMediaRemote(endpoint: httpEndpoint(for: address.url), options: options, lang: lang)
        case .ssh:
            throw MediaTransferError.noEndpoint(url: url)
        }
    }

    /// git-lfs's default endpoint for an HTTP remote: `<url>` with `.git` appended when missing, then `/info/lfs`.
    public static func httpEndpoint(for url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        if !base.hasSuffix(".git") { base += ".git" }
        return base + "/info/lfs"
    }

    /// `lfs.url` from the text of a `.lfsconfig`.
    public static func lfsURL(text: String) -> String? {
        var section = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                section = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).lowercased()
                continue
            }
            guard section == "lfs", let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if key == "url", !value.isEmpty { return value }
        }
        return nil
    }
}
