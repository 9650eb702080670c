import DossierCore
import DossierRepository
import Foundation
import Git
public import Remote

/// Exchanges a dossier with the Région's remote: fetch, fast-forward or structured merge, push
/// of `main` and the submission tags. libgit2 has no pull; this is it.
public final class Syncer {
    public let workspace: Workspace
    public var options: Options
    /// Media downloaded by this sync, written into the working folder once the saves are in.
    var receivedMedia: [MediaEntry] = []

    /// How a sync reaches the remote (the connection settings) and what it shows on the way.
    public struct Options {
        /// Credentials, host keys, the time-out and what to do on it.
        public var remote: RemoteOptions
        /// The language of the details media errors carry.
        public var lang: Lang
        /// Receives transfer progress (nil: silent).
        public var progress: ((TransferProgress) -> Void)?
        /// Leave incoming media on the remote (`--no-media`); `dossier media fetch` gets them later.
        public var noMedia = false
        /// Receives media transfer progress (nil: silent).
        public var mediaProgress: MediaProgress?

        public init(remote: RemoteOptions, lang: Lang) {
            self.remote = remote
            self.lang = lang
        }
    }

    /// What a sync did.
    public struct Report: Encodable {
        public var fetched = false
        public var merged = false
        public var fastForwarded = false
        public var pushed = false
        public var conflicts: [MergeConflict] = []
        /// The semantic diff of what came in.
        public var incoming: DossierDiff?
        /// Saves and submission tags sent.
        public var sentSaves = 0
        public var sentSubmissions: [String] = []
        /// Submission tags received from the remote.
        public var receivedSubmissions: [String] = []
        /// Submission and proposal tags that differ on the remote: reported, never overwritten.
        public var tampered: [String] = []
        /// Badge proposal tags sent and received (Syncer+Proposals.swift).
        public var sentProposals: [String] = []
        public var receivedProposals: [String] = []
        /// Evidence files kept in both versions by the merge.
        public var keptBothVersions: [String] = []
        /// Media objects sent to and received from the remote.
        public var mediaSent = 0
        public var mediaReceived = 0
        /// Media of incoming saves left on the remote (`--no-media`), by path.
        public var mediaNotDownloaded: [String] = []
        /// Media that are neither here nor on the remote.
        public var mediaMissing: [MissingMedia] = []
        /// What the delivered issuer Profile did to the pinned issuer keys (Syncer+IssuerKeys.swift).
        public var issuerKeys: IssuerKeyPin.Outcome = .noProfile
        /// The issuer Profile id delivered, if any.
        public var issuer: String?
        /// What the fetched catalogue ref brought (Syncer+Catalogue.swift).
        public var catalogue: ReceivedCatalogues.Outcome = .none
    }

    static let remoteName = "origin"

    public init(workspace: Workspace, options: Options) {
        self.workspace = workspace
        self.options = options
    }

    /// A syncer for the local steps only (committing a settled merge): it has no connection
    /// settings (no credentials, no trusted host) and is never used for a transfer.
    convenience init(localStepsOf workspace: Workspace) {
        let none = RemoteOptions(credentials: CredentialSource(environment: [:], home: nil), knownHosts: KnownHosts(path: "/dev/null"),
                                 onTimeout: { _ in })
        self.init(workspace: workspace, options: Options(remote: none, lang: .en))
    }

    var repository: Repository { workspace.repository }

