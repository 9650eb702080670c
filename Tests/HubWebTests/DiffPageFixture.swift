import DossierCore
import Foundation
import Git
import Hub
import HubReview
@testable import HubWeb

/// One evidence of a badge snapshot: a file (its bytes) or a link.
struct SnapshotEvidence {
    var id: String
    var title: String
    var criterion: String
    var file: String?
    var bytes: [UInt8] = []
    var url: String?

    static func file(_ id: String, _ title: String, _ criterion: String, _ file: String, _ text: String) -> SnapshotEvidence {
        SnapshotEvidence(id: id, title: title, criterion: criterion, file: file, bytes: Array(text.utf8))
    }

    static func bytes(_ id: String, _ title: String, _ criterion: String, _ file: String, _ bytes: [UInt8]) -> SnapshotEvidence {
        SnapshotEvidence(id: id, title: title, criterion: criterion, file: file, bytes: bytes)
    }

    static func link(_ id: String, _ title: String, _ criterion: String, _ url: String) -> SnapshotEvidence {
        SnapshotEvidence(id: id, title: title, criterion: criterion, file: nil, url: url)
    }
}

extension WebFixture {
    /// A whole badge (claim and evidence files) committed in the CFA's mirror; returns the commit.
    func commitBadge(_ uai: String, badge: String, narrative: String, evidence: [SnapshotEvidence], date: Date) throws -> String {
        let path = hub.mirrorPath(uai)
        let repository = FileManager.default.fileExists(atPath: path + "/HEAD") ? try Repository.open(at: path)
            : try Repository.create(at: path, bare: true)
        let items = evidence.map { item -> Evidence in
            let location: Evidence.Location = item.url.map { .url($0, kind: .web) }
                ?? .file(path: item.file ?? item.id, sha256: Digest.sha256(item.bytes), size: item.bytes.count)
            return Evidence(id: item.id, title: item.title, criterion: item.criterion, location: location)
        }
        let claim = Claim(status: .ready, narrative: narrative, evidence: items)
        var changes: [String: ObjectID?] = [Claim.path(badge: badge): try repository.writeBlob(Array(try claim.yaml().utf8))]
        for item in evidence where item.url == nil {
            changes[Claim.evidenceFolder(badge: badge) + "/" + (item.file ?? item.id)] = try repository.writeBlob(item.bytes)
        }
        let empty = try repository.tree(try repository.index().writeTree())
        let tree = try repository.tree(empty, replacing: changes)
        return try repository.commit(tree: tree, parents: [], message: "save", author: Signature(name: "CFA", email: "cfa@example.fr", date: date),
                                     updating: nil).hex
    }

    /// A badge awarded on `before` (a year ago), then a renewal request of `after` stored as
    /// reconcile would (kind renewal, its base the awarded commit, the renewal rules met).
    @discardableResult
    func renewal(_ uai: String, badge: String, before: (narrative: String, evidence: [SnapshotEvidence]),
                 after: (narrative: String, evidence: [SnapshotEvidence]), awardedDaysAgo: Int = 365) throws -> Submission {
        let awardedAt = Self.now.addingTimeInterval(-Double(awardedDaysAgo) * 86400)
        let base = try commitBadge(uai, badge: badge, narrative: before.narrative, evidence: before.evidence, date: awardedAt)
        let head = try commitBadge(uai, badge: badge, narrative: after.narrative, evidence: after.evidence, date: Self.now.addingTimeInterval(-86400))
        let validity = hub.catalogue.badge(badge)?.validityYears ?? 3
        let from = Day(awardedAt)
        func records(_ evidence: [SnapshotEvidence]) -> [EvidenceRecord] {
            evidence.map {
                EvidenceRecord(submissionID: 0, evidenceID: $0.id, criterion: $0.criterion, title: $0.title, path: $0.url == nil ? ($0.file ?? $0.id) : nil,
                               sha256: $0.url == nil ? Digest.sha256($0.bytes) : nil, size: $0.url == nil ? $0.bytes.count : nil, url: $0.url,
                               kind: $0.url == nil ? nil : "web")
            }
        }
        return try hub.store.write { tx in
            var first = Submission(uai: uai, badge: badge, tag: "submissions/\(badge)/\(from)-1", tagTarget: base, commit: base, kind: .first,
                                   submittedAt: awardedAt, ingestedAt: awardedAt, ready: true, problems: [], message: "Première demande")
            first.state = .awarded
            first = try tx.insert(first, evidence: records(before.evidence))
            _ = try tx.insert(Award(uai: uai, badge: badge, submissionID: first.id ?? 0, commit: base, validFrom: from,
                                    validUntil: from.adding(years: validity), awardedBy: "region-1", awardedAt: awardedAt))
            var renewal = Submission(uai: uai, badge: badge, tag: "submissions/\(badge)/\(Self.today)-1", tagTarget: head, commit: head,
                                     kind: .renewal, submittedAt: Self.now.addingTimeInterval(-86400), ingestedAt: Self.now.addingTimeInterval(-86400),
                                     ready: true, problems: [], message: "Renouvellement")
            renewal.baseCommit = base
            renewal.renewalRulesMet = true
            return try tx.insert(renewal, evidence: records(after.evidence))
        }
    }
}
