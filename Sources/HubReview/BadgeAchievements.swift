public import Credentials
public import DossierCore
import Foundation

/// The catalogue's badges and the label as Open Badges 3.0 Achievements: French name, description
/// and criteria (Markdown) from the catalogue, ids under the public site.
///
/// An Achievement's published document never changes: when a catalogue version changes what a
/// badge (or the label) says — its criteria, rules, validity, title — that version starts a new
/// revision with its own id (`achievements/<badge>/<version>.json`), whose `related` names the
/// previous revision. The first definition keeps `achievements/<badge>.json`. A credential carries
/// the revision of the catalogue version its request was checked against.
public enum BadgeAchievements {
    /// The label's id in the credential files (`credentials/label.json`) and in the review store.
    public static let labelKey = BadgeCredential.label

    /// One revision of an Achievement: the catalogue version that introduced it, and that version.
    public struct Revision: Sendable {
        /// The catalogue version that introduced this revision.
        public let version: String
        public let catalogue: Catalogue
        /// nil for the first definition (published at `achievements/<id>.json`), else `version`.
        public let pathRevision: String?
    }

    /// The Achievement of a catalogue badge, or of the label for `BadgeCredential.label`, as
    /// `catalogue` defines it (its only revision).
    public static func definition(_ key: String, catalogue: Catalogue, layout: PublicationLayout) throws(CredentialError) -> AchievementDefinition {
        try definition(key, catalogue: catalogue, catalogues: CatalogueSchedule(only: catalogue), layout: layout)
    }

    /// The Achievement of `key` as catalogue version `catalogue` defines it, with its revision's id
    /// and `related` pointing at the previous revision among the versions of `catalogues`.
    public static func definition(_ key: String, catalogue: Catalogue, catalogues: CatalogueSchedule,
                                  layout: PublicationLayout) throws(CredentialError) -> AchievementDefinition {
        let all = revisions(key, catalogues: catalogues)
        // The revision in force in `catalogue`'s version: the last one introduced at or before it.
        let position = catalogues.catalogues.firstIndex { $0.version == catalogue.version }
        let index: Int? = position.flatMap { position in
            all.lastIndex { revision in (catalogues.catalogues.firstIndex { $0.version == revision.version } ?? .max) <= position }
        }
        guard let index else {
            // A catalogue outside the schedule (given by file): its own, only revision.
            return try make(key, Revision(version: catalogue.version, catalogue: catalogue, pathRevision: nil), previous: nil, layout: layout)
        }
        let previous = index > 0 ? all[index - 1] : nil
        return try make(key, all[index], previous: previous, layout: layout)
    }

    /// Every revision of `key`'s Achievement, oldest first: a new one for each version whose
    /// document (name, description, criteria and rules) differs from the version before it.
    public static func revisions(_ key: String, catalogues: CatalogueSchedule) -> [Revision] {
        var revisions: [Revision] = []
        var last: Content?
        for catalogue in catalogues.catalogues {
            guard let content = content(key, catalogue) else { continue }  // withdrawn in that version
            if content != last {
                revisions.append(Revision(version: catalogue.version, catalogue: catalogue,
                                          pathRevision: revisions.isEmpty ? nil : catalogue.version))
            }
            last = content
        }
        return revisions
    }

    /// Every revision's definition, oldest first (what the public site publishes).
    public static func definitions(_ key: String, catalogues: CatalogueSchedule,
                                   layout: PublicationLayout) throws(CredentialError) -> [(revision: Revision, definition: AchievementDefinition)] {
        let all = revisions(key, catalogues: catalogues)
        var result: [(revision: Revision, definition: AchievementDefinition)] = []
        for (index, revision) in all.enumerated() {
            result.append((revision, try make(key, revision, previous: index > 0 ? all[index - 1] : nil, layout: layout)))
        }
        return result
    }

    /// The file name used in the public site for `key` (the label's catalogue id for the label).
    public static func publicID(_ key: String, catalogue: Catalogue) -> String { key == labelKey ? catalogue.label.id : key }

    // MARK: building one revision

    /// What an Achievement says, without its version: equal contents are the same revision.
    struct Content: Equatable {
        let name: String
        let description: String
        let narrative: String
    }

