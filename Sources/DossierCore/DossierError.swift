/// A failure the user can act on: a one-line message naming the file and line or the argument.
public struct DossierError: Error, Localized, CustomStringConvertible, Equatable, Codable {
    /// Where the problem is, when it is in a file.
    public var file: String?
    public var line: Int?
    public let reason: Reason

    public init(_ reason: Reason, file: String? = nil, line: Int? = nil) {
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// What went wrong.
    public enum Reason: Equatable, Sendable, Codable {
        case yamlSyntax(String)
        case notAMapping
        case missingField(String)
        case unknownField(String)
        case wrongType(field: String, expected: Expectation)
        case invalidValue(field: String, value: String, expected: Expectation)
        case invalidUAI(String)
        case invalidSIRET(String)
        case invalidEvidenceID(String)
        case duplicateEvidenceID(String)
        case evidenceNeedsFileOrURL(String)
        case pathEscapes(String)
        case symlink(String, outside: Bool)
        case nonUTF8Name(String)
        case unknownBadge(String)
        case unknownCriterion(badge: String, criterion: String)
        case unknownEvidence(badge: String, evidence: String)
        case fileNotFound(String)
        case notAFile(String)
        case evidenceFileExists(String)
        case notADossier(String)
        case alreadyADossier(String)
        case folderNotEmpty(String)
        case unknownRevision(String)
        case catalogue(String)
        case io(String)
        /// The system refused a read or a write (full disk, read-only, rights…).
        case fileSystem(FileProblem, path: String)
        case git(String)
        case mergeInProgress
        /// A badge proposal asks for what only the Région decides, or is misnamed (`Proposal`).
        case proposal(ProposalProblem)
    }

    public var description: String { text(.en) }

    /// `file:line: message`, or the message alone.
    public func text(_ lang: Lang) -> String {
        var location = ""
        if let file {
            location = file + (line.map { ":\($0)" } ?? "") + ": "
        }
        return location + reason.text(lang)
    }
}

extension DossierError.Reason: Localized {
    public func text(_ lang: Lang) -> String {
        switch self {
        case .yamlSyntax(let problem):
            return lang.pick(fr: "YAML invalide : \(problem)", en: "invalid YAML: \(problem)")
        case .notAMapping:
            return lang.pick(fr: "le fichier doit contenir des champs « clé: valeur »", en: "the file must hold `key: value` fields")
        case .missingField(let field):
            return lang.pick(fr: "champ obligatoire manquant : \(field)", en: "missing required field: \(field)")
        case .unknownField(let field):
            return lang.pick(fr: "champ inconnu : \(field)", en: "unknown field: \(field)")
        case .wrongType(let field, let expected):
            return lang.pick(fr: "\(field) doit être \(expected.fr)", en: "\(field) must be \(expected.en)")
        case .invalidValue(let field, let value, let expected):
            return lang.pick(fr: "valeur invalide pour \(field) : « \(value) » (attendu : \(expected.fr))",
                             en: "invalid value for \(field): '\(value)' (expected: \(expected.en))")
        case .invalidUAI(let value):
            return lang.pick(fr: "UAI invalide « \(value) » : 7 chiffres puis la lettre de contrôle (ex. 0141234R)",
                             en: "invalid UAI '\(value)': 7 digits then the check letter (e.g. 0141234R)")
        case .invalidSIRET(let value):
            return lang.pick(fr: "SIRET invalide « \(value) » : 14 chiffres dont la clé de Luhn est juste",
                             en: "invalid SIRET '\(value)': 14 digits with a valid Luhn key")
        case .invalidEvidenceID(let id):
            return lang.pick(fr: "identifiant de preuve invalide « \(id) » (lettres minuscules, chiffres, tirets)",
                             en: "invalid evidence id '\(id)' (lowercase letters, digits, hyphens)")
        case .duplicateEvidenceID(let id):
            return lang.pick(fr: "identifiant de preuve en double : \(id)", en: "duplicate evidence id: \(id)")
        case .evidenceNeedsFileOrURL(let id):
            return lang.pick(fr: "la preuve \(id) doit avoir soit « file » soit « url »",
                             en: "evidence \(id) must have either `file` or `url`")
        case .pathEscapes(let path):
            return lang.pick(fr: "le chemin « \(path) » sort du dossier de preuves",
                             en: "path '\(path)' escapes the evidence folder")
        case .symlink(let path, let outside):
            return outside
                ? lang.pick(fr: "« \(path) » est un lien symbolique qui pointe hors du dossier",
                            en: "'\(path)' is a symbolic link pointing outside the dossier")
                : lang.pick(fr: "« \(path) » est un lien symbolique : copiez le fichier lui-même",
                            en: "'\(path)' is a symbolic link: copy the file itself")
        case .nonUTF8Name(let path):
            return lang.pick(fr: "nom de fichier non UTF-8 : \(path) (renommez-le)",
                             en: "file name is not UTF-8: \(path) (rename it)")
        case .unknownBadge(let id):
            return lang.pick(fr: "badge inconnu : \(id) (voir « dossier catalogue »)",
                             en: "unknown badge: \(id) (see `dossier catalogue`)")
        case .unknownCriterion(let badge, let criterion):
            return lang.pick(fr: "critère inconnu pour le badge \(badge) : \(criterion) (voir « dossier catalogue \(badge) »)",
                             en: "unknown criterion for badge \(badge): \(criterion) (see `dossier catalogue \(badge)`)")
        case .unknownEvidence(let badge, let evidence):
            return lang.pick(fr: "aucune preuve « \(evidence) » dans le badge \(badge)",
                             en: "no evidence '\(evidence)' in badge \(badge)")
        case .fileNotFound(let path):
            return lang.pick(fr: "fichier introuvable : \(path)", en: "file not found: \(path)")
        case .notAFile(let path):
            return lang.pick(fr: "ce n'est pas un fichier ordinaire : \(path)", en: "not a regular file: \(path)")
        case .evidenceFileExists(let path):
            return lang.pick(fr: "\(path) existe déjà : retirez l'ancienne preuve, ou copiez la nouvelle version par-dessus puis enregistrez",
                             en: "\(path) already exists: remove the old evidence, or copy the new version over it and save")
        case .notADossier(let path):
            return lang.pick(fr: "pas de dossier ici (\(path)) : lancez « dossier init » ou placez-vous dans un dossier",
                             en: "not inside a dossier (\(path)): run `dossier init` or change to a dossier folder")
        case .alreadyADossier(let path):
            return lang.pick(fr: "un dépôt existe déjà ici : \(path)", en: "a repository already exists here: \(path)")
        case .folderNotEmpty(let path):
            return lang.pick(fr: "le dossier n'est pas vide : \(path)", en: "folder is not empty: \(path)")
        case .unknownRevision(let revision):
            return lang.pick(fr: "version inconnue : \(revision) (voir « dossier log »)",
                             en: "unknown revision: \(revision) (see `dossier log`)")
        case .catalogue(let problem):
            return lang.pick(fr: "catalogue : \(problem)", en: "catalogue: \(problem)")
        case .io(let problem):
            return lang.pick(fr: "erreur de fichier : \(problem)", en: "file error: \(problem)")
        case .fileSystem(let problem, let path):
            return problem.text(lang, path: path)
        case .mergeInProgress:
            return lang.pick(fr: "des conflits de synchronisation sont à régler d'abord : « dossier status », puis « dossier resolve »",
                             en: "sync conflicts must be settled first: `dossier status`, then `dossier resolve`")
        case .git(let problem):
            return lang.pick(fr: "erreur git : \(problem)", en: "git error: \(problem)")
        case .proposal(let problem):
            return problem.text(lang)
        }
    }
}

/// Several file errors found while reading a dossier, each with its file and line.
public struct DossierErrors: Error {
    public let errors: [DossierError]
    public init(_ errors: [DossierError]) { self.errors = errors }
}
