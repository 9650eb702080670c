internal import Crypto
import DossierCore
import Foundation
internal import Git
import HubReview
import Remote

/// The reconcile of one CFA, on one worker thread: list the remote's references, and only when
/// they changed fetch into the bare mirror and ingest new submissions (all of them or none);
/// then deliver the CFA's decisions when the remote lacks them.
struct CFAReconcile {
    /// The review room, through its one door: what is stored for the CFA, what to deliver, and
    /// where the ingested submissions go.
    let review: any ReconcileInbox
    let setting: Setting
    let cfa: CFARecord
    let transfer: RemoteOptions
    let digests: DigestCache
    let now: Date
    /// True once the watchdog gave up on this CFA: nothing more is written for it.
    let abandoned: () -> Bool

    /// What a reconcile needs of the hub besides the review room.
    struct Setting {
        /// The hub folder (relative CFA addresses are resolved against it).
        let root: String
        let catalogue: Catalogue
        /// Requests ingested per CFA and run at most.
        let submissionsPerRun: Int
        /// The author of the decisions commits (the hub's name).
        let author: String
        let mirrorPath: (String) -> String
        /// The catalogue versions the hub published (empty: none yet, the ref is not delivered).
        var catalogues: [(version: CatalogueVersion, bytes: [UInt8])] = []
        /// Their signatures by the issuer key (`versions/<version>.jws`), when the hub has keys.
        var catalogueSignatures: [CatalogueVersion: String] = [:]
        /// Which version checks a request: the one in force on the day it was submitted.
        var schedule = CatalogueSchedule(entries: [])
    }

    /// The CFA's submission tags are fetched under `upstreamPrefix` (following the CFA, moves
    /// included); every ingested one is pinned under `pinPrefix` (its tag object, never moved), so
    /// each snapshot ever ingested stays reachable whatever the CFA does to its tags.
    static let upstreamPrefix = DossierReferences.upstreamPrefix
    static let pinPrefix = DossierReferences.ingestedPrefix
    /// The refspec fetching one reference: main as is, a submission tag into the upstream copy.
    static func refspec(_ name: String) -> String {
        DossierReferences.tagName(name).map { "+\(name):\(upstreamPrefix)\($0)" } ?? "+\(name):\(name)"
    }
    /// `refsDigest` of a CFA whose last run left requests waiting (the limit per run): the next run ingests more.
    static let partialDigest = "partial"

