internal import Clibgit2
import Dispatch
internal import Glibc

/// What `git status` does before libgit2 would: the index's entries compared with the working
/// folder's files on every core (git's `core.preloadIndex`), each folder read once and each file
/// looked up relative to its folder (`fstatat`: one path component for the kernel to resolve, not
/// the whole absolute path). The outcome is the list of paths libgit2's status must look at — files
/// whose stat data differ from the index or are racily clean, files and folders the index does not
/// know, entries whose file is gone — and libgit2 then computes the status of those paths only.
///
/// It is conservative by construction: a path is left out only when every field libgit2 compares
/// (mode, size, mtime and ctime to the nanosecond, inode, owner) is equal and the file is older than
/// the index, which is exactly when libgit2 reports it unchanged without reading it. Anything it
/// cannot decide (conflicts, an index that differs from HEAD, a folder that cannot be read, a
/// special entry) makes it step aside for libgit2's full status (`nil`).
struct StatusPreload {
    /// One index entry of a folder: its name (inside the index's own path string) and stat data.
    struct Entry: @unchecked Sendable {
        let name: UnsafePointer<CChar>
        let path: UnsafePointer<CChar>
        let mode: UInt32
        let size: UInt32
        let mtime: git_index_time
        let ctime: git_index_time
        let ino: UInt32
        let uid: UInt32
        let gid: UInt32

        /// An index entry whose status its stat data can tell (a regular file, no flag that says
        /// more), or nil.
        init?(_ entry: git_index_entry, name: UnsafePointer<CChar>) {
            let flagged = entry.flags & 0x8000 != 0 || entry.flags_extended & 0x6000 != 0
            guard let path = entry.path, entry.mode == 0o100644 || entry.mode == 0o100755, !flagged else { return nil }
            (self.name, self.path, mode, size) = (name, path, entry.mode, entry.file_size)
            (mtime, ctime, ino, uid, gid) = (entry.mtime, entry.ctime, entry.ino, entry.uid, entry.gid)
        }
    }

    /// A folder of the working tree that holds index entries (directly or deeper).
    private final class Folder: @unchecked Sendable {   // not changed once the workers start
        let path: String
        var files: [Entry] = []
        var subfolders: Set<String> = []
        init(path: String) { self.path = path }
    }

    /// One result slot per folder, each written by the one worker that examines it.
    private struct Slots: @unchecked Sendable {
        let base: UnsafeMutablePointer<[String]?>
        let count: Int
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
        }
        func free() {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    /// When more than this share of a large index's entries needs libgit2's attention, its full status is as quick.
    static let fullStatusShare = 4

    /// The paths libgit2's status must examine, or nil when only its full status can tell.
    static func candidates(repository: Repository, index: OpaquePointer, root: String) -> [String]? {
        guard git_index_read(index, 0) == 0, git_index_has_conflicts(index) == 0 else { return nil }
        // What is staged must be what HEAD holds: the index's cached tree answers without walking it
        // (a folder whose cache was invalidated is rebuilt; its tree objects exist already unless the
        // index really differs from HEAD, and then the full status follows).
        guard let head = try? repository.headCommit() else { return nil }
        var staged = git_oid()
        guard git_index_write_tree(&staged, index) == 0, ObjectID(staged) == head.treeID else { return nil }
        var indexStat = stat()
        guard let indexPath = git_index_path(index), stat(indexPath, &indexStat) == 0 else { return nil }
        let racyFrom = Int32(truncatingIfNeeded: indexStat.st_mtim.tv_sec)

        // The index's entries by folder (index order is path order: a folder's files are sorted by name).
        var folders: [Folder] = [Folder(path: "")]
        var folderIndex: [String: Int] = ["": 0]
        var current = folders[0]
        var currentPrefix: UnsafePointer<CChar>?
        var currentPrefixLength = 0
        var special = 0
        let count = git_index_entrycount(index)
        for position in 0..<count {
            guard let raw = git_index_get_byindex(index, position) else { return nil }
            let entry = raw.pointee
            guard let path = entry.path else { return nil }
            let length = strlen(path)
            // Paths go back to libgit2 as Swift strings: one that is not UTF-8 would not come back
            // byte for byte, and only libgit2's full status reports it as it is.
            guard isUTF8(path, length: length) else { return nil }
            var slash = length
            while slash > 0 && path[slash - 1] != 0x2F { slash -= 1 }
            let prefixLength = slash == 0 ? 0 : slash - 1
            if prefixLength != currentPrefixLength || (prefixLength > 0 && memcmp(path, currentPrefix!, prefixLength) != 0) {
                let folderPath = String(decoding: UnsafeRawBufferPointer(start: path, count: prefixLength), as: UTF8.self)
                current = folder(folderPath, in: &folders, index: &folderIndex)
                currentPrefix = path
                currentPrefixLength = prefixLength
            }
            // Entries whose status is more than stat data (assume-valid, intent-to-add, skip-worktree,
            // links, submodules) are left to libgit2.
            guard let file = Entry(entry, name: path + slash) else {
                special += 1
                continue
            }
            current.files.append(file)
        }
        if special > 0 { return nil }

        // Each folder on its own worker: read it, compare its files, list what the index does not know.
        let rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return nil }
        defer { close(rootDescriptor) }
        let slots = Slots(count: folders.count)
        defer { slots.free() }
        let shared = folders
        DispatchQueue.concurrentPerform(iterations: shared.count) { position in
            slots.base[position] = examine(shared[position], root: rootDescriptor, racyFrom: racyFrom)
        }
        var paths: [String] = []
        for position in 0..<slots.count {
            guard let found = slots.base[position] else { return nil }
            paths += found
        }
        if count >= 256 && paths.count * fullStatusShare > count { return nil }
        return paths
    }

