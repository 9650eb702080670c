import DossierCore
import DossierRepository
import Foundation
import Git
internal import Remote

/// `dossier clone`: a second laptop gets the dossier with its remote already set.
public enum Cloner {
    /// Clones `url` into `path` (created; must not exist or be empty). On failure nothing is left.
    public static func clone(url text: String, into path: String, catalogue: Catalogue, options: Syncer.Options) throws -> Workspace {
        let fileManager = FileManager.default
        let address = try RemoteAddress(text, relativeTo: fileManager.currentDirectoryPath)
        let existed = fileManager.fileExists(atPath: path)
        if existed, !((try? fileManager.contentsOfDirectory(atPath: path))?.isEmpty ?? false) {
            throw DossierError(.folderNotEmpty(path))
        }
        do {
            let repository = try Repository.create(at: path, initialBranch: "main")
            try repository.setRemote(named: Syncer.remoteName, url: address.url)
            guard let remote = try repository.remote(named: Syncer.remoteName) else { throw SyncError.noRemote }
            let workspace = try Workspace.adopt(repository: repository, catalogue: catalogue)
            let syncer = Syncer(workspace: workspace, options: options)
            try syncer.transfer(remote) { callbacks in
                try remote.fetch(refspecs: ["+\(DossierReferences.main):\(DossierReferences.tracking)",
                                            SubmissionTag.refspec(into: DossierReferences.remoteSubmissionsPrefix),
                                            "+\(DossierReferences.decisions):\(DossierReferences.decisions)", Syncer.catalogueRefspec,
                                            ProposalTag.refspec(into: DossierReferences.remoteProposalsPrefix)],
                                   callbacks: callbacks)
            }
            guard let tip = try repository.referenceTarget(DossierReferences.tracking) else {
                throw SyncError.notADossierRemote(url: address.url)
            }
            let commit = try repository.commit(tip)
            guard try GitTreeSource(repository: repository, tree: commit.tree()).read(DossierIdentity.fileName) != nil else {
                throw SyncError.notADossierRemote(url: address.url)
            }
            var report = Syncer.Report()
            try syncer.adoptSubmissionTags(into: &report)
            try syncer.adoptProposalTags(into: &report)
            syncer.checkIssuerKeys(into: &report)
            syncer.checkCatalogue(into: &report)
            try repository.checkout(tree: try commit.tree(), force: true)
            try repository.moveCurrentBranch(to: tip, message: "dossier: clone")
            return workspace
        } catch {
            if existed {
                for item in (try? fileManager.contentsOfDirectory(atPath: path)) ?? [] { try? fileManager.removeItem(atPath: path + "/" + item) }
            } else {
                try? fileManager.removeItem(atPath: path)
            }
            throw error
        }
    }
}
