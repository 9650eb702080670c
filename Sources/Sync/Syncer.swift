import DossierCore
import DossierRepository
import Foundation
import Git

/// Exchanges a dossier with the Région's remote: fetch, fast-forward or structured merge, push
/// of `main` and the submission tags. libgit2 has no pull; this is it.
public final class Syncer {
    public let workspace: Workspace
    public var options: Options

    /// How to reach the remote.
    public struct Options {
        public var credentials = CredentialSource()
        public var acceptNewHost = false
        public var knownHosts = KnownHosts.standard()
        /// Receives transfer progress (nil: silent).
        public var progress: ((TransferProgress) -> Void)?
        /// Seconds without any answer from the server before giving up as unreachable.
        public var timeout = TransferWatchdog.seconds(environment: ProcessInfo.processInfo.environment)
        /// The language of the time-out message (printed as the process exits).
        public var lang = Lang.from(environment: ProcessInfo.processInfo.environment)
        public init() {}
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
        /// Submission tags that differ on the remote: reported, never overwritten.
        public var tampered: [String] = []
        /// Evidence files kept in both versions by the merge.
        public var keptBothVersions: [String] = []
    }

    static let remoteName = "origin"
    static let branch = "refs/heads/main"
    static let trackingBranch = "refs/remotes/origin/main"
    static let remoteSubmissions = "refs/dossier/origin/submissions/"
    static let incomingBranch = "refs/dossier/incoming/main"

    public init(workspace: Workspace, options: Options = Options()) {
        self.workspace = workspace
        self.options = options
    }

    var repository: Repository { workspace.repository }

    /// Fetches, merges, and pushes; stops with conflicts (exit 4) when a person must choose.
    public func sync() throws -> Report {
        let lock = try RepositoryLock(gitDirectory: repository.gitDirectory)
        defer { withExtendedLifetime(lock) {} }
        try MergeJournal.recover(workspace: workspace)
        if let state = try MergeState.load(gitDirectory: repository.gitDirectory), !state.open.isEmpty {
            throw SyncError.conflictsOpen(state.open.count)
        }
        let unsaved = try workspace.changedFiles().count
        guard unsaved == 0 else { throw SyncError.unsavedChanges(unsaved) }
        guard let remote = try repository.remote(named: Self.remoteName) else { throw SyncError.noRemote }

        var report = Report()
        for _ in 0..<3 {
            try fetch(remote)
            report.fetched = true
            try integrate(into: &report)
            if !report.conflicts.isEmpty { return report }
            if try push(remote, report: &report) { return report }
        }
        // Someone pushed between each of our fetches and pushes: what was merged stays saved here.
        throw SyncError.remoteRefused("the remote kept changing during the sync; run `dossier sync` again")
    }

    // MARK: fetch

    /// Fetches the remote's `main` into a holding reference (checked before it becomes the
    /// tracking branch) and its submission tags into a mirror namespace, never into `refs/tags`.
    /// Fetches through an anonymous remote for the same URL: libgit2 would otherwise also apply
    /// the configured refspecs and move `origin/main` before the incoming work is checked.
    private func fetch(_ remote: Remote) throws {
        let refspecs = ["+\(Self.branch):\(Self.incomingBranch)", "+refs/tags/submissions/*:\(Self.remoteSubmissions)*"]
        let anonymous = try repository.anonymousRemote(url: remote.url)
        try transfer(anonymous) { callbacks in try anonymous.fetch(refspecs: refspecs, callbacks: callbacks) }
    }

    /// Runs a transfer with credentials, host-key checks and progress, mapping failures to `SyncError`.
    func transfer(_ remote: Remote, _ body: (TransferCallbacks) throws -> Void) throws {
        let callbacks = TransferCallbacks()
        let address = try? RemoteAddress(remote.url, relativeTo: workspace.root)
        var hostProblem: SyncError?
        let watchdog = TransferWatchdog(
            seconds: options.timeout,
            message: SyncError.unreachable(url: remote.url, detail: options.lang.pick(
                fr: "aucune réponse depuis \(Int(options.timeout)) s", en: "no answer for \(Int(options.timeout)) s")).text(options.lang))
        defer { watchdog.stop() }
        callbacks.credentials = { [options] request in
            watchdog.answered()
            return options.credentials.credential(for: request)
        }
        callbacks.certificateCheck = { [options] certificate, host in
            watchdog.answered()
            switch certificate {
            case .sshHostKey(let type, let key, let sha256):
                let name = address?.knownHostsName ?? host
                switch options.knownHosts.verdict(host: name, key: key) {
                case .trusted: return true
                case .changed:
                    hostProblem = .hostKeyChanged(host: name)
                    return false
                case .unknown:
                    guard options.acceptNewHost else {
                        hostProblem = .unknownHost(host: name, fingerprint: Data(sha256).base64EncodedString().replacingOccurrences(of: "=", with: ""))
                        return false
                    }
                    try? options.knownHosts.add(host: name, keyType: KnownHosts.keyType(libssh2Type: type), key: key)
                    return true
                }
            case .x509(let valid), .other(let valid):
                return valid
            }
        }
        callbacks.progress = { [options] progress in
            watchdog.answered()
            options.progress?(progress)
        }
        // A path that is not there (an unmounted shared drive) is unreachable, not a bad URL.
        if let address, address.transport == .local {
            let path = address.url.hasPrefix("file://") ? String(address.url.dropFirst("file://".count)) : address.url
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw SyncError.unreachable(url: remote.url, detail: "no such folder")
            }
        }
        do {
            try body(callbacks)
        } catch let error as GitError {
            if let hostProblem { throw hostProblem }
            if callbacks.authenticationRefused || error.isAuthenticationFailure { throw SyncError.authenticationRefused(url: remote.url) }
            if error.isNetworkFailure { throw SyncError.unreachable(url: remote.url, detail: error.message) }
            let lower = error.message.lowercased()
            if ["pack", "eof", "corrupt", "inflate", "checksum", "object"].contains(where: lower.contains) {
                throw SyncError.corruptTransfer(error.message)
            }
            throw DossierError(.git(error.message))
        }
    }
}
