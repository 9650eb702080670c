import DossierCore
import Foundation

/// The Région's catalogue as data the hub owns, in `<hub>/catalogue/`:
///
///     versions/<version>.yaml     each published version, as published (never changed afterwards)
///     versions/<version>.jws      its signature by the Région's issuer key (once the hub has keys)
///     publications.json           who published which version, when, and why
///     draft.yaml                  the next version being prepared (`hub catalogue edit`)
///
/// The built-in catalogue (`2026.1`) is the first version: it is written into `versions/` by the
/// first publication, so that every CFA receives the whole history on the catalogue ref.
public struct HubCatalogues: Sendable {
    public let folder: String
    /// The catalogue every hub starts from (the tool's built-in one).
    public let builtin: Catalogue
    public let builtinBytes: [UInt8]

    public init(hubRoot: String, builtin: Catalogue, builtinBytes: [UInt8]) {
        folder = hubRoot + "/catalogue"
        self.builtin = builtin
        self.builtinBytes = builtinBytes
    }

    /// The hub's catalogues over the tool's built-in one.
    public static func standard(hubRoot: String) throws -> HubCatalogues {
        let bytes = Catalogue.builtinBytes
        return HubCatalogues(hubRoot: hubRoot, builtin: try Catalogue.builtin(), builtinBytes: bytes)
    }

    /// One publication, as `publications.json` records it.
    public struct Publication: Sendable, Codable, Equatable {
        public let version: CatalogueVersion
        public let message: String
        public let member: String
        public let publishedAt: Date
    }

    public var draftPath: String { folder + "/draft.yaml" }
    var versionsFolder: String { folder + "/versions" }
    var publicationsPath: String { folder + "/publications.json" }
    func path(_ version: CatalogueVersion) -> String { versionsFolder + "/\(version).yaml" }

    /// Every published version, oldest first, with its file's bytes (the built-in one alone when
    /// nothing was published here yet).
    public func published() throws -> [(version: CatalogueVersion, bytes: [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: versionsFolder)) ?? []
        var versions: [(version: CatalogueVersion, bytes: [UInt8])] = []
        for name in names where name.hasSuffix(".yaml") {
            guard let version = CatalogueVersion(String(name.dropLast(5))),
                  let data = FileManager.default.contents(atPath: versionsFolder + "/" + name) else { continue }
            versions.append((version, [UInt8](data)))
        }
        if versions.isEmpty, let version = CatalogueVersion(builtin.version) { versions = [(version, builtinBytes)] }
        return versions.sorted { $0.version < $1.version }
    }

    /// Whether anything was published by this hub (then the catalogue ref travels to the CFAs).
    public var hasPublications: Bool {
        !((try? FileManager.default.contentsOfDirectory(atPath: versionsFolder)) ?? []).filter { $0.hasSuffix(".yaml") }.isEmpty
    }

    /// The newest published version, loaded.
    public func newest() throws -> Catalogue {
        guard let last = try published().last else { return builtin }
        return try load(last.bytes, version: last.version)
    }

    /// One published version, loaded (checked against the version its file name says).
    public func catalogue(_ version: CatalogueVersion) throws -> Catalogue {
        guard let found = try published().first(where: { $0.version == version }) else { throw CatalogueError.unknownVersion(version.description) }
        return try load(found.bytes, version: version)
    }

    /// The bytes of one published version.
    public func bytes(_ version: CatalogueVersion) throws -> [UInt8] {
        guard let found = try published().first(where: { $0.version == version }) else { throw CatalogueError.unknownVersion(version.description) }
        return found.bytes
    }

    func load(_ bytes: [UInt8], version: CatalogueVersion) throws -> Catalogue {
        let file = "catalogue/versions/\(version).yaml"
        let catalogue = try Catalogue.load(bytes, file: file)
        guard CatalogueVersion(catalogue.version) == version else { throw CatalogueError.versionMismatch(file: file, says: catalogue.version) }
        return catalogue
    }

    public func publications() throws -> [Publication] {
        guard let data = FileManager.default.contents(atPath: publicationsPath) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([Publication].self, from: data)
    }

    /// The draft's bytes; made from the newest published version when there is none yet. Returns
    /// its path.
    @discardableResult
    public func makeDraft() throws -> String {
        if FileManager.default.fileExists(atPath: draftPath) { return draftPath }
        guard let last = try published().last else { return draftPath }
        try AtomicFile.write(Data(last.bytes), to: draftPath)
        return draftPath
    }

