import DossierCore
import Foundation
import Git

/// The `.gitattributes` lines that make git (and git-lfs) store evidence files as media:
/// `<path> filter=lfs diff=lfs merge=lfs -text`, one per media file, as `git lfs track` writes them.
public enum MediaAttributes {
    public static let fileName = ".gitattributes"
    public static let suffix = " filter=lfs diff=lfs merge=lfs -text"

    /// A `.gitattributes` pattern matching exactly `path` (spaces and pattern characters escaped).
    public static func pattern(for path: String) -> String {
        var out = "/"
        for character in path {
            switch character {
            case " ": out += "[[:space:]]"
            case "*", "?", "[", "]", "\\", "!", "#": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// Whether git stores `path` through the lfs filter.
    public static func isMedia(_ path: String, in repository: Repository) throws -> Bool {
        try repository.attribute("filter", path: path) == "lfs"
    }

    /// Adds lines for the paths not yet stored as media. Returns true when `.gitattributes` changed.
    @discardableResult
    public static func track(_ paths: [String], root: String, repository: Repository) throws -> Bool {
        let missing = try paths.filter { try !isMedia($0, in: repository) }
        guard !missing.isEmpty else { return false }
        let file = root + "/" + fileName
        var text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        for path in missing { text += pattern(for: path) + suffix + "\n" }
        try AtomicFile.write(text, to: file)
        return true
    }
}
