/// Applies the catalogue's requirements and award rules to a dossier.
public struct Checker {
    public let catalogue: Catalogue

    /// What kind of award the check is for.
    public struct Options: Sendable {
        /// Check against renewal rules rather than first-award rules.
        public var renewal: Bool
        /// The claims of the awarded snapshot, by badge (for renewal rules that compare).
        public var awarded: [String: Claim]
        /// Badges checked against renewal rules even when `renewal` is false: those the Région
        /// has awarded before (from the decisions the hub sent back).
        public var renewalBadges: Set<String>
        /// Problems found outside the claim, by badge (media damaged or not downloaded).
        public var extraProblems: [String: [Problem]]

        public init(renewal: Bool = false, awarded: [String: Claim] = [:], renewalBadges: Set<String> = [],
                    extraProblems: [String: [Problem]] = [:]) {
            self.renewal = renewal
            self.awarded = awarded
            self.renewalBadges = renewalBadges
            self.extraProblems = extraProblems
        }

        /// Whether a badge is checked against its renewal rules.
        public func isRenewal(_ badge: String) -> Bool { renewal || renewalBadges.contains(badge) }
    }

    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    /// Checks every badge of the catalogue and the label progress.
    public func check(_ dossier: Dossier, source: DossierSource, options: Options = Options()) throws -> CheckReport {
        var badges: [BadgeCheck] = []
        for badge in catalogue.badges {
            badges.append(try check(badge: badge, claim: dossier.claims[badge.id], source: source, options: options))
        }
        var general: [Problem] = []
        if dossier.identity.contact == nil { general.append(.contactMissing) }
        if dossier.identity.referentNumerique == nil { general.append(.referentMissing) }
        if let version = dossier.identity.catalogueVersion, version != catalogue.version {
            general.append(.catalogueVersionMismatch(dossier: version, catalogue: catalogue.version))
        }
        return CheckReport(catalogueVersion: catalogue.version, renewal: options.renewal, badges: badges,
                           problems: general, label: LabelProgress(catalogue: catalogue, badges: badges))
    }

    /// Checks one badge's claim.
    public func check(badge: Badge, claim: Claim?, source: DossierSource, options: Options = Options()) throws -> BadgeCheck {
        guard let claim else {
            return BadgeCheck(id: badge.id, title: badge.title, mandatory: badge.mandatory, status: nil,
                              criteriaMet: [], problems: [.notStarted], renewal: options.isRenewal(badge.id))
        }
        var problems: [Problem] = []
        var satisfied = Set<String>()
        let folder = Claim.evidenceFolder(badge: badge.id)
        for item in claim.evidence {
            var valid = true
            if badge.criterion(item.criterion) == nil {
                problems.append(.unknownCriterion(evidence: item.id, criterion: item.criterion))
                valid = false
            }
            if case .file(let path, let recorded, _) = item.location {
                let full = folder + "/" + path
                if Self.isConflictCopy(path) { problems.append(.versionConflict(evidence: item.id, path: full)) }
                if let digest = try source.digest(of: full) {
                    if let recorded, recorded != digest.sha256 {
                        problems.append(.evidenceHashChanged(evidence: item.id, path: full))
                        valid = false
                    } else if recorded == nil {
                        problems.append(.evidenceHashNotRecorded(evidence: item.id, path: full))
                    }
                } else {
                    problems.append(.evidenceFileMissing(evidence: item.id, path: full))
                    valid = false
                }
            }
            if valid { satisfied.insert(item.criterion) }
        }
        problems += requirementProblems(badge.requirement, satisfied: satisfied)
        problems += ruleProblems(badge: badge, claim: claim, satisfied: satisfied, options: options)
        problems += options.extraProblems[badge.id] ?? []
        if claim.status == .draft { problems.append(.draft) }
        let recorded = Set(claim.evidence.compactMap(\.filePath).map { folder + "/" + $0 })
        for path in try files(below: folder, source: source) where !recorded.contains(path) {
            problems.append(.unrecordedFile(path: path))
        }
        return BadgeCheck(id: badge.id, title: badge.title, mandatory: badge.mandatory, status: claim.status,
                          criteriaMet: badge.criteria.map(\.id).filter(satisfied.contains), problems: problems,
                          renewal: options.isRenewal(badge.id))
    }

    /// Whether a path names a copy a merge made (`… (conflit …)`); paths without a parenthesis
    /// are told apart by their bytes, without Foundation's text search.
    static func isConflictCopy(_ path: String) -> Bool {
        guard path.utf8.contains(UInt8(ascii: "(")) else { return false }
        return path.contains(" (conflit ")
    }

    func requirementProblems(_ requirement: Requirement, satisfied: Set<String>) -> [Problem] {
        let unmet = requirement.unmet(satisfied: satisfied)
        var problems = unmet.missingRequired.map { Problem.criterionWithoutEvidence(criterion: $0) }
        if unmet.missingCount > 0 {
            let met = requirement.among.filter(satisfied.contains).count
            problems.append(.tooFewCriteria(needed: unmet.missingCount, met: met,
                                            among: requirement.among.filter { !satisfied.contains($0) }))
        }
        return problems
    }

    func ruleProblems(badge: Badge, claim: Claim, satisfied: Set<String>, options: Options) -> [Problem] {
        var problems: [Problem] = []
        if let level = claim.level, !badge.levels.isEmpty {
            // Evidence for the claimed level or a higher one backs the claim; a level above every
            // defined one can never be backed, and is named against the highest.
            let backing = badge.levels.filter { $0.level >= level }.map(\.criterion)
            let named = badge.levels.first(where: { $0.level == level }) ?? badge.levels.max { $0.level < $1.level }
            if !backing.contains(where: satisfied.contains), let named {
                problems.append(.levelNotBacked(level: level, criterion: named.criterion))
            }
        }
        for rule in options.isRenewal(badge.id) ? badge.renewal : badge.firstAward {
            switch rule {
            case .minLevel(let required):
                if let level = claim.level {
                    if level < required { problems.append(.levelTooLow(level: level, required: required)) }
                } else {
                    problems.append(.levelMissing(required: required))
                }
            case .fullCoverage(let of):
                if let coverage = claim.coverage {
                    if !coverage.isFull { problems.append(.coverageIncomplete(coverage: coverage, of: of)) }
                } else {
                    problems.append(.coverageMissing(of: of))
                }
            case .evidenceUpdatedSinceAward:
                guard let awarded = options.awarded[badge.id] else {
                    problems.append(.awardSnapshotUnknown)
                    continue
                }
                let updated = claim.evidence.contains { item in
                    guard let before = awarded.evidence(item.id) else { return true }
                    return !before.location.hasSameContent(as: item.location)
                }
                if !updated { problems.append(.noUpdateSinceAward) }
            }
        }
        return problems
    }

    /// Every file below a folder, recursively (relative to the dossier root).
    func files(below folder: String, source: DossierSource) throws -> [String] {
        try source.list(folder).flatMap { entry -> [String] in
            let path = folder + "/" + entry.name
            return entry.kind == .folder ? try files(below: path, source: source) : [path]
        }
    }
}
