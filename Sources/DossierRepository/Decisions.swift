import DossierCore
import Git

/// The Région's decisions as the CFA sees them offline: the files of `refs/dossier/decisions`,
/// fetched by sync (written by the hub only, never pushed by the CFA).
public struct Decisions: Sendable {
    /// Every decision, one per decided request, in badge then request order.
    public let all: [Decision]

    public init(_ all: [Decision]) {
        self.all = all.sorted { a, b in
            let (dayA, numberA) = Self.order(a.submission), (dayB, numberB) = Self.order(b.submission)
            return (a.badge, dayA, numberA) < (b.badge, dayB, numberB)
        }
    }

    /// Reads the decisions ref of a repository (none when the Région has decided nothing yet).
    public static func read(from repository: Repository) throws -> Decisions {
        guard let id = try repository.referenceTarget(Decision.reference) else { return Decisions([]) }
        let tree = try repository.commit(id).tree()
        var decisions: [Decision] = []
        for folder in tree.entries where folder.kind == .tree {
            for file in try repository.tree(folder.id).entries where file.kind == .blob && file.name.hasSuffix(".yaml") {
                decisions.append(try Decision.parse(try repository.blobData(file.id), file: "\(folder.name)/\(file.name)"))
            }
        }
        return Decisions(decisions)
    }

    /// The newest award of each badge (revoked ones excluded), by badge.
    public var awards: [String: Decision] {
        var newest: [String: Decision] = [:]
        for decision in all where decision.outcome == .awarded {
            guard let from = decision.validFrom else { continue }
            if let known = newest[decision.badge]?.validFrom, known > from { continue }
            newest[decision.badge] = decision
        }
        return newest
    }

    /// The decision on each badge's newest decided request.
    public var latest: [String: Decision] {
        Dictionary(all.map { ($0.badge, $0) }, uniquingKeysWith: { _, newer in newer })
    }

    /// Requests the Région sent back (changes requested) or rejected, when that is the badge's latest decision.
    public var sentBack: [Decision] {
        latest.values.filter { [.changesRequested, .rejected].contains($0.outcome) }.sorted { $0.badge < $1.badge }
    }

    /// Awards whose validity ends within `days` of `day` (or has ended), by end date.
    public func renewalsDue(on day: Day, within days: Int = 90) -> [Decision] {
        awards.values.filter { decision in
            guard let until = decision.validUntil else { return false }
            return day.days(until: until) <= days
        }.sorted { ($0.validUntil ?? day) < ($1.validUntil ?? day) }
    }

    /// Orders `submissions/<badge>/<YYYY-MM-DD>-<n>` by date then number.
    static func order(_ tag: String) -> (String, Int) {
        let leaf = tag.split(separator: "/").last.map(String.init) ?? tag
        guard let dash = leaf.lastIndex(of: "-"), let number = Int(leaf[leaf.index(after: dash)...]) else { return (leaf, 0) }
        return (String(leaf[..<dash]), number)
    }
}
