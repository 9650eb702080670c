public import DossierCore

/// One check a verification ran, with its outcome, said in French or English.
public struct VerificationCheck: Sendable, Equatable, Localized {
    public enum Kind: String, Sendable, Equatable {
        case format, signature, issuer, definedTerms, claims, validFrom, validUntil, status, schema
    }

    public enum Outcome: Sendable, Equatable {
        case passed
        case failed
        /// Could not be checked here (e.g. status list not available offline).
        case notChecked
    }

    /// What was checked, or what went wrong.
    public enum Detail: Sendable, Equatable {
        case key(String)
        case noProof
        case unsupportedProof(String)
        case wrongProofPurpose
        case unknownKey(String)
        case signatureMismatch(String)
        case keyInToken
        case privateKeyInToken
        case unsupportedAlgorithm(String)
        case invalidHeader(String)
        case issuer(String)
        case unsignedTerms([String])
        case claimMismatch([String])
        case date(String)
        case missing(String)
        case statusIndex(Int)
        case revoked(Int)
        case revokedByList(String)
        case notListed(String)
        case statusListUnavailable(String)
        case statusListNotVerified(String)
        case unsupportedStatus(String)
        case structure([String])
        case error(CredentialError)

        public func text(_ lang: Lang) -> String {
            switch self {
            case .key(let id): return lang.pick(fr: "clé \(id)", en: "key \(id)")
            case .noProof: return lang.pick(fr: "aucune preuve", en: "no proof")
            case .unsupportedProof(let kind): return lang.pick(fr: "preuve non prise en charge (\(kind))", en: "unsupported proof (\(kind))")
            case .wrongProofPurpose: return lang.pick(fr: "la preuve n’est pas une assertion (proofPurpose)", en: "proofPurpose is not assertionMethod")
            case .unknownKey(let id): return lang.pick(fr: "clé inconnue \(id)", en: "unknown key \(id)")
            case .signatureMismatch(let id):
                return lang.pick(fr: "la signature ne correspond pas (clé \(id)) : badge modifié", en: "signature does not match (key \(id)): badge altered")
            case .keyInToken: return lang.pick(fr: "clé fournie par le jeton lui-même", en: "key carried by the token itself")
            case .privateKeyInToken: return lang.pick(fr: "le jeton contient une clé privée", en: "the token holds a private key")
            case .unsupportedAlgorithm(let alg): return lang.pick(fr: "algorithme \(alg) non pris en charge (RS256 seulement)", en: "algorithm \(alg) not supported (RS256 only)")
            case .invalidHeader(let what): return lang.pick(fr: "en-tête JWT invalide (\(what))", en: "invalid JWT header (\(what))")
            case .issuer(let id): return id
            case .unsignedTerms(let terms):
                return lang.pick(fr: "propriétés non couvertes par la signature : ", en: "properties not covered by the signature: ") + terms.joined(separator: ", ")
            case .claimMismatch(let claims):
                return lang.pick(fr: "ne correspond pas au badge : ", en: "does not match the badge: ") + claims.joined(separator: ", ")
            case .date(let date): return date
            case .missing(let member): return lang.pick(fr: "« \(member) » manquant", en: "\"\(member)\" missing")
            case .statusIndex(let index): return lang.pick(fr: "index \(index)", en: "index \(index)")
            case .revoked(let index): return lang.pick(fr: "RÉVOQUÉ (index \(index))", en: "REVOKED (index \(index))")
            case .revokedByList(let url): return lang.pick(fr: "RÉVOQUÉ (liste \(url))", en: "REVOKED (list \(url))")
            case .notListed(let url): return lang.pick(fr: "absent de la liste de révocation \(url)", en: "not in the revocation list \(url)")
            case .statusListUnavailable(let url): return lang.pick(fr: "liste de statuts \(url) non disponible", en: "status list \(url) not available")
            case .statusListNotVerified(let url):
                return lang.pick(fr: "liste de statuts \(url) non authentique ou périmée", en: "status list \(url) not authentic or out of date")
            case .unsupportedStatus(let type): return lang.pick(fr: "type de statut \(type) non pris en charge", en: "status type \(type) not supported")
            case .structure(let problems): return problems.joined(separator: "; ")
            case .error(let error): return error.text(lang)
            }
        }
    }

    public let kind: Kind
    public let outcome: Outcome
    public let details: [Detail]

    public init(kind: Kind, outcome: Outcome, details: [Detail] = []) {
        self.kind = kind
        self.outcome = outcome
        self.details = details
    }

    init(kind: Kind, outcome: Outcome, detail: Detail) {
        self.init(kind: kind, outcome: outcome, details: [detail])
    }

    public func text(_ lang: Lang) -> String {
        let mark = switch outcome {
        case .passed: "✔"
        case .failed: "✘"
        case .notChecked: "?"
        }
        let what: String = switch kind {
        case .format: lang.pick(fr: "format", en: "format")
        case .signature: lang.pick(fr: "signature", en: "signature")
        case .issuer: lang.pick(fr: "émetteur", en: "issuer")
        case .definedTerms: lang.pick(fr: "propriétés toutes signées", en: "every property signed")
        case .claims: lang.pick(fr: "en-tête JWT cohérent", en: "JWT claims consistent")
        case .validFrom: lang.pick(fr: "valide depuis", en: "valid from")
        case .validUntil: lang.pick(fr: "valide jusqu’au", en: "valid until")
        case .status: lang.pick(fr: "non révoqué", en: "not revoked")
        case .schema: lang.pick(fr: "structure Open Badges 3.0", en: "Open Badges 3.0 structure")
        }
        guard !details.isEmpty else { return "\(mark) \(what)" }
        return "\(mark) \(what)" + lang.pick(fr: " : ", en: ": ") + details.map { $0.text(lang) }.joined(separator: "; ")
    }
}
