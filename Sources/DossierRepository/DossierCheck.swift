import DossierCore

/// `check` as one library call, for the command line and the CFA's pages alike: the working files
/// read and checked against the catalogue (evidence digests through the stat cache in
/// `.git/dossier/digests`), badges the Région awarded before (its decisions, fetched
/// by sync) checked for renewal, media absent from this laptop reported.
public struct DossierCheck: Sendable {
    public let dossier: Dossier
    public let report: CheckReport
    public let decisions: Decisions

    /// Checks the working files of `workspace`. With `renewal`, every badge follows the renewal rules,
    /// compared with `since` (else each badge's newest awards tag).
    public static func run(_ workspace: Workspace, renewal: Bool = false, since: String? = nil) throws -> DossierCheck {
        // Evidence digests through the stat cache: only files changed since the last check are hashed;
        // claims unchanged since they were saved come parsed from the claim store.
        let files = workspace.cachedWorkingSource()
        let dossier = try DossierReader(source: files, catalogue: workspace.catalogue).loadValid()
        let decisions = try Decisions.read(from: workspace.repository)
        let awarded = try workspace.history.awardedClaims(revision: since)
        let report = try Checker(catalogue: workspace.catalogue)
            .check(dossier, source: files,
                   options: .init(renewal: renewal, awarded: awarded, renewalBadges: Set(decisions.awards.keys),
                                  extraProblems: try MediaCheck(workspace: workspace).problems(dossier, files: files)))
        files.persist()
        return DossierCheck(dossier: dossier, report: report, decisions: decisions)
    }
}
