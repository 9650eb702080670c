import Foundation
import Testing
import TestServers
#if canImport(Glibc)
import Glibc
#endif

// Helpers for the sync end-to-end tests (SyncMergeTests, SyncConvergenceTests, SyncBadInputTests,
// SyncSubmissionTests). They build on DossierRunner.swift: the built binary, sandboxes, the git CLI.

// MARK: - A remote and its clones

/// One CFA's dossier shared through the Région's remote: a bare repository made with the git CLI
/// (`git init --bare -b main`) and clones of the dossier beside it, all inside one folder of a sandbox.
struct SyncLab {
    let box: Sandbox
    /// The folder holding the remote and the clones (relative to the sandbox root).
    let folder: String

    var root: URL { box.url(folder) }
    var remote: URL { root.appendingPathComponent("region.git") }

    /// Creates the remote, a first clone `names[0]` (`dossier init --from sample`, `remote set`,
    /// `sync`), then each other name with `dossier clone`.
    static func start(in box: Sandbox, folder: String = "lab", names: [String] = ["a", "b"],
                      sample sampleName: String = "batiment-caen") throws -> SyncLab {
        let lab = SyncLab(box: box, folder: folder)
        try FileManager.default.createDirectory(at: lab.root, withIntermediateDirectories: true)
        try box.gitOK(["init", "--quiet", "--bare", "-b", "main", lab.remote.path], in: lab.root)
        let first = try #require(names.first)
        try box.dossierOK(["init", first, "--uai", "0141234R", "--name", "CFA du Bâtiment de Caen",
                           "--from", sample(sampleName).path, "--author", lab.author(first)], in: lab.root)
        try box.dossierOK(["remote", "set", "../region.git"], in: lab.clone(first))
        try lab.syncOK(first)
        for name in names.dropFirst() { try box.dossierOK(["clone", "region.git", name], in: lab.root) }
        return lab
    }

    func clone(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Each clone saves under its own author, so that `git log` tells them apart.
    func author(_ name: String) -> String { "Poste \(name.uppercased()) <poste.\(name)@cfa.example.fr>" }

    // MARK: commands

    @discardableResult
    func dossier(_ name: String, _ arguments: [String]) throws -> RunResult { try box.dossier(arguments, in: clone(name)) }

    @discardableResult
    func dossierOK(_ name: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let result = try box.dossier(arguments, in: clone(name))
        try #require(result.status == 0, "command failed: \(result)", sourceLocation: sourceLocation)
        return result
    }

    /// `dossier save -m MESSAGE --author …`, which must succeed and save something.
    func save(_ name: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try dossierOK(name, ["save", "-m", message, "--author", author(name), "--json"], sourceLocation: sourceLocation)
        let saved = try result.json(SaveOutput.self)
        try #require(saved.saved, "nothing was saved: \(result)", sourceLocation: sourceLocation)
    }

    /// `dossier sync --json` (any exit code).
    func sync(_ name: String) throws -> (result: RunResult, report: SyncReportJSON?) {
        let result = try dossier(name, ["sync", "--json"])
        let report = result.stdoutData.isEmpty ? nil : try? JSONDecoder().decode(SyncReportJSON.self, from: result.stdoutData)
        return (result, report)
    }

    /// `dossier sync --json`, which must exit 0.
    @discardableResult
    func syncOK(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SyncReportJSON {
        let result = try dossier(name, ["sync", "--json"])
        try #require(result.status == 0, "sync failed: \(result)", sourceLocation: sourceLocation)
        return try result.json(SyncReportJSON.self)
    }

    func status(_ name: String) throws -> SyncStatusJSON { try dossierOK(name, ["status", "--json"]).json(SyncStatusJSON.self) }

    // MARK: git

    func git(_ name: String, _ arguments: [String]) throws -> String { try box.gitOK(arguments, in: clone(name)) }
    func remoteGit(_ arguments: [String]) throws -> String { try box.gitOK(arguments, in: remote) }

    func remoteMain() throws -> String { try remoteGit(["rev-parse", "refs/heads/main"]) }
    func remoteRefs() throws -> [String: String] { try refs(in: remote) }
    func head(_ name: String) throws -> String { try git(name, ["rev-parse", "HEAD"]) }
    func headTree(_ name: String) throws -> String { try git(name, ["rev-parse", "HEAD^{tree}"]) }
    func refs(_ name: String) throws -> [String: String] { try refs(in: clone(name)) }

    /// `git rev-list --parents -n1 HEAD`: the commit and its parents.
    func parents(_ name: String, of revision: String = "HEAD") throws -> [String] {
        Array(try git(name, ["rev-list", "--parents", "-n1", revision]).split(separator: " ").map(String.init).dropFirst())
    }

    /// Every ref (`git for-each-ref`) of a repository: name → object id.
    func refs(in repository: URL) throws -> [String: String] {
        let output = try box.gitOK(["for-each-ref", "--format=%(refname) %(objectname)"], in: repository)
        var refs: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { refs[String(parts[0])] = String(parts[1]) }
        }
        return refs
    }

    /// `git fsck --strict` is clean in each clone and in the remote.
    func expectFsckClean(_ names: [String], remote checkRemote: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var repositories = names.map(clone)
        if checkRemote { repositories.append(remote) }
        for repository in repositories {
            let fsck = try box.git(["fsck", "--strict", "--no-progress"], in: repository)
            #expect(fsck.status == 0 && !fsck.stdout.contains("error"), "git fsck --strict in \(repository.lastPathComponent): \(fsck)",
                    sourceLocation: sourceLocation)
        }
    }

