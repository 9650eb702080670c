import Foundation

/// Edits a dossier's working files: records evidence, removes it, sets claim fields. Every
/// command validates all its input before writing, and writes the claim last and atomically.
public struct DossierEditor {
    public let source: FileSystemSource
    public let catalogue: Catalogue

    public init(root: String, catalogue: Catalogue) {
        source = FileSystemSource(root: root)
        self.catalogue = catalogue
    }

    /// The badge, or an "unknown badge" error.
    public func badge(_ id: String) throws -> Badge {
        guard let badge = catalogue.badge(id) else { throw DossierError(.unknownBadge(id)) }
        return badge
    }

    /// The badge's current claim (a fresh draft when it has none yet).
    public func claim(_ badge: Badge) throws -> Claim {
        try DossierReader(source: source, catalogue: catalogue).claim(badge.id) ?? Claim()
    }

    func criterion(_ id: String, of badge: Badge) throws {
        guard badge.criterion(id) != nil else { throw DossierError(.unknownCriterion(badge: badge.id, criterion: id)) }
    }

    func write(_ claim: Claim, badge: String) throws {
        try AtomicFile.write(try claim.yaml(), to: source.absolute(Claim.path(badge: badge)))
    }

    /// Copies files into the badge's evidence folder and records them, with hash and size.
    /// A file already inside that folder is recorded where it is.
    @discardableResult
    public func add(badge badgeID: String, files: [String], criterion: String, title: String?) throws -> [Evidence] {
        let badge = try badge(badgeID)
        try self.criterion(criterion, of: badge)
        var claim = try claim(badge)
        let folder = source.absolute(Claim.evidenceFolder(badge: badge.id))
        var plans: [(from: String, to: String, evidence: Evidence)] = []
        for file in files {
            guard !file.contains("\u{FFFD}") else { throw DossierError(.nonUTF8Name(file)) }
            let given = URL(fileURLWithPath: file).standardizedFileURL.path
            if given.hasPrefix(source.root + "/"), (try? FileManager.default.destinationOfSymbolicLink(atPath: given)) != nil {
                throw DossierError(.symlink(file, outside: true))
            }
            let from = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: from, isDirectory: &isFolder) else { throw DossierError(.fileNotFound(file)) }
            guard !isFolder.boolValue else { throw DossierError(.notAFile(file)) }
            let resolvedFolder = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
            let inPlace = from.hasPrefix(resolvedFolder + "/")
            let name = inPlace ? String(from.dropFirst(resolvedFolder.count + 1)) : URL(fileURLWithPath: from).lastPathComponent
            guard EvidencePath.isContained(name) else { throw DossierError(.pathEscapes(name)) }
            if claim.evidence.contains(where: { $0.filePath == name }) || plans.contains(where: { $0.evidence.filePath == name })
                || (!inPlace && FileManager.default.fileExists(atPath: folder + "/" + name)) {
                throw DossierError(.evidenceFileExists(Claim.evidenceFolder(badge: badge.id) + "/" + name))
            }
            // A file copied in is hashed while it is copied (one read); one already in place is hashed here.
            let digest = inPlace ? try Digest.sha256(fileAt: from) : nil
            let id = claim.freshEvidenceID(from: (name as NSString).deletingPathExtension)
            let itemTitle = title.map { files.count > 1 ? "\($0) (\(name))" : $0 } ?? (name as NSString).deletingPathExtension
            let evidence = Evidence(id: id, title: itemTitle, criterion: criterion,
                                    location: .file(path: name, sha256: digest?.sha256, size: digest?.size))
            claim.evidence.append(evidence)
            plans.append((from, inPlace ? from : folder + "/" + name, evidence))
        }
        var copied: [String] = []
        do {
            for (index, plan) in plans.enumerated() where plan.from != plan.to {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                guard !FileManager.default.fileExists(atPath: plan.to) else {
                    throw DossierError(.evidenceFileExists(Claim.evidenceFolder(badge: badge.id) + "/" + (plan.evidence.filePath ?? "")))
                }
                copied.append(plan.to)
                let digest = try Digest.copy(from: plan.from, to: plan.to)
                plans[index].evidence.location = .file(path: plan.evidence.filePath ?? "", sha256: digest.sha256, size: digest.size)
                if let position = claim.evidence.firstIndex(where: { $0.id == plan.evidence.id }) {
                    claim.evidence[position].location = plans[index].evidence.location
                }
            }
            try write(claim, badge: badge.id)
        } catch {
            for path in copied { try? FileManager.default.removeItem(atPath: path) }
            throw DossierError.fileSystem(error, path: folder)
        }
        return plans.map(\.evidence)
    }

    /// Records an online evidence (LMS course, hosted video, web page).
    @discardableResult
    public func link(badge badgeID: String, url: String, criterion: String, title: String, kind: Evidence.Kind) throws -> Evidence {
        let badge = try badge(badgeID)
        try self.criterion(criterion, of: badge)
        guard Evidence.isValidURL(url) else {
            throw DossierError(.invalidValue(field: "URL", value: url, expected: .httpAddress))
        }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw DossierError(.missingField("--title")) }
        var claim = try claim(badge)
        let evidence = Evidence(id: claim.freshEvidenceID(from: title), title: title, criterion: criterion, location: .url(url, kind: kind))
        claim.evidence.append(evidence)
        try write(claim, badge: badge.id)
        return evidence
    }

    /// Removes an evidence entry, and its file unless another entry still uses it.
    public func remove(badge badgeID: String, evidence id: String) throws {
        let badge = try badge(badgeID)
        var claim = try claim(badge)
        guard let evidence = claim.evidence(id) else { throw DossierError(.unknownEvidence(badge: badge.id, evidence: id)) }
        claim.evidence.removeAll { $0.id == id }
        try write(claim, badge: badge.id)
        if let path = evidence.filePath, !claim.evidence.contains(where: { $0.filePath == path }) {
            try? FileManager.default.removeItem(atPath: source.absolute(Claim.evidenceFolder(badge: badge.id) + "/" + path))
        }
    }

    /// The claim fields `set` can change.
    public enum Field: String, CaseIterable, Sendable { case status, level, coverage, narrative }

    /// Sets a claim field from text (`none` clears level and coverage).
    public func set(badge badgeID: String, field: Field, value: String) throws {
        let badge = try badge(badgeID)
        var claim = try claim(badge)
        switch field {
        case .status:
            guard let status = Claim.Status(rawValue: value) else {
                throw DossierError(.invalidValue(field: "status", value: value, expected: "draft, ready"))
            }
            claim.status = status
        case .level:
            if value == "none" { claim.level = nil } else {
                guard let level = Int(value), level >= 0 else {
                    throw DossierError(.invalidValue(field: "level", value: value, expected: Expectation(fr: "0, 1, 2, 3… ou none", en: "0, 1, 2, 3… or none")))
                }
                claim.level = level
            }
        case .coverage:
            if value == "none" { claim.coverage = nil } else {
                guard let coverage = Coverage(value) else {
                    throw DossierError(.invalidValue(field: "coverage", value: value, expected: Expectation(fr: "couverts/total, ex. 8/12, ou none", en: "covered/total, e.g. 8/12, or none")))
                }
                claim.coverage = coverage
            }
        case .narrative:
            claim.narrative = value
        }
        try write(claim, badge: badge.id)
    }
}
