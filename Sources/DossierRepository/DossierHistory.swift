import DossierCore
import Foundation
import Git

/// The saved history of a dossier: commits, their semantic diffs, awarded snapshots. Works on a
/// bare repository too (the hub's mirrors), since it reads git objects only.
public struct DossierHistory {
    public let repository: Repository
    public let catalogue: Catalogue

    public init(repository: Repository, catalogue: Catalogue) {
        self.repository = repository
        self.catalogue = catalogue
    }

    /// The commit a revision names, or a one-line error.
    public func commit(_ revision: String) throws -> Commit {
        do {
            return try repository.resolveCommit(revision)
        } catch let error as GitError where [.notFound, .invalidSpec, .ambiguous, .peel].contains(error.code) {
            throw DossierError(.unknownRevision(revision))
        }
    }

    /// The dossier as saved in a commit.
    public func source(at commit: Commit) throws -> GitTreeSource {
        GitTreeSource(repository: repository, tree: try commit.tree())
    }

    /// The semantic diff between two commits. Only badge folders whose tree ids differ are read.
    public func diff(from old: Commit?, to new: Commit) throws -> DossierDiff {
        let newSource = try source(at: new)
        let oldSource = try old.map(source(at:))
        let files = try repository.changes(from: oldSource?.tree, to: newSource.tree).map(PathChange.init)
        return try SemanticDiffer(catalogue: catalogue).diff(old: oldSource, new: newSource, files: files)
    }

    /// Saves, newest first.
    public func log(from start: Commit, limit: Int? = nil) throws -> [LogEntry] {
        try repository.history(from: start.id, limit: limit).map { commit in
            let parent = try commit.parents().first
            return LogEntry(commit: commit, badges: try badgesTouched(commit.tree(), parent?.tree()))
        }
    }

    /// Badge folders whose tree ids differ between two trees: one listing each, no deeper reads.
    func badgesTouched(_ tree: Tree, _ parent: Tree?) throws -> [String] {
        func ids(_ tree: Tree?) throws -> [String: ObjectID] {
            guard let badges = try tree?.subtree(at: "badges") else { return [:] }
            return Dictionary(badges.entries.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        }
        let now = try ids(tree), before = try ids(parent)
        let changed = Set(now.keys).union(before.keys).filter { now[$0] != before[$0] }
        let order = catalogue.badges.map(\.id)
        return changed.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
    }

    /// The claims of the awarded snapshots, per badge: all taken from `revision` when given;
    /// otherwise each badge's newest award in the Région's decisions (`refs/dossier/decisions`),
    /// or else its newest `refs/tags/awards/<badge>/…` tag.
    public func awardedClaims(revision: String?) throws -> [String: Claim] {
        var claims: [String: Claim] = [:]
        if let revision {
            let reader = DossierReader(source: try source(at: commit(revision)), catalogue: catalogue)
            for badge in catalogue.badges.map(\.id) { claims[badge] = try reader.claim(badge) }
            return claims
        }
        let awards = try Decisions.read(from: repository).awards
        for badge in catalogue.badges.map(\.id) {
            let snapshot: String
            if let award = awards[badge] {
                snapshot = award.commit
            } else if let newest = try repository.referenceNames(matching: "\(DossierReferences.awardTagsPrefix)\(badge)/*").last {
                snapshot = newest
            } else {
                continue
            }
            // A snapshot this clone lacks leaves the badge without one (the renewal rule says so).
            guard let awardedCommit = try? commit(snapshot) else { continue }
            let reader = DossierReader(source: try source(at: awardedCommit), catalogue: catalogue)
            claims[badge] = try reader.claim(badge, validatingFiles: false)
        }
        return claims
    }
}

/// One save in the history.
public struct LogEntry: Sendable, Encodable {
    public let commit: String
    public let shortCommit: String
    public let parents: [String]
    public let author: String
    public let email: String
    public let date: Date
    public let message: String
    /// Badges whose folder changed in this save.
    public let badges: [String]

    init(commit: Commit, badges: [String]) {
        self.commit = commit.id.hex
        shortCommit = commit.id.short
        parents = commit.parentIDs.map(\.hex)
        author = commit.author.name
        email = commit.author.email
        date = commit.author.date
        message = commit.message.trimmingCharacters(in: .whitespacesAndNewlines)
        self.badges = badges
    }
}

extension PathChange {
    init(_ change: FileChange) {
        let kind: PathChange.Change
        switch change.change {
        case .added: kind = .added
        case .deleted: kind = .deleted
        case .modified, .typeChanged: kind = .modified
        }
        self.init(path: change.path, change: kind)
    }
}
