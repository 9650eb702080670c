import Foundation
import Testing
import TestServers

// Helpers for the hub's end-to-end tests (HubJourneyTests, HubCommandTests). They build on
// DossierRunner.swift: the built binary, sandboxes, the git CLI. JSON shapes: HubShapes.swift.

/// One of the three sample CFAs.
struct SampleCFA: Sendable, CustomStringConvertible {
    /// Its dossier folder in the sandbox.
    let folder: String
    let uai: String
    let name: String
    let sample: String
    let author: String

    static let caen = SampleCFA(folder: "cfa-caen", uai: "0141234R", name: "CFA du Bâtiment de Caen", sample: "batiment-caen",
                                author: "Camille Martin <camille.martin@cfa-caen.example.fr>")
    static let rouen = SampleCFA(folder: "cfa-rouen", uai: "0761234D", name: "CFA des Métiers de Bouche de Rouen",
                                 sample: "boulangerie-rouen", author: "Hugo Leroy <hugo.leroy@cfa-rouen.example.fr>")
    static let evreux = SampleCFA(folder: "cfa-evreux", uai: "0271234V", name: "CFA Interprofessionnel d'Évreux",
                                  sample: "multi-metiers-evreux", author: "Inès Petit <ines.petit@cfa-evreux.example.fr>")
    static let all = [caen, rouen, evreux]

    /// Caen's ten ready badges (the five mandatory among them), in catalogue order.
    static let caenReadyBadges = ["prospection", "attractivite", "accessibilite", "apprentis", "tutorat", "plan-formation",
                                  "referent-numerique", "espaces-innovants", "expertise-outils", "ressources"]

    var description: String { "\(folder) (\(uai))" }
}

/// The Région's hub (folder `hub`) and the CFAs' dossiers in one sandbox. Every `dossier` run gets
/// `DOSSIER_TODAY` (the hub's and the CFAs' "today") and the extra environment (credentials).
struct HubLab {
    let box: Sandbox
    let today: String
    let environment: [String: String]

    /// The day every hub test takes for "today".
    static let defaultToday = "2027-01-10"

    init(box: Sandbox, today: String = HubLab.defaultToday, environment: [String: String] = [:]) {
        self.box = box
        self.today = today
        self.environment = environment
    }

    var hubFolder: URL { box.url("hub") }
    func folder(_ cfa: SampleCFA) -> URL { box.url(cfa.folder) }

    // MARK: running

    @discardableResult
    func run(_ arguments: [String], in folder: URL, lang: String = "C.UTF-8") throws -> RunResult {
        try box.dossier(arguments, in: folder, lang: lang, environment: environment.merging(["DOSSIER_TODAY": today]) { $1 })
    }

