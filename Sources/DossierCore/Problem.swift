/// Something `check` found that keeps a badge from being ready (blocking) or deserves attention.
public enum Problem: Sendable, Equatable {
    case notStarted
    case draft
    case criterionWithoutEvidence(criterion: String)
    case tooFewCriteria(needed: Int, met: Int, among: [String])
    case unknownCriterion(evidence: String, criterion: String)
    case evidenceFileMissing(evidence: String, path: String)
    case evidenceHashChanged(evidence: String, path: String)
    case evidenceHashNotRecorded(evidence: String, path: String)
    case unrecordedFile(path: String)
    case levelMissing(required: Int)
    case levelTooLow(level: Int, required: Int)
    case levelNotBacked(level: Int, criterion: String)
    case coverageMissing(of: String)
    case coverageIncomplete(coverage: Coverage, of: String)
    case noUpdateSinceAward
    case awardSnapshotUnknown
    case contactMissing
    case referentMissing
    case catalogueVersionMismatch(dossier: String, catalogue: String)
    /// A sync kept two versions of an evidence file: one must be chosen.
    case versionConflict(evidence: String, path: String)
    /// A media object stored here no longer matches its id (damaged): sync will not send it.
    case mediaDamaged(evidence: String, path: String)
    /// A media file left on the remote (`--no-media`): `dossier media fetch` gets it.
    case mediaNotDownloaded(evidence: String, path: String)
    /// A file that starts like a git-lfs pointer but is not a valid one.
    case mediaPointerMalformed(evidence: String, path: String)

    /// Blocking problems keep a badge from being ready; the others are advice.
    public var isBlocking: Bool {
        switch self {
        case .unrecordedFile, .evidenceHashNotRecorded, .contactMissing, .referentMissing, .catalogueVersionMismatch,
             .mediaNotDownloaded: false
        default: true
        }
    }

    /// A stable camelCase code for scripts.
    public var code: String {
        switch self {
        case .notStarted: "notStarted"
        case .draft: "draft"
        case .criterionWithoutEvidence: "criterionWithoutEvidence"
        case .tooFewCriteria: "tooFewCriteria"
        case .unknownCriterion: "unknownCriterion"
        case .evidenceFileMissing: "evidenceFileMissing"
        case .evidenceHashChanged: "evidenceHashChanged"
        case .evidenceHashNotRecorded: "evidenceHashNotRecorded"
        case .unrecordedFile: "unrecordedFile"
        case .levelMissing: "levelMissing"
        case .levelTooLow: "levelTooLow"
        case .levelNotBacked: "levelNotBacked"
        case .coverageMissing: "coverageMissing"
        case .coverageIncomplete: "coverageIncomplete"
        case .noUpdateSinceAward: "noUpdateSinceAward"
        case .awardSnapshotUnknown: "awardSnapshotUnknown"
        case .contactMissing: "contactMissing"
        case .referentMissing: "referentMissing"
        case .catalogueVersionMismatch: "catalogueVersionMismatch"
        case .mediaDamaged: "mediaDamaged"
        case .mediaNotDownloaded: "mediaNotDownloaded"
        case .mediaPointerMalformed: "mediaPointerMalformed"
        case .versionConflict: "versionConflict"
        }
    }

    /// The evidence the problem is about, if any.
    public var evidence: String? {
        switch self {
        case .unknownCriterion(let evidence, _), .evidenceFileMissing(let evidence, _),
             .evidenceHashChanged(let evidence, _), .evidenceHashNotRecorded(let evidence, _), .versionConflict(let evidence, _),
             .mediaDamaged(let evidence, _), .mediaNotDownloaded(let evidence, _), .mediaPointerMalformed(let evidence, _): evidence
        default: nil
        }
    }

    /// The criterion the problem is about, if any.
    public var criterion: String? {
        switch self {
        case .criterionWithoutEvidence(let criterion), .unknownCriterion(_, let criterion), .levelNotBacked(_, let criterion): criterion
        default: nil
        }
    }
}

