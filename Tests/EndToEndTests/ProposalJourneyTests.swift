import Foundation
import Testing

/// A CFA proposes a new badge and the Région takes it into its catalogue, all through the built
/// binary: `dossier propose new|check|submit`, `sync`; `hub reconcile` ingests the proposal; the
/// peer group asks for changes; the CFA reads the reasons after a sync, amends, submits again; the
/// Région accepts an edited version (`--from FILE`) and publishes 2027.1; every CFA receives the
/// new badge; another CFA requests it and gets it awarded.
@Suite("Badge proposals: propose → review → accept → publish → award")
struct ProposalJourneyTests {
    typealias Member = HubLab.Member
    let caen = SampleCFA.caen
    let rouen = SampleCFA.rouen
    static let slug = "inclusion-numerique"

    static func proposal(criteria: [(String, String)]) -> String {
        var lines = [
            "id: \(slug)",
            "title: \"Inclusion numérique\"",
            "summary: \"Accompagnement des apprentis éloignés du numérique\"",
            "validityYears: 2",
            "criteria:",
        ]
        for (id, text) in criteria { lines += ["  - id: \(id)", "    text: \"\(text)\""] }
        lines += ["requirement:", "  all: true", "why: |", "  Nos apprentis n'ont pas tous un ordinateur.", "  Ce badge reconnaîtrait le travail fait pour eux."]
        return lines.joined(separator: "\n") + "\n"
    }

    static let diagnostic = ("diagnostic", "Un diagnostic des usages est fait à l'entrée en formation")
    static let pret = ("pret-materiel", "Prêt ou aide à l'achat de matériel")

    struct ProposalsJSON: Decodable {
        struct Entry: Decodable {
            let uai: String
            let slug: String
            let tag: String
            let state: String
            let title: String?
            let badge: String?
            let catalogueVersion: String?
        }
        let proposals: [Entry]
    }

    struct CFAListJSON: Decodable {
        struct Item: Decodable {
            struct Submission: Decodable {
                struct Decision: Decodable {
                    struct Reason: Decodable { let member: String; let text: String }
                    let outcome: String
                    let reasons: [Reason]
                    let badge: String?
                    let catalogueVersion: String?
                }
                let tag: String
                let decision: Decision?
            }
            let slug: String
            let state: String
            let submissions: [Submission]
        }
        let proposals: [Item]
    }

    struct CatalogueJSON: Decodable {
        struct Badge: Decodable { let id: String; let title: String; let validityYears: Int? }
        let version: String
        let badges: [Badge]
    }

