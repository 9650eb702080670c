import DossierCore

/// Why a hub command refused or failed. One line each, in French or English.
public enum HubError: Error, Equatable, Localized {
    case notAHub(String)
    case hubExists(String)
    case alreadyRegistered(String)
    case unknownCFA(String)
    case memberExists(String)
    case unknownMember(String)
    case memberNeedsUAI
    case uaiOnlyForPilots
    case invalidURL(String)
    case noSubmission(uai: String, badge: String)
    case unknownBadge(String)
    case recused(member: String, uai: String)
    case votingClosed(state: String)
    case reasonRequired
    case noVoteToWithdraw(String)
    case notRegion(String)
    case quorumNotReached(approvals: Int, required: Int, roles: Int, requiredRoles: Int)
    case blocked(by: [String])
    case changesPending(by: [String])
    case notAwarded(uai: String, badge: String)
    case corruptStore(String)
    case invalidSettings(String)
    /// Another `hub reconcile` holds this hub's reconcile lock.
    case reconcileRunning
    /// The review store stayed busy (another hub command writing) longer than the wait allowed.
    case storeBusy
    /// The review store failed (SQLite result code).
    case storeFailure(Int32)
    /// `accept-history`: the CFA's submission tags are as ingested.
    case historyNotRewritten(String)
    /// `hub member disable` ended this member's web access.
    case memberDisabled(String)
    /// An invitation link that was used, expired or never existed.
    case invitationInvalid
    /// No evidence of that id in the request.
    case unknownEvidence(String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .notAHub(let path):
            lang.pick(fr: "\(path) n'est pas un hub (lancez `dossier hub init DOSSIER` ou passez --hub)",
                      en: "\(path) is not a hub (run `dossier hub init DIR` or pass --hub)")
        case .hubExists(let path):
            lang.pick(fr: "\(path) contient déjà un hub", en: "\(path) already holds a hub")
        case .alreadyRegistered(let uai):
            lang.pick(fr: "le CFA \(uai) est déjà inscrit", en: "CFA \(uai) is already registered")
        case .unknownCFA(let uai):
            lang.pick(fr: "aucun CFA inscrit sous l'UAI \(uai)", en: "no CFA registered under UAI \(uai)")
        case .memberExists(let id):
            lang.pick(fr: "le membre \(id) existe déjà", en: "member \(id) already exists")
        case .unknownMember(let id):
            lang.pick(fr: "membre inconnu : \(id)", en: "unknown member: \(id)")
        case .memberNeedsUAI:
            lang.pick(fr: "un membre cfa-pilote doit indiquer son CFA avec --uai", en: "a cfa-pilote member needs --uai for its CFA")
        case .uaiOnlyForPilots:
            lang.pick(fr: "--uai ne vaut que pour le rôle cfa-pilote", en: "--uai only applies to the cfa-pilote role")
        case .invalidURL(let url):
            lang.pick(fr: "adresse de dépôt non prise en charge : \(url)", en: "unsupported repository address: \(url)")
        case .noSubmission(let uai, let badge):
            lang.pick(fr: "aucune demande du badge \(badge) pour le CFA \(uai)", en: "no request for badge \(badge) from CFA \(uai)")
        case .unknownBadge(let badge):
            lang.pick(fr: "badge inconnu : \(badge)", en: "unknown badge: \(badge)")
        case .recused(let member, let uai):
            lang.pick(fr: "\(member) représente le CFA \(uai) et ne peut pas voter sur sa propre demande (récusation)",
                      en: "\(member) represents CFA \(uai) and cannot vote on its own request (recusal)")
        case .votingClosed(let state):
            lang.pick(fr: "cette demande n'est plus soumise au vote (état : \(state))", en: "this request is no longer open to votes (state: \(state))")
        case .reasonRequired:
            lang.pick(fr: "un vote doit être motivé : -m RAISON", en: "a vote needs a reason: -m REASON")
        case .noVoteToWithdraw(let member):
            lang.pick(fr: "\(member) n'a pas de vote en cours sur cette demande", en: "\(member) has no standing vote on this request")
        case .notRegion(let member):
            lang.pick(fr: "seul un membre de la Région peut décerner ou retirer un badge (\(member) ne l'est pas)",
                      en: "only a Région member can award or revoke a badge (\(member) is not one)")
        case .quorumNotReached(let approvals, let required, let roles, let requiredRoles):
            lang.pick(fr: "quorum non atteint : \(approvals)/\(required) avis favorables, \(roles)/\(requiredRoles) rôles différents",
                      en: "quorum not reached: \(approvals)/\(required) approvals from \(roles)/\(requiredRoles) different roles")
        case .blocked(let members):
            lang.pick(fr: "un avis défavorable bloque la demande (\(members.joined(separator: ", "))) tant qu'il n'est pas retiré",
                      en: "a rejection blocks the request (\(members.joined(separator: ", "))) until it is withdrawn")
        case .changesPending(let members):
            lang.pick(fr: "des modifications sont demandées au CFA (\(members.joined(separator: ", ")))",
                      en: "changes are requested from the CFA (\(members.joined(separator: ", ")))")
        case .notAwarded(let uai, let badge):
            lang.pick(fr: "le CFA \(uai) n'a pas de badge \(badge) en cours de validité", en: "CFA \(uai) holds no valid \(badge) badge")
        case .corruptStore(let detail):
            lang.pick(fr: "base de revue illisible : \(detail)", en: "review store unreadable: \(detail)")
        case .invalidSettings(let detail):
            lang.pick(fr: "réglages du hub invalides : \(detail)", en: "invalid hub settings: \(detail)")
        case .reconcileRunning:
            lang.pick(fr: "un autre rapprochement est en cours sur ce hub ; relancez quand il sera terminé",
                      en: "another reconcile is running on this hub; run again once it has finished")
        case .storeBusy:
            lang.pick(fr: "la base de revue est occupée par une autre commande du hub ; réessayez dans un instant (rien n'a été modifié)",
                      en: "the review store is busy with another hub command; try again in a moment (nothing was changed)")
        case .storeFailure(let code):
            lang.pick(fr: "erreur de la base de revue (code SQLite \(code)) ; rien n'a été modifié",
                      en: "review store error (SQLite code \(code)); nothing was changed")
        case .historyNotRewritten(let uai):
            lang.pick(fr: "les demandes du CFA \(uai) sont telles qu'elles ont été reçues : aucun historique réécrit à accepter",
                      en: "CFA \(uai)'s requests are as ingested: no rewritten history to accept")
        case .memberDisabled(let member):
            lang.pick(fr: "l'accès web de \(member) est désactivé (hub member passwd le rétablit)",
                      en: "\(member)'s web access is disabled (hub member passwd restores it)")
        case .unknownEvidence(let id):
            lang.pick(fr: "aucune preuve « \(id) » dans cette demande", en: "no evidence \"\(id)\" in this request")
        case .invitationInvalid:
            lang.pick(fr: "ce lien d'invitation a déjà servi, a expiré ou n'existe pas ; demandez-en un nouveau à la Région",
                      en: "this invitation link was already used, has expired or does not exist; ask the Région for a new one")
        }
    }
}
