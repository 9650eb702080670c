internal import DossierCore

/// The text shape of a semantic diff, shared by `status` and `diff`.
struct DiffText {
    let context: CommandContext

    func print(_ diff: DossierDiff) {
        let t = context.t
        for change in diff.identity {
            Output.line("dossier.yaml : \(change.field) : \(change.from ?? "—") → \(change.to ?? "—")")
        }
        for badge in diff.badges {
            let verb: String
            switch badge.change {
            case .added: verb = t("nouveau", "added")
            case .removed: verb = t("supprimé", "removed")
            case .modified: verb = t("modifié", "modified")
            }
            Output.line()
            Output.line("\(badge.id) (\(verb))")
            for field in badge.fields {
                Output.line("  \(field.field) : \(field.from ?? "—") → \(field.to ?? "—")")
            }
            for item in badge.evidenceAdded {
                Output.line(t("  + preuve ajoutée : ", "  + evidence added: ") + "\(item.id) « \(item.title) » → \(item.criterion)")
            }
            for item in badge.evidenceRemoved {
                Output.line(t("  - preuve retirée : ", "  - evidence removed: ") + "\(item.id) « \(item.title) »")
            }
            for item in badge.evidenceChanged { Output.line("  ~ " + describe(item)) }
            if let narrative = badge.narrative {
                Output.line(t("  récit modifié :", "  narrative changed:"))
                printLines(narrative)
            }
            if !badge.criteriaNewlyMet.isEmpty {
                Output.line(t("  critères désormais remplis : ", "  criteria now met: ") + badge.criteriaNewlyMet.joined(separator: ", "))
            }
            if !badge.criteriaNoLongerMet.isEmpty {
                Output.line(t("  critères qui ne sont plus remplis : ", "  criteria no longer met: ") + badge.criteriaNoLongerMet.joined(separator: ", "))
            }
            if badge.requirementMetBefore != badge.requirementMetAfter {
                Output.line(badge.requirementMetAfter
                            ? t("  l'exigence du badge est maintenant remplie", "  the badge's requirement is now met")
                            : t("  l'exigence du badge n'est plus remplie", "  the badge's requirement is no longer met"))
            }
        }
        Output.line()
        Output.line(t("Fichiers :", "Files:"))
        for file in diff.files {
            let mark = file.change == .added ? "A" : (file.change == .deleted ? "D" : "M")
            Output.line("  \(mark) \(file.path)")
        }
    }

    /// The lines of a text diff, then how many changed lines were left out.
    func printLines(_ diff: TextDiff) {
        for line in diff.lines { Output.line("    \(line.op) \(line.text)") }
        if diff.omitted > 0 {
            Output.line("    " + context.t("… et \(diff.omitted) ligne(s) modifiée(s) de plus", "… and \(diff.omitted) more changed line(s)"))
        }
    }

    private func describe(_ change: EvidenceChange) -> String {
        let t = context.t
        let parts: [String] = change.changes.map { kind in
            switch kind {
            case .replaced: t("fichier remplacé", "file replaced")
            case .retitled: t("titre « \(change.before.title) » → « \(change.after.title) »",
                              "title « \(change.before.title) » → « \(change.after.title) »")
            case .moved: t("critère \(change.before.criterion) → \(change.after.criterion)",
                           "criterion \(change.before.criterion) → \(change.after.criterion)")
            case .relinked: t("lien \(change.before.url ?? "") → \(change.after.url ?? "")",
                              "link \(change.before.url ?? "") → \(change.after.url ?? "")")
            case .renamed: t("fichier \(change.before.file ?? "") → \(change.after.file ?? "")",
                             "file \(change.before.file ?? "") → \(change.after.file ?? "")")
            case .retyped: t("fichier ↔ lien", "file ↔ link")
            }
        }
        return t("preuve \(change.id) : ", "evidence \(change.id): ") + parts.joined(separator: " ; ")
    }
}
