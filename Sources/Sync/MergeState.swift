import DossierCore
import DossierRepository
import Foundation

/// A merge waiting for its conflicts to be settled, kept in `.git/dossier/merge.json` so that it
/// survives the process. The working files stay as the user saved them until the merge completes.
struct MergeState: Codable {
    /// The local save and the incoming one being merged, and their common ancestor.
    var ours: String
    var theirs: String
    var base: String?
    /// The merged tree, with our values where the two sides conflict.
    var tree: String
    var conflicts: [MergeConflict]
    /// Conflicted files already settled, with how (`ours`, `theirs`, `edited`).
    var settled: [String: String] = [:]

    var open: [MergeConflict] { conflicts.filter { settled[$0.file] == nil } }

    static func path(gitDirectory: String) -> String { MergeMarker.path(gitDirectory: gitDirectory) }

    static func load(gitDirectory: String) throws -> MergeState? {
        guard let data = FileManager.default.contents(atPath: path(gitDirectory: gitDirectory)) else { return nil }
        return try JSONDecoder().decode(MergeState.self, from: data)
    }

    func save(gitDirectory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: MergeState.path(gitDirectory: gitDirectory))
    }

    static func remove(gitDirectory: String) {
        try? FileManager.default.removeItem(atPath: path(gitDirectory: gitDirectory))
    }
}
