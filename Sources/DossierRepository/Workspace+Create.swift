import DossierCore
import Foundation
import Git

extension Workspace {
    /// Files every new dossier ignores: office lock files and system litter.
    static let ignoreFile = """
        # Fichiers temporaires ignorés par dossier / temporary files ignored by dossier
        .DS_Store
        Thumbs.db
        desktop.ini
        ~$*
        .~lock.*#
        *.tmp
        *.swp

        """

    /// Creates a dossier at `path`: the repository (branch `main`), `dossier.yaml`, a draft claim
    /// per badge (or the files of a sample dossier) and a first save. Validates everything before
    /// writing; on failure, removes what it created.
    public static func create(at path: String, identity: DossierIdentity, sample: String?, catalogue: Catalogue,
                              message: String, author: Signature?) throws -> (Workspace, SaveResult) {
        try identity.validate()
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        var isFolder: ObjCBool = false
        let existed = fileManager.fileExists(atPath: root, isDirectory: &isFolder)
        if existed {
            guard isFolder.boolValue else { throw DossierError(.folderNotEmpty(path)) }
            if fileManager.fileExists(atPath: root + "/.git") { throw DossierError(.alreadyADossier(path)) }
            guard try fileManager.contentsOfDirectory(atPath: root).isEmpty else { throw DossierError(.folderNotEmpty(path)) }
        }
        var identity = identity
        identity.catalogueVersion = catalogue.version
        var sampleDossier: Dossier?
        if let sample {
            guard fileManager.fileExists(atPath: sample + "/" + DossierIdentity.fileName) else {
                throw DossierError(.fileNotFound(sample + "/" + DossierIdentity.fileName))
            }
            let loaded: Dossier
            do {
                loaded = try DossierReader(source: FileSystemSource(root: sample), catalogue: catalogue).loadValid()
            } catch let errors as DossierErrors {
                throw DossierErrors(errors.errors.map { error in
                    var located = error
                    located.file = sample + "/" + (error.file ?? DossierIdentity.fileName)
                    return located
                })
            }
            identity.siret = identity.siret ?? loaded.identity.siret
            identity.contact = identity.contact ?? loaded.identity.contact
            identity.referentNumerique = identity.referentNumerique ?? loaded.identity.referentNumerique
            sampleDossier = loaded
        }
        do {
            try fileManager.createDirectory(atPath: root, withIntermediateDirectories: true)
            if let sample, sampleDossier != nil {
                for item in try fileManager.contentsOfDirectory(atPath: sample) where item != ".git" {
                    try fileManager.copyItem(atPath: sample + "/" + item, toPath: root + "/" + item)
                }
            } else {
                for badge in catalogue.badges {
                    try AtomicFile.write(try Claim().yaml(), to: root + "/" + Claim.path(badge: badge.id))
                }
            }
            try AtomicFile.write(try identity.yaml(), to: root + "/" + DossierIdentity.fileName)
            if !fileManager.fileExists(atPath: root + "/.gitignore") {
                try AtomicFile.write(ignoreFile, to: root + "/.gitignore")
            }
            let repository: Repository
            do {
                repository = try Repository.create(at: root, initialBranch: "main")
            } catch let error as GitError {
                throw DossierError(.git(error.message))
            }
            let workspace = Workspace(repository: repository, root: root, catalogue: catalogue)
            let signature = try author ?? workspace.author(nil)
            // The first save takes the files as they are: a sample's recorded hashes are not rewritten.
            guard let result = try workspace.save(message: message, author: signature, recordHashes: false) else {
                throw DossierError(.git("nothing to commit"))
            }
            return (workspace, result)
        } catch {
            if existed {
                for item in (try? fileManager.contentsOfDirectory(atPath: root)) ?? [] {
                    try? fileManager.removeItem(atPath: root + "/" + item)
                }
            } else {
                try? fileManager.removeItem(atPath: root)
            }
            throw error
        }
    }
}
