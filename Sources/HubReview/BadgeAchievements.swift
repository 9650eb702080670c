public import Credentials
public import DossierCore
import Foundation

/// The catalogue's badges and the label as Open Badges 3.0 Achievements: French name, description
/// and criteria (Markdown) from the catalogue, ids under the public site.
public enum BadgeAchievements {
    /// The label's id in the credential files (`credentials/label.json`) and in the review store.
    public static let labelKey = BadgeCredential.label

    /// The Achievement of a catalogue badge, or of the label for `BadgeCredential.label`.
    public static func definition(_ key: String, catalogue: Catalogue, layout: PublicationLayout) throws(CredentialError) -> AchievementDefinition {
        if key == labelKey {
            let id = catalogue.label.id
            return AchievementDefinition(
                id: try layout.achievementURL(id), name: "Label « \(catalogue.label.title) »", description: catalogue.label.description,
                criteriaURL: try layout.criteriaURL(id), criteriaNarrative: labelNarrative(catalogue),
                achievementType: "QualityAssuranceCredential", version: catalogue.version, imageURL: try layout.imageURL(id))
        }
        guard let badge = catalogue.badge(key) else { throw .malformed(member: key) }
        return AchievementDefinition(
            id: try layout.achievementURL(badge.id), name: "Badge « \(badge.title) »", description: badge.summary,
            criteriaURL: try layout.criteriaURL(badge.id), criteriaNarrative: narrative(badge, catalogue: catalogue),
            achievementType: "Badge", version: catalogue.version, imageURL: try layout.imageURL(badge.id))
    }

    /// The file name used in the public site for `key` (the label's catalogue id for the label).
    public static func publicID(_ key: String, catalogue: Catalogue) -> String { key == labelKey ? catalogue.label.id : key }

    /// The badge's criteria and rules in Markdown, in French.
    public static func narrative(_ badge: Badge, catalogue: Catalogue) -> String {
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
        lines += ["", "Preuves examinées par le groupe de pairs sur un dossier versionné (étiquette git de la demande) ; catalogue \(catalogue.version)."]
        return lines.joined(separator: "\n")
    }

    public static func labelNarrative(_ catalogue: Catalogue) -> String {
        var lines = [catalogue.label.description, "", "## Règle", "",
                     "\(catalogue.label.badgesRequired) badges valides, dont les \(catalogue.mandatoryBadges.count) obligatoires :", ""]
        lines += catalogue.mandatoryBadges.map { "- \($0.title)" }
        lines += ["", "Le label cesse dès que la règle n'est plus remplie (expiration ou retrait d'un badge) ; catalogue \(catalogue.version)."]
        return lines.joined(separator: "\n")
    }
}
