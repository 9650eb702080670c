import DossierCore
import Foundation
import Git

/// The outcome of a save.
public struct SaveResult: Sendable, Encodable {
    public let commit: String
    public let shortCommit: String
    public let files: [PathChange]
    /// Evidence whose hash and size were recorded by this save, as `badge/evidence`.
    public let recordedHashes: [String]
}

extension Workspace {
    /// Commits every change since the last save, after recording the hashes of evidence files that
    /// changed. Returns nil when there is nothing to save. Refuses a malformed dossier, and leaves
    /// the working files as they were when it fails.
    /// Holds the dossier's lock (see `withLock`): a sync's local steps and other saves wait.
    public func save(message: String, author: Signature, recordHashes: Bool = true) throws -> SaveResult? {
        try withLock { try saveLocked(message: message, author: author, recordHashes: recordHashes) }
    }

    /// The steps of a save, in order: read the dossier, store media, record the evidence hashes,
    /// write the claims, commit. Whatever was written is put back when a later step fails.
    private func saveLocked(message: String, author: Signature, recordHashes: Bool) throws -> SaveResult? {
        // A sync stopped on conflicts: the next commit must be the merge (`dossier resolve`).
        if MergeMarker.isOpen(repository) {
            throw DossierError(.mergeInProgress)
        }
        var files = try changedFiles()
        if files.isEmpty, try head() != nil { return nil }
        if let bad = files.first(where: { $0.path.contains("\u{FFFD}") }) { throw DossierError(.nonUTF8Name(bad.path)) }

        let reader = DossierReader(source: workingSource, catalogue: catalogue)
        let (identity, touched, readErrors) = try readDossier(reader, files: files)
        var errors = readErrors
        let undo = SaveUndo(attributesFile: workingSource.absolute(MediaAttributes.fileName))
        let index = try repository.index()
        let media: (staged: Set<String>, digests: [String: FileDigest])
        do {
            media = try storeMedia(files: &files, index: index, identity: identity, dossierIsValid: errors.isEmpty, undo: undo)
        } catch {
            undo.run()
            throw (error as? GitError).map { DossierError($0) } ?? error
        }
        let hashes: (updates: [ClaimUpdate], recorded: [String])
        do {
            hashes = try evidenceHashes(of: touched, reader: reader, files: &files, media: media.digests, record: recordHashes,
                                        errors: &errors)
        } catch {
            undo.run()
            throw error
        }
        guard errors.isEmpty else {
            undo.run()
            throw DossierErrors(errors)
        }
        do {
            try writeClaims(hashes.updates, files: &files, undo: undo)
            return try commit(files: files, index: index, staged: media.staged, message: message, author: author, recorded: hashes.recorded)
        } catch {
            undo.run()
            throw error
        }
    }

    /// Step 1: the identity and the badges this save touches; malformed files are collected, not thrown.
    private func readDossier(_ reader: DossierReader, files: [PathChange]) throws -> (DossierIdentity?, [String], [DossierError]) {
        var errors: [DossierError] = []
        var identity: DossierIdentity?
        do { identity = try reader.identity() } catch let error as DossierError { errors.append(error) }
        var touched: [String] = []
        do {
            touched = try reader.badgeIDs().filter { badge in files.contains { $0.path.hasPrefix("badges/\(badge)/") } }
        } catch let error as DossierError { errors.append(error) }
        return (identity, touched, errors)
    }

    /// Step 2: media (videos, files over the threshold) go to the media store and a pointer into
    /// git. They are staged first: the media filter hashes them as it stores them, and that hash is
    /// the one recorded in the claims (the file is read once, not twice).
    private func storeMedia(files: inout [PathChange], index: Index, identity: DossierIdentity?, dossierIsValid: Bool,
                            undo: SaveUndo) throws -> (staged: Set<String>, digests: [String: FileDigest]) {
        if try trackMedia(files: files, policy: MediaPolicy(identity: identity)) {
            undo.attributesChanged = true
            if !files.contains(where: { $0.path == MediaAttributes.fileName }) {
                files.append(PathChange(path: MediaAttributes.fileName, change: undo.attributesBefore == nil ? .added : .modified))
            }
        }
        guard dossierIsValid else { return ([], [:]) }
        let (staged, digests) = try stageMedia(files: files, index: index)
        return (staged, digests)
    }

