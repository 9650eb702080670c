import DossierCore

/// Why a `dossier propose` command refused, before anything changed. One line each, French or English.
public enum ProposeError: Error, Equatable, Localized {
    /// Not a badge id (lowercase ASCII letters, digits, hyphens).
    case invalidSlug(String)
    /// `propose new`: the file is already there.
    case exists(String)
    /// `propose new`: the catalogue in use already has a badge with that id.
    case badgeExists(id: String, catalogue: String)
    /// No `proposals/<slug>.yaml` in the dossier.
    case noProposal(String)
    /// `propose new`: an empty title.
    case emptyTitle

    public func text(_ lang: Lang) -> String {
        switch self {
        case .invalidSlug(let slug):
            lang.pick(fr: "identifiant de proposition invalide « \(slug) » (lettres minuscules, chiffres, tirets : ce sera l'identifiant du badge)",
                      en: "invalid proposal id '\(slug)' (lowercase letters, digits, hyphens: it becomes the badge's id)")
        case .exists(let path):
            lang.pick(fr: "\(path) existe déjà : modifiez-le, ou choisissez un autre identifiant",
                      en: "\(path) already exists: edit it, or choose another id")
        case .badgeExists(let id, let catalogue):
            lang.pick(fr: "le badge \(id) existe déjà dans le catalogue \(catalogue) : choisissez un autre identifiant",
                      en: "badge \(id) already exists in catalogue \(catalogue): choose another id")
        case .noProposal(let slug):
            lang.pick(fr: "aucune proposition \(slug) dans ce dossier (proposals/\(slug).yaml ; « dossier propose new \(slug) --title … » en crée une)",
                      en: "no proposal \(slug) in this dossier (proposals/\(slug).yaml; `dossier propose new \(slug) --title …` makes one)")
        case .emptyTitle:
            lang.pick(fr: "le titre du badge proposé est vide", en: "the proposed badge's title is empty")
        }
    }
}
