import DossierCore
import DossierRepository
import Foundation
import Git
import Hub
import Testing
import TestServers

/// Badge proposals through reconcile, over CFA remotes on disk: a proposal tag ingested with its
/// file and pinned, a wrong one (mandatory, an id the catalogue has, no file) recorded as refused
/// with its reason without stopping the CFA's requests, a forged one failing the whole CFA (nothing
/// of the run ingested), and the decisions travelling back on the decisions ref.
@Suite struct ProposalReconcileTests {
    static let text = """
        id: inclusion-numerique
        title: "Inclusion numérique"
        summary: "Accompagnement des apprentis éloignés du numérique"
        validityYears: 2
        criteria:
          - id: diagnostic
            text: "Un diagnostic des usages est fait à l'entrée en formation"
          - id: ateliers
            text: "Ateliers d'initiation"
        requirement:
          all: true
        why: |
          Nos apprentis n'ont pas tous un ordinateur.

        """

    enum Target { case save, blob, noFile, otherUAI }

    /// Pushes a proposal tag to the CFA's remote with git (what `dossier propose submit` makes): a
    /// save of main with `proposals/<slug>.yaml` holding `text`, tagged `proposals/<slug>/<day>-<n>`.
    @discardableResult
    static func propose(_ lab: HubLab, _ cfa: LabCFA, slug: String = "inclusion-numerique", text: String = text, n: Int = 1,
                        day: String = "2026-03-01", target: Target = .save) throws -> String {
        let work = lab.folder.appending("propose-\(cfa.uai)-\(slug)-\(n)-\(UUID().uuidString.prefix(6))")
        try lab.git.run(["clone", "--quiet", cfa.remote.path, work.path])
        let tag = "proposals/\(slug)/\(day)-\(n)"
        switch target {
        case .save, .noFile, .otherUAI:
            if target == .otherUAI {
                let identity = work.appendingPathComponent("dossier.yaml")
                try String(contentsOf: identity, encoding: .utf8).replacingOccurrences(of: cfa.uai, with: "0271234V")
                    .write(to: identity, atomically: true, encoding: .utf8)
                try lab.git.run(["add", "dossier.yaml"], in: work)
            }
            if target != .noFile {
                try FileManager.default.createDirectory(at: work.appendingPathComponent("proposals"), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: work.appendingPathComponent("proposals/\(slug).yaml"))
                try lab.git.run(["add", "proposals"], in: work)
            }
            try lab.git.run(["commit", "--quiet", "--allow-empty", "-m", "Proposition \(slug)"], in: work)
            try lab.git.run(["tag", "-a", tag, "-m", "Proposition \(slug)"], in: work)
        case .blob:
            let blob = try lab.git.run(["hash-object", "-w", "--stdin"], in: work, input: Data(text.utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
            try lab.git.run(["tag", tag, blob], in: work)
        }
        try lab.git.run(["push", "--quiet", "origin", "refs/tags/\(tag)"], in: work)
        return tag
    }

    static func proposals(_ lab: HubLab, _ uai: String) throws -> [ProposalSubmission] {
        try lab.hub.store.read { try $0.proposals(uai: uai, slug: nil) }
    }

    @Test func aProposalTagIsIngestedPinnedAndItsDecisionTravelsBack() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        let tag = try Self.propose(lab, cfa)
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.status) == [.new] && report.cfas.first?.newProposals == [tag], "\(report)")
        let stored = try Self.proposals(lab, cfa.uai)
        #expect(stored.count == 1)
        let proposal = try #require(stored.first)
        #expect(proposal.state == .submitted && proposal.slug == "inclusion-numerique" && proposal.tag == tag)
        #expect(proposal.text == Self.text && proposal.message == "Proposition inclusion-numerique" && proposal.refusal == nil)
        let refs = try lab.mirrorRefs(cfa.uai)
        let upstream = try cfa.remote.refs()["refs/tags/" + tag]
        #expect(refs["refs/hub/ingested/" + tag] == proposal.tagTarget && proposal.tagTarget == upstream)
        #expect(try lab.mirror(cfa.uai).commit(of: "refs/hub/ingested/" + tag) == proposal.commit)
        #expect(try lab.failure(cfa.uai) == nil)
        #expect(try lab.audit(cfa.uai, action: "proposal-ingest").count == 1)

        // Idempotent: a second run changes nothing.
        let again = try lab.reconcile()
        #expect(again.cfas.map(\.status) == [.unchanged])
        #expect(try Self.proposals(lab, cfa.uai).count == 1)

