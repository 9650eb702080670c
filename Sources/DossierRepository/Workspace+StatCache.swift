import DossierCore

extension Workspace {
    /// Where the stat cache of evidence digests is kept.
    public var statCacheFile: String { repository.gitDirectory + "dossier/digests" }

    /// The working folder with the stat cache in front of its digests (see `CachedWorkingSource`):
    /// what `check` reads, so that it hashes only the files that changed since it last ran.
    public func cachedWorkingSource() -> CachedWorkingSource {
        CachedWorkingSource(files: workingSource, cacheFile: statCacheFile)
    }
}
