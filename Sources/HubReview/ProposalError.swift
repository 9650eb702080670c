import DossierCore

/// Why a proposal command of the hub refused. One line each, in French or English.
public enum ProposalError: Error, Equatable, Localized {
    /// No proposal of that slug from that CFA.
    case noProposal(uai: String, slug: String)
    /// The proposal is no longer open (accepted, declined, refused, superseded).
    case closed(state: String)
    /// The badge id is already in the catalogue in force or in the next version's draft.
    case badgeExists(String)
    /// `hub proposal diff`: only one submission of that proposal.
    case nothingToCompare(slug: String)
    /// A pilot CFA's member cannot vote on its own CFA's proposal.
    case recused(member: String, uai: String)
    /// Only a Région member accepts or declines a proposal.
    case notRegion(String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .noProposal(let uai, let slug):
            lang.pick(fr: "aucune proposition « \(slug) » du CFA \(uai)", en: "no proposal \"\(slug)\" from CFA \(uai)")
        case .closed(let state):
            lang.pick(fr: "cette proposition n'est plus ouverte (état : \(state))", en: "this proposal is no longer open (state: \(state))")
        case .badgeExists(let id):
            lang.pick(fr: "le badge « \(id) » existe déjà dans le catalogue ou dans le brouillon de la prochaine version",
                      en: "badge \"\(id)\" already exists in the catalogue or in the next version's draft")
        case .nothingToCompare(let slug):
            lang.pick(fr: "la proposition « \(slug) » n'a été soumise qu'une fois : rien à comparer",
                      en: "proposal \"\(slug)\" was submitted only once: nothing to compare")
        case .recused(let member, let uai):
            lang.pick(fr: "\(member) représente le CFA \(uai) et ne peut pas voter sur sa propre proposition (récusation)",
                      en: "\(member) represents CFA \(uai) and cannot vote on its own proposal (recusal)")
        case .notRegion(let member):
            lang.pick(fr: "seul un membre de la Région peut accepter ou refuser une proposition (\(member) ne l'est pas)",
                      en: "only a Région member can accept or decline a proposal (\(member) is not one)")
        }
    }
}