    @discardableResult
    func runOK(_ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let result = try run(arguments, in: folder)
        try #require(result.status == 0, "command failed: \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// `dossier hub ARGS`, in the hub folder.
    @discardableResult
    func hub(_ arguments: [String], lang: String = "C.UTF-8") throws -> RunResult {
        try run(["hub"] + arguments, in: hubFolder, lang: lang)
    }

    @discardableResult
    func hubOK(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        try runOK(["hub"] + arguments, in: hubFolder, sourceLocation: sourceLocation)
    }

    @discardableResult
    func cfa(_ cfa: SampleCFA, _ arguments: [String]) throws -> RunResult { try run(arguments, in: folder(cfa)) }

    @discardableResult
    func cfaOK(_ cfa: SampleCFA, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        try runOK(arguments, in: folder(cfa), sourceLocation: sourceLocation)
    }

    /// The git CLI in a CFA's dossier; must succeed.
    @discardableResult
    func git(_ cfa: SampleCFA, _ arguments: [String]) throws -> String { try box.gitOK(arguments, in: folder(cfa)) }

    // MARK: setting up

    /// `dossier hub init hub`, with the hub's default quorum.
    func createHub(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runOK(["hub", "init", "hub"], in: box.root, sourceLocation: sourceLocation)
    }

    /// A CFA's dossier from its sample, its remote set, and a first sync.
    func prepare(_ cfa: SampleCFA, remote: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runOK(["init", cfa.folder, "--uai", cfa.uai, "--name", cfa.name, "--from", sample(cfa.sample).path,
                   "--author", cfa.author], in: box.root, sourceLocation: sourceLocation)
        try cfaOK(cfa, ["remote", "set", remote], sourceLocation: sourceLocation)
        try sync(cfa, sourceLocation: sourceLocation)
    }

    /// `dossier submit BADGES -m MESSAGE`; returns each badge's submission tag.
    func submit(_ cfa: SampleCFA, _ badges: [String], message: String,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        let result = try cfaOK(cfa, ["submit"] + badges + ["-m", message, "--author", cfa.author], sourceLocation: sourceLocation)
        var tags: [String: String] = [:]
        for line in result.stdoutLines {
            guard let range = line.range(of: #"submissions/[a-z-]+/\d{4}-\d{2}-\d{2}-\d+"#, options: .regularExpression) else { continue }
            let tag = String(line[range])
            tags[String(tag.split(separator: "/")[1])] = tag
        }
        try #require(Set(tags.keys) == Set(badges), "submit did not name a tag per badge: \(result)", sourceLocation: sourceLocation)
        return tags
    }

    /// `dossier sync --json`, which must exit 0.
    @discardableResult
    func sync(_ cfa: SampleCFA, sourceLocation: SourceLocation = #_sourceLocation) throws -> SyncReportJSON {
        try cfaOK(cfa, ["sync", "--json"], sourceLocation: sourceLocation).json(SyncReportJSON.self)
    }

    /// `dossier save -m MESSAGE`, which must save something.
    func save(_ cfa: SampleCFA, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let saved = try cfaOK(cfa, ["save", "-m", message, "--author", cfa.author, "--json"], sourceLocation: sourceLocation)
            .json(SaveOutput.self)
        try #require(saved.saved, "nothing was saved", sourceLocation: sourceLocation)
    }

    /// Adds the peer group the tests use: a pilot CFA's member for Caen and one for Rouen, one of
    /// « Badgeons la Normandie », one of the Région.
    func addPeerGroup(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try hubOK(["member", "add", Member.paul, "--role", "cfa-pilote", "--uai", SampleCFA.caen.uai], sourceLocation: sourceLocation)
        try hubOK(["member", "add", Member.claire, "--role", "cfa-pilote", "--uai", SampleCFA.rouen.uai], sourceLocation: sourceLocation)
        try hubOK(["member", "add", Member.marc, "--role", "badgeons"], sourceLocation: sourceLocation)
        try hubOK(["member", "add", Member.sophie, "--role", "region"], sourceLocation: sourceLocation)
    }

    /// Member ids of the peer group.
    enum Member {
        /// cfa-pilote for Caen.
        static let paul = "paul.caen"
        /// cfa-pilote for Rouen.
        static let claire = "claire.rouen"
        static let marc = "marc.badgeons"
        static let sophie = "sophie.region"
    }

    // MARK: reading the hub

    /// `hub reconcile --json` (any exit code) and its report.
    func reconcile() throws -> (result: RunResult, report: ReconcileJSON) {
        let result = try hub(["reconcile", "--json"])
        return (result, try result.json(ReconcileJSON.self))
    }

    func queue() throws -> [QueueEntryJSON] { try hubOK(["queue", "--json"]).json(QueueJSON.self).submissions }

    func label(_ uai: String) throws -> LabelJSON { try hubOK(["label", uai, "--json"]).json(LabelJSON.self) }

    func export() throws -> ExportJSON { try hubOK(["export", "--format", "json"]).json(ExportJSON.self) }

    func audit(_ uai: String? = nil) throws -> [AuditEntryJSON] {
        try hubOK(["log"] + (uai.map { [$0] } ?? []) + ["--json"]).json(AuditJSON.self).entries
    }

    /// The CFA's view of the Région's decisions (`status --json`).
    func decisions(_ cfa: SampleCFA) throws -> CFADecisionsJSON {
        try cfaOK(cfa, ["status", "--json"]).json(CFADecisionsJSON.self)
    }

    /// Everything the review store shows: the export, the operation log, the queue, the registry and
    /// the peer group. Equal before and after a refused command when it changed nothing.
    func storeState() throws -> String {
        var parts: [String] = []
        for arguments in [["export", "--format", "json"], ["log", "--json"], ["queue", "--json"], ["cfas", "--json"],
                          ["member", "list", "--json"]] {
            parts.append(try hubOK(arguments).stdout)
        }
        return parts.joined(separator: "\n")
    }

    /// Runs `dossier hub ARGS` (in the hub folder, or `folder`) and expects a refusal: the exit
    /// status, one line on stderr holding `message`, nothing on stdout, the review store unchanged.
    @discardableResult
    func expectRefused(_ arguments: [String], status: Int32 = 1, saying message: String, lang: String = "C.UTF-8",
                       in folder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let before = try storeState()
        let result = try run(["hub"] + arguments, in: folder ?? hubFolder, lang: lang)
        #expect(result.status == status, "exit status: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "one line on stderr: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "the message «\(message)»: \(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "nothing on stdout: \(result)", sourceLocation: sourceLocation)
        let after = try storeState().components(separatedBy: "\n"), lines = before.components(separatedBy: "\n")
        let unchanged = after == lines
        let first = (0..<min(lines.count, after.count)).first { lines[$0] != after[$0] } ?? min(lines.count, after.count)
        #expect(unchanged, """
            the refused `hub \(arguments.joined(separator: " "))` changed the review store, from line \(first + 1): \
            «\(lines.indices.contains(first) ? lines[first] : "")» → «\(after.indices.contains(first) ? after[first] : "")»
            """, sourceLocation: sourceLocation)
        return result
    }
}

// MARK: - Dates

/// `YYYY-MM-DD` plus whole years, as the catalogue's validity counts them (29 February → 28).
func day(_ text: String, plusYears years: Int) -> String {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    let year = parts[0] + years
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let dayOfMonth = parts[1] == 2 && parts[2] == 29 && !leap ? 28 : parts[2]
    return String(format: "%04d-%02d-%02d", year, parts[1], dayOfMonth)
}

/// Whether a text is an ISO 8601 calendar date, `YYYY-MM-DD`.
func isISODay(_ text: String?) -> Bool {
    guard let text else { return false }
    return text.range(of: #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"#, options: .regularExpression) != nil
}
