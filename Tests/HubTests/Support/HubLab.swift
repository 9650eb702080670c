import DossierCore
import Foundation
import Git
import Hub
import Remote
import Testing
import TestServers

let labAuthor = testAuthor

/// A CFA of the lab: its working dossier and the bare repository it syncs to.
struct LabCFA {
    let uai: String
    let dossier: URL
    let remote: BareRemote
    /// What the hub registers: the remote's path, or its URL on the lab's HTTP server.
    let url: String
}

/// One test's world: a hub (library API) in a temporary folder, CFAs made with the `dossier`
/// binary syncing to bare remotes (on disk, or served by a smart-HTTP server), and an isolated git.
final class HubLab: @unchecked Sendable {
    let folder: TestServers.TemporaryFolder
    let git: GitCLI
    let binary: String
    let catalogue: Catalogue
    let hub: Hub
    private var server: SmartHTTPServer?

    init() throws {
        folder = try TestServers.TemporaryFolder(prefix: "hub-tests")
        git = try GitCLI()
        binary = try DossierBinary.path()
        catalogue = try Catalogue.builtin()
        hub = try Hub.create(at: folder.path + "/hub", catalogue: catalogue)
        try folder.makeFolder("home")
    }

    deinit { server?.stop() }

    var hubPath: String { hub.root }

    /// The lab's smart-HTTP server, started on first use.
    func httpServer() throws -> SmartHTTPServer {
        if let server { return server }
        let started = try SmartHTTPServer(git: git, workers: 2)
        server = started
        return started
    }

