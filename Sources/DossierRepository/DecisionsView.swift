import DossierCore

/// The Région's decisions as `status`, `check` and the CFA's pages show them: awards with their expiry, renewals
/// due within 90 days, requests sent back with the reviewers' reasons.
public struct DecisionsView: Encodable, Sendable {
    public struct AwardJSON: Encodable, Sendable {
        public let badge: String
        public let validFrom: Day
        public let validUntil: Day
        public let expired: Bool
        public let renewalDue: Bool
        public let commit: String
    }

    public struct SentBackJSON: Encodable, Sendable {
        public let badge: String
        public let submission: String
        public let outcome: String
        public let date: Day
        public let reasons: [Decision.Reason]
    }

    public let awards: [AwardJSON]
    public let renewalsDue: [String]
    public let sentBack: [SentBackJSON]
    public let revoked: [SentBackJSON]
    /// Whether the badges valid today give the label (10 including the 5 mandatory).
    public let labelHeld: Bool
    /// When the label is held: the first day it stops being held if nothing is renewed.
    public let labelLapsesOn: Day?
    /// When the label is held: the badges whose validity ends that day (renewing them keeps it).
    public let renewToPrevent: [String]

    /// Days before the end of a badge's validity from which its renewal is due.
    public static let renewalNoticeDays = 90

    public init(_ decisions: Decisions, today: Day, catalogue: Catalogue) {
        let order = catalogue.badges.map(\.id)
        func rank(_ badge: String) -> Int { order.firstIndex(of: badge) ?? .max }
        let due = Set(decisions.renewalsDue(on: today, within: Self.renewalNoticeDays).map(\.badge))
        awards = decisions.awards.values.compactMap { award -> AwardJSON? in
            guard let from = award.validFrom, let until = award.validUntil else { return nil }
            return AwardJSON(badge: award.badge, validFrom: from, validUntil: until, expired: until <= today,
                             renewalDue: due.contains(award.badge), commit: award.commit)
        }.sorted { rank($0.badge) < rank($1.badge) }
        renewalsDue = awards.filter(\.renewalDue).map(\.badge)
        func json(_ decision: Decision) -> SentBackJSON {
            SentBackJSON(badge: decision.badge, submission: decision.submission, outcome: decision.outcome.rawValue,
                         date: decision.date, reasons: decision.reasons)
        }
        sentBack = decisions.sentBack.map(json).sorted { rank($0.badge) < rank($1.badge) }
        revoked = decisions.latest.values.filter { $0.outcome == .revoked }.map(json).sorted { rank($0.badge) < rank($1.badge) }
        let validAwards = decisions.awards.values.filter { $0.isValid(on: today) }
        func holds(_ badges: Set<String>) -> Bool {
            badges.count >= catalogue.label.badgesRequired && catalogue.mandatoryBadges.allSatisfy { badges.contains($0.id) }
        }
        var valid = Set(validAwards.map(\.badge))
        labelHeld = holds(valid)
        // Let validities end in order: the first end that breaks the rule is when the label lapses.
        var lapse: (day: Day, badges: [String])?
        if labelHeld {
            let ends = Dictionary(grouping: validAwards.compactMap { award in award.validUntil.map { (award.badge, $0) } }, by: \.1)
            for day in ends.keys.sorted() {
                let ending = (ends[day] ?? []).map(\.0)
                valid.subtract(ending)
                if !holds(valid) {
                    lapse = (day, ending.sorted { rank($0) < rank($1) })
                    break
                }
            }
        }
        labelLapsesOn = lapse?.day
        renewToPrevent = lapse?.badges ?? []
    }

    public var isEmpty: Bool { awards.isEmpty && sentBack.isEmpty && revoked.isEmpty }
}