    /// The subjects of the remote's `git log main`.
    func remoteLogSubjects() throws -> [String] {
        try remoteGit(["log", "--format=%s", "refs/heads/main"]).split(separator: "\n").map(String.init)
    }

    // MARK: files

    func file(_ name: String, _ relative: String) -> URL { clone(name).appendingPathComponent(relative) }
    func claimURL(_ name: String, _ badge: String) -> URL { file(name, "badges/\(badge)/claim.yaml") }

    /// The claim of `badge` in the working files of a clone.
    func claim(_ name: String, _ badge: String) throws -> ClaimData { try ClaimData.parse(readText(claimURL(name, badge))) }

    /// The claim of `badge` in a saved revision of a clone (read with `git show`, not through the product).
    func claim(_ name: String, _ badge: String, at revision: String) throws -> ClaimData {
        try ClaimData.parse(git(name, ["show", "\(revision):badges/\(badge)/claim.yaml"]) + "\n")
    }

    /// Every claim of the working files of a clone, by badge.
    func claims(_ name: String) throws -> [String: ClaimData] {
        var result: [String: ClaimData] = [:]
        let badges = clone(name).appendingPathComponent("badges")
        for badge in try FileManager.default.contentsOfDirectory(atPath: badges.path).sorted() {
            let url = badges.appendingPathComponent(badge).appendingPathComponent("claim.yaml")
            if FileManager.default.fileExists(atPath: url.path) { result[badge] = try ClaimData.parse(readText(url)) }
        }
        return result
    }

    /// The working files of a clone, without `.git/`.
    func workingSnapshot(_ name: String) throws -> [String: FileState] {
        try snapshot(clone(name)).filter { !($0.key == ".git" || $0.key.hasPrefix(".git/")) }
    }

    /// No YAML file of a clone holds a conflict marker.
    func expectNoConflictMarkers(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (path, state) in try workingSnapshot(name) where path.hasSuffix(".yaml") {
            guard case .file(let data, _) = state else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for marker in ["<<<<<<<", ">>>>>>>", "|||||||"] {
                #expect(!text.contains(marker), "\(name)/\(path) holds a conflict marker \(marker):\n\(text)", sourceLocation: sourceLocation)
            }
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("=======") }, "\(name)/\(path) holds =======",
                    sourceLocation: sourceLocation)
        }
    }

    /// Writes a new evidence document outside the clones and returns its path.
    func document(_ name: String, _ text: String) throws -> URL {
        try box.write(text, to: "\(folder)/inbox/\(name)")
    }

    /// The open conflicts' badges, `dossier` for dossier.yaml (as `dossier resolve` names them).
    func conflictedBadges(_ name: String) throws -> [String] {
        var badges: [String] = []
        for conflict in try status(name).conflicts where !badges.contains(conflict.badge ?? "dossier") {
            badges.append(conflict.badge ?? "dossier")
        }
        return badges
    }
}

