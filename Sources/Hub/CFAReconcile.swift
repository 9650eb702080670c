import Crypto
import DossierCore
import Foundation
import Git
import Sync

/// The reconcile of one CFA, on one worker thread: list the remote's references, and only when
/// they changed fetch into the bare mirror and ingest new submissions (all of them or none);
/// then deliver the CFA's decisions when the remote lacks them.
struct CFAReconcile {
    let hub: Hub
    let cfa: CFARecord
    let transfer: Syncer.Options
    let digests: DigestCache
    let now: Date
    /// True once the watchdog gave up on this CFA: nothing more is written for it.
    let abandoned: () -> Bool

    static let fetchRefspecs = ["+refs/heads/main:refs/heads/main", "+refs/tags/submissions/*:refs/tags/submissions/*"]
    /// Where ingested submissions stay reachable in the mirror, even if the CFA moves or deletes the tag.
    static let pinPrefix = "refs/hub/ingested/"

    func run() -> CFAOutcome {
        var outcome = CFAOutcome(uai: cfa.uai, status: .unchanged)
        do {
            let mirror = try openMirror()
            let remote = try mirror.anonymousRemote(url: cfa.url)
            let watch = FetchSizeWatch(limit: BoundedTreeSource.maximumEvidenceSize)
            var options = transfer
            options.progress = { [forward = transfer.progress] progress in
                forward?(progress)
                if watch.exceeded(by: progress) { remote.stop() }
            }
            let exchange = RemoteTransfer(options: options, relativeTo: hub.root)
            var advertised: [RemoteReference] = []
            try exchange.run(remote) { callbacks in advertised = try remote.listReferences(callbacks: callbacks) }
            let relevant = advertised.filter { $0.name == "refs/heads/main" || $0.name.hasPrefix(SubmissionIngester.tagPrefix) }
                .sorted { $0.name < $1.name }
            let digest = Self.digest(relevant)
            if digest != cfa.refsDigest || cfa.lastError != nil {
                if !relevant.isEmpty { try fetch(into: mirror, from: remote, exchange: exchange, advertised: advertised, watch: watch) }
                outcome.status = .updated
                let reasons = try ingest(mirror: mirror, relevant: relevant, digest: digest, outcome: &outcome)
                if !reasons.isEmpty {
                    outcome.status = .failed
                    outcome.reasons = reasons
                }
            }
            if abandoned() { return outcome }
            if try deliverDecisions(mirror: mirror, remote: remote, exchange: exchange, advertised: advertised) {
                outcome.decisionsDelivered = true
                if outcome.status == .unchanged { outcome.status = .updated }
            }
        } catch {
            outcome.status = .failed
            outcome.reasons.append(Self.describe(error))
        }
        if abandoned() { return outcome }
        // Success or failure is recorded once the whole CFA is done (ingest and decisions), so
        // that a CFA failing the same way run after run leaves one audit row, not two per run.
        do {
            if outcome.status == .failed {
                try Self.recordFailure(hub: hub, uai: cfa.uai, reasons: outcome.reasons, now: now)
            } else if cfa.lastError != nil {
                try recordRecovery()
            }
        } catch {
            outcome.status = .failed
            outcome.reasons.append("review store: \(error)")
        }
        return outcome
    }

    /// Fetches main and the submission tags into the mirror, with nothing unbounded on the way:
    /// a repository on disk is checked before libgit2 packs it, a network transfer stopped as
    /// soon as one object is larger than the hub reads.
    private func fetch(into mirror: Repository, from remote: Remote, exchange: RemoteTransfer,
                       advertised: [RemoteReference], watch: FetchSizeWatch) throws {
        if let folder = try Self.localFolder(cfa.url, relativeTo: hub.root) {
            try TreeSafety.checkLocalFetch(from: Repository.open(at: folder), into: mirror, references: advertised)
        }
        do {
            try exchange.run(remote) { callbacks in try remote.fetch(refspecs: Self.fetchRefspecs, callbacks: callbacks) }
        } catch where watch.stopped {
            throw TreeSafety.Refusal.oversizedObject(watch.limit)
        }
    }