    /// A claim whose evidence hashes change, with the hashes (by evidence id) and the claim as read.
    private struct ClaimUpdate {
        let badge: String
        let claim: Claim
        let digests: [String: FileDigest]
        let original: Claim
    }

    /// Step 3: each touched claim is read (a malformed one refuses the save), evidence files an
    /// ignore rule hides from git's status are added to `files`, and with `record` the hash and size
    /// of each evidence file that is new, changed or never hashed are recorded.
    private func evidenceHashes(of touched: [String], reader: DossierReader, files: inout [PathChange],
                                media: [String: FileDigest], record: Bool,
                                errors: inout [DossierError]) throws -> (updates: [ClaimUpdate], recorded: [String]) {
        var recorded: [String] = []
        var updates: [ClaimUpdate] = []
        let headSource = try head().map(history.source(at:))
        for badge in touched {
            do {
                guard let original = try reader.claim(badge) else { continue }
                var claim = original
                var digests: [String: FileDigest] = [:]
                files += try untrackedEvidence(of: claim, badge: badge, listed: files, head: headSource)
                let folder = Claim.evidenceFolder(badge: badge) + "/"
                let changedNames = Set(files.map(\.path).filter { $0.hasPrefix(folder) }.map { String($0.dropFirst(folder.count)) })
                for index in claim.evidence.indices where record {
                    guard case .file(let path, let sha, let size) = claim.evidence[index].location,
                          sha == nil || size == nil || changedNames.contains(path),
                          let digest = try media[folder + path] ?? workingSource.digest(of: folder + path),
                          digest.sha256 != sha || digest.size != size else { continue }
                    claim.evidence[index].location = .file(path: path, sha256: digest.sha256, size: digest.size)
                    digests[claim.evidence[index].id] = digest
                    recorded.append("\(badge)/\(claim.evidence[index].id)")
                }
                if !digests.isEmpty { updates.append(ClaimUpdate(badge: badge, claim: claim, digests: digests, original: original)) }
            } catch let error as DossierError { errors.append(error) }
        }
        return (updates, recorded)
    }

    /// Step 4: the claims whose hashes changed, written atomically; only the hash lines change when
    /// the layout allows it, else the canonical layout.
    private func writeClaims(_ updates: [ClaimUpdate], files: inout [PathChange], undo: SaveUndo) throws {
        for update in updates {
            let path = Claim.path(badge: update.badge)
            let original = try Data(contentsOf: URL(fileURLWithPath: workingSource.absolute(path)))
            undo.rewritten.append((workingSource.absolute(path), original))
            let text = update.original.patchingHashes(in: String(decoding: original, as: UTF8.self), updates: update.digests)
            try AtomicFile.write(try text ?? update.claim.yaml(), to: workingSource.absolute(path))
            if !files.contains(where: { $0.path == path }) { files.append(PathChange(path: path, change: .modified)) }
        }
    }

    /// Adds `.gitattributes` lines for evidence files about to be saved that are media and not
    /// stored as media yet. True when `.gitattributes` changed.
    private func trackMedia(files: [PathChange], policy: MediaPolicy) throws -> Bool {
        var media: [String] = []
        for change in files where change.change != .deleted && change.path.hasPrefix("badges/") && change.path.contains("/evidence/") {
            let full = workingSource.absolute(change.path)
            guard let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? nil else { continue }
            let name = (change.path as NSString).lastPathComponent
            if policy.isMedia(name: name, size: size) { media.append(change.path) }
        }
        return try MediaAttributes.track(media, root: root, repository: repository)
    }

    /// Evidence files the claim names that git's status does not list because an ignore rule
    /// hides them (`*.tmp`…): a recorded evidence is always saved.
    private func untrackedEvidence(of claim: Claim, badge: String, listed: [PathChange], head: GitTreeSource?) throws -> [PathChange] {
        let listedPaths = Set(listed.map(\.path))
        return try claim.evidence.compactMap(\.filePath).map { Claim.evidenceFolder(badge: badge) + "/" + $0 }.filter { path in
            try !listedPaths.contains(path) && workingSource.kind(of: path) == .file && head?.kind(of: path) == nil
        }.map { PathChange(path: $0, change: .added) }
    }

