import DossierCore
import DossierRepository
import Foundation
import Git

/// Settles the conflicts a sync stopped on: per badge with our or their values, or by taking the
/// working files a person edited. When none is left, the merge is committed (two parents).
public struct ConflictResolver {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    var repository: Repository { workspace.repository }

    /// The conflicts of the merge in progress (all, and those still open), or nil when there is none.
    public func conflicts() throws -> (all: [MergeConflict], open: [MergeConflict])? {
        try MergeMarker.load(repository).map { ($0.conflicts, $0.open) }
    }

    /// Which side wins a badge's conflicts.
    public enum Side: String, Sendable { case ours, theirs }

    /// Settles the conflicts of `badge` (`dossier` for dossier.yaml). Returns true when the merge completed.
    @discardableResult
    public func resolve(badge: String, side: Side) throws -> Bool {
        try workspace.withLock { try resolveLocked(badge: badge, side: side) }
    }

    private func resolveLocked(badge: String, side: Side) throws -> Bool {
        guard var state = try MergeMarker.load(repository) else { return try alreadyCommitted() }
        let files = Set(state.conflicts.filter { ($0.badge ?? "dossier") == badge }.map(\.file))
        guard !files.isEmpty else { throw DossierError(.invalidValue(field: "BADGE", value: badge,
                                                                     expected: .tokens(Set(state.conflicts.map { $0.badge ?? "dossier" }).sorted().joined(separator: ", ")))) }
        if side == .theirs {
            let (ours, theirs, base) = try commits(state)
            let preferred = try DossierMerger(repository: repository, catalogue: workspace.catalogue)
                .merge(base: base, ours: ours, theirs: theirs, preferTheirs: true)
            let preferredTree = try repository.tree(preferred.tree)
            let folder = badge == "dossier" ? DossierIdentity.fileName : "badges/\(badge)/"
            var changes: [String: ObjectID?] = [:]
            let current = try repository.tree(state.tree)
            for change in try repository.changes(from: current, to: preferredTree) where change.path.hasPrefix(folder) {
                changes[change.path] = .some(change.newID)
            }
            state.tree = try repository.tree(current, replacing: changes)
        }
        for file in files { state.settled[file] = side == .ours ? .ours : .theirs }
        return try finish(state)
    }

    /// Takes the hand edits of the conflicted files as the resolution. The edits (working file
    /// against our save) are merged into the pending merge, so the received changes that did not
    /// conflict stay; where both touch the same field, the hand edit wins.
    @discardableResult
    public func done() throws -> Bool {
        try workspace.withLock { try doneLocked() }
    }

    private func doneLocked() throws -> Bool {
        guard var state = try MergeMarker.load(repository) else { return try alreadyCommitted() }
        let files = Set(state.open.map(\.file)).sorted()
        let reader = DossierReader(source: workspace.workingSource, catalogue: workspace.catalogue)
        for file in files {
            if file == DossierIdentity.fileName {
                _ = try reader.identity()
            } else if let badge = file.split(separator: "/").dropFirst().first {
                _ = try reader.claim(String(badge))
            }
        }
        let (ours, _, _) = try commits(state)
        let pending = try repository.tree(state.tree)
        let result = try DossierMerge(catalogue: workspace.catalogue, text: LibgitTextMerger(repository: repository)).merge(
            base: GitTreeSource(repository: repository, tree: ours.tree()), ours: workspace.workingSource,
            theirs: GitTreeSource(repository: repository, tree: pending), paths: files)
        var changes: [String: ObjectID?] = [:]
        for (path, bytes) in result.files { changes[path] = try repository.writeBlob(bytes) }
        for path in result.deleted { changes[path] = .some(nil) }
        for copy in result.evidenceFileCopies {
            let folder = Claim.evidenceFolder(badge: copy.badge) + "/"
            if let blob = try pending.entry(at: folder + copy.fromPath)?.id { changes[folder + copy.toPath] = blob }
        }
        for file in files { state.settled[file] = .edited }
        state.tree = try repository.tree(pending, replacing: changes)
        return try finish(state, absorbed: files)
    }

    /// No merge open: true when a `resolve` killed after committing the merge left its marker, just
    /// closed by this command's lock (the choices are in the merge: it is that command, finished).
    private func alreadyCommitted() throws -> Bool {
        guard workspace.closedCommittedMerge else { throw SyncError.noMergeInProgress }
        return true
    }

    private func commits(_ state: OpenMerge) throws -> (Commit, Commit, Commit?) {
        (try repository.commit(state.ours), try repository.commit(state.theirs), try state.base.map(repository.commit))
    }

    private func finish(_ state: OpenMerge, absorbed: [String] = []) throws -> Bool {
        guard state.open.isEmpty else {
            try MergeMarker.save(state, in: repository)
            return false
        }
        let (ours, theirs, _) = try commits(state)
        try Syncer(localStepsOf: workspace).commitMerge(tree: state.tree, ours: ours, theirs: theirs, absorbed: absorbed)
        return true
    }
}