    static func content(_ key: String, _ catalogue: Catalogue) -> Content? {
        if key == labelKey {
            return Content(name: labelName(catalogue), description: catalogue.label.description,
                           narrative: labelNarrative(catalogue, version: ""))
        }
        guard let badge = catalogue.badge(key) else { return nil }
        return Content(name: badgeName(badge), description: badge.summary, narrative: narrative(badge, version: ""))
    }

    static func make(_ key: String, _ revision: Revision, previous: Revision?, layout: PublicationLayout) throws(CredentialError) -> AchievementDefinition {
        let catalogue = revision.catalogue
        let id = publicID(key, catalogue: catalogue)
        let previousLink = try previous.map { previous throws(CredentialError) in
            (id: try layout.achievementURL(publicID(key, catalogue: previous.catalogue), revision: previous.pathRevision),
             version: Optional(previous.version))
        }
        if key == labelKey {
            return AchievementDefinition(
                id: try layout.achievementURL(id, revision: revision.pathRevision), name: labelName(catalogue),
                description: catalogue.label.description, criteriaURL: try layout.criteriaURL(id, revision: revision.pathRevision),
                criteriaNarrative: labelNarrative(catalogue, version: revision.version), achievementType: "QualityAssuranceCredential",
                version: revision.version, previous: previousLink, imageURL: try layout.imageURL(id))
        }
        guard let badge = catalogue.badge(key) else { throw .malformed(member: key) }
        return AchievementDefinition(
            id: try layout.achievementURL(badge.id, revision: revision.pathRevision), name: badgeName(badge), description: badge.summary,
            criteriaURL: try layout.criteriaURL(badge.id, revision: revision.pathRevision),
            criteriaNarrative: narrative(badge, version: revision.version), achievementType: "Badge", version: revision.version,
            previous: previousLink, imageURL: try layout.imageURL(badge.id))
    }

    static func badgeName(_ badge: Badge) -> String { "Badge « \(badge.title) »" }
    static func labelName(_ catalogue: Catalogue) -> String { "Label « \(catalogue.label.title) »" }

    /// The badge's criteria and rules in Markdown, in French.
    static func narrative(_ badge: Badge, version: String) -> String {
        var lines = ["\(badge.recognises).", "", "## Critères", ""]
        for criterion in badge.criteria {
            let required = badge.requirement.required.contains(criterion.id) ? " (obligatoire)" : ""
            lines.append("- \(criterion.text)\(required)")
        }
        lines.append("")
        let requirement = badge.requirement
        if requirement.among.isEmpty {
            lines.append("Chaque critère est étayé par au moins une preuve.")
        } else {
            lines.append("Les critères obligatoires, et au moins \(requirement.atLeast) des autres, sont étayés par des preuves.")
        }
        let rules = badge.firstAward.map { $0.text(.fr) }
        if !rules.isEmpty { lines += ["", "## Attribution", ""] + rules.map { "- \($0)" } }
        let renewal = badge.renewal.map { $0.text(.fr) }
        if !renewal.isEmpty { lines += ["", "## Renouvellement", ""] + renewal.map { "- \($0)" } }
        if let text = badge.rulesText { lines += ["", text] }
        lines += ["", "Validité : \(badge.validityYears) an\(badge.validityYears > 1 ? "s" : "")\(badge.mandatory ? " ; badge obligatoire pour le label" : "")."]
        lines += ["", "Preuves examinées par le groupe de pairs sur un dossier versionné (étiquette git de la demande) ; catalogue \(version)."]
        return lines.joined(separator: "\n")
    }

    static func labelNarrative(_ catalogue: Catalogue, version: String) -> String {
        var lines = [catalogue.label.description, "", "## Règle", "",
                     "\(catalogue.label.badgesRequired) badges valides, dont les \(catalogue.mandatoryBadges.count) obligatoires :", ""]
        lines += catalogue.mandatoryBadges.map { "- \($0.title)" }
        lines += ["", "Le label cesse dès que la règle n'est plus remplie (expiration ou retrait d'un badge) ; catalogue \(version)."]
        return lines.joined(separator: "\n")
    }
}
