/// The structured merge of a dossier's YAML files, computed in memory from three sources (the
/// merge base and the two sides, usually git trees). Evidence files and other files are merged by
/// the caller (libgit2); this merges `dossier.yaml` and the claims, which never get conflict markers.
public struct DossierMerge {
    public let catalogue: Catalogue
    public let text: TextMerging

    public init(catalogue: Catalogue, text: TextMerging) {
        self.catalogue = catalogue
        self.text = text
    }

    /// Merges the YAML files in `paths` (the `dossier.yaml` and `badges/<id>/claim.yaml` that
    /// differ between the sides; other paths are ignored). A side whose YAML does not parse stops
    /// the merge with that file's error (`file:line`).
    public func merge(base: DossierSource?, ours: DossierSource, theirs: DossierSource, paths: [String]) throws -> DossierMergeResult {
        var result = DossierMergeResult()
        var badges: [String] = []
        for path in Set(paths) {
            if path == DossierIdentity.fileName { try mergeIdentity(base: base, ours: ours, theirs: theirs, into: &result) }
            if let badge = Self.badge(ofClaimPath: path) { badges.append(badge) }
        }
        let order = Dictionary(catalogue.badges.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        badges.sort { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
        for badge in badges {
            let path = Claim.path(badge: badge)
            func claim(_ source: DossierSource?) throws -> (Claim, [UInt8])? {
                guard let bytes = try source?.read(path) else { return nil }
                return (try Claim.parse(bytes, file: path), bytes)
            }
            let b = try claim(base), o = try claim(ours), t = try claim(theirs)
            let merged = ClaimMerge.merge(base: b?.0, ours: o?.0, theirs: t?.0, badge: badge, text: text)
            result.conflicts += merged.conflicts
            result.evidenceFileCopies += merged.evidenceFileCopies
            if let claim = merged.claim {
                result.files[path] = try Self.bytes(claim, ours: o, theirs: t) { try $0.yaml() }
            } else {
                result.deleted.append(path)
            }
        }
        result.deleted.sort()
        return result
    }

    private func mergeIdentity(base: DossierSource?, ours: DossierSource, theirs: DossierSource,
                               into result: inout DossierMergeResult) throws {
        let path = DossierIdentity.fileName
        func identity(_ source: DossierSource?) throws -> (DossierIdentity, [UInt8])? {
            guard let bytes = try source?.read(path) else { return nil }
            return (try DossierIdentity.parse(bytes, file: path), bytes)
        }
        let b = try identity(base), o = try identity(ours), t = try identity(theirs)
        let merged: DossierIdentity?
        switch (o, t) {
        case (let o?, let t?):
            let (identity, conflicts) = IdentityMerge.merge(base: b?.0, ours: o.0, theirs: t.0)
            merged = identity
            result.conflicts.insert(contentsOf: conflicts, at: 0)
        case (let kept?, nil), (nil, let kept?):
            // Removed on one side (the dossier cannot live without it): kept, reported if changed.
            merged = kept.0
            if let b, b.0 != kept.0 {
                let ourSide = o == nil ? nil : kept.0.name, theirSide = t == nil ? nil : kept.0.name
                result.conflicts.insert(MergeConflict(file: path, field: "presence", ours: ourSide, theirs: theirSide), at: 0)
            }
        case (nil, nil):
            merged = nil
        }
        if let merged {
            result.files[path] = try Self.bytes(merged, ours: o, theirs: t) { try $0.yaml() }
        } else {
            result.deleted.append(path)
        }
    }

    /// A side's own bytes when the merge gives exactly its content (its layout and comments are
    /// kept), else the canonical YAML.
    private static func bytes<T: Equatable>(_ merged: T, ours: (T, [UInt8])?, theirs: (T, [UInt8])?,
                                            yaml: (T) throws -> String) throws -> [UInt8] {
        if let ours, ours.0 == merged { return ours.1 }
        if let theirs, theirs.0 == merged { return theirs.1 }
        return Array(try yaml(merged).utf8)
    }

    /// `badges/<badge>/claim.yaml` → `<badge>`.
    static func badge(ofClaimPath path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "badges", !parts[1].isEmpty, parts[2] == "claim.yaml" else { return nil }
        return String(parts[1])
    }
}

/// The merged YAML files, and what the caller must do with the rest.
public struct DossierMergeResult: Sendable {
    /// Merged YAML bytes by path (never with conflict markers).
    public var files: [String: [UInt8]]
    /// Paths that must be absent from the merged tree (deleted by the merge).
    public var deleted: [String]
    /// `dossier.yaml` first, then the badges in catalogue order.
    public var conflicts: [MergeConflict]
    /// Evidence files of theirs to copy under a new name (the merged claims already name them).
    public var evidenceFileCopies: [EvidenceFileCopy]

    public init(files: [String: [UInt8]] = [:], deleted: [String] = [], conflicts: [MergeConflict] = [],
                evidenceFileCopies: [EvidenceFileCopy] = []) {
        self.files = files
        self.deleted = deleted
        self.conflicts = conflicts
        self.evidenceFileCopies = evidenceFileCopies
    }
}
