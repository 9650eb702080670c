extension CatalogueDiff {
    /// The diff as lines for a person, in `lang` (catalogue texts as they are: the terminal's
    /// `Output` makes control characters visible).
    public func lines(_ lang: Lang) -> [String] {
        var lines: [String] = []
        if isEmpty {
            return [lang.pick(fr: "Aucun changement entre les catalogues \(from) et \(to).", en: "No change between catalogues \(from) and \(to).")]
        }
        lines.append(lang.pick(fr: "Du catalogue \(from) au \(to) :", en: "From catalogue \(from) to \(to):"))
        if let required = badgesRequired {
            lines.append(lang.pick(fr: "  label : \(required.before) → \(required.after) badges requis",
                                   en: "  label: \(required.before) → \(required.after) badges required"))
        }
        for badge in badgesAdded {
            let kind = badge.mandatory ? lang.pick(fr: "obligatoire", en: "mandatory") : lang.pick(fr: "au choix", en: "optional")
            lines.append(lang.pick(fr: "  + badge ajouté : \(badge.id) « \(badge.title) » (\(kind))", en: "  + badge added: \(badge.id) « \(badge.title) » (\(kind))"))
        }
        for badge in badgesRemoved {
            lines.append(lang.pick(fr: "  - badge retiré : \(badge.id) « \(badge.title) » (un badge décerné reste valable jusqu'à son échéance)",
                                   en: "  - badge removed: \(badge.id) « \(badge.title) » (an awarded badge stays valid until it expires)"))
        }
        for badge in badgesChanged {
            lines.append(lang.pick(fr: "  ~ badge modifié : \(badge.id)", en: "  ~ badge changed: \(badge.id)"))
            if let title = badge.title_ {
                lines.append(lang.pick(fr: "      titre : « \(title.before) » → « \(title.after) »", en: "      title: « \(title.before) » → « \(title.after) »"))
            }
            for criterion in badge.criteriaAdded {
                lines.append(lang.pick(fr: "      + critère \(criterion.id) : \(criterion.text)", en: "      + criterion \(criterion.id): \(criterion.text)"))
            }
            for criterion in badge.criteriaRemoved {
                lines.append(lang.pick(fr: "      - critère \(criterion.id) : \(criterion.text)", en: "      - criterion \(criterion.id): \(criterion.text)"))
            }
            for criterion in badge.criteriaReworded {
                lines.append(lang.pick(fr: "      ~ critère \(criterion.id) : « \(criterion.before) » → « \(criterion.after) »",
                                       en: "      ~ criterion \(criterion.id): « \(criterion.before) » → « \(criterion.after) »"))
            }
            if let validity = badge.validityYears {
                lines.append(lang.pick(fr: "      durée : \(validity.before) → \(validity.after) an(s)", en: "      validity: \(validity.before) → \(validity.after) year(s)"))
            }
            if let mandatory = badge.mandatory {
                let word = { (value: Bool) in value ? lang.pick(fr: "obligatoire", en: "mandatory") : lang.pick(fr: "au choix", en: "optional") }
                lines.append("      " + word(mandatory.before) + " → " + word(mandatory.after))
            }
            if let requirement = badge.requirement {
                lines.append(lang.pick(fr: "      exigence : \(requirement.before) → \(requirement.after)", en: "      requirement: \(requirement.before) → \(requirement.after)"))
            }
            if let rules = badge.firstAward {
                lines.append(lang.pick(fr: "      première attribution : \(Self.list(rules.before, lang)) → \(Self.list(rules.after, lang))",
                                       en: "      first award: \(Self.list(rules.before, lang)) → \(Self.list(rules.after, lang))"))
            }
            if let rules = badge.renewal {
                lines.append(lang.pick(fr: "      renouvellement : \(Self.list(rules.before, lang)) → \(Self.list(rules.after, lang))",
                                       en: "      renewal: \(Self.list(rules.before, lang)) → \(Self.list(rules.after, lang))"))
            }
        }
        return lines
    }

    static func list(_ rules: [String], _ lang: Lang) -> String {
        rules.isEmpty ? lang.pick(fr: "aucune règle", en: "no rule") : rules.joined(separator: ", ")
    }
}