// MARK: - JSON shapes of the sync commands

struct ConflictJSON: Decodable, Equatable, CustomStringConvertible {
    let file: String
    let badge: String?
    let evidence: String?
    let field: String
    let ours: String?
    let theirs: String?
    let theirsKeptAs: String?

    var description: String {
        "\(badge ?? file)\(evidence.map { "/\($0)" } ?? "") \(field): ours \(ours ?? "nil"), theirs \(theirs ?? "nil")"
    }
}

struct SyncReportJSON: Decodable {
    let fetched: Bool
    let merged: Bool
    let fastForwarded: Bool
    let pushed: Bool
    let conflicts: [ConflictJSON]
    let incoming: DiffOutput?
    let sentSaves: Int
    let sentSubmissions: [String]
    let receivedSubmissions: [String]
    let tampered: [String]
    let keptBothVersions: [String]
}

struct SyncStatusJSON: Decodable {
    let clean: Bool
    let lastSave: String?
    let remote: String?
    let unsyncedSaves: Int
    let unpushedSubmissions: [String]
    let conflicts: [ConflictJSON]
}

// MARK: - Claims read with a small YAML reader of our own

/// One evidence entry as written in claim.yaml.
struct EvidenceData: Equatable, CustomStringConvertible {
    var id: String
    var title: String?
    var criterion: String?
    var file: String?
    var sha256: String?
    var size: Int?
    var url: String?
    var kind: String?

    /// `kind` defaults to `web` for a link.
    var effectiveKind: String? { url == nil ? kind : (kind ?? "web") }

    /// Field by field, with the defaults applied.
    func sameFields(as other: EvidenceData) -> Bool {
        id == other.id && title == other.title && criterion == other.criterion && file == other.file
            && sha256 == other.sha256 && size == other.size && url == other.url && effectiveKind == other.effectiveKind
    }

    var description: String {
        "\(id) «\(title ?? "")» → \(criterion ?? "?") \(file ?? url ?? "")\(sha256.map { " \($0.prefix(7))" } ?? "")"
    }
}

/// A claim as written in claim.yaml: enough YAML for the tool's output and the samples (block
/// mappings, a literal block for the narrative, a block sequence of evidence, plain / single- /
/// double-quoted scalars). Independent of the product's YAML code.
struct ClaimData: Equatable {
    var status: String?
    var narrative: String?
    var level: Int?
    var coverage: String?
    var evidence: [EvidenceData] = []

    var effectiveStatus: String { status ?? "draft" }
    var effectiveNarrative: String { narrative ?? "" }
    var evidenceIDs: [String] { evidence.map(\.id) }

    func entry(_ id: String) -> EvidenceData? { evidence.first { $0.id == id } }

