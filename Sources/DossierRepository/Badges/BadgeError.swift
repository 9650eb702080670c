import DossierCore

/// Why `dossier badges`, `badges export` or `verify` could not do what was asked. Every case has a
/// French and an English text; the command line gives each its exit code (`Failure+Errors.swift`).
public enum BadgeError: Error, Equatable, Sendable, Localized {
    /// The CFA holds no credential for this badge (or the label) in the Région's deliveries.
    case noCredential(String)
    /// The credential file asked for was not delivered (e.g. no `.jwt` beside the `.json`).
    case noCredentialFile(badge: String, format: String)
    /// `.git/dossier/issuer-keys.json` exists but cannot be read.
    case pinnedKeysUnreadable(String)
    /// The issuer's keys changed without a rotation statement signed by a pinned key.
    case issuerKeysChanged(issuer: String)
    /// A document could not be downloaded (`verify URL`, or a key or status list it needs).
    case download(url: String, detail: String)
    /// The credential names a key of the pinned issuer that is not pinned: not fetched from the web.
    case keyNotPinned(String)
    /// A downloaded issuer Profile whose `id` is not the address it came from: not used.
    case profileNotAtItsAddress(String)
    /// A downloaded document is not what was expected (an issuer Profile, a status list).
    case unexpectedDocument(url: String, expected: ExpectedDocument)
    /// A file to verify or to write could not be read or written.
    case file(path: String, detail: String)
    /// The credential did not verify: the first failed check, said in the user's language.
    case notValid(String)

    public enum ExpectedDocument: String, Equatable, Sendable { case issuerProfile, statusList }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .noCredential(let badge):
            return badge == CredentialPaths.label
                ? lang.pick(fr: "le CFA n'a pas de badge signé du label (rien reçu de la Région ; « dossier sync » d'abord)",
                            en: "the CFA has no signed label credential (nothing received from the Région; `dossier sync` first)")
                : lang.pick(fr: "le CFA n'a pas de badge signé « \(badge) » (voir « dossier badges »)",
                            en: "the CFA has no signed credential for '\(badge)' (see `dossier badges`)")
        case .noCredentialFile(let badge, let format):
            return lang.pick(fr: "la Région n'a pas fourni le badge « \(badge) » au format \(format)",
                             en: "the Région did not deliver the '\(badge)' credential as \(format)")
        case .pinnedKeysUnreadable(let path):
            return lang.pick(fr: "\(path) : clés de l'émetteur enregistrées illisibles",
                             en: "\(path): pinned issuer keys unreadable")
        case .issuerKeysChanged(let issuer):
            return lang.pick(fr: "ATTENTION : les clés de signature de la Région (\(issuer)) ont changé sans déclaration signée par l'ancienne clé : badges reçus non reconnus (possible usurpation ; prévenez la Région)",
                             en: "WARNING: the Région's signing keys (\(issuer)) changed without a statement signed by the previous key: credentials received not trusted (possible impostor; tell the Région)")
        case .download(let url, let detail):
            return lang.pick(fr: "téléchargement impossible de \(url) : \(detail)", en: "cannot download \(url): \(detail)")
        case .keyNotPinned(let issuer):
            return lang.pick(fr: "clé absente des clés enregistrées pour \(issuer) : non téléchargée (les clés de la Région ne changent que par « dossier sync », avec une déclaration signée par l'ancienne clé)",
                             en: "key not among the keys pinned for \(issuer): not downloaded (the Région's keys change only through `dossier sync`, with a statement signed by the previous key)")
        case .profileNotAtItsAddress(let url):
            return lang.pick(fr: "\(url) : l'identifiant du document n'est pas son adresse (clés non utilisées)",
                             en: "\(url): the document's id is not its address (keys not used)")
        case .unexpectedDocument(let url, let expected):
            return expected == .issuerProfile
                ? lang.pick(fr: "\(url) n'est pas un profil d'émetteur lisible", en: "\(url) is not a readable issuer profile")
                : lang.pick(fr: "\(url) n'est pas une liste de statuts lisible", en: "\(url) is not a readable status list")
        case .file(let path, let detail):
            return lang.pick(fr: "\(path) : \(detail)", en: "\(path): \(detail)")
        case .notValid(let reason):
            return lang.pick(fr: "badge NON valide : \(reason)", en: "credential NOT valid: \(reason)")
        }
    }
}
