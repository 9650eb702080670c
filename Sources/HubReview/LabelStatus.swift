import DossierCore

/// Whether a CFA holds the label on a day, which badges are valid, and when the label will lapse
/// first if nothing is renewed.
public struct LabelStatus: Sendable, Equatable, Encodable {
    /// One badge valid on the day, with the last day of its validity chain.
    public struct ValidBadge: Sendable, Equatable, Encodable {
        public let badge: String
        public let mandatory: Bool
        public let validFrom: Day
        public let validUntil: Day
    }

    public let uai: String
    public let day: Day
    public let held: Bool
    public let validBadges: [ValidBadge]
    /// Mandatory badges not valid on the day.
    public let missingMandatory: [String]
    /// The first day the label stops being held, when it is held now (nil otherwise).
    public let lapsesOn: Day?
    /// The badges whose renewal would keep the label past `lapsesOn`.
    public let renewToPrevent: [String]

    enum CodingKeys: String, CodingKey {
        case uai, day, held, validBadges, missingMandatory, lapsesOn, renewToPrevent
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uai, forKey: .uai)
        try container.encode(day, forKey: .day)
        try container.encode(held, forKey: .held)
        try container.encode(validBadges.map(\.badge), forKey: .validBadges)
        try container.encode(missingMandatory, forKey: .missingMandatory)
        try container.encode(lapsesOn, forKey: .lapsesOn)  // null when not held
        try container.encode(renewToPrevent, forKey: .renewToPrevent)
    }

    /// Computes the status from the CFA's awards (revoked ones count until their revocation day),
    /// with one catalogue for every day.
    public init(uai: String, awards: [Award], catalogue: Catalogue, on day: Day) {
        self.init(uai: uai, awards: awards, catalogues: CatalogueSchedule(only: catalogue), on: day)
    }

    /// Computes the status from the CFA's awards (revoked ones count until their revocation day).
    /// The rule — how many badges, which are mandatory — is the one of the catalogue version in
    /// force on the day it is evaluated; a badge a later version withdrew still counts until its
    /// award expires.
    public init(uai: String, awards: [Award], catalogues: CatalogueSchedule, on day: Day) {
        self.uai = uai
        self.day = day
        let catalogue = catalogues.inForce(on: day) ?? catalogues.catalogues.last
        var valid: [ValidBadge] = []
        for badge in catalogues.allBadgeIDs {
            let mine = awards.filter { $0.badge == badge }
            guard let current = mine.filter({ Self.isValid($0, on: day) }).min(by: { $0.validFrom < $1.validFrom }) else { continue }
            valid.append(ValidBadge(badge: badge, mandatory: catalogue?.badge(badge)?.mandatory ?? false, validFrom: current.validFrom,
                                    validUntil: Self.chainEnd(mine, from: day)))
        }
        validBadges = valid
        let validIDs = Set(valid.map(\.badge))
        missingMandatory = (catalogue?.mandatoryBadges ?? []).map(\.id).filter { !validIDs.contains($0) }
        held = Self.rule(validIDs, catalogue)
        guard held else {
            lapsesOn = nil
            renewToPrevent = []
            return
        }
        // The days the rule may break: a badge's validity ends, or a new catalogue version comes into
        // force (its rule may ask for more); the first one on which it does is the lapse.
        var lapse: Day?
        var renew: [String] = []
        let versionDays = catalogues.entries.compactMap(\.from).filter { $0 > day }
        for end in Set(valid.map(\.validUntil) + versionDays).sorted() {
            let remaining = Set(valid.filter { $0.validUntil > end }.map(\.badge))
            if !Self.rule(remaining, catalogues.inForce(on: end) ?? catalogue) {
                lapse = end
                renew = catalogues.allBadgeIDs.filter { id in valid.contains { $0.badge == id && $0.validUntil == end } }
                break
            }
        }
        lapsesOn = lapse
        renewToPrevent = renew
    }

    /// « 10 badges dont les 5 obligatoires ».
    static func rule(_ valid: Set<String>, _ catalogue: Catalogue?) -> Bool {
        guard let catalogue else { return false }
        return valid.count >= catalogue.label.badgesRequired && catalogue.mandatoryBadges.allSatisfy { valid.contains($0.id) }
    }

    /// Valid on the day: within its dates and not revoked by then.
    static func isValid(_ award: Award, on day: Day) -> Bool {
        guard award.validFrom <= day, day < award.validUntil else { return false }
        if let revoked = award.revocationDay { return day < revoked }
        return true
    }

    /// The end of the unbroken validity of a badge from `day`: awards that start before the
    /// previous one ends extend it (a renewal awarded early); a revoked award ends on its revocation day.
    static func chainEnd(_ awards: [Award], from day: Day) -> Day {
        var end = day
        var extended = true
        while extended {
            extended = false
            for award in awards {
                let until = award.revocationDay.map { min(award.validUntil, $0) } ?? award.validUntil
                if award.validFrom <= end, until > end {
                    end = until
                    extended = true
                }
            }
        }
        return end
    }
}
