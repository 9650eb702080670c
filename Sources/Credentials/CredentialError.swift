public import DossierCore
public import LinkedData

/// Why a credential could not be issued, read or verified. Every case has a French and an English text.
public enum CredentialError: Error, Equatable, Sendable, Localized, CustomStringConvertible {
    /// The JSON-LD processing of a credential failed (unknown context, protected term…).
    case linkedData(LinkedDataError)
    /// The file or text is not a credential we can read (neither JSON, nor a compact JWS, nor a baked image).
    case unreadable(String)
    /// A required member is missing or has the wrong shape (`member` is a JSON path such as `issuer.id`).
    case malformed(member: String)
    /// A key file is missing, unreadable, or readable by others than its owner.
    case keyFile(path: String, problem: KeyFileProblem)
    /// A key in a file or a document is not a key of the expected kind.
    case invalidKey(String)
    /// Signing failed inside the cryptographic library.
    case signingFailed
    /// The image has no credential baked in, or has two.
    case baking(String)
    /// A status list index outside the list, or a list that does not decode.
    case statusList(String)

    public enum KeyFileProblem: String, Equatable, Sendable {
        case missing, unreadable, tooOpen, unwritable, exists
    }

    public var description: String { text(.en) }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .linkedData(let error):
            return error.text(french: lang == .fr)
        case .unreadable(let what):
            return lang.pick(fr: "lecture impossible du badge : \(what)", en: "cannot read the badge: \(what)")
        case .malformed(let member):
            return lang.pick(fr: "badge mal formé : « \(member) » manquant ou invalide", en: "malformed badge: \"\(member)\" missing or invalid")
        case .keyFile(let path, let problem):
            switch problem {
            case .missing:
                return lang.pick(fr: "\(path) : clé de l’émetteur introuvable (lancez « dossier hub keys init »)",
                                 en: "\(path): issuer key not found (run \"dossier hub keys init\")")
            case .unreadable:
                return lang.pick(fr: "\(path) : clé de l’émetteur illisible", en: "\(path): issuer key unreadable")
            case .tooOpen:
                return lang.pick(fr: "\(path) : clé de l’émetteur lisible par d’autres que son propriétaire (chmod 600)",
                                 en: "\(path): issuer key readable by others than its owner (chmod 600)")
            case .unwritable:
                return lang.pick(fr: "\(path) : écriture de la clé impossible", en: "\(path): cannot write the key")
            case .exists:
                return lang.pick(fr: "\(path) : des clés d’émetteur existent déjà", en: "\(path): issuer keys already exist")
            }
        case .invalidKey(let what):
            return lang.pick(fr: "clé invalide : \(what)", en: "invalid key: \(what)")
        case .signingFailed:
            return lang.pick(fr: "la signature du badge a échoué", en: "signing the badge failed")
        case .baking(let what):
            return lang.pick(fr: "image de badge : \(what)", en: "badge image: \(what)")
        case .statusList(let what):
            return lang.pick(fr: "liste de statuts : \(what)", en: "status list: \(what)")
        }
    }
}
