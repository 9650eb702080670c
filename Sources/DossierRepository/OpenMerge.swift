import DossierCore
import Git

/// A merge waiting for its conflicts to be settled, as `.git/dossier/merge.json` keeps it between
/// commands (`MergeMarker` loads and saves it). The working files stay as the user saved them until
/// the merge completes.
public struct OpenMerge: Codable, Sendable {
    /// How a conflicted file was settled.
    public enum Settlement: String, Codable, Sendable {
        case ours, theirs
        /// The person's edits of the working file.
        case edited
    }

    /// The local save and the incoming one being merged, and their common ancestor.
    public var ours: ObjectID
    public var theirs: ObjectID
    public var base: ObjectID?
    /// The merged tree, with our values where the two sides conflict.
    public var tree: ObjectID
    public var conflicts: [MergeConflict]
    /// Conflicted files already settled, with how.
    public var settled: [String: Settlement] = [:]

    public init(ours: ObjectID, theirs: ObjectID, base: ObjectID?, tree: ObjectID, conflicts: [MergeConflict]) {
        self.ours = ours
        self.theirs = theirs
        self.base = base
        self.tree = tree
        self.conflicts = conflicts
    }

    /// The conflicts not settled yet.
    public var open: [MergeConflict] { conflicts.filter { settled[$0.file] == nil } }
}
