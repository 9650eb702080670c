/// Every reference name the tool reads or writes beside git's own, defined once. The table in
/// ARCHITECTURE.md lists them with who writes each and whether it crosses the wire.
public enum DossierReferences {
    /// The prefix of every tag.
    public static let tagsPrefix = "refs/tags/"

    // MARK: exchanged between a CFA and the Région

    /// The dossier: the only branch a CFA saves on and exchanges.
    public static let main = "refs/heads/main"
    /// The Région's decisions on a CFA's requests: written by the hub, fetched by the CFA, never
    /// pushed by it.
    public static let decisions = "refs/dossier/decisions"
    /// The catalogue versions the Région published (`CataloguePaths`): written by the hub in each
    /// mirror and pushed, fetched by the CFA (into `incomingCatalogue`, checked), never pushed by it.
    public static let catalogue = "refs/dossier/catalogue"
    // Submission tags: `SubmissionTag`; proposal tags: `ProposalTag`.

    // MARK: kept by the CFA's laptop

    /// The remote's `main` as last integrated.
    public static let tracking = "refs/remotes/origin/main"
    /// The remote's `main` as just fetched, checked before it becomes `tracking`.
    public static let incoming = "refs/dossier/incoming/main"
    /// The remote's catalogue ref as just fetched, checked (`ReceivedCatalogues`) before it becomes
    /// `catalogue`.
    public static let incomingCatalogue = "refs/dossier/incoming/catalogue"
    /// The save a sync is sending (pushed from here, not from `main`, which a save may move meanwhile).
    public static let outgoing = "refs/dossier/outgoing/main"
    /// The remote's submission tags as last seen, `<this prefix><badge>/<day>-<n>`: compared with the
    /// local tags, never fetched into `refs/tags`.
    public static let remoteSubmissionsPrefix = "refs/dossier/origin/" + SubmissionTag.namespace
    /// The remote's proposal tags as last seen, `<this prefix><slug>/<day>-<n>`.
    public static let remoteProposalsPrefix = "refs/dossier/origin/" + ProposalTag.namespace
    /// Tags marking an awarded snapshot by hand (`awards/<badge>/…`), for `check --renewal`.
    public static let awardTagsPrefix = tagsPrefix + "awards/"

    // MARK: kept by the hub, in each CFA's mirror

    /// Every snapshot the hub ingested, `<this prefix><submission tag name>`: stays reachable
    /// whatever the CFA does to its tags.
    public static let ingestedPrefix = "refs/hub/ingested/"
    /// The CFA's submission tags as last fetched, `<this prefix><submission tag name>`: they follow
    /// the CFA (moves and deletions included) without ever overwriting an ingested snapshot.
    public static let upstreamPrefix = "refs/hub/upstream/"

    /// `refs/tags/<name>` → `<name>`; nil for a reference that is not a tag.
    public static func tagName(_ reference: String) -> String? {
        reference.hasPrefix(tagsPrefix) ? String(reference.dropFirst(tagsPrefix.count)) : nil
    }
}
