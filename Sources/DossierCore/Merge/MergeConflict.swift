/// Something both sides of a merge changed differently, for the user to settle. The merged files
/// hold `ours` (or, for `presence`, the side that kept the thing; for `file`, both versions).
public struct MergeConflict: Sendable, Equatable, Codable {
    /// The YAML file: `dossier.yaml` or `badges/<badge>/claim.yaml`.
    public let file: String
    /// The badge, for a claim.
    public let badge: String?
    /// The evidence id, for a conflict inside an evidence entry.
    public let evidence: String?
    /// `status`, `level`, `coverage`, `narrative`, `title`, `criterion`, `file`, `url`, `kind`,
    /// `sha256`, `presence` (deleted on one side, modified on the other), `uai`, `name`, `siret`,
    /// `contact`, `contact.email`, `referentNumerique.name`, `catalogueVersion`…
    public let field: String
    /// Human-readable values on each side; nil when absent or deleted.
    public let ours: String?
    public let theirs: String?
    /// For a `file` conflict: the evidence id under which the received version was kept.
    public let theirsKeptAs: String?

    public init(file: String, badge: String? = nil, evidence: String? = nil, field: String,
                ours: String?, theirs: String?, theirsKeptAs: String? = nil) {
        self.file = file
        self.badge = badge
        self.evidence = evidence
        self.field = field
        self.ours = ours
        self.theirs = theirs
        self.theirsKeptAs = theirsKeptAs
    }

    /// True when the merged files already hold both versions (an evidence file changed on both
    /// sides): the merge is complete, the conflict only asks the user to choose.
    public var keepsBoth: Bool { field == "file" && theirsKeptAs != nil }

    /// The same conflict seen from the other side.
    public var swapped: MergeConflict {
        MergeConflict(file: file, badge: badge, evidence: evidence, field: field, ours: theirs, theirs: ours,
                      theirsKeptAs: theirsKeptAs)
    }
}

extension MergeConflict: Localized {
    /// « tutorat, preuve charte : titre — chez vous « A », reçu « B » »
    /// / « tutorat, evidence charte: title — ours « A », theirs « B » ».
    public func text(_ lang: Lang) -> String {
        var subject = badge ?? file
        if let evidence { subject += lang.pick(fr: ", preuve \(evidence)", en: ", evidence \(evidence)") }
        let label = Self.label(field, lang)
        var detail: String
        switch field {
        case "narrative":
            detail = lang.pick(fr: "modifié des deux côtés aux mêmes lignes (votre version est gardée)",
                               en: "changed on both sides on the same lines (your version is kept)")
        case "presence":
            detail = lang.pick(fr: "chez vous \(presence(ours, lang)), reçu \(presence(theirs, lang))",
                               en: "ours \(presence(ours, lang)), theirs \(presence(theirs, lang))")
        default:
            detail = lang.pick(fr: "chez vous \(value(ours, lang)), reçu \(value(theirs, lang))",
                               en: "ours \(value(ours, lang)), theirs \(value(theirs, lang))")
        }
        if let theirsKeptAs {
            detail += lang.pick(fr: " ; la version reçue est gardée comme preuve \(theirsKeptAs)",
                                en: "; the received version is kept as evidence \(theirsKeptAs)")
        }
        return lang.pick(fr: "\(subject) : \(label) — \(detail)", en: "\(subject): \(label) — \(detail)")
    }

    private func value(_ value: String?, _ lang: Lang) -> String {
        guard let value else { return lang.pick(fr: "(aucun)", en: "(none)") }
        return "« \(value.replacingOccurrences(of: "\n", with: " ⏎ ")) »"
    }

    private func presence(_ value: String?, _ lang: Lang) -> String {
        guard let value else { return lang.pick(fr: "supprimé", en: "deleted") }
        let modified = lang.pick(fr: "modifié", en: "modified")
        return value.isEmpty ? modified : "\(modified) « \(value) »"
    }

    /// The field's name as the user reads it.
    public static func label(_ field: String, _ lang: Lang) -> String {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            return lang.pick(fr: "\(label(parts[0], lang)) (\(label(parts[1], lang)))",
                             en: "\(label(parts[0], lang)) (\(label(parts[1], lang)))")
        }
        guard lang == .fr else {
            return ["referentNumerique": "référent numérique", "catalogueVersion": "catalogue version",
                    "sha256": "hash", "uai": "UAI", "siret": "SIRET"][field] ?? field
        }
        return ["status": "statut", "level": "niveau", "coverage": "couverture", "narrative": "récit",
                "title": "titre", "criterion": "critère", "file": "fichier", "url": "adresse", "kind": "type",
                "sha256": "empreinte", "size": "taille", "presence": "présence", "uai": "UAI", "name": "nom",
                "siret": "SIRET", "contact": "contact", "referentNumerique": "référent numérique",
                "catalogueVersion": "version du catalogue", "email": "e-mail", "phone": "téléphone"][field] ?? field
    }
}
