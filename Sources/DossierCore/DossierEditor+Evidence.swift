import Foundation

/// Evidence edits beyond `add`, `link` and `remove`: retitle, move to another criterion, record files
/// received elsewhere (moved in, not copied), and put back an entry `remove` took out. Like the
/// others, each validates all its input first and writes the claim last, atomically.
extension DossierEditor {
    /// A file already on this disk (an upload streamed to a temporary file) and its digest, to be
    /// recorded under `name`.
    public struct ReceivedFile: Sendable {
        public let path: String
        public let name: String
        public let digest: FileDigest

        public init(path: String, name: String, digest: FileDigest) {
            self.path = path
            self.name = name
            self.digest = digest
        }
    }

    /// Gives an evidence a new title.
    public func retitle(badge badgeID: String, evidence id: String, title: String) throws {
        let badge = try badge(badgeID)
        var claim = try claim(badge)
        guard let index = claim.evidence.firstIndex(where: { $0.id == id }) else {
            throw DossierError(.unknownEvidence(badge: badge.id, evidence: id))
        }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw DossierError(.missingField("title")) }
        claim.evidence[index].title = title
        try write(claim, badge: badge.id)
    }

    /// Makes an evidence support another criterion of the same badge.
    public func move(badge badgeID: String, evidence id: String, criterion: String) throws {
        let badge = try badge(badgeID)
        try self.criterion(criterion, of: badge)
        var claim = try claim(badge)
        guard let index = claim.evidence.firstIndex(where: { $0.id == id }) else {
            throw DossierError(.unknownEvidence(badge: badge.id, evidence: id))
        }
        claim.evidence[index].criterion = criterion
        try write(claim, badge: badge.id)
    }

    /// Records files as `add` does, but moves them into the badge's evidence folder instead of
    /// copying them (a large upload is not written twice), with the digest computed when they were
    /// received. Names are one plain file name each. All or nothing: on failure the files are moved
    /// back where they were and the claim is unchanged.
    @discardableResult
    public func adopt(badge badgeID: String, files: [ReceivedFile], criterion: String, title: String?) throws -> [Evidence] {
        let badge = try badge(badgeID)
        try self.criterion(criterion, of: badge)
        var claim = try claim(badge)
        let relative = Claim.evidenceFolder(badge: badge.id)
        let folder = source.absolute(relative)
        var plans: [(from: String, to: String)] = []
        for file in files {
            let name = file.name
            guard !name.contains("/"), EvidencePath.isContained(name) else { throw DossierError(.pathEscapes(name)) }
            if claim.evidence.contains(where: { $0.filePath == name }) || FileManager.default.fileExists(atPath: folder + "/" + name) {
                throw DossierError(.evidenceFileExists(relative + "/" + name))
            }
            let stem = (name as NSString).deletingPathExtension
            let itemTitle = title.map { files.count > 1 ? "\($0) (\(name))" : $0 } ?? stem
            claim.evidence.append(Evidence(id: claim.freshEvidenceID(from: stem), title: itemTitle, criterion: criterion,
                                           location: .file(path: name, sha256: file.digest.sha256, size: file.digest.size)))
            plans.append((file.path, folder + "/" + name))
        }
        let added = Array(claim.evidence.suffix(files.count))
        var moved: [(from: String, to: String)] = []
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for plan in plans {
                try Self.moveFile(from: plan.from, to: plan.to)
                moved.append(plan)
            }
            try write(claim, badge: badge.id)
        } catch {
            for plan in moved.reversed() { try? Self.moveFile(from: plan.to, to: plan.from) }
            throw DossierError.fileSystem(error, path: folder)
        }
        return added
    }

    /// Puts back `evidence`, taken out by `remove`, at `position` in the claim; its file (for a file
    /// evidence no other entry still uses) is moved back from `file` (nil: the file was already
    /// missing, the entry alone comes back). Refused when an entry with
    /// the same id, or another file at the same place, exists now.
    public func restore(badge badgeID: String, evidence: Evidence, file: String?, position: Int) throws {
        let badge = try badge(badgeID)
        var claim = try claim(badge)
        guard claim.evidence(evidence.id) == nil else { throw DossierError(.duplicateEvidenceID(evidence.id)) }
        let relative = Claim.evidenceFolder(badge: badge.id)
        var target: String?
        if let path = evidence.filePath, file != nil, !claim.evidence.contains(where: { $0.filePath == path }) {
            guard EvidencePath.isContained(path) else { throw DossierError(.pathEscapes(path)) }
            guard !FileManager.default.fileExists(atPath: source.absolute(relative + "/" + path)) else {
                throw DossierError(.evidenceFileExists(relative + "/" + path))
            }
            target = source.absolute(relative + "/" + path)
        }
        claim.evidence.insert(evidence, at: max(0, min(position, claim.evidence.count)))
        var movedBack = false
        do {
            if let target, let file {
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Self.moveFile(from: file, to: target)
                movedBack = true
            }
            try write(claim, badge: badge.id)
        } catch {
            if movedBack, let target, let file { try? Self.moveFile(from: target, to: file) }
            throw DossierError.fileSystem(error, path: source.absolute(relative))
        }
    }

    /// Moves a file without ever replacing one: a hard link then unlink on the same file system, a
    /// copy then unlink across file systems.
    static func moveFile(from: String, to: String) throws {
        if hardLink(from, to) == 0 {
            unlink(from)
            return
        }
        let code = errno
        if code == EEXIST { throw DossierError(.evidenceFileExists(to)) }
        guard code == EXDEV || code == EPERM || code == ENOTSUP || code == EMLINK else { throw DossierError.fromErrno(to, code: code) }
        do {
            _ = try Digest.copy(from: from, to: to)
        } catch {
            // Remove only a partial copy, never a file that was already there.
            if (error as? DossierError)?.reason != .evidenceFileExists(to) { unlink(to) }
            throw error
        }
        unlink(from)
    }
}

/// `link(2)`, under a name `DossierEditor.link` does not shadow.
private func hardLink(_ from: String, _ to: String) -> Int32 { link(from, to) }
