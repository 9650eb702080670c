import DossierCore
import Git

/// Checks a CFA's tree before anything reads it: the repository is untrusted input. Iterative
/// (a tree nested 10,000 deep costs no stack), bounded in depth and entries, and reading object
/// headers only, so a huge blob is never inflated.
struct TreeSafety {
    /// Deepest folder nesting accepted (a dossier needs 5 or 6).
    static let maximumDepth = 32
    static let maximumEntries = 200_000
    /// Largest `dossier.yaml` or `claim.yaml` read.
    static let maximumYAMLSize = 1 << 20

    /// Why a tree is refused.
    enum Refusal: Error, Equatable, CustomStringConvertible {
        case unsafeName(String)
        case nonUTF8Name(String)
        case symlink(String)
        case submodule(String)
        case tooDeep(String)
        case tooManyEntries
        case oversizedYAML(String, Int)
        case notAFile(String)

        var description: String {
            switch self {
            case .unsafeName(let path): "unsafe name in the tree: \(path)"
            case .nonUTF8Name(let path): "name that is not UTF-8 in the tree: \(path)"
            case .symlink(let path): "symbolic link in the dossier: \(path)"
            case .submodule(let path): "submodule in the dossier: \(path)"
            case .tooDeep(let path): "folders nested deeper than \(TreeSafety.maximumDepth) levels: \(path)…"
            case .tooManyEntries: "more than \(TreeSafety.maximumEntries) entries in the tree"
            case .oversizedYAML(let path, let size): "\(path) is \(size) bytes (at most \(TreeSafety.maximumYAMLSize))"
            case .notAFile(let path): "\(path) is not a file"
            }
        }
    }

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

    /// A name git itself would write: not empty, no separator, no `.`/`..`, no `.git`, no control characters.
    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", name.lowercased() != ".git" else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }

    static func isDossierYAML(_ path: String) -> Bool {
        if path == DossierIdentity.fileName { return true }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "badges" && parts[2] == "claim.yaml"
    }
}
