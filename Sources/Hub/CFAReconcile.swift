import Crypto
import DossierCore
import Foundation
import Git
import Remote

/// The reconcile of one CFA, on one worker thread: list the remote's references, and only when
/// they changed fetch into the bare mirror and ingest new submissions (all of them or none);
/// then deliver the CFA's decisions when the remote lacks them.
struct CFAReconcile {
    let hub: Hub
    let cfa: CFARecord
    let transfer: RemoteOptions
    let digests: DigestCache
    let now: Date
    /// True once the watchdog gave up on this CFA: nothing more is written for it.
    let abandoned: () -> Bool

    /// The CFA's submission tags are fetched under `upstreamPrefix` (following the CFA, moves
    /// included); every ingested one is pinned under `pinPrefix` (its tag object, never moved), so
    /// each snapshot ever ingested stays reachable whatever the CFA does to its tags.
    static let upstreamPrefix = "refs/hub/upstream/"
    static let pinPrefix = "refs/hub/ingested/"
    /// The refspec fetching one reference: main as is, a submission tag into the upstream copy.
    static func refspec(_ name: String) -> String {
        name.hasPrefix("refs/tags/") ? "+\(name):\(upstreamPrefix)\(name.dropFirst("refs/tags/".count))" : "+\(name):\(name)"
    }
    /// `refsDigest` of a CFA whose last run left requests waiting (the limit per run): the next run ingests more.
    static let partialDigest = "partial"

    func run() -> CFAOutcome {
        var outcome = CFAOutcome(uai: cfa.uai, status: .unchanged)
        do {
            let mirror = try MirrorFolder.open(hub.mirrorPath(cfa.uai))
            let remote = try mirror.anonymousRemote(url: cfa.url)
            let watch = FetchSizeWatch(limit: BoundedTreeSource.maximumEvidenceSize)
            let exchange = RemoteTransfer(options: transfer, relativeTo: hub.root) { progress in
                if watch.exceeded(by: progress) { remote.stop() }
            }
            var advertised: [RemoteReference] = []
            try exchange.run(remote) { callbacks in advertised = try remote.listReferences(callbacks: callbacks) }
            let relevant = advertised.filter { $0.name == "refs/heads/main" || $0.name.hasPrefix(SubmissionIngester.tagPrefix) }
                .sorted { $0.name < $1.name }
            let digest = Self.digest(relevant)
            if digest != cfa.refsDigest || cfa.hasFailed {
                // Planned from the listing and the store alone: only what the run needs is fetched
                // (main, the requests it ingests, the tags moved upstream), never every tag.
                let prepared = try prepare(relevant: relevant)
                let wanted = relevant.filter { $0.name == "refs/heads/main" || prepared.fetch.contains($0.name) }
                if !wanted.isEmpty { try fetch(wanted, into: mirror, from: remote, exchange: exchange, watch: watch) }
                try pruneUpstream(mirror, keeping: Set(wanted.map(\.name)))
                outcome.status = .updated
                let reasons = try ingest(prepared, mirror: mirror, digest: digest, outcome: &outcome)
                if !reasons.isEmpty {
                    outcome.status = .failed
                    outcome.reasons = HubReason.capped(reasons)
                }
            }
            if abandoned() { return outcome }
            if try deliverDecisions(mirror: mirror, remote: remote, exchange: exchange, advertised: advertised) {
                outcome.decisionsDelivered = true
                if outcome.status == .unchanged { outcome.status = .updated }
            }
        } catch {
            outcome.status = .failed
            outcome.reasons.append(HubReason.classify(error))
        }
        if abandoned() { return outcome }
        // Success or failure is recorded once the whole CFA is done (ingest and decisions), so
        // that a CFA failing the same way run after run leaves one audit row, not two per run.
        do {
            if outcome.status == .failed {
                try Self.recordFailure(hub: hub, uai: cfa.uai, reasons: outcome.reasons, now: now)
            } else if cfa.hasFailed {
                try recordRecovery()
            }
        } catch {
            outcome.status = .failed
            outcome.reasons.append(HubReason.classify(error))
        }
        return outcome
    }

    /// Fetches main and the submission tags into the mirror, with nothing unbounded on the way:
    /// a repository on disk is checked before libgit2 packs it, a network transfer stopped as
    /// soon as one object is larger than the hub reads.
    private func fetch(_ references: [RemoteReference], into mirror: Repository, from remote: Remote, exchange: RemoteTransfer,
                       watch: FetchSizeWatch) throws {
        if let folder = try Self.localFolder(cfa.url, relativeTo: hub.root) {
            try TreeSafety.checkLocalFetch(from: Repository.open(at: folder), into: mirror, references: references)
        }
        do {
            try exchange.run(remote) { callbacks in try remote.fetch(refspecs: references.map { Self.refspec($0.name) }, callbacks: callbacks) }
        } catch where watch.stopped {
            throw TreeSafety.Refusal.oversizedObject(watch.limit)
        }
    }