    func run() -> CFAOutcome {
        var outcome = CFAOutcome(uai: cfa.uai, status: .unchanged)
        do {
            let mirror = try MirrorFolder.open(setting.mirrorPath(cfa.uai))
            let remote = try mirror.anonymousRemote(url: cfa.url)
            let watch = FetchSizeWatch(limit: BoundedTreeSource.maximumEvidenceSize)
            let exchange = RemoteTransfer(options: transfer, relativeTo: setting.root) { progress in
                if watch.exceeded(by: progress) { remote.stop() }
            }
            var advertised: [RemoteReference] = []
            // The connection stays open after the listing, so that a fetch of a changed CFA uses
            // this advertisement instead of listing the references a second time (one request
            // and one `git http-backend` less per changed CFA over HTTP). Closed once the fetch is
            // done or not needed, before any push.
            try exchange.run(remote) { callbacks in
                advertised = try remote.listReferences(callbacks: callbacks, keepingConnection: true)
            }
            let relevant = advertised.filter { $0.name == DossierReferences.main || $0.name.hasPrefix(SubmissionTag.referencePrefix)
                || $0.name.hasPrefix(ProposalTag.referencePrefix) }
                .sorted { $0.name < $1.name }
            let digest = Self.digest(relevant)
            if digest != cfa.refsDigest || cfa.hasFailed {
                defer { remote.disconnect() }
                // Planned from the listing and the store alone: only what the run needs is fetched
                // (main, the requests it ingests, the tags moved upstream), never every tag.
                let prepared = try prepare(relevant: relevant)
                let wanted = relevant.filter { $0.name == DossierReferences.main || prepared.fetch.contains($0.name) }
                if !wanted.isEmpty { try fetch(wanted, into: mirror, from: remote, exchange: exchange, watch: watch) }
                remote.disconnect()
                try pruneUpstream(mirror, keeping: Set(wanted.map(\.name)))
                outcome.status = .updated
                let reasons = try ingest(prepared, mirror: mirror, digest: digest, outcome: &outcome)
                if !reasons.isEmpty {
                    outcome.status = .failed
                    outcome.reasons = HubReason.capped(reasons)
                }
            }
            remote.disconnect()
            if abandoned() { return outcome }
            if try deliverDecisions(mirror: mirror, remote: remote, exchange: exchange, advertised: advertised) {
                outcome.decisionsDelivered = true
                if outcome.status == .unchanged { outcome.status = .updated }
            }
            if abandoned() { return outcome }
            if try deliverCatalogue(mirror: mirror, remote: remote, exchange: exchange, advertised: advertised) {
                outcome.catalogueDelivered = true
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
                try review.recordFailure(uai: cfa.uai, reasons: outcome.reasons, now: now)
            } else if cfa.hasFailed {
                try review.recordRecovery(uai: cfa.uai, now: now)
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
        if let folder = try Self.localFolder(cfa.url, relativeTo: setting.root) {
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
        where !fetched.contains(DossierReferences.tagsPrefix + name.dropFirst(Self.upstreamPrefix.count)) {
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
        var newestStored: [String: SubmissionTag] = [:]
        for submission in stored {
            guard let tag = SubmissionTag(submission.tag) else { continue }
            if newestStored[submission.badge].map({ tag > $0 }) ?? true { newestStored[submission.badge] = tag }
        }
        var byBadge: [String: [(tag: SubmissionTag, reference: RemoteReference)]] = [:]
        for reference in candidates {
            guard let tag = SubmissionTag(reference.name), catalogue.badge(tag.badge) != nil else {
                plan.reasons.append(.notASubmissionTag(tag: DossierReferences.tagName(reference.name) ?? reference.name))
                continue
            }
            byBadge[tag.badge, default: []].append((tag, reference))
        }
        var newest: [(tag: SubmissionTag, reference: RemoteReference)] = []
        for (badge, requests) in byBadge {
            guard let top = requests.max(by: { $0.tag < $1.tag }) else { continue }
            if let stored = newestStored[badge], stored > top.tag { continue }  // counted when that one was ingested
            newest.append(top)
            plan.skipped += requests.count - 1
        }
        newest.sort { $0.tag < $1.tag }
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
        /// The badge proposal tags to ingest (`proposals(candidates:stored:)`).
        var proposals: [RemoteReference] = []
    }

    /// The proposal tags to ingest this run: of each proposal, only the newest tag not yet ingested
    /// and newer than every ingested one (older ones would be superseded at once). A proposal tag
    /// moved or deleted upstream is ignored: the pinned copy keeps what was ingested.
    static func proposals(candidates: [RemoteReference], stored: [ProposalSubmission]) -> [RemoteReference] {
        let known = Set(stored.map(\.tag))
        var newestStored: [String: ProposalTag] = [:]
        for proposal in stored {
            guard let tag = ProposalTag(proposal.tag) else { continue }
            if newestStored[tag.slug].map({ tag > $0 }) ?? true { newestStored[tag.slug] = tag }
        }
        var newest: [String: (tag: ProposalTag, reference: RemoteReference)] = [:]
        for reference in candidates {
            guard let tag = ProposalTag(reference.name), !known.contains(tag.name) else { continue }
            if let stored = newestStored[tag.slug], stored > tag { continue }
            if newest[tag.slug].map({ tag > $0.tag }) ?? true { newest[tag.slug] = (tag, reference) }
        }
        return newest.values.sorted { $0.tag < $1.tag }.map(\.reference)
    }

    private func prepare(relevant: [RemoteReference]) throws -> Prepared {
        let state = try review.ingestState(uai: cfa.uai)
        let stored = state.submissions
        var prepared = Prepared()
        prepared.awards = state.awards
        let byTag = Dictionary(stored.map { ($0.tag, $0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [RemoteReference] = []
        var advertisedTags: [String: String] = [:]
        for reference in relevant where reference.name.hasPrefix(SubmissionTag.referencePrefix) {
            let tag = DossierReferences.tagName(reference.name) ?? reference.name
            advertisedTags[tag] = reference.id.hex
            if let known = byTag[tag] {
                if known.tagTarget != reference.id.hex {
                    prepared.fetch.insert(reference.name)
                    if !state.isAccepted(tag: tag, upstream: reference.id.hex) { prepared.reasons.append(.tagMoved(tag: tag, ingestedOn: Day(known.ingestedAt))) }
                }
            } else {
                candidates.append(reference)
            }
        }
        for known in stored where advertisedTags[known.tag] == nil && !state.isAccepted(tag: known.tag, upstream: nil) {
            prepared.reasons.append(.tagDeleted(tag: known.tag, ingestedOn: Day(known.ingestedAt)))
        }
        prepared.plan = Self.plan(candidates: candidates, stored: stored, catalogue: setting.catalogue, limit: setting.submissionsPerRun)
        prepared.reasons += prepared.plan.reasons
        prepared.proposals = Self.proposals(candidates: relevant.filter { $0.name.hasPrefix(ProposalTag.referencePrefix) },
                                            stored: state.proposals)
        if prepared.reasons.isEmpty { prepared.fetch.formUnion(prepared.plan.selected.map(\.name)) }
        if prepared.reasons.isEmpty { prepared.fetch.formUnion(prepared.proposals.map(\.name)) }
        return prepared
    }

    /// Ingests the new submission tags this run takes, or none when anything is wrong; returns the
    /// reasons. Git work and parsing happen outside any write transaction; the store is written in
    /// one short transaction at the end.
    private func ingest(_ prepared: Prepared, mirror: Repository, digest: String, outcome: inout CFAOutcome) throws -> [HubReason] {
        var reasons = prepared.reasons
        let (plan, awards, limit) = (prepared.plan, prepared.awards, setting.submissionsPerRun)
        guard reasons.isEmpty else { return reasons }
        var ingester = SubmissionIngester(repository: mirror, catalogue: setting.catalogue, uai: cfa.uai, digests: digests)
        var ingested: [(Submission, [EvidenceRecord])] = []
        for reference in plan.selected {
            let badge = SubmissionTag(reference.name)?.badge ?? ""
            // Awards decide first award or renewal; the newest one not revoked is the renewal's base.
            let base = awards.last { $0.badge == badge && $0.revokedAt == nil }.map { SubmissionIngester.Base(commit: $0.commit) }
            // The rules of the day the request was made (first award or renewal alike): its tag's day,
            // never later than today (a tag dated in the future gets today's rules).
            let day = min(SubmissionTag(reference.name)?.day ?? Day(now), Day(now))
            ingester.catalogue = setting.schedule.inForce(on: day) ?? setting.catalogue
            do {
                var item = try ingester.ingest(reference: reference.name, target: reference.id, base: base, now: now)
                item.0.catalogueVersion = ingester.catalogue.version
                ingested.append(item)
            } catch let failure as SubmissionIngester.Failure {
                reasons.append(failure.reason)
            }
        }
        // Badge proposals, in the same all-or-nothing run: a forged or unsafe one fails the CFA,
        // a wrong one is recorded as refused with its reason (`ProposalIngester`).
        var proposals = ProposalIngester(repository: mirror, catalogue: setting.catalogue, uai: cfa.uai, safety: ingester.safety)
        var ingestedProposals: [ProposalSubmission] = []
        for reference in prepared.proposals {
            do {
                ingestedProposals.append(try proposals.ingest(reference: reference.name, target: reference.id, now: now))
            } catch let failure as SubmissionIngester.Failure {
                reasons.append(failure.reason)
            }
        }
        guard reasons.isEmpty, !abandoned() else { return reasons }
        for (submission, _) in ingested {
            guard let target = ObjectID(hex: submission.tagTarget) else { continue }
            try mirror.setReference(Self.pinPrefix + submission.tag, to: target, message: "hub: ingested")
        }
        for proposal in ingestedProposals {
            guard let target = ObjectID(hex: proposal.tagTarget) else { continue }
            try mirror.setReference(Self.pinPrefix + proposal.tag, to: target, message: "hub: ingested")
        }
        var notes: [HubReason] = []
        if plan.skipped > 0 { notes.append(.olderRequestsSkipped(count: plan.skipped)) }
        if plan.waiting > 0 { notes.append(.submissionLimit(limit: limit, waiting: plan.waiting)) }
        var batch = IngestBatch(uai: cfa.uai, items: ingested.map { IngestBatch.Item(submission: $0.0, evidence: $0.1) },
                                notes: notes, refsDigest: plan.waiting > 0 ? Self.partialDigest : digest, now: now)
        batch.proposals = ingestedProposals
        try review.receive(batch)
        outcome.newSubmissions = ingested.map(\.0.tag)
        outcome.newProposals = ingestedProposals.map(\.tag)
        if !ingestedProposals.isEmpty { outcome.status = .new }
        outcome.notes = notes
        if !ingested.isEmpty { outcome.status = .new }
        return []
    }

    /// Pushes `refs/dossier/decisions` when the remote's differs from the hub's; true if pushed.
    private func deliverDecisions(mirror: Repository, remote: Remote, exchange: RemoteTransfer,
                                  advertised: [RemoteReference]) throws -> Bool {
        let theirs = advertised.first { $0.name == Decision.reference }?.id
        // Nothing decided since the last delivery, and the remote still has it: nothing to build.
        guard let due = try review.decisionsDue(uai: cfa.uai, remoteHas: theirs?.hex) else { return false }
        guard let commit = try DecisionsRef.write(due.decisions, credentialFiles: due.files, proposals: due.proposalDecisions, in: mirror,
                                                  author: setting.author, now: now), theirs != commit else {
            try review.decisionsDelivered(due, uai: cfa.uai, pushed: nil, now: now)
            return false
        }
        var rejected: [String: String] = [:]
        try exchange.run(remote) { callbacks in
            try remote.push(refspecs: ["+\(Decision.reference):\(Decision.reference)"], callbacks: callbacks)
            rejected = callbacks.rejectedReferences
        }
        if let reason = rejected.values.first { throw RemoteError.remoteRefused(reason) }
        try review.decisionsDelivered(due, uai: cfa.uai, pushed: commit.hex, now: now)
        return true
    }

    /// Pushes `refs/dossier/catalogue` when the remote's differs from the hub's (a ref the CFA wrote
    /// there itself is overwritten; with nothing published, deleted); true if pushed.
    private func deliverCatalogue(mirror: Repository, remote: Remote, exchange: RemoteTransfer,
                                  advertised: [RemoteReference]) throws -> Bool {
        let name = DossierReferences.catalogue
        let theirs = advertised.first { $0.name == name }?.id
        let refspec: String
        if setting.catalogues.isEmpty {
            guard theirs != nil else { return false }
            refspec = ":\(name)"
        } else {
            let commit = try CatalogueRef.write(setting.catalogues, signatures: setting.catalogueSignatures, in: mirror,
                                                author: setting.author)
            guard theirs != commit else { return false }
            refspec = "+\(name):\(name)"
        }
        var rejected: [String: String] = [:]
        try exchange.run(remote) { callbacks in
            try remote.push(refspecs: [refspec], callbacks: callbacks)
            rejected = callbacks.rejectedReferences
        }
        if let reason = rejected.values.first { throw RemoteError.remoteRefused(reason) }
        return true
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