    /// The differences with another claim, field by field, evidence matched by id (their order is
    /// not compared). Empty when equivalent.
    func differences(from other: ClaimData) -> [String] {
        var result: [String] = []
        if effectiveStatus != other.effectiveStatus { result.append("status \(effectiveStatus) ≠ \(other.effectiveStatus)") }
        if effectiveNarrative != other.effectiveNarrative {
            result.append("narrative «\(effectiveNarrative)» ≠ «\(other.effectiveNarrative)»")
        }
        if level != other.level { result.append("level \(level.map(String.init) ?? "none") ≠ \(other.level.map(String.init) ?? "none")") }
        if coverage != other.coverage { result.append("coverage \(coverage ?? "none") ≠ \(other.coverage ?? "none")") }
        let mine = Dictionary(evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(other.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in Set(mine.keys).union(theirs.keys).sorted() {
            switch (mine[id], theirs[id]) {
            case (let a?, let b?) where !a.sameFields(as: b): result.append("evidence \(a) ≠ \(b)")
            case (let a?, nil): result.append("evidence \(a) only on the left")
            case (nil, let b?): result.append("evidence \(b) only on the right")
            default: break
            }
        }
        return result
    }

    enum ParseError: Error, CustomStringConvertible {
        case unexpected(line: Int, text: String)
        var description: String {
            switch self { case .unexpected(let line, let text): "claim.yaml line \(line): cannot read «\(text)»" }
        }
    }

    static func parse(_ text: String) throws -> ClaimData {
        let lines = text.components(separatedBy: "\n")
        var claim = ClaimData()
        var index = 0
        func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        func isBlank(_ line: String) -> Bool {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
        while index < lines.count {
            let line = lines[index]
            if isBlank(line) || line == "---" { index += 1; continue }
            guard indentation(line) == 0, let (key, rest) = splitKey(line) else {
                throw ParseError.unexpected(line: index + 1, text: line)
            }
            index += 1
            switch key {
            case "narrative" where rest.hasPrefix("|"):
                var block: [String] = []
                while index < lines.count, lines[index].isEmpty || indentation(lines[index]) > 0 {
                    block.append(lines[index])
                    index += 1
                }
                let indent = block.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(indentation) ?? 0
                var body = block.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }
                while body.last?.isEmpty == true { body.removeLast() }
                let joined = body.joined(separator: "\n")
                claim.narrative = rest.hasPrefix("|-") || joined.isEmpty ? joined : joined + "\n"
            case "evidence":
                if rest == "[]" { continue }
                guard rest.isEmpty else { throw ParseError.unexpected(line: index, text: line) }
                var current: EvidenceData?
                var itemIndent = -1
                while index < lines.count, isBlank(lines[index]) || indentation(lines[index]) > 0 || lines[index].hasPrefix("-") {
                    let itemLine = lines[index]
                    index += 1
                    if isBlank(itemLine) { continue }
                    var body = itemLine.trimmingCharacters(in: .whitespaces)
                    let lineIndent = indentation(itemLine)
                    if body.hasPrefix("- ") {
                        if let current { claim.evidence.append(current) }
                        current = EvidenceData(id: "")
                        itemIndent = lineIndent
                        body = String(body.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                    } else if lineIndent <= itemIndent || current == nil {
                        throw ParseError.unexpected(line: index, text: itemLine)
                    }
                    guard let (field, value) = splitKey(body), current != nil else { throw ParseError.unexpected(line: index, text: itemLine) }
                    let scalar = try parseScalar(value, line: index)
                    switch field {
                    case "id": current!.id = scalar
                    case "title": current!.title = scalar
                    case "criterion": current!.criterion = scalar
                    case "file": current!.file = scalar
                    case "sha256": current!.sha256 = scalar
                    case "size": current!.size = Int(scalar)
                    case "url": current!.url = scalar
                    case "kind": current!.kind = scalar
                    default: throw ParseError.unexpected(line: index, text: itemLine)
                    }
                }
                if let current { claim.evidence.append(current) }
            default:
                let scalar = try parseScalar(rest, line: index)
                switch key {
                case "status": claim.status = scalar
                case "narrative": claim.narrative = scalar
                case "level": claim.level = Int(scalar)
                case "coverage": claim.coverage = scalar
                default: throw ParseError.unexpected(line: index, text: line)
                }
            }
        }
        return claim
    }

    /// `key: value` → (key, value); nil when the line is not a mapping entry.
    private static func splitKey(_ line: String) -> (String, String)? {
        guard let colon = line.range(of: ":") else { return nil }
        let key = String(line[..<colon.lowerBound]).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" "), !key.hasPrefix("\""), !key.hasPrefix("'") else { return nil }
        let after = line[colon.upperBound...]
        guard after.isEmpty || after.hasPrefix(" ") else { return nil }
        return (key, after.trimmingCharacters(in: .whitespaces))
    }

    /// A one-line scalar: double-quoted (with escapes), single-quoted, or plain (a ` #` starts a comment).
    private static func parseScalar(_ text: String, line: Int) throws -> String {
        if text.hasPrefix("\"") {
            var result = ""
            var iterator = text.dropFirst().makeIterator()
            while let character = iterator.next() {
                if character == "\"" { return result }
                guard character == "\\" else { result.append(character); continue }
                guard let escaped = iterator.next() else { break }
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\\": result.append("\\")
                case "\"": result.append("\"")
                case "/": result.append("/")
                case "0": result.append("\0")
                case "u", "x", "U":
                    let count = escaped == "x" ? 2 : (escaped == "u" ? 4 : 8)
                    var hex = ""
                    for _ in 0..<count { if let digit = iterator.next() { hex.append(digit) } }
                    guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw ParseError.unexpected(line: line, text: text)
                    }
                    result.unicodeScalars.append(scalar)
                default: result.append(escaped)
                }
            }
            throw ParseError.unexpected(line: line, text: text)
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw ParseError.unexpected(line: line, text: text) }
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if let comment = text.range(of: " #") { return String(text[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
        return text
    }
}

/// Changes one field (`title` or `criterion`) of one evidence entry of a claim.yaml, by hand,
/// as a person would in an editor: only that line is rewritten.
func editEvidence(_ url: URL, id: String, field: String, to value: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    var lines = try readText(url).components(separatedBy: "\n")
    func isItemStart(_ line: String) -> Bool { line.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
    func current(_ line: String, _ key: String) -> String? {
        var body = line.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("- ") { body = String(body.dropFirst(2)) }
        guard body.hasPrefix(key + ":") else { return nil }
        return body.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
    guard let start = lines.firstIndex(where: { current($0, "id") == id }) else {
        Issue.record("no evidence \(id) in \(url.path)", sourceLocation: sourceLocation)
        return
    }
    var index = start
    while index < lines.count {
        if index > start, isItemStart(lines[index]) || !lines[index].hasPrefix(" ") { break }
        if current(lines[index], field) != nil {
            let line = lines[index]
            let keyRange = try #require(line.range(of: field + ":"))
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines[index] = String(line[..<keyRange.upperBound]) + " \"\(escaped)\""
            try writeText(lines.joined(separator: "\n"), to: url)
            return
        }
        index += 1
    }
    Issue.record("no \(field) for evidence \(id) in \(url.path)", sourceLocation: sourceLocation)
}

// MARK: - Dates and snapshots

/// Today as the submission tags name it (Europe/Paris).
func submissionDay(_ date: Date = Date()) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Europe/Paris")
    return formatter.string(from: date)
}

/// The snapshot of a whole clone (with `.git/`) without the sync lock: `.git/dossier/lock` is an
/// empty file that every sync takes with flock(2), created the first time; it holds nothing, so a
/// failed sync may create it (and its folder) without counting as a change.
func snapshotWithoutLock(_ root: URL) throws -> [String: FileState] {
    // The stat cache `check` keeps (.git/dossier/digests) is a cache, not the dossier's state.
    try snapshot(root).filter { $0.key != ".git/dossier/lock" && $0.key != ".git/dossier" && $0.key != ".git/dossier/digests" }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then released). Never one whose number
/// holds « 401 »: the product takes any message with « 401 » for an authentication failure (a bug
/// with its own test, SyncOfflineTests.unreachableWith401).
func closedLocalPort() throws -> Int {
    for _ in 0..<20 {
        let port = try FreePort.find()
        if !String(port).contains("401") { return port }
    }
    Issue.record("no free port without 401")
    return try FreePort.find()
}

/// A sandbox whose path holds no « 401 »: the product takes any error message holding « 401 » for an
/// authentication failure (see SyncOfflineTests.unreachableWith401), and messages hold the remote's
/// path, so a random folder name must not decide an exit code.
func syncSandbox() throws -> Sandbox {
    for _ in 0..<10 {
        let box = try Sandbox()
        if !box.root.path.contains("401") { return box }
        box.remove()
    }
    return try Sandbox()
}