    /// The environment of every `dossier` run (no user config, credentials for the lab's server).
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = TestEnvironment.minimal(home: folder.appending("home"))
        environment["DOSSIER_KNOWN_HOSTS"] = folder.path + "/home/known_hosts"
        if let server {
            environment["DOSSIER_USER"] = server.user
            environment["DOSSIER_TOKEN"] = server.password
        }
        return environment.merging(extra) { $1 }
    }

    @discardableResult
    func dossier(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]) throws -> ProcessResult {
        try whileRelinked {
            try ProcessRunner.run(binary, arguments, in: directory ?? folder.url, environment: environment(extra), timeout: 120)
        }
    }

    @discardableResult
    func dossierOK(_ arguments: [String], in directory: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let result = try dossier(arguments, in: directory)
        try #require(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return result
    }

    /// A CFA from a sample dossier, synced to a bare remote of its own (served over HTTP when
    /// `http`), registered at the hub under `registeredAs` (default: its own UAI).
    @discardableResult
    func addCFA(_ uai: String, sample: String = "batiment-caen", http: Bool = false, registeredAs: String? = nil,
                register: Bool = true) throws -> LabCFA {
        let name = "cfa-\(uai)"
        try dossierOK(["init", name, "--uai", uai, "--name", "CFA \(uai)", "--author", labAuthor,
                       "--from", TestServers.sample(sample).path])
        let remote: BareRemote, url: String
        if http {
            let server = try httpServer()
            remote = try server.createRepository(uai)
            url = server.url(for: uai)
        } else {
            remote = try BareRemote.create(at: folder.appending("remotes/\(uai).git"), git: git)
            url = remote.path
        }
        let cfa = LabCFA(uai: uai, dossier: folder.appending(name), remote: remote, url: url)
        try dossierOK(["remote", "set", remote.path], in: cfa.dossier)  // the CFA itself syncs on disk
        try dossierOK(["sync"], in: cfa.dossier)
        if register { _ = try hub.register(uai: registeredAs ?? uai, url: url, name: "CFA \(uai)") }
        return cfa
    }

    /// `dossier submit BADGES` then `dossier sync`.
    func submit(_ cfa: LabCFA, _ badges: String...) throws {
        try dossierOK(["submit"] + badges + ["-m", "demande", "--author", labAuthor], in: cfa.dossier)
        try dossierOK(["sync"], in: cfa.dossier)
    }

    /// A reconcile through the library, with the lab server's credentials.
    func reconcile(jobs: Int = 2, timeout: TimeInterval = 30, now: Date = Date(), only: [String]? = nil,
                   on hub: Hub? = nil) throws -> ReconcileReport {
        var credentials = ["HOME": folder.path + "/home"]
        if let server {
            credentials["DOSSIER_USER"] = server.user
            credentials["DOSSIER_TOKEN"] = server.password
        }
        var options = Reconciler.Options(jobs: jobs, transfer: Self.transferOptions(environment: credentials, timeout: timeout))
        options.now = now
        return try Reconciler(hub: hub ?? self.hub, options: options).run(only: only)
    }

    /// Connection settings for the library: credentials and known hosts from `environment`, a
    /// time-out that fails the test if it ever fires outside the reconciler (which handles its own).
    static func transferOptions(environment: [String: String] = ProcessInfo.processInfo.environment,
                                timeout: TimeInterval = RemoteOptions.defaultTimeout) -> RemoteOptions {
        RemoteOptions(credentials: CredentialSource(environment: environment, home: environment["HOME"]),
                      knownHosts: .standard(environment: environment, home: environment["HOME"] ?? "/nonexistent"),
                      timeout: timeout) { error in Issue.record("no answer from the remote: \(error)") }
    }

    /// `dossier hub reconcile --json` on the lab's hub, with its peak memory.
    func reconcileCLI(_ arguments: [String] = [], environment extra: [String: String] = [:]) throws -> MeasuredRun {
        try whileRelinked {
            try MeasuredRun(binary, ["hub", "reconcile", "--json", "--hub", hubPath] + arguments,
                            environment: environment(extra), timeout: 120)
        }
    }

    /// Everything the store holds, for before/after comparisons.
    func storeContent(of hub: Hub? = nil) throws -> StoreContent {
        try (hub ?? self.hub).store.read { tx in
            let submissions = try tx.submissions(uai: nil, badge: nil)
            return StoreContent(cfas: try tx.cfas(), submissions: submissions,
                                evidence: try submissions.map { try tx.evidence(submission: $0.id ?? -1) },
                                audit: try tx.audit(uai: nil), awards: try tx.awards(uai: nil))
        }
    }

    /// The refs of a CFA's mirror (git CLI).
    func mirrorRefs(_ uai: String, of hub: Hub? = nil) throws -> [String: String] {
        try BareRemote(existingAt: URL(fileURLWithPath: (hub ?? self.hub).mirrorPath(uai)), git: git).refs()
    }

    func mirror(_ uai: String) -> BareRemote {
        BareRemote(existingAt: URL(fileURLWithPath: hub.mirrorPath(uai)), git: git)
    }

    /// The review store's rows about one CFA.
    func submissions(_ uai: String) throws -> [Submission] { try hub.store.read { try $0.submissions(uai: uai, badge: nil) } }
    func record(_ uai: String) throws -> CFARecord? { try hub.store.read { try $0.cfa(uai) } }
    /// Why the CFA's last reconcile failed, in `lang`; nil when it did not.
    func failure(_ uai: String, _ lang: Lang = .en) throws -> String? {
        guard let record = try record(uai), record.hasFailed else { return nil }
        return HubReason.line(record.failureReasons, lang)
    }
    func audit(_ uai: String, action: String) throws -> [AuditEntry] {
        try hub.store.read { try $0.audit(uai: uai) }.filter { $0.action == action }
    }

    /// A region member and a badgeons member whose approvals reach the default quorum.
    func addReviewers() throws {
        _ = try hub.addMember(id: "region-1", role: .region, uai: nil)
        _ = try hub.addMember(id: "badgeons-1", role: .badgeons, uai: nil)
    }

    /// Approvals by both reviewers, then the Région's award on `day`.
    @discardableResult
    func award(_ uai: String, _ badge: String, day: String = "2026-01-15") throws -> Award {
        try hub.vote(uai: uai, badge: badge, memberID: "region-1", verdict: .approve, reason: "complet")
        try hub.vote(uai: uai, badge: badge, memberID: "badgeons-1", verdict: .approve, reason: "conforme")
        return try hub.award(uai: uai, badge: badge, memberID: "region-1", day: try #require(Day(day)))
    }
}

/// The whole review store at one moment.
struct StoreContent: Equatable {
    var cfas: [CFARecord]
    var submissions: [Submission]
    var evidence: [[EvidenceRecord]]
    var audit: [AuditEntry]
    var awards: [Award]

    /// The same content with row ids and insertion order left out (parallel runs insert in any order).
    var normalized: [String] {
        func line<T: Encodable>(_ value: T) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            encoder.dateEncodingStrategy = .iso8601
            return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
        }
        var lines = cfas.map { "cfa " + line($0) }
        for (submission, evidence) in zip(submissions, evidence) {
            var stripped = submission
            stripped.id = nil
            lines.append("submission " + line(stripped) + " evidence " + line(evidence.map { row -> EvidenceRecord in
                var row = row
                row.submissionID = 0
                return row
            }))
        }
        lines += audit.map { entry in
            var entry = entry
            entry.id = nil
            entry.submissionID = nil
            return "audit " + line(entry)
        }
        return lines.sorted()
    }
}

/// Runs `start`, again for up to 30 s while it fails with "Text file busy": a `swift build`
/// elsewhere is relinking the binary (the .build folder is shared).
func whileRelinked<T>(_ start: () throws -> T) throws -> T {
    let deadline = Date().addingTimeInterval(30)
    while true {
        do {
            return try start()
        } catch let error as TestServerError where error.message.contains("Text file busy") {
            guard Date() < deadline else { throw error }
            usleep(100_000)
        }
    }
}