extension Problem: Localized {
    public func text(_ lang: Lang) -> String {
        switch self {
        case .notStarted:
            return lang.pick(fr: "pas commencé (aucun fichier claim.yaml)", en: "not started (no claim.yaml)")
        case .draft:
            return lang.pick(fr: "encore en brouillon : « dossier set BADGE status ready » quand il est complet",
                             en: "still a draft: `dossier set BADGE status ready` when complete")
        case .criterionWithoutEvidence(let criterion):
            return lang.pick(fr: "critère sans preuve : \(criterion)", en: "criterion without evidence: \(criterion)")
        case .tooFewCriteria(let needed, let met, let among):
            let list = among.joined(separator: ", ")
            return lang.pick(fr: "il faut \(needed) critère(s) de plus parmi : \(list) (\(met) rempli(s))",
                             en: "\(needed) more criterion/criteria needed among: \(list) (\(met) met)")
        case .unknownCriterion(let evidence, let criterion):
            return lang.pick(fr: "la preuve \(evidence) vise un critère inconnu : \(criterion)",
                             en: "evidence \(evidence) names an unknown criterion: \(criterion)")
        case .evidenceFileMissing(let evidence, let path):
            return lang.pick(fr: "fichier de la preuve \(evidence) introuvable : \(path)",
                             en: "file of evidence \(evidence) is missing: \(path)")
        case .evidenceHashChanged(let evidence, let path):
            return lang.pick(fr: "le fichier de la preuve \(evidence) a changé depuis son enregistrement : \(path) (« dossier save » enregistre la nouvelle version)",
                             en: "the file of evidence \(evidence) changed since it was recorded: \(path) (`dossier save` records the new version)")
        case .evidenceHashNotRecorded(let evidence, let path):
            return lang.pick(fr: "empreinte de la preuve \(evidence) pas encore enregistrée : \(path) (« dossier save » l'enregistre)",
                             en: "hash of evidence \(evidence) not recorded yet: \(path) (`dossier save` records it)")
        case .unrecordedFile(let path):
            return lang.pick(fr: "fichier présent mais pas déclaré comme preuve : \(path) (« dossier add »)",
                             en: "file present but not recorded as evidence: \(path) (`dossier add`)")
        case .levelMissing(let required):
            return lang.pick(fr: "niveau non renseigné (\(required) au moins) : « dossier set BADGE level N »",
                             en: "level not set (\(required) at least): `dossier set BADGE level N`")
        case .levelTooLow(let level, let required):
            return lang.pick(fr: "niveau \(level) insuffisant : \(required) au moins", en: "level \(level) too low: \(required) at least")
        case .levelNotBacked(let level, let criterion):
            return lang.pick(fr: "le niveau \(level) n'est appuyé par aucune preuve du critère \(criterion)",
                             en: "level \(level) is not backed by any evidence for criterion \(criterion)")
        case .coverageMissing(let of):
            return lang.pick(fr: "couverture non renseignée (\(of)) : « dossier set BADGE coverage N/TOTAL »",
                             en: "coverage not set (\(of)): `dossier set BADGE coverage N/TOTAL`")
        case .coverageIncomplete(let coverage, let of):
            return lang.pick(fr: "couverture incomplète : \(coverage) (\(of)) ; le renouvellement exige l'intégralité",
                             en: "incomplete coverage: \(coverage) (\(of)); renewal requires all")
        case .noUpdateSinceAward:
            return lang.pick(fr: "aucune preuve ajoutée ou mise à jour depuis l'attribution",
                             en: "no evidence added or updated since the award")
        case .awardSnapshotUnknown:
            return lang.pick(fr: "version attribuée inconnue : précisez-la avec --since",
                             en: "awarded snapshot unknown: name it with --since")
        case .contactMissing:
            return lang.pick(fr: "contact non renseigné dans dossier.yaml", en: "no contact in dossier.yaml")
        case .referentMissing:
            return lang.pick(fr: "référent numérique non renseigné dans dossier.yaml", en: "no référent numérique in dossier.yaml")
        case .mediaDamaged(let evidence, let path):
            return lang.pick(fr: "le média \(evidence) est altéré dans la réserve locale (\(path)) : rajoutez le fichier ; il ne sera pas envoyé",
                             en: "media \(evidence) is damaged in the local store (\(path)): add the file again; it will not be sent")
        case .mediaNotDownloaded(let evidence, let path):
            return lang.pick(fr: "le média \(evidence) n'est pas sur ce poste (\(path)) : « dossier media fetch » le récupère depuis le serveur",
                             en: "media \(evidence) is not on this laptop (\(path)): `dossier media fetch` gets it from the remote")
        case .mediaPointerMalformed(let evidence, let path):
            return lang.pick(fr: "le pointeur du média \(evidence) est mal formé (\(path)) : rajoutez le fichier",
                             en: "the media pointer of \(evidence) is malformed (\(path)): add the file again")
        case .versionConflict(let evidence, let path):
            return lang.pick(fr: "deux versions gardées par une synchronisation : \(evidence) (\(path)) ; gardez la bonne avec « dossier remove »",
                             en: "a sync kept two versions: \(evidence) (\(path)); keep the right one with `dossier remove`")
        case .catalogueVersionMismatch(let dossier, let catalogue):
            return lang.pick(fr: "le dossier vise le catalogue \(dossier), l'outil a le \(catalogue)",
                             en: "the dossier targets catalogue \(dossier), the tool has \(catalogue)")
        }
    }
}