    /// `propose submit` → the tag it names.
    func submit(_ lab: HubLab, message: String) throws -> String {
        let result = try lab.cfaOK(caen, ["propose", "submit", Self.slug, "-m", message, "--author", caen.author])
        let range = try #require(result.stdout.range(of: #"proposals/inclusion-numerique/\d{4}-\d{2}-\d{2}-\d+"#, options: .regularExpression),
                                 "\(result)")
        return String(result.stdout[range])
    }

    func proposals(_ lab: HubLab) throws -> [ProposalsJSON.Entry] {
        try lab.hubOK(["proposals", "--json"]).json(ProposalsJSON.self).proposals
    }

    func cfaList(_ lab: HubLab) throws -> CFAListJSON.Item {
        try #require(try lab.cfaOK(caen, ["propose", "list", "--json"]).json(CFAListJSON.self).proposals.first)
    }

    @Test("a CFA's proposal, amended after the peer group's changes, accepted edited, published in 2027.1, then requested and awarded")
    func journey() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = HubLab(box: box)
        for cfa in [caen, rouen] {
            let remote = box.url("\(cfa.uai).git").path
            try box.gitOK(["init", "--quiet", "--bare", "-b", "main", remote], in: box.root)
            try lab.prepare(cfa, remote: remote)
        }
        try lab.createHub()
        for cfa in [caen, rouen] { try lab.hubOK(["register", cfa.uai, box.url("\(cfa.uai).git").path, "--name", cfa.name]) }
        try lab.addPeerGroup()

        // Caen proposes a badge and sends it.
        try lab.cfaOK(caen, ["propose", "new", Self.slug, "--title", "Inclusion numérique"])
        let file = lab.folder(caen).appendingPathComponent("proposals/\(Self.slug).yaml")
        try Self.proposal(criteria: [Self.diagnostic]).write(to: file, atomically: true, encoding: .utf8)
        try lab.cfaOK(caen, ["propose", "check", Self.slug])
        try lab.save(caen, "Proposition : inclusion numérique")
        let first = try submit(lab, message: "Proposition du badge inclusion numérique")
        try lab.sync(caen)

        // The hub ingests it.
        let (ingested, _) = try lab.reconcile()
        #expect(ingested.status == 0 && ingested.stdout.contains("\"newProposals\" : [\n        \"\(first)\""), "\(ingested)")
        var listed = try proposals(lab)
        #expect(listed.map(\.tag) == [first] && listed.first?.state == "submitted" && listed.first?.title == "Inclusion numérique")
        let shown = try lab.hubOK(["proposal", "show", caen.uai, Self.slug])
        #expect(shown.stdout.contains("Proposed badge: inclusion-numerique « Inclusion numérique »"), "\(shown)")
        #expect(shown.stdout.contains("  diagnostic — Un diagnostic des usages") && shown.stdout.contains("Nos apprentis n'ont pas tous un ordinateur."))

        // Caen's pilot is recused; Rouen's asks for changes; the reasons reach Caen after a sync.
        let recused = try lab.hub(["proposal", "vote", caen.uai, Self.slug, "approve", "--member", Member.paul, "-m", "Oui"])
        #expect(recused.status == 1 && recused.stderrLines.count == 1 && recused.stderr.contains("recusal"), "\(recused)")
        let reason = "Ajoutez un critère sur le prêt de matériel"
        let changes = try lab.hubOK(["proposal", "vote", caen.uai, Self.slug, "changes", "--member", Member.claire, "-m", reason])
        #expect(changes.stdout.contains("Proposal state: changes-requested"), "\(changes)")
        let (delivered, report) = try lab.reconcile()
        #expect(delivered.status == 0 && report.cfa(caen.uai)?.decisionsDelivered == true, "\(delivered)")
        try lab.sync(caen)
        var item = try cfaList(lab)
        #expect(item.state == "changes-requested", "\(item)")
        #expect(item.submissions.first?.decision?.reasons.map(\.text) == [reason])
        #expect(try lab.cfaOK(caen, ["propose", "list"]).stdout.contains("\(Member.claire) (cfa-pilote): \(reason)"))
        #expect(try lab.cfaOK(caen, ["status", "--json"]).json(CFADecisionsJSON.self).sentBack.isEmpty, "a proposal is not a request")

        // Caen amends, submits again; the hub compares the two submissions.
        try Self.proposal(criteria: [Self.diagnostic, Self.pret]).write(to: file, atomically: true, encoding: .utf8)
        try lab.save(caen, "Proposition amendée")
        let second = try submit(lab, message: "Prêt de matériel ajouté")
        try lab.sync(caen)
        #expect(try lab.reconcile().result.status == 0)
        listed = try proposals(lab)
        #expect(listed.map(\.tag) == [second] && listed.first?.state == "submitted", "\(listed)")
        let diff = try lab.hubOK(["proposal", "diff", caen.uai, Self.slug])
        #expect(diff.stdout.contains("\(first) → \(second)") && diff.stdout.contains("pret-materiel"), "\(diff)")

        // The peer group approves; the Région accepts an edited version (3 years, a sharper title).
        try lab.hubOK(["proposal", "vote", caen.uai, Self.slug, "approve", "--member", Member.marc, "-m", "Utile"])
        try lab.hubOK(["proposal", "vote", caen.uai, Self.slug, "approve", "--member", Member.claire, "-m", "Merci"])
        let edited = try box.write(Self.proposal(criteria: [Self.diagnostic, Self.pret])
            .replacingOccurrences(of: "validityYears: 2", with: "validityYears: 3")
            .replacingOccurrences(of: "\"Inclusion numérique\"", with: "\"Inclusion numérique des apprentis\"")
            .components(separatedBy: "why:").first ?? "", to: "edited.yaml")
        let notRegion = try lab.hub(["proposal", "accept", caen.uai, Self.slug, "--member", Member.marc, "-m", "Oui", "--from", edited.path])
        #expect(notRegion.status == 1 && notRegion.stderrLines.count == 1, "\(notRegion)")
        let accepted = try lab.hubOK(["proposal", "accept", caen.uai, Self.slug, "--member", Member.sophie, "-m", "Bienvenu au catalogue",
                                      "--from", edited.path])
        #expect(accepted.stdout.contains("Proposal accepted: badge inclusion-numerique is in the draft"), "\(accepted)")
        let again = try lab.hub(["proposal", "accept", caen.uai, Self.slug, "--member", Member.sophie, "-m", "Encore"])
        #expect(again.status == 1 && again.stderrLines.count == 1, "\(again)")
        try lab.hubOK(["catalogue", "check"])
        try lab.hubOK(["catalogue", "publish", "2027.1", "-m", "Badge inclusion numérique (proposé par le CFA de Caen)", "--member", Member.sophie])

        // Reconcile delivers 2027.1 to every CFA, and Caen's decision with the version.
        let (published, publishedReport) = try lab.reconcile()
        #expect(published.status == 0 && publishedReport.cfa(caen.uai)?.decisionsDelivered == true, "\(published)")
        listed = try proposals(lab)
        #expect(listed.first?.state == "accepted" && listed.first?.catalogueVersion == "2027.1", "\(listed)")
        for cfa in [caen, rouen] {
            try lab.sync(cfa)
            let catalogue = try lab.cfaOK(cfa, ["catalogue", "--json"]).json(CatalogueJSON.self)
            #expect(catalogue.version == "2027.1" && catalogue.badges.count == 13, "\(cfa)")
            #expect(catalogue.badges.last?.id == Self.slug && catalogue.badges.last?.title == "Inclusion numérique des apprentis")
            #expect(try lab.cfaOK(cfa, ["check"]).stdout.contains("+ badge added: inclusion-numerique « Inclusion numérique des apprentis »"))
        }
        item = try cfaList(lab)
        #expect(item.state == "accepted" && item.submissions.last?.decision?.catalogueVersion == "2027.1", "\(item)")
        #expect(try lab.cfaOK(caen, ["propose", "list"]).stdout.contains("accepted, badge inclusion-numerique, catalogue 2027.1"))

        // Rouen requests the new badge and gets it awarded.
        for (name, criterion) in [("diagnostic.md", "diagnostic"), ("pret.md", "pret-materiel")] {
            let evidence = try box.write("# \(criterion)\n", to: name)
            try lab.cfaOK(rouen, ["add", Self.slug, evidence.path, "--criterion", criterion, "--title", criterion])
        }
        try lab.cfaOK(rouen, ["set", Self.slug, "status", "ready"])
        let identity = lab.folder(rouen).appendingPathComponent("dossier.yaml")
        try String(contentsOf: identity, encoding: .utf8).replacingOccurrences(of: "catalogueVersion: \"2026.1\"", with: "catalogueVersion: \"2027.1\"")
            .write(to: identity, atomically: true, encoding: .utf8)
        try lab.save(rouen, "Inclusion numérique")
        _ = try lab.submit(rouen, [Self.slug], message: "Demande du badge inclusion numérique")
        try lab.sync(rouen)
        let (requested, requestReport) = try lab.reconcile()
        #expect(requested.status == 0 && requestReport.newSubmissions == 1, "\(requested)")
        try lab.hubOK(["vote", rouen.uai, Self.slug, "approve", "--member", Member.marc, "-m", "Preuves solides"])
        try lab.hubOK(["vote", rouen.uai, Self.slug, "approve", "--member", Member.paul, "-m", "Conforme"])
        try lab.hubOK(["award", rouen.uai, Self.slug, "--member", Member.sophie])
        #expect(try lab.reconcile().result.status == 0)
        try lab.sync(rouen)
        let awards = try lab.decisions(rouen).awards
        #expect(awards.map(\.badge) == [Self.slug], "\(awards)")
        #expect(awards.first.map { day($0.validFrom, plusYears: 3) == $0.validUntil } == true, "the edited validity (3 years): \(awards)")
    }

    @Test("the hub shows a proposal's hostile text with its controls visible, in French; refusals are one line")
    func hostileTextAndRefusals() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = HubLab(box: box)
        let remote = box.url("\(caen.uai).git").path
        try box.gitOK(["init", "--quiet", "--bare", "-b", "main", remote], in: box.root)
        try lab.prepare(caen, remote: remote)
        try lab.createHub()
        try lab.hubOK(["register", caen.uai, remote, "--name", caen.name])
        try lab.hubOK(["member", "add", Member.paul, "--role", "cfa-pilote", "--uai", caen.uai])
        try lab.hubOK(["member", "add", Member.marc, "--role", "badgeons"])
        try lab.hubOK(["member", "add", Member.sophie, "--role", "region"])
        try lab.cfaOK(caen, ["propose", "new", Self.slug, "--title", "Inclusion numérique"])
        let file = lab.folder(caen).appendingPathComponent("proposals/\(Self.slug).yaml")
        // YAML escapes: the file is plain text, the parsed `why` holds an escape sequence and a bidi override.
        let hostile = (Self.proposal(criteria: [Self.diagnostic]).components(separatedBy: "why:").first ?? "")
            + "why: \"Effacer \\e[2J et inverser \\u202Eici\"\n"
        try hostile.write(to: file, atomically: true, encoding: .utf8)
        try lab.cfaOK(caen, ["propose", "check", Self.slug])
        try lab.save(caen, "Proposition")
        _ = try submit(lab, message: "Proposition \u{1B}[31mrouge")
        try lab.sync(caen)
        #expect(try lab.reconcile().result.status == 0)

        let shown = try lab.hub(["proposal", "show", caen.uai, Self.slug], lang: "fr_FR.UTF-8")
        #expect(shown.status == 0 && shown.stdout.contains("Badge proposé : inclusion-numerique « Inclusion numérique »"), "\(shown)")
        #expect(shown.stdout.contains("Effacer \\u{1B}[2J et inverser \\u{202E}ici"), "\(shown)")
        #expect(shown.stdout.contains("Message : Proposition \\u{1B}[31mrouge"), "\(shown)")
        #expect(!shown.stdout.contains("\u{1B}") && !shown.stdout.contains("\u{202E}"))
        let listed = try lab.hub(["proposals"], lang: "fr_FR.UTF-8")
        #expect(listed.status == 0 && listed.stdout.contains("\(caen.uai)  \(Self.slug)  « Inclusion numérique »  déposée"), "\(listed)")

        // Refusals: one line in the user's language, nothing changed.
        let before = try lab.storeState()
        for (arguments, french) in [
            (["proposal", "diff", caen.uai, Self.slug], "n'a été soumise qu'une fois"),
            (["proposal", "show", caen.uai, "autre"], "aucune proposition « autre » du CFA \(caen.uai)"),
            (["proposal", "vote", caen.uai, Self.slug, "approve", "--member", Member.marc, "-m", " "], "un vote doit être motivé"),
            (["proposal", "vote", caen.uai, Self.slug, "approve", "--member", Member.paul, "-m", "Oui"], "récusation"),
            (["proposal", "decline", caen.uai, Self.slug, "--member", Member.marc, "-m", "Non"], "seul un membre de la Région"),
            (["proposal", "accept", caen.uai, Self.slug, "--member", Member.sophie, "-m", "Oui"], "quorum non atteint"),
            (["proposal", "accept", caen.uai, Self.slug, "--member", Member.sophie, "-m", "Oui", "--from", "absent.yaml"], "absent.yaml"),
        ] {
            let refused = try lab.hub(arguments, lang: "fr_FR.UTF-8")
            #expect(refused.status == 1 && refused.stderrLines.count == 1 && refused.stderr.contains(french), "\(arguments): \(refused)")
        }
        #expect(try lab.storeState() == before)
        #expect(!FileManager.default.fileExists(atPath: lab.hubFolder.appendingPathComponent("catalogue/draft.yaml").path))
    }
}