    /// Fetches, merges, and pushes; stops with conflicts (exit 4) when a person must choose.
    /// The dossier's lock is held only around the local steps (checks, merge, checkout), never
    /// across a transfer: a save made meanwhile waits for a local step at most, and each branch
    /// move is a compare-and-swap against the head the step read, so no save is ever overwritten.
    public func sync() throws -> Report {
        let transferLock = try TransferLock(gitDirectory: repository.gitDirectory)
        defer { withExtendedLifetime(transferLock) {} }
        let remote = try workspace.withLock { () throws -> Remote in
            try checkReadyToIntegrate()
            guard let remote = try repository.remote(named: Self.remoteName) else { throw SyncError.noRemote }
            return remote
        }

        var report = Report()
        mediaStore.removeTemporaryFiles()
        var rejection: Rejection?
        for _ in 0..<3 {
            try fetch(remote)
            report.fetched = true
            checkIssuerKeys(into: &report)
            checkCatalogue(into: &report)
            // The remote refused `main` and has not moved since: not a concurrent push, say why.
            if let refused = rejection, try repository.referenceTarget(DossierReferences.incoming) == refused.base {
                try? repository.deleteReference(DossierReferences.incoming)
                throw RemoteError.remoteRefused(refused.reason)
            }
            try downloadIncomingMedia(remote, report: &report)
            // Local steps: against the head as it is now (a save may have moved it during the fetch).
            let outgoing = try workspace.withLock { () throws -> ObjectID? in
                try checkReadyToIntegrate()
                let before = try workspace.head()
                try integrate(into: &report)
                if !report.conflicts.isEmpty { return nil }
                try materialiseMedia(since: before)
                // What this round sends: the head now; a save made during the push is sent next time.
                guard let head = try workspace.head() else { return nil }
                try repository.setReference(DossierReferences.outgoing, to: head.id, message: "dossier: to send")
                return head.id
            }
            if !report.conflicts.isEmpty { return report }
            guard let outgoing else { return report }
            try uploadMedia(remote, outgoing: outgoing, report: &report)
            if try push(remote, outgoing: outgoing, report: &report, rejection: &rejection) { return report }
        }
        // Someone pushed between each of our fetches and pushes: what was merged stays saved here.
        throw SyncError.remoteKeptChanging
    }

    /// Under the dossier's lock: the work to exchange is saved, on `main`, with no conflict open.
    private func checkReadyToIntegrate() throws {
        try checkOnMain()
        if let state = try MergeMarker.load(repository), !state.open.isEmpty {
            throw SyncError.conflictsOpen(state.open.count)
        }
        let unsaved = try workspace.changedFiles().count
        guard unsaved == 0 else { throw SyncError.unsavedChanges(unsaved) }
    }

    /// Sync exchanges `main` only: saves on another branch (or a detached HEAD) would be neither
    /// sent nor merged, so it refuses and says how to come back.
    func checkOnMain() throws {
        guard repository.headIsSymbolic else { throw SyncError.notOnMain(branch: nil) }
        let branch = repository.currentBranch() ?? "main"
        guard branch == "main" else { throw SyncError.notOnMain(branch: branch) }
    }

    // MARK: fetch

    /// Fetches the remote's `main` into a holding reference (checked before it becomes the
    /// tracking branch) and its submission tags into a mirror namespace, never into `refs/tags`.
    /// Fetches through an anonymous remote for the same URL: libgit2 would otherwise also apply
    /// the configured refspecs and move `origin/main` before the incoming work is checked.
    private func fetch(_ remote: Remote) throws {
        // The Région's decisions are written by its hub only: taken as they are, never pushed. Its
        // catalogue is checked before it is used (`checkCatalogue`), never pushed either.
        let refspecs = ["+\(DossierReferences.main):\(DossierReferences.incoming)", SubmissionTag.refspec(into: DossierReferences.remoteSubmissionsPrefix),
                        "+\(DossierReferences.decisions):\(DossierReferences.decisions)", Self.catalogueRefspec,
                        ProposalTag.refspec(into: DossierReferences.remoteProposalsPrefix)]
        let anonymous = try repository.anonymousRemote(url: remote.url)
        // What the remote no longer has (a ref the hub deleted) must not be checked again.
        try? repository.deleteReference(DossierReferences.incomingCatalogue)
        try transfer(anonymous) { callbacks in try anonymous.fetch(refspecs: refspecs, callbacks: callbacks) }
    }

    /// Runs a transfer with credentials, host-key checks and progress, mapping failures to `RemoteError`.
    func transfer(_ remote: Remote, _ body: (TransferCallbacks) throws -> Void) throws {
        try RemoteTransfer(options: options.remote, relativeTo: workspace.root, progress: options.progress).run(remote, body)
    }
}