    /// Drops the upstream copies this run did not fetch (tags deleted, or no longer moved): they
    /// are kept only for what is under review. The pins keep what was ingested.
    private func pruneUpstream(_ mirror: Repository, keeping fetched: Set<String>) throws {
        for name in try mirror.referenceNames(matching: Self.upstreamPrefix + "*")
        where !fetched.contains("refs/tags/" + name.dropFirst(Self.upstreamPrefix.count)) {
            try mirror.deleteReference(name)
        }
    }

    /// The submission tags to ingest this run: of each badge, only the newest request not yet
    /// ingested and newer than every ingested one (older ones would be superseded at once: they
    /// are counted, not ingested); at most `limit`, oldest first; the others wait.
    struct Plan {
        var selected: [RemoteReference] = []
        var skipped = 0
        var waiting = 0
        var reasons: [HubReason] = []
    }

    static func plan(candidates: [RemoteReference], stored: [Submission], catalogue: Catalogue, limit: Int) -> Plan {
        var plan = Plan()
        var newestStored: [String: String] = [:]
        for submission in stored {
            let key = SubmissionIngester.order(ofTag: "refs/tags/" + submission.tag)
            if newestStored[submission.badge].map({ key > $0 }) ?? true { newestStored[submission.badge] = key }
        }
        var byBadge: [String: [(key: String, reference: RemoteReference)]] = [:]
        for reference in candidates {
            guard let badge = SubmissionIngester.badge(ofTag: reference.name), catalogue.badge(badge) != nil else {
                plan.reasons.append(.notASubmissionTag(tag: String(reference.name.dropFirst("refs/tags/".count))))
                continue
            }
            byBadge[badge, default: []].append((SubmissionIngester.order(ofTag: reference.name), reference))
        }
        var newest: [(key: String, reference: RemoteReference)] = []
        for (badge, requests) in byBadge {
            guard let top = requests.max(by: { $0.key < $1.key }) else { continue }
            if let stored = newestStored[badge], stored > top.key { continue }  // counted when that one was ingested
            newest.append(top)
            plan.skipped += requests.count - 1
        }
        newest.sort { $0.key < $1.key }
        plan.selected = Array(newest.prefix(limit)).map(\.reference)
        plan.waiting = newest.count - plan.selected.count
        return plan
    }

    /// What the store and the remote's listing say before anything is fetched.
    struct Prepared {
        var plan = Plan()
        var awards: [Award] = []
        /// Why the CFA fails before any ingest (tags moved or deleted upstream, unknown badges).
        var reasons: [HubReason] = []
        /// The tags to fetch: the requests planned, and the tags moved upstream (kept for review).
        var fetch: Set<String> = []
    }