    private func openMirror() throws -> Repository {
        let path = hub.mirrorPath(cfa.uai)
        if FileManager.default.fileExists(atPath: path) { return try Repository.open(at: path) }
        return try Repository.create(at: path, initialBranch: "main", bare: true)
    }

    /// Ingests every new submission tag, or none when anything is wrong; returns the reasons.
    private func ingest(mirror: Repository, relevant: [RemoteReference], digest: String, outcome: inout CFAOutcome) throws -> [String] {
        let stored = try hub.store.read { tx in try tx.submissions(uai: cfa.uai, badge: nil) }
        let byTag = Dictionary(stored.map { ($0.tag, $0) }, uniquingKeysWith: { a, _ in a })
        var reasons: [String] = []
        var candidates: [RemoteReference] = []
        let advertisedTags = Set(relevant.map { String($0.name.dropFirst("refs/tags/".count)) })
        for reference in relevant where reference.name.hasPrefix(SubmissionIngester.tagPrefix) {
            let tag = String(reference.name.dropFirst("refs/tags/".count))
            if let known = byTag[tag] {
                if known.tagTarget != reference.id.hex {
                    reasons.append("\(tag): moved upstream (history rewritten); the request ingested on \(Day(known.ingestedAt)) is kept")
                }
            } else {
                candidates.append(reference)
            }
        }
        for known in stored where !advertisedTags.contains(known.tag) {
            reasons.append("\(known.tag): deleted upstream (history rewritten); the request ingested on \(Day(known.ingestedAt)) is kept")
        }
        // Awards decide first award or renewal; the newest one not revoked is the renewal's base.
        let awards = try hub.store.read { tx in try tx.awards(uai: cfa.uai) }
        var ingester = SubmissionIngester(repository: mirror, catalogue: hub.catalogue, uai: cfa.uai, digests: digests)
        var ingested: [(Submission, [EvidenceRecord])] = []
        // Oldest first, so that each newer request of a badge supersedes the older ones.
        candidates.sort { SubmissionIngester.order(ofTag: $0.name) < SubmissionIngester.order(ofTag: $1.name) }
        for reference in candidates {
            let badge = SubmissionIngester.badge(ofTag: reference.name) ?? ""
            let base = awards.last { $0.badge == badge && $0.revokedAt == nil }.map { SubmissionIngester.Base(commit: $0.commit) }
            do {
                ingested.append(try ingester.ingest(reference: reference.name, target: reference.id, base: base, now: now))
            } catch let failure as SubmissionIngester.Failure {
                reasons.append(failure.description)
            }
        }
        guard reasons.isEmpty, !abandoned() else { return reasons }
        for (submission, _) in ingested {
            guard let commit = ObjectID(hex: submission.commit) else { continue }
            try mirror.setReference(Self.pinPrefix + submission.tag, to: commit, message: "hub: ingested")
        }
        try hub.store.write { tx in
            for (submission, evidence) in ingested {
                for var older in try tx.submissions(uai: cfa.uai, badge: submission.badge) where older.state.isOpen {
                    try hub.setState(tx, &older, .superseded, actor: "hub", now: now, reason: "superseded by \(submission.tag)")
                }
                let stored = try tx.insert(submission, evidence: evidence)
                try tx.append(AuditEntry(at: now, actor: "hub", action: "ingest", uai: cfa.uai, badge: submission.badge,
                                         submissionID: stored.id, commit: submission.commit, toState: stored.state.rawValue,
                                         reason: "\(submission.tag) (\(submission.kind.rawValue))"))
            }
            guard var record = try tx.cfa(cfa.uai) else { throw HubError.unknownCFA(cfa.uai) }
            record.refsDigest = digest
            record.lastReconciledAt = now
            try tx.update(record)
        }
        outcome.newSubmissions = ingested.map(\.0.tag)
        if !ingested.isEmpty { outcome.status = .new }
        return []
    }

