extension Problem {
    /// The message as the command line prints it, with the badge id filled into the commands it
    /// suggests.
    public func text(_ lang: Lang, badge: String?) -> String {
        let message = text(lang)
        return badge.map { message.replacingOccurrences(of: "dossier set BADGE", with: "dossier set \($0)") } ?? message
    }

    /// The message as the CFA's pages say it: criteria named by their text, and the page's own
    /// buttons where the command line names a command.
    public func pageText(_ lang: Lang, badge: Badge?) -> String {
        func criterion(_ id: String) -> String { "« \(badge?.criterion(id)?.text ?? id) »" }
        switch self {
        case .draft:
            return lang.pick(fr: "encore en brouillon : « Marquer comme prêt » quand il est complet",
                             en: "still a draft: “Mark as ready” when complete")
        case .criterionWithoutEvidence(let id):
            return lang.pick(fr: "Le critère \(criterion(id)) n'a pas encore de preuve.", en: "The criterion \(criterion(id)) has no evidence yet.")
        case .tooFewCriteria(let needed, let met, let among):
            let list = among.map(criterion).joined(separator: ", ")
            return lang.pick(fr: "Il faut encore \(needed) critère(s) avec une preuve parmi : \(list) (\(met) déjà rempli(s)).",
                             en: "\(needed) more criterion/criteria need evidence among: \(list) (\(met) met already).")
        case .unknownCriterion(let evidence, let id):
            return lang.pick(fr: "La preuve \(evidence) vise un critère que ce badge n'a pas (\(id)) : déplacez-la vers un de ses critères.",
                             en: "Evidence \(evidence) names a criterion this badge does not have (\(id)): move it to one of its criteria.")
        case .evidenceHashChanged(let evidence, let path):
            return lang.pick(fr: "Le fichier de la preuve \(evidence) a changé depuis son enregistrement (\(path)) : « Enregistrer » garde la nouvelle version.",
                             en: "The file of evidence \(evidence) changed since it was recorded (\(path)): “Save” keeps the new version.")
        case .evidenceHashNotRecorded(let evidence, let path):
            return lang.pick(fr: "L'empreinte de la preuve \(evidence) n'est pas encore enregistrée (\(path)) : « Enregistrer » l'enregistre.",
                             en: "The hash of evidence \(evidence) is not recorded yet (\(path)): “Save” records it.")
        case .unrecordedFile(let path):
            return lang.pick(fr: "Un fichier est dans le dossier du badge sans être déclaré comme preuve : \(path).",
                             en: "A file is in the badge's folder without being recorded as evidence: \(path).")
        case .levelMissing(let required):
            return lang.pick(fr: "Niveau non renseigné (\(required) au moins) : choisissez-le plus bas.",
                             en: "Level not set (\(required) at least): choose it below.")
        case .levelNotBacked(let level, let id):
            return lang.pick(fr: "Le niveau \(level) n'est appuyé par aucune preuve du critère \(criterion(id)).",
                             en: "Level \(level) is not backed by any evidence for the criterion \(criterion(id)).")
        case .coverageMissing(let of):
            return lang.pick(fr: "Couverture non renseignée (\(of)) : indiquez-la plus bas.", en: "Coverage not set (\(of)): give it below.")
        case .awardSnapshotUnknown:
            return lang.pick(fr: "La version attribuée n'est pas connue sur ce poste : synchronisez pour recevoir les décisions de la Région.",
                             en: "The awarded version is not known on this laptop: sync to receive the Région's decisions.")
        case .mediaNotDownloaded(let evidence, let path):
            return lang.pick(fr: "Le média \(evidence) n'est pas sur ce poste (\(path)) : « Synchroniser » le récupère.",
                             en: "Media \(evidence) is not on this laptop (\(path)): “Sync” gets it.")
        case .versionConflict(let evidence, let path):
            return lang.pick(fr: "Une synchronisation a gardé deux versions de \(evidence) (\(path)) : retirez celle qui ne convient pas.",
                             en: "A sync kept two versions of \(evidence) (\(path)): remove the one that is wrong.")
        default:
            return text(lang)
        }
    }
}

extension Requirement {
    /// The requirement in words: criteria by their ids (`dossier catalogue`), or as `name` gives
    /// them (the badge pages: their texts).
    public func text(_ lang: Lang, name: (String) -> String = { $0 }) -> String {
        var parts: [String] = []
        if !required.isEmpty {
            parts.append(lang.pick(fr: "une preuve pour chacun de : ", en: "evidence for each of: ") + required.map(name).joined(separator: ", "))
        }
        if atLeast > 0 {
            parts.append(lang.pick(fr: "au moins \(atLeast) parmi : ", en: "at least \(atLeast) of: ") + among.map(name).joined(separator: ", "))
        }
        return parts.joined(separator: lang.pick(fr: " ; et ", en: "; and "))
    }
}
