import DossierRepository
import Foundation

extension Syncer {
    /// After a fetch: the issuer keys the delivered Profile offers, checked against the pinned ones
    /// (`IssuerKeyPin`): pinned at the first delivery, rotated through signed statements, or refused
    /// like a changed ssh host key. The rest of the sync goes on whatever this finds (a pin file that
    /// cannot be read or written is a refusal too: nothing new is trusted).
    func checkIssuerKeys(into report: inout Report) {
        let outcome: IssuerKeyPin.Outcome
        do {
            let delivered = try DeliveredCredentials.read(from: repository)
            report.issuer = delivered.issuerID
            outcome = try IssuerKeyPin.update(gitDirectory: repository.gitDirectory, delivered: delivered)
        } catch {
            outcome = .refused(.pinUnusable)
        }
        // A later round of the same sync finds the keys it pinned or rotated unchanged: keep what happened.
        if outcome == .unchanged, [.pinned, .rotated].contains(report.issuerKeys) { return }
        report.issuerKeys = outcome
    }
}
