internal import DossierCore
internal import Hub

extension Submission.State {
    /// The state as reviewers read it: French words in French, the stored code in English.
    func text(_ lang: Lang) -> String {
        guard lang == .fr else { return rawValue }
        switch self {
        case .submitted: return "déposée"
        case .inReview: return "en examen"
        case .changesRequested: return "modifications demandées"
        case .approved: return "approuvée"
        case .awarded: return "décernée"
        case .rejected: return "refusée"
        case .expired: return "expirée"
        case .revoked: return "retirée"
        case .superseded: return "remplacée"
        }
    }

    /// A stored state code in the reader's language (a code this version does not know stays as is).
    static func text(code: String, _ lang: Lang) -> String {
        Submission.State(rawValue: code)?.text(lang) ?? code
    }
}

extension Vote.Verdict {
    /// The verdict as reviewers read it: French words in French, the command's word in English.
    func text(_ lang: Lang) -> String {
        guard lang == .fr else { return rawValue }
        switch self {
        case .approve: return "favorable"
        case .reject: return "défavorable"
        case .changes: return "modifications demandées"
        }
    }
}

extension Vote {
    /// How a vote no longer standing ended: the member withdrew it, or cast a newer one on the same
    /// request, which replaced it (the store marks the old vote at the very instant of the new one).
    enum Ending { case standing, withdrawn, replaced }

    func ending(among votes: [Vote]) -> Ending {
        guard let withdrawnAt else { return .standing }
        let replaced = votes.contains { $0.memberID == memberID && $0.submissionID == submissionID && $0.castAt == withdrawnAt && $0.id != id }
        return replaced ? .replaced : .withdrawn
    }
}