    /// The folder at `path`, created with its ancestors (each registered as its parent's subfolder).
    private static func folder(_ path: String, in folders: inout [Folder], index: inout [String: Int]) -> Folder {
        if let existing = index[path] { return folders[existing] }
        let slash = path.lastIndex(of: "/")
        let parentPath = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let parent = folder(parentPath, in: &folders, index: &index)
        parent.subfolders.insert(name)
        let created = Folder(path: path)
        index[path] = folders.count
        folders.append(created)
        return created
    }

    /// The paths of one folder that libgit2 must examine, or nil when the folder cannot be read as expected.
    private static func examine(_ folder: Folder, root: Int32, racyFrom: Int32) -> [String]? {
        let descriptor = folder.path.isEmpty ? dup(root) : openat(root, folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            // The folder is gone (or is no longer a folder): each file it held is (its parent lists
            // what replaced it, its own subfolders say the same of theirs).
            guard errno == ENOENT || errno == ENOTDIR || errno == ELOOP else { return nil }
            return folder.files.map { String(cString: $0.path) }
        }
        guard let stream = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(stream) }
        var names: [UnsafeMutablePointer<CChar>] = []
        var folderNames: Set<Int> = []   // positions in `names` of entries that are folders
        defer { names.forEach { free($0) } }
        while let item = readdir(stream) {
            let isFolder = item.pointee.d_type == UInt8(DT_DIR)
            let name = (UnsafeRawPointer(item) + nameOffset).assumingMemoryBound(to: CChar.self)
            if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { continue }
            if folder.path.isEmpty && strcmp(name, ".git") == 0 { continue }
            guard let copied = strdup(name) else { return nil }
            if isFolder { folderNames.insert(names.count) }
            names.append(copied)
        }
        let order = names.indices.sorted { strcmp(names[$0], names[$1]) < 0 }

        var paths: [String] = []
        let prefix = folder.path.isEmpty ? "" : folder.path + "/"
        var file = 0
        var info = stat()
        for position in order {
            let name = names[position]
            while file < folder.files.count && strcmp(folder.files[file].name, name) < 0 {
                paths.append(String(cString: folder.files[file].path))   // in the index, not on disk
                file += 1
            }
            if file < folder.files.count && strcmp(folder.files[file].name, name) == 0 {
                let entry = folder.files[file]
                file += 1
                if fstatat(dirfd(stream), name, &info, AT_SYMLINK_NOFOLLOW) != 0 || !unchanged(entry, info, racyFrom: racyFrom) {
                    paths.append(String(cString: entry.path))
                }
                continue
            }
            guard let text = String(validatingCString: name) else { return nil }   // not UTF-8: see `candidates`
            if folder.subfolders.contains(text) {
                // A folder the index knows, examined on its own; unless it is no longer a folder.
                if !folderNames.contains(position) {
                    guard fstatat(dirfd(stream), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                    if info.st_mode & S_IFMT != S_IFDIR { paths.append(prefix + text) }
                }
                continue
            }
            paths.append(prefix + text)   // unknown to the index: new, or ignored (libgit2 tells)
        }
        while file < folder.files.count {
            paths.append(String(cString: folder.files[file].path))
            file += 1
        }
        return paths
    }

    /// Whether the C string's bytes are UTF-8 (ASCII answered without building a String).
    private static func isUTF8(_ path: UnsafePointer<CChar>, length: Int) -> Bool {
        for offset in 0..<length where path[offset] < 0 {
            return String(validatingCString: path) != nil
        }
        return true
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// Whether libgit2 would find the file unchanged from its stat data alone (see `maybe_modified`
    /// in libgit2's diff_generated.c: mode, size, times, inode, owner, and the racy-git rule).
    static func unchanged(_ entry: Entry, _ info: stat, racyFrom: Int32) -> Bool {
        guard info.st_mode & S_IFMT == S_IFREG else { return false }
        let mode: UInt32 = info.st_mode & 0o100 != 0 ? 0o100755 : 0o100644
        return mode == entry.mode
            && UInt32(truncatingIfNeeded: info.st_size) == entry.size
            && Int32(truncatingIfNeeded: info.st_mtim.tv_sec) == entry.mtime.seconds
            && UInt32(truncatingIfNeeded: info.st_mtim.tv_nsec) == entry.mtime.nanoseconds
            && Int32(truncatingIfNeeded: info.st_ctim.tv_sec) == entry.ctime.seconds
            && UInt32(truncatingIfNeeded: info.st_ctim.tv_nsec) == entry.ctime.nanoseconds
            && UInt32(truncatingIfNeeded: info.st_ino) == entry.ino
            && info.st_uid == entry.uid
            && info.st_gid == entry.gid
            && entry.mtime.seconds < racyFrom
    }
}