    /// Adds one badge to the draft (made first when there is none): `bytes` is the badge as a YAML
    /// mapping (the fields of a `badges:` entry), appended to the draft's `badges:` list. The draft
    /// changes only when the result loads with the catalogue's own loader; a mistake in the badge is
    /// reported at its own `file:line` (an id the draft already has: « duplicate badge id »). A badge
    /// given without `number:` gets the one after the draft's highest.
    @discardableResult
    public func addBadge(_ bytes: [UInt8], file: String) throws -> Badge {
        try makeDraft()
        guard let data = FileManager.default.contents(atPath: draftPath) else { throw CatalogueError.noDraft }
        var draft = String(decoding: data, as: UTF8.self)
        if !draft.hasSuffix("\n") { draft += "\n" }
        let current = try Catalogue.load(Array(draft.utf8), file: "catalogue/draft.yaml")
        let offset = draft.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        // A badge without a number (a CFA's proposal never has one) comes after the draft's last.
        if !lines.contains(where: { $0.hasPrefix("number:") }) {
            lines.append("number: \((current.badges.map(\.number).max() ?? 0) + 1)")
        }
        var first = true
        let entry = lines.map { line -> String in
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { return line }
            defer { first = false }
            return (first ? "  - " : "    ") + line
        }.joined(separator: "\n") + "\n"
        let combined = draft + entry
        let catalogue: Catalogue
        do {
            catalogue = try Catalogue.load(Array(combined.utf8), file: "catalogue/draft.yaml")
        } catch var error as DossierError {
            if let line = error.line, line > offset {
                error.file = file
                error.line = line - offset
            }
            throw error
        }
        guard let badge = catalogue.badges.last else { throw CatalogueError.noDraft }
        try AtomicFile.write(Data(combined.utf8), to: draftPath)
        return badge
    }

    /// Checks the draft with the catalogue's own loader (`file:line` errors), as `version` when given.
    public func checkDraft(as version: CatalogueVersion? = nil) throws -> Catalogue {
        guard let data = FileManager.default.contents(atPath: draftPath) else { throw CatalogueError.noDraft }
        var bytes = [UInt8](data)
        if let version { bytes = Self.settingVersion(bytes, to: version) }
        return try Catalogue.load(bytes, file: "catalogue/draft.yaml")
    }

    /// Publishes the draft as `version` (newer than every published one): its `version:` line is
    /// set, it is checked by the catalogue's loader, written to `versions/`, recorded, and the draft
    /// removed. The caller has checked the member is the Région's.
    public func publish(_ text: String, message: String, member: String, now: Date) throws -> Catalogue {
        guard let version = CatalogueVersion(text), version.description == text else { throw CatalogueError.invalidVersion(text) }
        let existing = try published()
        if existing.contains(where: { $0.version == version }) { throw CatalogueError.alreadyPublished(text) }
        if let newest = existing.last, version < newest.version { throw CatalogueError.notNewer(version: text, newest: newest.version.description) }
        guard let data = FileManager.default.contents(atPath: draftPath) else { throw CatalogueError.noDraft }
        let bytes = Self.settingVersion([UInt8](data), to: version)
        let catalogue = try Catalogue.load(bytes, file: "catalogue/draft.yaml")
        // The versions before this one become files too (the built-in one at the first publication).
        for earlier in existing where !FileManager.default.fileExists(atPath: path(earlier.version)) {
            try AtomicFile.write(Data(earlier.bytes), to: path(earlier.version))
        }
        try AtomicFile.write(Data(bytes), to: path(version))
        var log = try publications()
        log.append(Publication(version: version, message: message, member: member, publishedAt: now))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(log), to: publicationsPath)
        try? FileManager.default.removeItem(atPath: draftPath)
        return catalogue
    }

    /// The file with its top-level `version:` line set to `version` (added first when missing).
    static func settingVersion(_ bytes: [UInt8], to version: CatalogueVersion) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        let line = "version: \"\(version)\""
        if let index = lines.firstIndex(where: { $0.hasPrefix("version:") }) {
            lines[index] = line
        } else {
            lines.insert(line, at: 0)
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

extension HubCatalogues {
    /// Every published version with the day it came into force.
    public func schedule() throws -> CatalogueSchedule {
        let publications = Dictionary(try publications().map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [(from: Day?, catalogue: Catalogue)] = []
        for item in try published() {
            let catalogue = try load(item.bytes, version: item.version)
            entries.append((publications[item.version].map { Day($0.publishedAt) }, catalogue))
        }
        return CatalogueSchedule(entries: entries)
    }

    /// The version in force on `day`.
    public func inForce(on day: Day) throws -> Catalogue {
        try schedule().inForce(on: day) ?? newest()
    }
}
