import DossierCore

extension DossierCheck {
    /// `run` for one badge: the dossier's identity and that badge's claim read and validated as
    /// `run` reads them, the same decisions, awarded snapshots and media problems, the same
    /// `Checker` with the same options — without reading and hashing the other badges' files (a
    /// page about one badge of a large dossier). Returns that badge's check, the claim it checked
    /// (nil when the badge is not started) and the decisions.
    public static func badge(_ id: String, in workspace: Workspace) throws -> (check: BadgeCheck, claim: Claim?, decisions: Decisions) {
        guard let badge = workspace.catalogue.badge(id) else { throw DossierError(.unknownBadge(id)) }
        let files = workspace.cachedWorkingSource()
        let (loaded, errors) = DossierReader(source: files, catalogue: workspace.catalogue).load(badges: [badge.id])
        guard errors.isEmpty, let dossier = loaded else { throw DossierErrors(errors) }
        let decisions = try Decisions.read(from: workspace.repository)
        let awarded = try workspace.history.awardedClaims(revision: nil)
        let options = Checker.Options(renewal: false, awarded: awarded, renewalBadges: Set(decisions.awards.keys),
                                      extraProblems: try MediaCheck(workspace: workspace).problems(dossier, files: files))
        let check = try Checker(catalogue: workspace.catalogue)
            .check(badge: badge, claim: dossier.claims[badge.id], source: files, options: options)
        files.persist()
        return (check, dossier.claims[badge.id], decisions)
    }
}