    /// Stages the media files about to be saved (`.gitattributes` says `filter=lfs`); returns the
    /// paths staged and their digests, read from the pointers the filter wrote.
    private func stageMedia(files: [PathChange], index: Index) throws -> (Set<String>, [String: FileDigest]) {
        var staged: Set<String> = []
        var digests: [String: FileDigest] = [:]
        for change in files where change.change != .deleted && change.path.contains("/evidence/") {
            guard try MediaAttributes.isMedia(change.path, in: repository) else { continue }
            try index.add(path: change.path)
            staged.insert(change.path)
            if let blob = index.blobID(path: change.path), let pointer = try MediaInventory(repository: repository).pointer(blob) {
                digests[change.path] = FileDigest(sha256: pointer.oid, size: pointer.size)
            }
        }
        return (staged, digests)
    }

    private func commit(files: [PathChange], index: Index, staged: Set<String>, message: String, author: Signature,
                        recorded: [String]) throws -> SaveResult? {
        do {
            for change in files where !staged.contains(change.path) {
                if change.change == .deleted { try index.remove(path: change.path) } else { try index.add(path: change.path) }
            }
            let tree = try index.writeTree()
            let parent = try head()
            if let parent, parent.treeID == tree {
                try index.write()
                return nil
            }
            let id = try repository.commit(tree: tree, parents: parent.map { [$0] } ?? [], message: message, author: author,
                                           updating: nil)
            // The index first: killed before the branch moves, the changes are still to save.
            try index.write()
            do {
                try repository.moveCurrentBranch(to: id, expecting: parent?.id,
                                                 message: (parent == nil ? "commit (initial): " : "commit: ") + Self.summary(message))
            } catch let error as GitError where error.code == .modified || error.code == .exists {
                throw WorkspaceError.branchMoved
            } catch let error as GitError where error.code == .locked {
                throw WorkspaceError.busy
            }
            return SaveResult(commit: id.hex, shortCommit: id.short, files: files.sorted { $0.path < $1.path },
                              recordedHashes: recorded)
        } catch let error as GitError where error.code == .locked {
            // Another program (git) holds the index or the branch: stale locks are gone by now.
            throw WorkspaceError.busy
        } catch let error as GitError {
            throw DossierError(error)
        }
    }

    /// The first line of a message, for the reflog.
    static func summary(_ message: String) -> String {
        String(message.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
    }

    /// The author of a save: `Name <mail>` if given, else git's `user.name`/`user.email`, else the
    /// dossier's contact, else a neutral name.
    public func author(_ given: String?) throws -> Signature {
        if let given {
            guard let signature = Workspace.parseAuthor(given) else {
                throw DossierError(.invalidValue(field: "--author", value: given, expected: .author))
            }
            return signature
        }
        if let name = repository.configString("user.name"), let email = repository.configString("user.email") {
            return Signature(name: name, email: email)
        }
        if let contact = try? DossierReader(source: workingSource, catalogue: catalogue).identity().contact {
            return Signature(name: contact.name, email: contact.email ?? "dossier@localhost")
        }
        return Signature(name: "dossier", email: "dossier@localhost")
    }

    /// Parses `Name <mail>`.
    public static func parseAuthor(_ text: String) -> Signature? {
        guard let open = text.firstIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !email.isEmpty, text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).isEmpty
        else { return nil }
        return Signature(name: name, email: email)
    }
}

/// What a failed save puts back: the claim files it rewrote and `.gitattributes`.
private final class SaveUndo {
    let attributesFile: String
    let attributesBefore: Data?
    var attributesChanged = false
    /// Absolute paths and their bytes before the save.
    var rewritten: [(path: String, original: Data)] = []

    init(attributesFile: String) {
        self.attributesFile = attributesFile
        attributesBefore = FileManager.default.contents(atPath: attributesFile)
    }

    func run() {
        for (path, original) in rewritten { try? AtomicFile.write(original, to: path) }
        guard attributesChanged else { return }
        if let attributesBefore {
            try? AtomicFile.write(attributesBefore, to: attributesFile)
        } else {
            try? FileManager.default.removeItem(atPath: attributesFile)
        }
    }
}
