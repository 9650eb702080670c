import Testing
@testable import DossierCore

/// `save` rewrites only the hash lines of a claim a person laid out by hand.
@Suite("Claim: hash lines patched in place")
struct ClaimHashPatchTests {
    let text = """
        # Tutorat — relu par Camille
        status: ready
        narrative: |
          Texte.
        evidence:
          - id: charte   # la charte signée
            title: Charte
            criterion: personnels-identifies
            file: charte.md
            sha256: "\(String(repeating: "a", count: 64))"
            size: 10
          - id: planning
            title: Planning
            criterion: outils-distance
            file: planning.md
            sha256: "\(String(repeating: "b", count: 64))"
            size: 20

        """

    @Test func onlyTheHashLinesOfTheUpdatedEntryChange() throws {
        let claim = try Claim.parse(Array(text.utf8), file: "claim.yaml")
        let digest = FileDigest(sha256: String(repeating: "c", count: 64), size: 33)
        let patched = try #require(claim.patchingHashes(in: text, updates: ["planning": digest]))
        let before = text.split(separator: "\n", omittingEmptySubsequences: false)
        let after = patched.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }.map { String($0.1) }
        #expect(changed == ["    sha256: \"\(digest.sha256)\"", "    size: 33"])
        let reread = try Claim.parse(Array(patched.utf8), file: "claim.yaml")
        #expect(reread.evidence("planning")?.location == .file(path: "planning.md", sha256: digest.sha256, size: 33))
        #expect(reread.evidence("charte") == claim.evidence("charte"))
        #expect(patched.hasPrefix("# Tutorat — relu par Camille"))
    }

    @Test func anEntryWithoutHashLinesFallsBackToTheCanonicalLayout() throws {
        let bare = text.replacingOccurrences(of: "    size: 20\n", with: "")
        let claim = try Claim.parse(Array(bare.utf8), file: "claim.yaml")
        #expect(claim.patchingHashes(in: bare, updates: ["planning": FileDigest(sha256: String(repeating: "d", count: 64), size: 1)]) == nil)
    }

    @Test func flowStyleEntriesFallBackToo() throws {
        let flow = """
            status: draft
            evidence:
              - {id: x, title: X, criterion: c, file: x.md, sha256: "\(String(repeating: "e", count: 64))", size: 1}

            """
        let claim = try Claim.parse(Array(flow.utf8), file: "claim.yaml")
        #expect(claim.patchingHashes(in: flow, updates: ["x": FileDigest(sha256: String(repeating: "f", count: 64), size: 2)]) == nil)
    }
}
