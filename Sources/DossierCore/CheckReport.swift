/// The outcome of `check`: each badge's readiness and problems, and the label progress.
public struct CheckReport: Sendable {
    public let catalogueVersion: String
    public let renewal: Bool
    public let badges: [BadgeCheck]
    /// Problems of the dossier as a whole (identity).
    public let problems: [Problem]
    public let label: LabelProgress
}

/// One badge's readiness.
public struct BadgeCheck: Sendable {
    public let id: String
    public let title: String
    public let mandatory: Bool
    /// The claim's status; nil when the badge is not started.
    public let status: Claim.Status?
    /// Criteria with at least one valid evidence, in catalogue order.
    public let criteriaMet: [String]
    public let problems: [Problem]
    /// Whether the badge was checked against its renewal rules.
    public var renewal = false

    /// Ready: started, marked ready, and nothing blocking.
    public var ready: Bool { !problems.contains(where: \.isBlocking) }
}

/// How far the dossier is from the label « CFA numérique normand ».
public struct LabelProgress: Sendable {
    public let readyBadges: Int
    public let badgesRequired: Int
    public let mandatoryReady: Int
    public let mandatoryTotal: Int
    /// Mandatory badges not ready yet.
    public let missingMandatory: [String]

    init(catalogue: Catalogue, badges: [BadgeCheck]) {
        let ready = badges.filter(\.ready)
        readyBadges = ready.count
        badgesRequired = catalogue.label.badgesRequired
        mandatoryReady = ready.filter(\.mandatory).count
        mandatoryTotal = catalogue.mandatoryBadges.count
        missingMandatory = badges.filter { $0.mandatory && !$0.ready }.map(\.id)
    }

    /// 10 ready badges including every mandatory one.
    public var eligible: Bool { readyBadges >= badgesRequired && missingMandatory.isEmpty }

    /// How many more ready badges are needed, counting the mandatory ones still missing.
    public var badgesStillNeeded: Int { max(badgesRequired - readyBadges, missingMandatory.count) }
}
