import DossierCore
import Git

extension Workspace {
    /// Where the stat cache of evidence digests is kept.
    public var statCacheFile: String { repository.gitDirectory + "dossier/digests" }

    /// The working folder with the stat cache in front of its digests (see `CachedWorkingSource`):
    /// what `check` reads, so that it hashes only the files that changed since it last ran.
    /// Its claims that have not changed since they were saved are read from the claim store
    /// (`.git/dossier/claims`), as the history's are.
    public func cachedWorkingSource() -> CachedWorkingSource {
        let source = CachedWorkingSource(files: workingSource, cacheFile: statCacheFile)
        let repository = repository
        source.unchangedBlob = { repository.indexBlobIfUnchanged($0) }
        source.claimStore = repository.gitDirectory + "dossier/claims"
        return source
    }
}
