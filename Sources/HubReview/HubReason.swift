import DossierCore
import Foundation

/// Why the hub did something or could not: stored as a code with its arguments (Codable, JSON in
/// the store) and rendered in the reader's language only when shown. Never a library's own
/// message: errors are classified into these cases first (`HubReason.classify`).
public enum HubReason: Sendable, Equatable, Codable, Localized {
    // A submission tag changed upstream after its ingest.
    case tagMoved(tag: String, ingestedOn: Day)
    case tagDeleted(tag: String, ingestedOn: Day)
    // A submission that cannot be ingested.
    case notASubmissionTag(tag: String)
    case tagNotASave(tag: String)
    case unsafeTree(tag: String?, refusal: TreeRefusal)
    case invalidDossier(tag: String, errors: [DossierError])
    case otherUAI(tag: String, named: String, registered: String)
    case noClaim(tag: String, badge: String)
    case oversizedEvidence(tag: String, path: String, size: Int)
    // Transfers.
    case noAnswer(seconds: Int)
    /// The remote cannot be reached: no such folder, or the connection failed.
    case unreachable(url: String, missingFolder: Bool)
    case authenticationRefused(url: String)
    case unknownHost(host: String, fingerprint: String)
    case hostKeyChanged(host: String)
    case remoteRefused(detail: String)
    case notADossierRemote(url: String)
    case corruptTransfer
    /// A libgit2 failure, by class and code (its English message is not kept).
    case git(errorClass: Int32, code: Int32)
    /// The review store was busy or failed (SQLite result code).
    case store(code: Int32)
    case reconcileInterrupted
    case internalError(String)
    // Bounds of one run.
    case olderRequestsSkipped(count: Int)
    case submissionLimit(limit: Int, waiting: Int)
    case moreReasons(count: Int)
    // Review.
    case supersededBy(tag: String)
    case validityEnded(on: Day)
    case validity(from: Day, until: Day)
    case ingested(tag: String, kind: String)
    case historyAccepted(tags: [String])
    /// A row written before reasons were stored as codes: its English text, as it was.
    case legacy(String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .tagMoved(let tag, let day):
            lang.pick(fr: "\(tag) : étiquette déplacée chez le CFA (historique réécrit) ; la demande reçue le \(day) est conservée",
                      en: "\(tag): moved upstream (history rewritten); the request ingested on \(day) is kept")
        case .tagDeleted(let tag, let day):
            lang.pick(fr: "\(tag) : étiquette supprimée chez le CFA (historique réécrit) ; la demande reçue le \(day) est conservée",
                      en: "\(tag): deleted upstream (history rewritten); the request ingested on \(day) is kept")
        case .notASubmissionTag(let tag):
            lang.pick(fr: "\(tag) : pas une demande d'un badge connu", en: "\(tag): not a submission tag of a known badge")
        case .tagNotASave(let tag):
            lang.pick(fr: "\(tag) : l'étiquette ne désigne pas un enregistrement", en: "\(tag): the tag does not point to a save")
        case .unsafeTree(let tag, let refusal):
            (tag.map { lang.pick(fr: "\($0) : ", en: "\($0): ") } ?? lang.pick(fr: "non récupéré : ", en: "not fetched: ")) + refusal.text(lang)
        case .invalidDossier(let tag, let errors):
            (tag.isEmpty ? "" : lang.pick(fr: "\(tag) : ", en: "\(tag): ")) + errors.map { $0.text(lang) }.joined(separator: "; ")
        case .otherUAI(let tag, let named, let registered):
            lang.pick(fr: "\(tag) : dossier.yaml indique l'UAI \(named), inscrit sous \(registered)",
                      en: "\(tag): dossier.yaml names UAI \(named), registered as \(registered)")
        case .noClaim(let tag, let badge):
            lang.pick(fr: "\(tag) : pas de fiche pour le badge \(badge) dans cet enregistrement",
                      en: "\(tag): no claim for badge \(badge) in this save")
        case .oversizedEvidence(let tag, let path, let size):
            lang.pick(fr: "\(tag) : \(path) fait \(size) octets, plus que ce que le hub lit (\(IngestLimits.maximumEvidenceSize))",
                      en: "\(tag): \(path) is \(size) bytes, more than the hub reads (\(IngestLimits.maximumEvidenceSize))")
        case .noAnswer(let seconds):
            lang.pick(fr: "injoignable : pas de réponse en \(seconds) s", en: "unreachable: no answer for \(seconds) s")
        case .unreachable(let url, let missingFolder):
            missingFolder ? lang.pick(fr: "injoignable : \(url) (dossier introuvable)", en: "unreachable: \(url) (no such folder)")
                : lang.pick(fr: "injoignable : \(url) (connexion impossible)", en: "unreachable: \(url) (connection failed)")
        case .authenticationRefused(let url):
            lang.pick(fr: "identifiants refusés par \(url)", en: "credentials refused by \(url)")
        case .unknownHost(let host, let fingerprint):
            lang.pick(fr: "serveur \(host) inconnu (empreinte \(fingerprint))", en: "unknown host \(host) (fingerprint \(fingerprint))")
        case .hostKeyChanged(let host):
            lang.pick(fr: "la clé du serveur \(host) a changé", en: "the host key of \(host) changed")
        case .remoteRefused(let detail):
            lang.pick(fr: "envoi refusé par le dépôt du CFA : \(detail)", en: "push refused by the CFA's repository: \(detail)")
        case .notADossierRemote(let url):
            lang.pick(fr: "\(url) n'est pas un dépôt de dossier", en: "\(url) is not a dossier repository")
        case .corruptTransfer:
            lang.pick(fr: "transfert corrompu", en: "corrupt transfer")
        case .git(let errorClass, let code):
            lang.pick(fr: "erreur git (classe \(errorClass), code \(code))", en: "git error (class \(errorClass), code \(code))")
        case .store(let code):
            code == 5 || code == 6
                ? lang.pick(fr: "base de revue occupée", en: "review store busy")
                : lang.pick(fr: "erreur de la base de revue (code \(code))", en: "review store error (code \(code))")
        case .reconcileInterrupted:
            lang.pick(fr: "rapprochement interrompu", en: "reconcile interrupted")
        case .internalError(let kind):
            lang.pick(fr: "erreur interne (\(kind))", en: "internal error (\(kind))")
        case .olderRequestsSkipped(let count):
            lang.pick(fr: "\(count) demande(s) plus ancienne(s) ignorée(s) : une demande plus récente du même badge les remplace",
                      en: "\(count) older request(s) skipped: a newer request of the same badge replaces them")
        case .submissionLimit(let limit, let waiting):
            lang.pick(fr: "limite de \(limit) nouvelle(s) demande(s) par passage atteinte : \(waiting) attendent le prochain rapprochement",
                      en: "limit of \(limit) new request(s) per run reached: \(waiting) wait for the next reconcile")
        case .moreReasons(let count):
            lang.pick(fr: "et \(count) autre(s) problème(s)", en: "and \(count) more problem(s)")
        case .supersededBy(let tag):
            lang.pick(fr: "remplacée par \(tag)", en: "superseded by \(tag)")
        case .validityEnded(let day):
            lang.pick(fr: "validité terminée le \(day)", en: "validity ended on \(day)")
        case .validity(let from, let until):
            lang.pick(fr: "valide du \(from) au \(until) (exclu)", en: "valid \(from) – \(until)")
        case .ingested(let tag, let kind):
            "\(tag) (\(kind == "renewal" ? lang.pick(fr: "renouvellement", en: "renewal") : lang.pick(fr: "première demande", en: "first")))"
        case .historyAccepted(let tags):
            lang.pick(fr: "historique réécrit accepté pour : ", en: "rewritten history accepted for: ") + tags.joined(separator: ", ")
        case .legacy(let text):
            text
        }
    }

    /// Reasons joined on one line.
    public static func line(_ reasons: [HubReason], _ lang: Lang) -> String {
        reasons.map { $0.text(lang) }.joined(separator: lang.pick(fr: " ; ", en: "; "))
    }

    /// At most `limit` reasons, the rest counted.
    package static func capped(_ reasons: [HubReason], limit: Int = 20) -> [HubReason] {
        reasons.count <= limit ? reasons : Array(reasons.prefix(limit)) + [.moreReasons(count: reasons.count - limit)]
    }
}
