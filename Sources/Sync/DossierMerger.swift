import DossierCore
import DossierRepository
import Git

/// Merges two saves of a dossier in memory: libgit2 merges the trees, then every YAML file
/// changed on both sides is merged by structure (evidence by id, fields by key), and evidence
/// files changed on both sides are both kept. Nothing is written to the working folder.
struct DossierMerger {
    let repository: Repository
    let catalogue: Catalogue

    struct Outcome {
        /// The merged tree (our values where the sides conflict).
        let tree: ObjectID
        /// Conflicts that need a person; version copies are not among them.
        let conflicts: [MergeConflict]
        /// Files kept in both versions: where the second version went.
        let copies: [String]
    }

    /// Merges `theirs` into `ours`; `preferTheirs` swaps which side wins a conflict.
    func merge(base: Commit?, ours: Commit, theirs: Commit, preferTheirs: Bool = false) throws -> Outcome {
        let (first, second) = preferTheirs ? (theirs, ours) : (ours, theirs)
        let baseTree = try base?.tree()
        let firstTree = try first.tree(), secondTree = try second.tree()
        let merged = try repository.mergeTrees(ancestor: baseTree, ours: firstTree, theirs: secondTree)
        let changedFirst = Set(try repository.changes(from: baseTree, to: firstTree).map(\.path))
        let changedSecond = Set(try repository.changes(from: baseTree, to: secondTree).map(\.path))
        var both = changedFirst.intersection(changedSecond)
        both.formUnion(try merged.conflicts().map(\.path))

        let baseSource = try baseTree.map { GitTreeSource(repository: repository, tree: $0) }
        let firstSource = GitTreeSource(repository: repository, tree: firstTree)
        let secondSource = GitTreeSource(repository: repository, tree: secondTree)
        let yamlPaths = both.filter(Self.isDossierYAML).sorted()
        let result = try DossierMerge(catalogue: catalogue, text: LibgitTextMerger(repository: repository))
            .merge(base: baseSource, ours: firstSource, theirs: secondSource, paths: yamlPaths)

        var replacements: [String: ObjectID?] = [:]
        var unrecordedCopies: [String] = []
        for (path, bytes) in result.files { replacements[path] = try repository.writeBlob(bytes) }
        for path in result.deleted { replacements[path] = .some(nil) }
        // Other files changed on both sides (evidence, anything else): the first side's version
        // stays at its path; the second side's is kept by the claim merge as a copy.
        let copied = Set(result.evidenceFileCopies.map { Claim.evidenceFolder(badge: $0.badge) + "/" + $0.fromPath })
        // `.gitattributes` (which files are media): the union of both sides' lines.
        if both.contains(MediaAttributes.fileName) {
            replacements[MediaAttributes.fileName] = try repository.writeBlob(try unionOfLines(MediaAttributes.fileName, firstTree, secondTree))
        }
        for path in both where !Self.isDossierYAML(path) && path != MediaAttributes.fileName {
            let first = try firstTree.entry(at: path)?.id, second = try secondTree.entry(at: path)?.id
            replacements[path] = .some(first ?? second)
            // A file changed on both sides that no claim entry accounts for (never saved through
            // dossier): the second version is kept beside the first rather than dropped.
            if let first, let second, first != second, !copied.contains(path) {
                var attempt = 1, keptAs = ClaimMerge.conflictFileName(path, sha256: second.hex)
                // Shortened to fit the file system, two long names can meet: the copy takes a free one.
                while try replacements[keptAs] != nil || firstTree.entry(at: keptAs) != nil || secondTree.entry(at: keptAs) != nil {
                    attempt += 1
                    keptAs = ClaimMerge.conflictFileName(path, sha256: second.hex, attempt: attempt)
                }
                replacements[keptAs] = .some(second)
                unrecordedCopies.append(keptAs)
            }
        }
        for copy in result.evidenceFileCopies {
            let folder = Claim.evidenceFolder(badge: copy.badge) + "/"
            if let blob = try secondTree.entry(at: folder + copy.fromPath)?.id { replacements[folder + copy.toPath] = blob }
        }
        // A second version of a media file stays media: its copy gets its own attribute line.
        let inventory = MediaInventory(repository: repository)
        let mediaCopies = try replacements.compactMap { path, blob -> String? in
            guard let blob, path.contains(" (conflit "), try inventory.pointer(blob) != nil else { return nil }
            return path
        }.sorted()
        if !mediaCopies.isEmpty {
            var text: [UInt8] = []
            if case let merged?? = replacements[MediaAttributes.fileName] {
                text = try repository.blobData(merged)
            } else if let entry = try firstTree.entry(at: MediaAttributes.fileName) {
                text = try repository.blobData(entry.id)
            }
            if !text.isEmpty, text.last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
            for path in mediaCopies { text += Array((MediaAttributes.pattern(for: path) + MediaAttributes.suffix + "\n").utf8) }
            replacements[MediaAttributes.fileName] = try repository.writeBlob(text)
        }
        for (path, blob) in replacements { try merged.resolve(path: path, blob: blob) }
        let tree = try restoreEvidenceFiles(in: try repository.tree(merged.writeTree()), claims: result.files,
                                            from: [firstTree, secondTree] + (baseTree.map { [$0] } ?? []))
        let conflicts = result.conflicts.filter { !$0.keepsBoth }.map { preferTheirs ? $0.swapped : $0 }
        return Outcome(tree: tree, conflicts: conflicts,
                       copies: result.evidenceFileCopies.map { "\($0.badge)/\($0.toPath)" } + unrecordedCopies)
    }

    /// Every file a merged claim records must be in the merged tree: an evidence one side deleted
    /// and the other kept (a `presence` conflict) keeps its file, from whichever side has it.
    private func restoreEvidenceFiles(in tree: Tree, claims: [String: [UInt8]], from trees: [Tree]) throws -> ObjectID {
        var missing: [String: ObjectID?] = [:]
        for (path, bytes) in claims where path.hasSuffix("/claim.yaml") {
            let folder = String(path.dropLast("claim.yaml".count)) + "evidence/"
            for case let file? in try Claim.parse(bytes, file: path).evidence.map(\.filePath) where try tree.entry(at: folder + file) == nil {
                if let blob = try trees.lazy.compactMap({ try $0.entry(at: folder + file)?.id }).first { missing[folder + file] = blob }
            }
        }
        return missing.isEmpty ? tree.id : try repository.tree(tree, replacing: missing)
    }

    /// The lines of the first side's file, then those only the second side has.
    private func unionOfLines(_ path: String, _ first: Tree, _ second: Tree) throws -> [UInt8] {
        func lines(_ tree: Tree) throws -> [Substring] {
            guard let entry = try tree.entry(at: path) else { return [] }
            return String(decoding: try repository.blobData(entry.id), as: UTF8.self).split(separator: "\n")
        }
        let mine = try lines(first)
        let known = Set(mine)
        let text = (mine + (try lines(second)).filter { !known.contains($0) }).joined(separator: "\n")
        return Array((text.isEmpty ? "" : text + "\n").utf8)
    }

    static func isDossierYAML(_ path: String) -> Bool {
        path == DossierIdentity.fileName || (path.hasPrefix("badges/") && path.hasSuffix("/claim.yaml") && path.split(separator: "/").count == 3)
    }
}
