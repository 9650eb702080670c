import DossierCore
import Foundation

extension Review: ReconcileInbox {
    public func ingestState(uai: String) throws -> IngestState {
        try store.read { tx in
            var state = IngestState(submissions: try tx.submissions(uai: uai, badge: nil), awards: try tx.awards(uai: uai),
                                    accepted: try Self.acceptedHistory(tx, uai: uai))
            state.proposals = try tx.proposals(uai: uai, slug: nil)
            return state
        }
    }

    public func receive(_ batch: IngestBatch) throws {
        let (uai, now) = (batch.uai, batch.now)
        try store.write { tx in
            for item in batch.items {
                let submission = item.submission
                for var older in try tx.submissions(uai: uai, badge: submission.badge) where older.state.isOpen {
                    try setState(tx, &older, .superseded, actor: "hub", now: now, reason: nil, codes: [.supersededBy(tag: submission.tag)])
                }
                let stored = try tx.insert(submission, evidence: item.evidence)
                try tx.append(AuditEntry(at: now, actor: "hub", action: "ingest", uai: uai, badge: submission.badge,
                                         submissionID: stored.id, commit: submission.commit, toState: stored.state.rawValue,
                                         codes: [.ingested(tag: submission.tag, kind: submission.kind.rawValue)]))
            }
            try Self.receiveProposals(tx, batch.proposals, uai: uai, now: now)
            if !batch.notes.isEmpty {
                try tx.append(AuditEntry(at: now, actor: "hub", action: "ingest-bounded", uai: uai, codes: batch.notes))
            }
            guard var record = try tx.cfa(uai) else { throw HubError.unknownCFA(uai) }
            record.refsDigest = batch.refsDigest
            record.lastReconciledAt = now
            try tx.update(record)
        }
    }

    public func decisionsDue(uai: String, remoteHas: String?) throws -> DecisionsDue? {
        try store.read { tx in
            let epoch = try tx.value(Self.decisionsEpochKey(uai))
            let deliveredEpoch = try tx.value(Self.deliveredEpochKey(uai))
            let deliveredCommit = try tx.cfa(uai)?.decisionsDelivered
            if epoch == deliveredEpoch, remoteHas == deliveredCommit { return nil }
            var due = DecisionsDue(decisions: try Self.decisions(tx, uai: uai), files: try Self.credentialFiles(tx, uai: uai), epoch: epoch)
            due.proposalDecisions = try Self.proposalDecisions(tx, uai: uai)
            return due
        }
    }

    public func decisionsDelivered(_ due: DecisionsDue, uai: String, pushed: String?, now: Date) throws {
        try store.write { tx in
            guard let pushed else {
                try tx.setValue(due.epoch, for: Self.deliveredEpochKey(uai))
                return
            }
            guard var record = try tx.cfa(uai) else { return }
            record.decisionsDelivered = pushed
            try tx.update(record)
            try tx.setValue(due.epoch, for: Self.deliveredEpochKey(uai))
            try tx.append(AuditEntry(at: now, actor: "hub", action: "decisions-delivered", uai: uai, commit: pushed,
                                     reason: due.decisions.map { "\($0.badge): \($0.outcome.rawValue)" }.joined(separator: ", ")))
        }
    }

    public func recordFailure(uai: String, reasons: [HubReason], now: Date) throws {
        try store.write { tx in
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

    public func recordRecovery(uai: String, now: Date) throws {
        try store.write { tx in
            guard var record = try tx.cfa(uai), record.hasFailed else { return }
            record.lastError = nil
            record.failure = nil
            record.lastReconciledAt = now
            try tx.update(record)
            try tx.append(AuditEntry(at: now, actor: "hub", action: "reconcile-recovered", uai: uai))
        }
    }
}
