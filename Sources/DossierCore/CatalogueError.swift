/// Why a catalogue version cannot be published, shown or received.
public enum CatalogueError: Error, Equatable, Localized {
    /// Not a version: numbers separated by dots (`2027.1`).
    case invalidVersion(String)
    /// Publishing a version not newer than the newest published one.
    case notNewer(version: String, newest: String)
    case alreadyPublished(String)
    case unknownVersion(String)
    /// Nothing to publish: no draft (`hub catalogue edit` makes one).
    case noDraft
    /// A published version's file says another version inside.
    case versionMismatch(file: String, says: String)
    /// The catalogue this dossier received (`.git/dossier/catalogue.json` and the commit it names)
    /// cannot be read: `--catalogue FILE` still works.
    case receivedUnusable(String)

    public func text(_ lang: Lang) -> String {
        switch self {
        case .invalidVersion(let text):
            lang.pick(fr: "version de catalogue invalide : \(text) (attendu : des nombres séparés par des points, ex. 2027.1)",
                      en: "invalid catalogue version: \(text) (expected numbers separated by dots, e.g. 2027.1)")
        case .notNewer(let version, let newest):
            lang.pick(fr: "la version \(version) n'est pas plus récente que la dernière publiée (\(newest))",
                      en: "version \(version) is not newer than the newest published one (\(newest))")
        case .alreadyPublished(let version):
            lang.pick(fr: "la version \(version) du catalogue est déjà publiée", en: "catalogue version \(version) is already published")
        case .unknownVersion(let version):
            lang.pick(fr: "version de catalogue inconnue : \(version)", en: "unknown catalogue version: \(version)")
        case .noDraft:
            lang.pick(fr: "aucun brouillon de catalogue à publier (dossier hub catalogue edit en crée un)",
                      en: "no catalogue draft to publish (dossier hub catalogue edit makes one)")
        case .versionMismatch(let file, let says):
            lang.pick(fr: "\(file) : le fichier annonce la version \(says)", en: "\(file): the file says version \(says)")
        case .receivedUnusable(let path):
            lang.pick(fr: "le catalogue reçu de la Région est illisible (\(path)) : supprimez ce fichier puis lancez dossier sync",
                      en: "the catalogue received from the Région cannot be read (\(path)): remove that file, then run dossier sync")
        }
    }
}