    /// Pushes `refs/dossier/decisions` when the remote's differs from the hub's; true if pushed.
    private func deliverDecisions(mirror: Repository, remote: Remote, exchange: RemoteTransfer,
                                  advertised: [RemoteReference]) throws -> Bool {
        let theirs = advertised.first { $0.name == Decision.reference }?.id
        // Nothing decided since the last delivery, and the remote still has it: nothing to build.
        let (epoch, deliveredEpoch) = try hub.store.read { tx in
            (try tx.value(Hub.decisionsEpochKey(cfa.uai)), try tx.value(Hub.deliveredEpochKey(cfa.uai)))
        }
        if epoch == deliveredEpoch, theirs?.hex == cfa.decisionsDelivered { return false }
        let decisions = try hub.decisions(uai: cfa.uai)
        func delivered() throws {
            try hub.store.write { tx in try tx.setValue(epoch, for: Hub.deliveredEpochKey(cfa.uai)) }
        }
        guard let commit = try hub.writeDecisions(decisions, in: mirror, now: now) else {
            try delivered()
            return false
        }
        guard theirs != commit else {
            try delivered()
            return false
        }
        var rejected: [String: String] = [:]
        try exchange.run(remote) { callbacks in
            try remote.push(refspecs: ["+\(Decision.reference):\(Decision.reference)"], callbacks: callbacks)
            rejected = callbacks.rejectedReferences
        }
        if let reason = rejected.values.first { throw SyncError.remoteRefused(reason) }
        try hub.store.write { tx in
            guard var record = try tx.cfa(cfa.uai) else { return }
            record.decisionsDelivered = commit.hex
            try tx.update(record)
            try tx.setValue(epoch, for: Hub.deliveredEpochKey(cfa.uai))
            try tx.append(AuditEntry(at: now, actor: "hub", action: "decisions-delivered", uai: cfa.uai, commit: commit.hex,
                                     reason: decisions.map { "\($0.badge): \($0.outcome.rawValue)" }.joined(separator: ", ")))
        }
        return true
    }

    /// Clears the CFA's last failure, with its audit row.
    private func recordRecovery() throws {
        try hub.store.write { tx in
            guard var record = try tx.cfa(cfa.uai), record.lastError != nil else { return }
            record.lastError = nil
            record.lastReconciledAt = now
            try tx.update(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "reconcile-recovered", uai: cfa.uai))
        }
    }

    /// Records a failed reconcile against the CFA (an audit row only when the reason changed).
    static func recordFailure(hub: Hub, uai: String, reasons: [String], now: Date) throws {
        let text = reasons.joined(separator: "; ")
        try hub.store.write { tx in
            guard var record = try tx.cfa(uai) else { return }
            record.lastReconciledAt = now
            guard record.lastError != text else {
                try tx.update(record)
                return
            }
            record.lastError = text
            try tx.update(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "reconcile-failed", uai: uai, reason: text))
        }
    }

    static func digest(_ references: [RemoteReference]) -> String {
        var hasher = SHA256()
        for reference in references { hasher.update(data: Data("\(reference.name) \(reference.id.hex)\n".utf8)) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The folder of a CFA repository on disk, nil for a network remote.
    static func localFolder(_ url: String, relativeTo root: String) throws -> String? {
        let address = try RemoteAddress(url, relativeTo: root)
        guard address.transport == .local else { return nil }
        return address.url.hasPrefix("file://") ? String(address.url.dropFirst("file://".count)) : address.url
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let refusal as TreeSafety.Refusal: "not fetched: \(refusal.description)"
        case let error as SyncError: error.text(.en)
        case let error as HubError: error.text(.en)
        case let error as DossierError: error.text(.en)
        case let error as GitError: error.message
        default: "\(error)"
        }
    }
}
