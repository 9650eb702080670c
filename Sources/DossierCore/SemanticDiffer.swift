/// Computes the semantic diff between two sources, reading only the badges whose files changed.
public struct SemanticDiffer {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    /// The diff from `old` (nil: nothing yet) to `new`, given the files that changed between them
    /// (which the caller gets cheaply from git: tree ids or the index's stat cache).
    public func diff(old: DossierSource?, new: DossierSource, files: [PathChange]) throws -> DossierDiff {
        let sortedFiles = files.sorted { $0.path < $1.path }
        var diff = DossierDiff(identity: [], badges: [], files: sortedFiles)
        if files.contains(where: { $0.path == DossierIdentity.fileName }) {
            let before = try old.flatMap { try identity(in: $0) }
            let after = try identity(in: new)
            diff.identity = identityChanges(before, after)
        }
        var byBadge: [String: [PathChange]] = [:]
        for change in sortedFiles {
            let parts = change.path.split(separator: "/", maxSplits: 2)
            guard parts.count >= 2, parts[0] == "badges" else { continue }
            byBadge[String(parts[1]), default: []].append(change)
        }
        for badge in catalogue.badges.map(\.id) + byBadge.keys.filter({ catalogue.badge($0) == nil }).sorted() {
            guard let changes = byBadge[badge] else { continue }
            if let badgeDiff = try diffBadge(badge, old: old, new: new, changes: changes) {
                diff.badges.append(badgeDiff)
            }
        }
        return diff
    }

    private func identity(in source: DossierSource) throws -> DossierIdentity? {
        guard let bytes = try source.read(DossierIdentity.fileName) else { return nil }
        return try DossierIdentity.parse(bytes)
    }

    private func identityChanges(_ before: DossierIdentity?, _ after: DossierIdentity?) -> [FieldChange] {
        func person(_ p: DossierIdentity.Person?) -> String? {
            p.map { [$0.name, $0.email, $0.phone].compactMap { $0 }.joined(separator: ", ") }
        }
        let fields: [(String, (DossierIdentity?) -> String?)] = [
            ("uai", { $0?.uai }), ("name", { $0?.name }), ("siret", { $0?.siret }),
            ("contact", { person($0?.contact) }), ("referentNumerique", { person($0?.referentNumerique) }),
            ("catalogueVersion", { $0?.catalogueVersion }),
        ]
        return fields.compactMap { name, value in
            value(before) == value(after) ? nil : FieldChange(field: name, from: value(before), to: value(after))
        }
    }

    private func diffBadge(_ badge: String, old: DossierSource?, new: DossierSource, changes: [PathChange]) throws -> BadgeDiff? {
        let before = try old.flatMap { try claim(badge, in: $0) }
        // An unchanged claim file is parsed once (the expensive part of a diff of a large badge).
        let claimChanged = changes.contains { $0.path == Claim.path(badge: badge) }
        let after = old != nil && !claimChanged ? before : try claim(badge, in: new)
        let change: BadgeDiff.Change
        switch (before, after) {
        case (nil, nil): return nil
        case (nil, _): change = .added
        case (_, nil): change = .removed
        default: change = .modified
        }
        let requirement = catalogue.badge(badge)?.requirement
        let metBefore = try before.map { try satisfied(badge, $0, in: old!) } ?? []
        let metAfter = try after.map { try satisfied(badge, $0, in: new) } ?? []
        var result = BadgeDiff(id: badge, change: change,
                               requirementMetBefore: before != nil && (requirement?.isMet(satisfied: metBefore) ?? false),
                               requirementMetAfter: after != nil && (requirement?.isMet(satisfied: metAfter) ?? false),
                               files: changes)
        let empty = Claim()
        let b = before ?? empty, a = after ?? empty
        result.fields = [
            ("status", before.map { $0.status.rawValue }, after.map { $0.status.rawValue }),
            ("level", b.level.map(String.init), a.level.map(String.init)),
            ("coverage", b.coverage?.description, a.coverage?.description),
        ].compactMap { $0.1 == $0.2 ? nil : FieldChange(field: $0.0, from: $0.1, to: $0.2) }
        if b.narrative != a.narrative { result.narrative = TextDiff(old: b.narrative, new: a.narrative) }
        let folder = Claim.evidenceFolder(badge: badge) + "/"
        let modifiedFiles = Set(changes.filter { $0.change == .modified && $0.path.hasPrefix(folder) }
            .map { String($0.path.dropFirst(folder.count)) })
        let previousByID = Dictionary(b.evidence.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let currentIDs = Set(a.evidence.map(\.id))
        for item in a.evidence {
            guard let previous = previousByID[item.id] else {
                result.evidenceAdded.append(EvidenceSummary(item))
                continue
            }
            let kinds = changeKinds(previous, item, contentModified: item.filePath.map(modifiedFiles.contains) ?? false)
            if !kinds.isEmpty {
                result.evidenceChanged.append(EvidenceChange(id: item.id, title: item.title, changes: kinds,
                                                             before: EvidenceSummary(previous), after: EvidenceSummary(item)))
            }
        }
        result.evidenceRemoved = b.evidence.filter { !currentIDs.contains($0.id) }.map(EvidenceSummary.init)
        let order = catalogue.badge(badge)?.criteria.map(\.id) ?? Array(metBefore.union(metAfter)).sorted()
        result.criteriaNewlyMet = order.filter { metAfter.contains($0) && !metBefore.contains($0) }
        result.criteriaNoLongerMet = order.filter { metBefore.contains($0) && !metAfter.contains($0) }
        return result
    }

    private func changeKinds(_ before: Evidence, _ after: Evidence, contentModified: Bool) -> [EvidenceChange.Kind] {
        var kinds: [EvidenceChange.Kind] = []
        switch (before.location, after.location) {
        case (.file(let oldPath, let oldSHA, _), .file(let newPath, let newSHA, _)):
            if oldSHA != newSHA || (oldPath == newPath && contentModified) { kinds.append(.replaced) }
            if oldPath != newPath { kinds.append(.renamed) }
        case (.url(let oldURL, let oldKind), .url(let newURL, let newKind)):
            if oldURL != newURL || oldKind != newKind { kinds.append(.relinked) }
        default:
            kinds.append(.retyped)
        }
        if before.title != after.title { kinds.append(.retitled) }
        if before.criterion != after.criterion { kinds.append(.moved) }
        return kinds
    }

    /// The diff reports; validating evidence files is `check`'s and `save`'s job.
    private func claim(_ badge: String, in source: DossierSource) throws -> Claim? {
        try DossierReader(source: source, catalogue: catalogue).claim(badge, validatingFiles: false)
    }

    /// Criteria with at least one evidence that names a known criterion and whose file is present
    /// (hashes are `check`'s job; the diff stays proportional to what changed).
    private func satisfied(_ badge: String, _ claim: Claim, in source: DossierSource) throws -> Set<String> {
        let known = Set(catalogue.badge(badge)?.criteria.map(\.id) ?? [])
        let folder = Claim.evidenceFolder(badge: badge)
        var met = Set<String>()
        for item in claim.evidence where known.contains(item.criterion) && !met.contains(item.criterion) {
            if let path = item.filePath, try source.kind(of: folder + "/" + path) != .file { continue }
            met.insert(item.criterion)
        }
        return met
    }
}
