/// Reads a dossier (identity, badge claims, evidence folders) from any source.
public struct DossierReader {
    public let source: DossierSource
    public let catalogue: Catalogue
    /// Where claims stored in git are kept once parsed, by blob id (nil: parse every time).
    public var claimCache: ClaimCache?

    public init(source: DossierSource, catalogue: Catalogue, claimCache: ClaimCache? = .shared) {
        self.source = source
        self.catalogue = catalogue
        self.claimCache = claimCache
    }

    /// The CFA's identity from `dossier.yaml`.
    public func identity() throws -> DossierIdentity {
        guard let bytes = try source.read(DossierIdentity.fileName) else {
            throw DossierError(.fileNotFound(DossierIdentity.fileName))
        }
        return try DossierIdentity.parse(bytes)
    }

    /// The badge folders present under `badges/`, in catalogue order. Unknown or badly named
    /// folders are errors.
    public func badgeIDs() throws -> [String] {
        var found: [String] = []
        for entry in try source.list("badges") {
            let path = "badges/" + entry.name
            guard entry.isUTF8 else { throw DossierError(.nonUTF8Name(path)) }
            guard entry.kind == .folder else {
                if entry.kind == .symlink { throw DossierError(.symlink(path, outside: true)) }
                continue
            }
            guard catalogue.badge(entry.name) != nil else { throw DossierError(.unknownBadge(entry.name), file: path) }
            found.append(entry.name)
        }
        return catalogue.badges.map(\.id).filter(found.contains)
    }

    /// The claim of one badge, or nil when the badge has no `claim.yaml`. Unless told otherwise,
    /// also validates the evidence folder: no symbolic links, UTF-8 names only.
    public func claim(_ badge: String, validatingFiles: Bool = true) throws -> Claim? {
        let path = Claim.path(badge: badge)
        let claim: Claim
        // A claim stored in git is parsed once per blob in this process (ClaimCache).
        if let claimCache, let blob = source.version(of: path), try source.kind(of: path) == .file {
            claim = try claimCache.claim(blob: blob, store: source.claimStore) {
                guard let bytes = try source.read(path) else { throw DossierError(.fileNotFound(path)) }
                return try Claim.parse(bytes, file: path)
            }
        } else {
            guard let bytes = try source.read(path) else {
                if try source.kind(of: path) == .symlink { throw DossierError(.symlink(path, outside: true)) }
                return nil
            }
            claim = try Claim.parse(bytes, file: path)
        }
        if validatingFiles { try validateFiles(badge: badge, claim: claim) }
        return claim
    }

    /// Every badge's claim, with all errors collected rather than stopping at the first.
    public func load(badges: [String]? = nil) -> (dossier: Dossier?, errors: [DossierError]) {
        var errors: [DossierError] = []
        var identity: DossierIdentity?
        do { identity = try self.identity() } catch let error as DossierError { errors.append(error) } catch {
            errors.append(DossierError(.io("\(error)")))
        }
        var claims: [String: Claim] = [:]
        do {
            for badge in try badges ?? badgeIDs() {
                do {
                    if let claim = try claim(badge) { claims[badge] = claim }
                } catch let error as DossierError { errors.append(error) }
            }
        } catch let error as DossierError { errors.append(error) } catch {
            errors.append(DossierError(.io("\(error)")))
        }
        guard let identity else { return (nil, errors) }
        return (Dossier(identity: identity, claims: claims), errors)
    }

    /// Loads the whole dossier or throws all its errors.
    public func loadValid() throws -> Dossier {
        let (dossier, errors) = load()
        guard errors.isEmpty, let dossier else { throw DossierErrors(errors) }
        return dossier
    }

    /// Evidence files must be plain files with UTF-8 names, inside the badge's evidence folder.
    func validateFiles(badge: String, claim: Claim) throws {
        let folder = Claim.evidenceFolder(badge: badge)
        // The listing already tells which names are links: an evidence path whose folders are all
        // real is looked up there, not asked again one file at a time.
        // Compared byte for byte, as the file system does (String equality would merge NFC and NFD).
        var links = Set<[UInt8]>()
        try validateFolder(folder, badgeFolder: "badges/\(badge)", links: &links)
        for item in claim.evidence {
            guard let path = item.filePath else { continue }
            let full = folder + "/" + path
            let isLink = path.utf8.contains(UInt8(ascii: "/")) ? try source.kind(of: full) == .symlink : links.contains(Array(full.utf8))
            if isLink {
                let target = try source.linkTarget(of: full) ?? ""
                throw DossierError(.symlink(full, outside: !Self.staysInside(link: full, target: target, folder: "badges/\(badge)")),
                                   file: Claim.path(badge: badge), line: item.line)
            }
        }
    }

    private func validateFolder(_ folder: String, badgeFolder: String, links: inout Set<[UInt8]>) throws {
        for entry in try source.list(folder) {
            let path = folder + "/" + entry.name
            guard entry.isUTF8 else { throw DossierError(.nonUTF8Name(path)) }
            if entry.kind == .folder { try validateFolder(path, badgeFolder: badgeFolder, links: &links) }
            if entry.kind == .symlink {
                links.insert(Array(path.utf8))
                let target = try source.linkTarget(of: path) ?? ""
                if !Self.staysInside(link: path, target: target, folder: badgeFolder) {
                    throw DossierError(.symlink(path, outside: true))
                }
            }
        }
    }

    /// Whether a link at `link` pointing to `target` resolves inside `folder` (all relative to the root).
    static func staysInside(link: String, target: String, folder: String) -> Bool {
        guard !target.hasPrefix("/") else { return false }
        var parts = link.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            if part == ".." {
                guard !parts.isEmpty else { return false }
                parts.removeLast()
            } else if part != "." {
                parts.append(String(part))
            }
        }
        return (parts.joined(separator: "/") + "/").hasPrefix(folder + "/")
    }
}

/// A loaded dossier: the identity and the claims of the badges it has started.
public struct Dossier: Sendable, Equatable {
    public var identity: DossierIdentity
    public var claims: [String: Claim]

    public init(identity: DossierIdentity, claims: [String: Claim]) {
        self.identity = identity
        self.claims = claims
    }
}