    private func prepare(relevant: [RemoteReference]) throws -> Prepared {
        let (stored, awards, accepted) = try hub.store.read { tx in
            (try tx.submissions(uai: cfa.uai, badge: nil), try tx.awards(uai: cfa.uai), try Hub.acceptedHistory(tx, uai: cfa.uai))
        }
        var prepared = Prepared()
        prepared.awards = awards
        let byTag = Dictionary(stored.map { ($0.tag, $0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [RemoteReference] = []
        var advertisedTags: [String: String] = [:]
        for reference in relevant where reference.name.hasPrefix(SubmissionIngester.tagPrefix) {
            let tag = String(reference.name.dropFirst("refs/tags/".count))
            advertisedTags[tag] = reference.id.hex
            if let known = byTag[tag] {
                if known.tagTarget != reference.id.hex {
                    prepared.fetch.insert(reference.name)
                    if accepted[tag] != reference.id.hex { prepared.reasons.append(.tagMoved(tag: tag, ingestedOn: Day(known.ingestedAt))) }
                }
            } else {
                candidates.append(reference)
            }
        }
        for known in stored where advertisedTags[known.tag] == nil && accepted[known.tag] != Hub.deletedTag {
            prepared.reasons.append(.tagDeleted(tag: known.tag, ingestedOn: Day(known.ingestedAt)))
        }
        prepared.plan = Self.plan(candidates: candidates, stored: stored, catalogue: hub.catalogue, limit: hub.settings.submissionsPerRun)
        prepared.reasons += prepared.plan.reasons
        if prepared.reasons.isEmpty { prepared.fetch.formUnion(prepared.plan.selected.map(\.name)) }
        return prepared
    }

    /// Ingests the new submission tags this run takes, or none when anything is wrong; returns the
    /// reasons. Git work and parsing happen outside any write transaction; the store is written in
    /// one short transaction at the end.
    private func ingest(_ prepared: Prepared, mirror: Repository, digest: String, outcome: inout CFAOutcome) throws -> [HubReason] {
        var reasons = prepared.reasons
        let (plan, awards, limit) = (prepared.plan, prepared.awards, hub.settings.submissionsPerRun)
        guard reasons.isEmpty else { return reasons }
        var ingester = SubmissionIngester(repository: mirror, catalogue: hub.catalogue, uai: cfa.uai, digests: digests)
        var ingested: [(Submission, [EvidenceRecord])] = []
        for reference in plan.selected {
            let badge = SubmissionIngester.badge(ofTag: reference.name) ?? ""
            // Awards decide first award or renewal; the newest one not revoked is the renewal's base.
            let base = awards.last { $0.badge == badge && $0.revokedAt == nil }.map { SubmissionIngester.Base(commit: $0.commit) }
            do {
                ingested.append(try ingester.ingest(reference: reference.name, target: reference.id, base: base, now: now))
            } catch let failure as SubmissionIngester.Failure {
                reasons.append(failure.reason)
            }
        }
        guard reasons.isEmpty, !abandoned() else { return reasons }
        for (submission, _) in ingested {
            guard let target = ObjectID(hex: submission.tagTarget) else { continue }
            try mirror.setReference(Self.pinPrefix + submission.tag, to: target, message: "hub: ingested")
        }
        var notes: [HubReason] = []
        if plan.skipped > 0 { notes.append(.olderRequestsSkipped(count: plan.skipped)) }
        if plan.waiting > 0 { notes.append(.submissionLimit(limit: limit, waiting: plan.waiting)) }
        try hub.store.write { tx in
            for (submission, evidence) in ingested {
                for var older in try tx.submissions(uai: cfa.uai, badge: submission.badge) where older.state.isOpen {
                    try hub.setState(tx, &older, .superseded, actor: "hub", now: now, reason: nil, codes: [.supersededBy(tag: submission.tag)])
                }
                let stored = try tx.insert(submission, evidence: evidence)
                try tx.append(AuditEntry(at: now, actor: "hub", action: "ingest", uai: cfa.uai, badge: submission.badge,
                                         submissionID: stored.id, commit: submission.commit, toState: stored.state.rawValue,
                                         codes: [.ingested(tag: submission.tag, kind: submission.kind.rawValue)]))
            }
            if !notes.isEmpty {
                try tx.append(AuditEntry(at: now, actor: "hub", action: "ingest-bounded", uai: cfa.uai, codes: notes))
            }
            guard var record = try tx.cfa(cfa.uai) else { throw HubError.unknownCFA(cfa.uai) }
            record.refsDigest = plan.waiting > 0 ? Self.partialDigest : digest
            record.lastReconciledAt = now
            try tx.update(record)
        }
        outcome.newSubmissions = ingested.map(\.0.tag)
        outcome.notes = notes
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
        if let reason = rejected.values.first { throw RemoteError.remoteRefused(reason) }
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
            guard var record = try tx.cfa(cfa.uai), record.hasFailed else { return }
            record.lastError = nil
            record.failure = nil
            record.lastReconciledAt = now
            try tx.update(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "reconcile-recovered", uai: cfa.uai))
        }
    }

    /// Records a failed reconcile against the CFA (an audit row only when the reasons changed).
    static func recordFailure(hub: Hub, uai: String, reasons: [HubReason], now: Date) throws {
        try hub.store.write { tx in
            guard var record = try tx.cfa(uai) else { return }
            record.lastReconciledAt = now
            guard record.failure != reasons else {
                try tx.update(record)
                return
            }
            record.failure = reasons
            record.lastError = nil
            try tx.update(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "reconcile-failed", uai: uai, codes: reasons))
        }
    }

    static func digest(_ references: [RemoteReference]) -> String {
        var hasher = SHA256()
        for reference in references { hasher.update(data: Data("\(reference.name) \(reference.id.hex)\n".utf8)) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The folder of a CFA repository on disk, nil for a network remote.
    static func localFolder(_ url: String, relativeTo root: String) throws -> String? {
        try RemoteAddress(url, relativeTo: root).localPath
    }
}
