import DossierCore

/// What the hub reads of a CFA's repository at most: reconcile enforces these limits, the stored
/// reasons quote them.
public enum IngestLimits {
    /// Deepest folder nesting accepted (a dossier needs 5 or 6).
    public static let maximumDepth = 32
    public static let maximumEntries = 200_000
    /// Largest `dossier.yaml` or `claim.yaml` read.
    public static let maximumYAMLSize = 1 << 20
    /// Largest evidence file hashed by the hub (large media belong in media storage).
    public static let maximumEvidenceSize = 64 << 20
    /// Largest blob fetched from a CFA repository on disk.
    public static let maximumLocalBlob = maximumEvidenceSize
}

/// Why reconcile refused a CFA's tree (`TreeSafety` checks it; `HubReason.unsafeTree` stores it).
public enum TreeRefusal: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    case unsafeName(String)
    case nonUTF8Name(String)
    case symlink(String)
    case submodule(String)
    case tooDeep(String)
    case tooManyEntries
    case oversizedYAML(String, Int)
    case notAFile(String)
    case oversizedBlob(String, Int)
    case oversizedObject(Int)

    public var description: String { text(.en) }

    public func text(_ lang: Lang) -> String {
        switch self {
        case .unsafeName(let path): lang.pick(fr: "nom dangereux dans l'arborescence : \(path)", en: "unsafe name in the tree: \(path)")
        case .nonUTF8Name(let path): lang.pick(fr: "nom qui n'est pas en UTF-8 dans l'arborescence : \(path)", en: "name that is not UTF-8 in the tree: \(path)")
        case .symlink(let path): lang.pick(fr: "lien symbolique dans le dossier : \(path)", en: "symbolic link in the dossier: \(path)")
        case .submodule(let path): lang.pick(fr: "sous-module dans le dossier : \(path)", en: "submodule in the dossier: \(path)")
        case .tooDeep(let path):
            lang.pick(fr: "dossiers imbriqués sur plus de \(IngestLimits.maximumDepth) niveaux : \(path)…",
                      en: "folders nested deeper than \(IngestLimits.maximumDepth) levels: \(path)…")
        case .tooManyEntries:
            lang.pick(fr: "plus de \(IngestLimits.maximumEntries) entrées dans l'arborescence", en: "more than \(IngestLimits.maximumEntries) entries in the tree")
        case .oversizedYAML(let path, let size):
            lang.pick(fr: "\(path) fait \(size) octets (au plus \(IngestLimits.maximumYAMLSize))", en: "\(path) is \(size) bytes (at most \(IngestLimits.maximumYAMLSize))")
        case .notAFile(let path): lang.pick(fr: "\(path) n'est pas un fichier", en: "\(path) is not a file")
        case .oversizedObject(let limit):
            lang.pick(fr: "un fichier de plus de \(limit) octets arrivait : la récupération a été arrêtée",
                      en: "a file of more than \(limit) bytes was on its way: the fetch was stopped")
        case .oversizedBlob(let path, let size):
            lang.pick(fr: "\(path) fait \(size) octets, plus que ce que le hub récupère d'un dossier (\(IngestLimits.maximumLocalBlob))",
                      en: "\(path) is \(size) bytes, more than the hub fetches from a folder (\(IngestLimits.maximumLocalBlob))")
        }
    }
}
