import Foundation
import Testing

/// The Région publishes a catalogue version with a 13th badge; reconcile delivers it, the CFA's sync
/// receives it, `check` says what changed, and the CFA requests the new badge: all through the binary.
@Suite("Catalogue versions: publish → reconcile → sync → check")
struct CatalogueJourneyTests {
    typealias Member = HubLab.Member
    let caen = SampleCFA.caen

    struct CatalogueJSON: Decodable {
        struct Badge: Decodable { let id: String }
        let version: String
        let badges: [Badge]
    }

    struct ShowJSON: Decodable {
        struct Submission: Decodable { let catalogueVersion: String?; let ready: Bool }
        let submission: Submission
    }

    @Test("a 13th badge published by the Région reaches the CFA, which requests it")
    func journey() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let lab = HubLab(box: box)
        let remote = box.url("\(caen.uai).git").path
        try box.gitOK(["init", "--quiet", "--bare", "-b", "main", remote], in: box.root)
        try lab.prepare(caen, remote: remote)
        try lab.createHub()
        try lab.hubOK(["register", caen.uai, remote, "--name", caen.name])
        try lab.hubOK(["member", "add", Member.sophie, "--role", "region"])
        try lab.hubOK(["member", "add", Member.marc, "--role", "badgeons"])
        let refused = try lab.hub(["catalogue", "publish", "2027.1", "-m", "x", "--member", Member.marc])
        #expect(refused.status == 1 && refused.stderrLines.count == 1, "\(refused)")

        // The Région drafts and publishes 2027.1.
        let edit = try lab.hubOK(["catalogue", "edit"])
        let draft = lab.hubFolder.appendingPathComponent("catalogue/draft.yaml")
        #expect(edit.stdout.contains(draft.path), "\(edit)")
        let text = try String(contentsOf: draft, encoding: .utf8)
        try (text + CatalogueTests.thirteenthBadge).write(to: draft, atomically: true, encoding: .utf8)
        try lab.hubOK(["catalogue", "check"])
        let published = try lab.hub(["catalogue", "publish", "2027.1", "-m", "Badge inclusion numérique", "--member", Member.sophie],
                                    lang: "fr_FR.UTF-8")
        #expect(published.status == 0 && published.stdout.contains("Catalogue 2027.1 publié (13 badges)"), "\(published)")

        // Reconcile delivers it; the CFA's sync receives it.
        let reconciled = try lab.hubOK(["reconcile"])
        #expect(reconciled.stdout.contains("Catalogue sent to: \(caen.uai)"), "\(reconciled)")
        let (again, _) = try lab.reconcile()
        #expect(again.status == 0 && again.stdout.contains("\"catalogueDelivered\" : false"), "\(again)")
        let sync = try lab.run(["sync"], in: lab.folder(caen), lang: "fr_FR.UTF-8")
        #expect(sync.status == 0 && sync.stdout.contains("Catalogue de la Région reçu : version(s) 2026.1, 2027.1"), "\(sync)")
        let catalogue = try lab.cfaOK(caen, ["catalogue", "--json"]).json(CatalogueJSON.self)
        #expect(catalogue.version == "2027.1" && catalogue.badges.count == 13)

        // check: which version applies, and what changed in it.
        let check = try lab.cfaOK(caen, ["check"])
        #expect(check.stdout.contains("The Région's catalogue 2027.1 applies; the dossier was checked against 2026.1."), "\(check)")
        #expect(check.stdout.contains("  + badge added: inclusion-numerique « Inclusion numérique » (optional)"), "\(check)")

        // The CFA gathers evidence for the new badge and requests it; the hub checks it with 2027.1.
        for (name, criterion) in [("diagnostic.md", "diagnostic"), ("ateliers.md", "ateliers")] {
            let file = try box.write("# \(criterion)\n", to: name)
            try lab.cfaOK(caen, ["add", "inclusion-numerique", file.path, "--criterion", criterion, "--title", criterion])
        }
        try lab.cfaOK(caen, ["set", "inclusion-numerique", "status", "ready"])
        let identity = lab.folder(caen).appendingPathComponent("dossier.yaml")
        let yaml = try String(contentsOf: identity, encoding: .utf8)
        try yaml.replacingOccurrences(of: "catalogueVersion: \"2026.1\"", with: "catalogueVersion: \"2027.1\"")
            .write(to: identity, atomically: true, encoding: .utf8)
        try lab.save(caen, "Inclusion numérique")
        _ = try lab.submit(caen, ["inclusion-numerique"], message: "Demande du badge inclusion numérique")
        try lab.sync(caen)
        let (second, report) = try lab.reconcile()
        #expect(second.status == 0 && report.newSubmissions == 1, "\(second)")
        let shown = try lab.hubOK(["show", caen.uai, "inclusion-numerique", "--json"]).json(ShowJSON.self)
        #expect(shown.submission.catalogueVersion == "2027.1" && shown.submission.ready)
        #expect(try lab.hubOK(["show", caen.uai, "inclusion-numerique"]).stdout.contains("Check: ready (catalogue 2027.1)"))
        // The dossier now records 2027.1: check says nothing more about versions.
        #expect(!(try lab.cfaOK(caen, ["check"]).stdout.contains("applies;")))
    }
}
