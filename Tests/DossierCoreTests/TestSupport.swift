import Foundation
import Testing
@testable import DossierCore
import TestServers

/// The built-in catalogue, loaded once.
private let builtinResult = Result { try Catalogue.builtin() }

func builtinCatalogue() throws -> Catalogue { try builtinResult.get() }

/// The text of the catalogue file in the sources (the one embedded at build time).
func catalogueSourceText() throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("Sources/DossierCore/Resources/catalogue.yaml"), encoding: .utf8)
}

/// The 1-based line of the first line of `text` containing `needle`.
func line(of needle: String, in text: String, after start: Int = 0) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for index in lines.indices where index >= start && lines[index].contains(needle) { return index + 1 }
    return nil
}

func sha256(_ text: String) -> String { Digest.sha256(Array(text.utf8)) }

/// Runs `body` and returns the `DossierError` it throws (nil when it throws nothing or something else).
func dossierError(_ body: () throws -> Void) -> DossierError? {
    do {
        try body()
        return nil
    } catch let error as DossierError {
        return error
    } catch {
        return nil
    }
}

/// A dossier built in memory, written as real YAML files into a `MemorySource`.
struct Fixture {
    static let identity = DossierIdentity(
        uai: "0141234R", name: "CFA de test", siret: "78345612200010",
        contact: .init(name: "Claire Lemonnier", email: "direction@cfa.example.fr"),
        referentNumerique: .init(name: "Thomas Hébert", email: "referent@cfa.example.fr"),
        catalogueVersion: "2026.1")

    var identity = Fixture.identity
    var claims: [String: Claim] = [:]
    /// Other files (evidence), by path from the dossier root.
    var files: [String: String] = [:]
    /// Raw claim texts that replace the generated ones (for malformed claims).
    var rawClaims: [String: String] = [:]

    mutating func claim(_ badge: String, status: Claim.Status = .ready, level: Int? = nil, coverage: String? = nil,
                        narrative: String = "Le CFA agit.\n") {
        claims[badge] = Claim(status: status, narrative: narrative, level: level,
                              coverage: coverage.flatMap(Coverage.init), evidence: [])
    }

    /// Adds a file evidence, the file itself, and its recorded hash and size.
    @discardableResult
    mutating func file(_ badge: String, _ criterion: String, id: String? = nil, name: String? = nil,
                       content: String? = nil) -> Evidence {
        let count = claims[badge, default: Claim()].evidence.count
        let id = id ?? "\(criterion)-\(count + 1)"
        let name = name ?? "\(id).md"
        let content = content ?? "Preuve \(id) du badge \(badge).\n"
        let evidence = Evidence(id: id, title: "Preuve \(id)", criterion: criterion,
                                location: .file(path: name, sha256: sha256(content), size: content.utf8.count))
        claims[badge, default: Claim()].evidence.append(evidence)
        files[Claim.evidenceFolder(badge: badge) + "/" + name] = content
        return evidence
    }

    /// Adds a link evidence.
    @discardableResult
    mutating func link(_ badge: String, _ criterion: String, id: String? = nil, url: String? = nil,
                       kind: Evidence.Kind = .web) -> Evidence {
        let count = claims[badge, default: Claim()].evidence.count
        let id = id ?? "\(criterion)-\(count + 1)"
        let evidence = Evidence(id: id, title: "Lien \(id)", criterion: criterion,
                                location: .url(url ?? "https://cfa.example.fr/\(badge)/\(id)", kind: kind))
        claims[badge, default: Claim()].evidence.append(evidence)
        return evidence
    }

    /// Starts `badge` as ready, with a link for every criterion, the top level and a full coverage
    /// when its rules ask for them: ready at first award and (apart from renewal-only rules) at renewal.
    mutating func complete(_ badge: Badge) {
        let rules = badge.firstAward + badge.renewal
        let needsCoverage = rules.contains { if case .fullCoverage = $0 { true } else { false } }
        claim(badge.id, level: badge.levels.map(\.level).max(), coverage: needsCoverage ? "10/10" : nil)
        for criterion in badge.criteria { link(badge.id, criterion.id) }
    }

    var source: MemorySource {
        var all = files
        all[DossierIdentity.fileName] = (try? identity.yaml()) ?? ""
        for (badge, claim) in claims { all[Claim.path(badge: badge)] = (try? claim.yaml()) ?? "" }
        for (badge, text) in rawClaims { all[Claim.path(badge: badge)] = text }
        return MemorySource(files: all)
    }

    /// Reads the dossier back through the YAML files, as the tool does.
    func load(_ catalogue: Catalogue) throws -> Dossier {
        try DossierReader(source: source, catalogue: catalogue).loadValid()
    }

    func check(_ catalogue: Catalogue, options: Checker.Options = .init()) throws -> CheckReport {
        let source = self.source
        let dossier = try DossierReader(source: source, catalogue: catalogue).loadValid()
        return try Checker(catalogue: catalogue).check(dossier, source: source, options: options)
    }
}

extension CheckReport {
    func badge(_ id: String) throws -> BadgeCheck {
        try #require(badges.first { $0.id == id }, "no badge \(id) in the report")
    }
}
