import DossierCore
import Foundation
internal import Git

/// The catalogue ref in a CFA's mirror (`refs/dossier/catalogue`): every catalogue version the hub
/// published, as published (`CataloguePaths`), then pushed to the CFA by reconcile. One commit with
/// no parent and a fixed date: the same versions make the same commit in every mirror.
enum CatalogueRef {
    /// Writes the versions on the ref in `mirror`; returns the ref's commit.
    static func write(_ versions: [(version: CatalogueVersion, bytes: [UInt8])], signatures: [CatalogueVersion: String] = [:],
                      in mirror: Repository, author name: String) throws -> ObjectID {
        var files: [String: ObjectID] = [:]
        files[CataloguePaths.readme] = try mirror.writeBlob(Array(Self.readme.utf8))
        for (version, bytes) in versions {
            files[CataloguePaths.path(version: version)] = try mirror.writeBlob(bytes)
            if let signature = signatures[version] {
                files[CataloguePaths.signaturePath(version: version)] = try mirror.writeBlob(Array((signature + "\n").utf8))
            }
        }
        let tree = try mirror.tree(files: files)
        if let current = try mirror.referenceTarget(DossierReferences.catalogue), try mirror.commit(current).treeID == tree { return current }
        let newest = versions.last.map { $0.version.description } ?? ""
        let author = Signature(name: name, email: "hub@dossier.invalid", date: Date(timeIntervalSince1970: 0), timeZoneOffset: 0)
        // A commit with no parent replaces the ref (libgit2 refuses to "update" a ref whose tip is not
        // the new commit's first parent): made first, then the ref set to it.
        let commit = try mirror.commit(tree: tree, parents: [], message: "Catalogue \(newest)\n", author: author, updating: nil)
        try mirror.setReference(DossierReferences.catalogue, to: commit, message: "hub: catalogue \(newest)")
        return commit
    }

    static let readme = """
        # Catalogue des badges / the badge catalogue

        Écrit par le hub de la Région uniquement ; `dossier sync` le reçoit, ne l'envoie jamais.
        Written by the Région's hub only; `dossier sync` fetches it and never pushes it.
        One file per published version: `versions/<version>.yaml`, signed by the Région's issuer
        key in `versions/<version>.jws`.

        """
}
