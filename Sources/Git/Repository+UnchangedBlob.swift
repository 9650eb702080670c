internal import Clibgit2
internal import Glibc

extension Repository {
    /// The blob id the index holds for `path` (relative to the working folder, `/`-separated) when
    /// the working file has not changed since: the test `git status` makes before it would read a
    /// file (`StatusPreload.unchanged`: every stat field libgit2 compares equal, the file older than
    /// the index). Nil when it changed, may have, or anything is in doubt — then read the file.
    public func indexBlobIfUnchanged(_ path: String) -> String? {
        guard let workdir = workingDirectory,
              let index = try? Managed.create("cannot open the index", free: git_index_free, { git_repository_index($0, pointer) }),
              git_index_read(index.pointer, 0) == 0,
              let raw = git_index_get_bypath(index.pointer, path, 0), let name = raw.pointee.path,
              let entry = StatusPreload.Entry(raw.pointee, name: name),
              let indexPath = git_index_path(index.pointer) else { return nil }
        var indexStat = stat(), info = stat()
        guard stat(indexPath, &indexStat) == 0, lstat(workdir + path, &info) == 0,
              StatusPreload.unchanged(entry, info, racyFrom: Int32(truncatingIfNeeded: indexStat.st_mtim.tv_sec)) else { return nil }
        return ObjectID(raw.pointee.id).hex
    }
}