        // The peer group asks for changes: the next reconcile delivers the decision, two levels deep.
        try lab.addReviewers()
        try lab.hub.voteOnProposal(uai: cfa.uai, slug: "inclusion-numerique", member: "badgeons-1", verdict: .changes,
                                   reason: "Ajoutez le prêt de matériel")
        let delivered = try lab.reconcile()
        #expect(delivered.cfas.first?.decisionsDelivered == true)
        let path = "proposals/inclusion-numerique/2026-03-01-1.yaml"
        #expect(try cfa.remote.files(at: Decision.reference).contains(path))
        let decision = try ProposalDecision.parse(Array(try cfa.remote.data(at: Decision.reference, path: path)), file: path)
        #expect(decision.outcome == .changesRequested && decision.proposal == tag && decision.commit == proposal.commit)
        #expect(decision.reasons.map(\.text) == ["Ajoutez le prêt de matériel"])
        // The CFA's reader of badge decisions never takes it for one.
        #expect(try Decisions.read(from: try Repository.open(at: cfa.remote.path)).all.isEmpty)
    }

    @Test func aProposalFromASaveNamingAnotherUAIFailsTheCFA() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        let tag = try Self.propose(lab, cfa, target: .otherUAI)
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.status) == [.failed], "\(report)")
        let failure = try lab.failure(cfa.uai)
        #expect(failure?.contains("\(tag): dossier.yaml names UAI 0271234V, registered as \(cfa.uai)") == true, "\(String(describing: failure))")
        #expect(try Self.proposals(lab, cfa.uai).isEmpty)
    }

    @Test func aWrongProposalIsRefusedWithItsReasonAndNeverStopsTheRequests() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        try Self.propose(lab, cfa, text: Self.text + "mandatory: true\n")
        try Self.propose(lab, cfa, slug: "tutorat", text: Self.text.replacingOccurrences(of: "id: inclusion-numerique", with: "id: tutorat"))
        try Self.propose(lab, cfa, slug: "sans-fichier", target: .noFile)
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.status) == [.new], "\(report)")
        #expect(try lab.failure(cfa.uai) == nil)
        #expect(try lab.submissions(cfa.uai).map(\.badge) == ["prospection"], "the request is ingested all the same")
        let stored = Dictionary(try Self.proposals(lab, cfa.uai).map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(stored.count == 3 && stored.values.allSatisfy { $0.state == .refused })
        let mandatory = try #require(stored["inclusion-numerique"]?.refusal?.text(.en))
        #expect(mandatory.contains("a proposal is never mandatory") && mandatory.contains("proposals/inclusion-numerique.yaml"), "\(mandatory)")
        let existing = try #require(stored["tutorat"]?.refusal?.text(.en))
        #expect(existing.contains("badge tutorat already exists in catalogue"), "\(existing)")
        #expect(stored["sans-fichier"]?.refusal == .noFile(path: "proposals/sans-fichier.yaml"))
        #expect(try lab.audit(cfa.uai, action: "proposal-refused").count == 3)
        // Each refusal travels back, declined with the hub's reason in both languages.
        #expect(report.cfas.first?.decisionsDelivered == true)
        let path = "proposals/tutorat/2026-03-01-1.yaml"
        let decision = try ProposalDecision.parse(Array(try cfa.remote.data(at: Decision.reference, path: path)), file: path)
        #expect(decision.outcome == .declined && decision.reasons.first?.member == "hub")
        #expect(decision.reasons.first?.text.contains("existe déjà") == true && decision.reasons.first?.text.contains("already exists") == true)
    }

    @Test func aForgedProposalFailsTheCFAAndNothingOfTheRunIsIngested() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try lab.submit(cfa, "prospection")
        let tag = try Self.propose(lab, cfa, target: .blob)
        let report = try lab.reconcile()
        #expect(report.cfas.map(\.status) == [.failed], "\(report)")
        let failure = try lab.failure(cfa.uai)
        #expect(failure?.contains("\(tag): the tag does not point to a save") == true, "\(String(describing: failure))")
        #expect(try lab.submissions(cfa.uai).isEmpty, "all or nothing: the request waits too")
        #expect(try Self.proposals(lab, cfa.uai).isEmpty)
        #expect(try lab.mirrorRefs(cfa.uai).keys.filter { $0.hasPrefix("refs/hub/ingested/") }.isEmpty)
    }

    @Test func anAmendedProposalSupersedesTheOldOneAndOnlyTheNewestIsIngested() throws {
        let lab = try HubLab()
        let cfa = try lab.addCFA("0141234R")
        try Self.propose(lab, cfa)
        _ = try lab.reconcile()
        // Two amendments before the next run: only the newest is ingested.
        try Self.propose(lab, cfa, text: Self.text.replacingOccurrences(of: "Ateliers", with: "Cours"), n: 1, day: "2026-03-04")
        let newest = try Self.propose(lab, cfa, text: Self.text.replacingOccurrences(of: "Ateliers", with: "Stages"), n: 2, day: "2026-03-04")
        let report = try lab.reconcile()
        #expect(report.cfas.first?.newProposals == [newest], "\(report)")
        let stored = try Self.proposals(lab, cfa.uai)
        #expect(stored.map(\.state) == [.superseded, .submitted])
        #expect(stored.last?.text.contains("Stages") == true)
    }
}
