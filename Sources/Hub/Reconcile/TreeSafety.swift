import DossierCore
internal import Git
import HubReview

/// Checks a CFA's tree before anything reads it: the repository is untrusted input. Iterative
/// (a tree nested 10,000 deep costs no stack), bounded in depth and entries, and reading object
/// headers only, so a huge blob is never inflated.
public struct TreeSafety {
    /// Deepest folder nesting accepted (a dossier needs 5 or 6).
    static let maximumDepth = IngestLimits.maximumDepth
    static let maximumEntries = IngestLimits.maximumEntries
    /// Largest `dossier.yaml` or `claim.yaml` read.
    static let maximumYAMLSize = IngestLimits.maximumYAMLSize

    /// Why a tree is refused (a stored reason: it lives with the review room's codes).
    public typealias Refusal = TreeRefusal

    let repository: Repository
    /// Trees already found safe (their whole content), shared across the submissions of a run.
    private(set) var safe: Set<ObjectID> = []

    init(repository: Repository) { self.repository = repository }

    /// Throws a `Refusal` for the first problem found below `root`.
    mutating func check(_ root: ObjectID) throws {
        if safe.contains(root) { return }
        var pending: [(id: ObjectID, path: String, depth: Int)] = [(root, "", 0)]
        var visited: [ObjectID] = []
        var entries = 0
        while let (id, path, depth) = pending.popLast() {
            if safe.contains(id) { continue }
            guard depth <= Self.maximumDepth else { throw Refusal.tooDeep(String(path.prefix(80))) }
            visited.append(id)
            for entry in try repository.tree(id).entries {
                entries += 1
                guard entries <= Self.maximumEntries else { throw Refusal.tooManyEntries }
                let name = entry.name
                let full = path.isEmpty ? name : path + "/" + name
                guard !name.contains("\u{FFFD}") else { throw Refusal.nonUTF8Name(full) }
                guard Self.isSafe(name) else { throw Refusal.unsafeName(full) }
                switch entry.kind {
                case .symlink: throw Refusal.symlink(full)
                case .submodule: throw Refusal.submodule(full)
                case .tree: pending.append((entry.id, full, depth + 1))
                case .blob, .executable:
                    if Self.isDossierYAML(full) {
                        let size = try repository.objectHeader(entry.id).size
                        guard size <= Self.maximumYAMLSize else { throw Refusal.oversizedYAML(full, size) }
                    }
                }
            }
            if Self.isDossierYAML(path) { throw Refusal.notAFile(path) }
        }
        safe.formUnion(visited)
    }

    /// A name git itself would write: not empty, no separator, no `.`/`..`, no `.git` (nor what
    /// Windows reads as `.git`: trailing dots or spaces, the short name `git~1`), no control characters.
    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != ".." else { return false }
        var windows = Substring(name.lowercased())
        while let last = windows.last, last == "." || last == " " { windows = windows.dropLast() }
        guard windows != ".git", windows != "git~1" else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }

    static func isDossierYAML(_ path: String) -> Bool {
        if path == DossierIdentity.fileName { return true }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "badges" && parts[2] == "claim.yaml"
    }
}

extension TreeSafety {
    /// Largest file fetched from a CFA repository on disk.
    static let maximumLocalBlob = IngestLimits.maximumLocalBlob

    /// libgit2 fetches from a repository on disk by packing everything the remote's references
    /// reach that the mirror lacks, reading each object whole (a 200 MB blob costs 400 MB of
    /// memory, a tree nested 10,000 deep as many recursive calls). So before such a fetch the
    /// same objects are walked — blobs by their header only — and the fetch is refused when a
    /// file is too large or folders too deep.
    static func checkLocalFetch(from source: Repository, into mirror: Repository, references: [RemoteReference]) throws {
        var visited = Set<ObjectID>()
        var pending: [(id: ObjectID, path: String, depth: Int)] = references.map { ($0.id, $0.name, 0) }
        while let (id, path, depth) = pending.popLast() {
            guard visited.insert(id).inserted, !mirror.contains(id) else { continue }
            let header = try source.objectHeader(id)
            switch header.kind {
            case .blob:
                guard header.size <= maximumLocalBlob else { throw Refusal.oversizedBlob(path, header.size) }
            case .tree:
                guard depth <= maximumDepth else { throw Refusal.tooDeep(String(path.prefix(80))) }
                for entry in try source.tree(id).entries where entry.kind != .submodule {
                    pending.append((entry.id, path.isEmpty ? entry.name : path + "/" + entry.name, depth + 1))
                }
            case .commit:
                let commit = try source.commit(id)
                pending.append((commit.treeID, "", 0))
                pending += commit.parentIDs.map { ($0, "", 0) }
            case .tag:
                if let tag = try source.annotatedTag(id) { pending.append((tag.target, path, depth)) }
            case .other:
                break
            }
        }
    }
}
