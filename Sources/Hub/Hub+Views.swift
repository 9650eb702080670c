import DossierCore
import Foundation
internal import Git
import HubReview

extension Hub {
    /// The current submission of a badge with its inventory, votes, award and renewal diff
    /// (recomputed from the mirror by the dossier module's diff).
    public func view(uai: String, badge: String) throws -> SubmissionView {
        try view(uai: uai, badge: badge) { submission in
            guard let base = submission.baseCommit, let baseID = ObjectID(hex: base), let id = ObjectID(hex: submission.commit) else {
                return nil
            }
            let mirror = try Repository.open(at: mirrorPath(uai))
            return try BadgeRenewalDiff(repository: mirror, catalogue: catalogue, badge: badge,
                                        from: try mirror.commit(baseID), to: try mirror.commit(id))
        }
    }
}
