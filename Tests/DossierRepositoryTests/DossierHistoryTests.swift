@testable import DossierCore
import Foundation
import Git
import Testing
import TestServers
@testable import DossierRepository

@Suite("DossierHistory: diffs, logs and awards from git objects")
struct DossierHistoryTests {
    static let tuteurs = "badges/tutorat/evidence/tuteurs-distance-2025-2026.csv"

    /// The sample, then a save that replaces the tutors' list.
    func sampleWithTwoSaves() throws -> SampleWorkspace {
        let sample = try SampleWorkspace()
        try sample.write("nom;role\nNadia;tutrice\n", to: Self.tuteurs)
        try sample.workspace.save(message: "Tuteurs 2026", author: author(1))
        return sample
    }

    func checkReplacedTutors(_ diff: DossierDiff) throws {
        #expect(diff.badges.map(\.id) == ["tutorat"])
        let badge = try #require(diff.badges.first)
        #expect(badge.change == .modified)
        let change = try #require(badge.evidenceChanged.first)
        #expect(change.id == "tuteurs-missionnes")
        #expect(change.changes == [.replaced])
        #expect(change.before.sha256 == "e8f80169aea14a4db36c11c971caf1b56b1f1a0a63f589468cbf30aaae9fd2b0")
        #expect(change.after.sha256 == sha256("nom;role\nNadia;tutrice\n"))
        #expect(diff.files == [PathChange(path: "badges/tutorat/claim.yaml", change: .modified),
                               PathChange(path: Self.tuteurs, change: .modified)])
        #expect(diff.identity.isEmpty)
    }

    @Test func diffBetweenTwoSaves() throws {
        let sample = try sampleWithTwoSaves()
        defer { sample.remove() }
        let history = sample.workspace.history
        try checkReplacedTutors(history.diff(from: history.commit("HEAD~1"), to: history.commit("HEAD")))
    }

    @Test func diffOfTheFirstSaveAddsEveryStartedBadge() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let history = sample.workspace.history
        let diff = try history.diff(from: nil, to: history.commit("HEAD"))
        #expect(diff.badges.map(\.id) == (try builtinCatalogue().badges.map(\.id)))
        #expect(diff.badges.allSatisfy { $0.change == .added })
        #expect(diff.identity.contains(FieldChange(field: "uai", from: nil, to: "0141234R")))
    }

    @Test func diffLogAndCheckOnABareClone() throws {
        let sample = try sampleWithTwoSaves()
        defer { sample.remove() }
        let mirror = sample.folder.path + "/miroir.git"
        let clone = try git("clone", "--bare", "--quiet", sample.root, mirror, in: sample.folder.path)
        #expect(clone.status == 0, "\(clone.stderr)")
        let repository = try Repository.open(at: mirror)
        #expect(repository.isBare)
        let catalogue = try builtinCatalogue()
        let history = DossierHistory(repository: repository, catalogue: catalogue)
        try checkReplacedTutors(history.diff(from: history.commit("HEAD~1"), to: history.commit("main")))
        let log = try history.log(from: history.commit("HEAD"))
        #expect(log.map(\.message) == ["Tuteurs 2026", "Création du dossier"])
        #expect(log.first?.badges == ["tutorat"])
        // The whole dossier loads and checks from the bare repository's objects.
        let source = try history.source(at: history.commit("HEAD"))
        let dossier = try DossierReader(source: source, catalogue: catalogue).loadValid()
        let report = try Checker(catalogue: catalogue).check(dossier, source: source)
        #expect(report.label.eligible)
        #expect(try report.badge("tutorat").problems == [])
    }

    @Test func unknownRevision() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        for revision in ["inexistante", "HEAD~3", "refs/tags/awards/tutorat/2025-01-01"] {
            let error = #expect(throws: DossierError.self) { try sample.workspace.history.commit(revision) }
            #expect(error?.reason == .unknownRevision(revision))
        }
    }

    @Test func awardedClaimsComeFromTheNewestAwardTag() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let catalogue = try builtinCatalogue()
        let history = sample.workspace.history
        let awardedCommit = sample.created.commit
        #expect(try git("tag", "awards/tutorat/2025-01-01", awardedCommit, in: sample.root).status == 0)
        #expect(try git("rev-parse", "refs/tags/awards/tutorat/2025-01-01", in: sample.root).trimmed == awardedCommit)

        // Nothing changed since the award: the default renewal rule blocks.
        let unchanged = try history.awardedClaims(revision: nil)
        #expect(Array(unchanged.keys) == ["tutorat"])
        let awardedTutorat = try #require(unchanged["tutorat"])
        #expect(awardedTutorat == (try sample.claim("tutorat")))
        let dossierBefore = try DossierReader(source: sample.workspace.workingSource, catalogue: catalogue).loadValid()
        let before = try Checker(catalogue: catalogue).check(
            dossierBefore, source: sample.workspace.workingSource, options: .init(renewal: true, awarded: unchanged))
        #expect(try before.badge("tutorat").problems == [.noUpdateSinceAward])
        #expect(try before.badge("plan-formation").problems == [.awardSnapshotUnknown])

        // A replaced evidence, saved: the renewal rule is met.
        try sample.write("nom;role\nNadia;tutrice\n", to: Self.tuteurs)
        try sample.workspace.save(message: "Tuteurs 2026", author: author(1))
        let awarded = try history.awardedClaims(revision: nil)
        #expect(awarded["tutorat"] == awardedTutorat, "the tag still names the awarded snapshot")
        let dossier = try DossierReader(source: sample.workspace.workingSource, catalogue: catalogue).loadValid()
        let after = try Checker(catalogue: catalogue).check(
            dossier, source: sample.workspace.workingSource, options: .init(renewal: true, awarded: awarded))
        #expect(try after.badge("tutorat").problems == [])
        #expect(try after.badge("tutorat").ready)
    }

    @Test func newestTagWinsAndAnnotatedTagsWork() throws {
        let sample = try sampleWithTwoSaves()
        defer { sample.remove() }
        let first = sample.created.commit
        let second = try git("rev-parse", "HEAD", in: sample.root).trimmed
        #expect(try git("tag", "awards/tutorat/2026-01-15", second, in: sample.root).status == 0)
        #expect(try git("tag", "-a", "-m", "Attribution", "awards/tutorat/2024-01-01", first, in: sample.root).status == 0)
        #expect(try git("tag", "-a", "-m", "Attribution", "awards/prospection/2024-06-01", first, in: sample.root).status == 0)
        let awarded = try sample.workspace.history.awardedClaims(revision: nil)
        #expect(Set(awarded.keys) == ["tutorat", "prospection"])
        #expect(awarded["tutorat"]?.evidence("tuteurs-missionnes")?.sha256 == sha256("nom;role\nNadia;tutrice\n"))
        #expect(awarded["prospection"]?.coverage == Coverage("12/12"))
    }

    @Test func awardedClaimsFromAnExplicitRevision() throws {
        let sample = try sampleWithTwoSaves()
        defer { sample.remove() }
        let awarded = try sample.workspace.history.awardedClaims(revision: "HEAD~1")
        #expect(Set(awarded.keys) == Set(try builtinCatalogue().badges.map(\.id)))
        #expect(awarded["tutorat"]?.evidence("tuteurs-missionnes")?.sha256
            == "e8f80169aea14a4db36c11c971caf1b56b1f1a0a63f589468cbf30aaae9fd2b0")
        #expect(throws: DossierError.self) { try sample.workspace.history.awardedClaims(revision: "pas-de-version") }
    }

    @Test func gitTreeSourceReadsLikeTheWorkingFolder() throws {
        let sample = try SampleWorkspace()
        defer { sample.remove() }
        let tree = try sample.workspace.history.source(at: sample.workspace.history.commit("HEAD"))
        let folder = sample.workspace.workingSource
        for path in ["dossier.yaml", "badges/tutorat/claim.yaml", "badges/accessibilite/evidence/captures/tableau-de-bord-avancement.png"] {
            #expect(try tree.read(path) == folder.read(path), "\(path)")
            #expect(try tree.digest(of: path) == folder.digest(of: path), "\(path)")
            #expect(try tree.kind(of: path) == .file)
        }
        #expect(try tree.list("badges/accessibilite/evidence") == folder.list("badges/accessibilite/evidence"))
        #expect(try tree.kind(of: "badges/tutorat") == .folder)
        #expect(try tree.kind(of: "") == .folder)
        #expect(try tree.kind(of: "badges/absent") == nil)
        #expect(try tree.read("badges/absent/claim.yaml") == nil)
        #expect(try tree.read("badges") == nil, "a folder has no content")
        #expect(try tree.list("absent") == [])
        #expect(tree.version(of: "badges/tutorat") == (try git("rev-parse", "HEAD:badges/tutorat", in: sample.root).trimmed))
        #expect(tree.version(of: "") == (try git("rev-parse", "HEAD^{tree}", in: sample.root).trimmed))
        #expect(tree.version(of: "absent") == nil)
    }
}
