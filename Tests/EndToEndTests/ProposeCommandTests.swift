import Foundation
import Testing
import TestServers

/// `dossier propose new|check|submit|list` through the built binary: a CFA writes a badge
/// proposal, checks it (file:line), submits it (an annotated `proposals/<slug>/<day>-<n>` tag),
/// `sync` sends it to the Région's remote, the Région's decision comes back, the CFA amends and
/// submits again.
@Suite("Propose: a CFA's badge proposals")
struct ProposeCommandTests {
    static let slug = "inclusion-numerique"
    static let file = "proposals/inclusion-numerique.yaml"

    /// A complete proposal; `title` and `why` are written as YAML double-quoted scalars (escapes allowed).
    static func proposal(title: String = "Inclusion numérique", why: String = "Nos apprentis n'ont pas tous un ordinateur.",
                         diagnostic: String = "Un diagnostic des usages est fait à l'entrée en formation",
                         extra: [String] = []) -> String {
        ([
            "id: \(slug)",
            "title: \"\(title)\"",
            "summary: \"Accompagnement des apprentis éloignés du numérique\"",
            "recognises: \"Les actions du CFA pour que chaque apprenti dispose d'un équipement\"",
            "validityYears: 2",
            "criteria:",
            "  - id: diagnostic",
            "    text: \"\(diagnostic)\"",
            "  - id: pret-materiel",
            "    text: \"Prêt ou aide à l'achat de matériel\"",
            "requirement:",
            "  required: [diagnostic]",
            "  atLeast: 1",
            "  among: [pret-materiel]",
            "why: \"\(why)\"",
            "examples:",
            "  - badges/tutorat/evidence/procedure-historique-echanges.md",
        ] + extra).joined(separator: "\n") + "\n"
    }

    struct ListJSON: Decodable {
        struct Item: Decodable {
            struct Submission: Decodable {
                struct Decision: Decodable {
                    struct Reason: Decodable { let member: String; let role: String; let text: String }
                    let outcome: String
                    let reasons: [Reason]
                }
                let tag: String
                let sent: Bool
                let message: String
                let decision: Decision?
            }
            let slug: String
            let file: String
            let title: String?
            let state: String
            let problem: String?
            let changedSinceSubmission: Bool
            let submissions: [Submission]
        }
        let proposals: [Item]
    }

    struct ReportJSON: Decodable {
        let sentProposals: [String]
        let receivedProposals: [String]
        let sentSubmissions: [String]
        let tampered: [String]
    }

    struct StatusJSON: Decodable {
        let unpushedProposals: [String]
        let unpushedSubmissions: [String]
    }

    static func list(_ lab: SyncLab, _ name: String) throws -> [ListJSON.Item] {
        try lab.dossierOK(name, ["propose", "list", "--json"]).json(ListJSON.self).proposals
    }

    /// `propose submit` → the tag it made (today or, around midnight, tomorrow in Europe/Paris).
    static func submit(_ lab: SyncLab, _ name: String, message: String, number: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = submissionDay()
        let result = try lab.dossierOK(name, ["propose", "submit", slug, "-m", message, "--author", lab.author(name)],
                                       sourceLocation: sourceLocation)
        let after = submissionDay()
        let candidates = Set([before, after]).map { "proposals/\(slug)/\($0)-\(number)" }
        let tag = try #require(candidates.first { result.stdout.contains($0) }, "unexpected tag: \(result)", sourceLocation: sourceLocation)
        #expect(result.stdoutLines.count == 1 && result.stdout.hasPrefix("Proposal submitted: \(tag)"), "\(result)",
                sourceLocation: sourceLocation)
        return tag
    }

    /// One decision of the Région on a proposal tag, as the hub writes it (`ProposalDecision`).
    struct RegionDecision {
        let tag: String
        let outcome: String
        var reasons: [(String, String, String)] = []
        var extra = ""
    }

    /// The Région's decisions, written by hand on the remote's decisions ref (as the hub does at
    /// reconcile), with the git CLI: `proposals/<slug>/<day>-<n>.yaml`, one file per tag.
    static func decide(_ lab: SyncLab, _ decisions: [RegionDecision]) throws {
        var entries: [String] = []
        for (index, decision) in decisions.enumerated() {
            let commit = try lab.remoteGit(["rev-parse", "refs/tags/\(decision.tag)^{commit}"])
            var yaml = "slug: \(slug)\nproposal: \"\(decision.tag)\"\ncommit: \"\(commit)\"\noutcome: \(decision.outcome)\ndate: \"2026-12-08\"\n"
            yaml += "reasons:" + (decision.reasons.isEmpty ? " []\n" : "\n")
            for (member, role, text) in decision.reasons { yaml += "- member: \(member)\n  role: \(role)\n  text: \"\(text)\"\n" }
            yaml += decision.extra
            try lab.box.write(yaml, to: "decision-\(index).yaml")
            let leaf = String(decision.tag.split(separator: "/").last!) + ".yaml"
            entries.append("printf '100644 blob %s\\t%s\\n' $(git hash-object -w ../../decision-\(index).yaml) '\(leaf)'")
        }
        let script = """
            set -e
            inner=$( { \(entries.joined(separator: "; ")); } | git mktree)
            slug=$(printf '040000 tree %s\\t%s\\n' "$inner" '\(slug)' | git mktree)
            root=$(printf '040000 tree %s\\tproposals\\n' "$slug" | git mktree)
            commit=$(git -c user.name=Hub -c user.email=hub@region.example commit-tree "$root" -m 'Décisions')
            git update-ref refs/dossier/decisions "$commit"
            """
        let result = try lab.box.shell(script, in: lab.remote)
        try #require(result.status == 0, "\(result)")
    }

    @Test("new, check, submit, list, sync: the tag reaches the remote; the Région asks for changes; amended and submitted again; another laptop numbers after")
    func journey() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box)

        // new: the commented template, with the CFA's title.
        let created = try lab.dossierOK("a", ["propose", "new", Self.slug, "--title", "Inclusion numérique"])
        #expect(created.stdout == "Proposal created: \(Self.file). Fill it in, then `dossier propose check \(Self.slug)`.\n", "\(created)")
        let template = try readText(lab.file("a", Self.file))
        #expect(template.contains("id: \(Self.slug)\n") && template.contains("title: \"Inclusion numérique\"\n"), "\(template)")
        #expect(template.contains("# Titre court du badge.\n# The badge's short title.\n"), "\(template)")
        #expect(template.contains("# Pourquoi le CFA propose ce badge"), "\(template)")
        // The template is not a proposal yet: check says where to write, file:line, exit 1.
        let unfinished = try lab.dossier("a", ["propose", "check"])
        let criterionLine = try #require(template.components(separatedBy: "\n").firstIndex { $0.contains("- id: critere-1") }) + 1
        #expect(unfinished.status == 1, "\(unfinished)")
        #expect(unfinished.stderrLines == ["\(Self.file):\(criterionLine): missing required field: text"], "\(unfinished)")
        #expect(try Self.list(lab, "a").map(\.state) == ["draft"])
        // new refuses: the same id again, a badge of the catalogue, an id that is not one.
        for (arguments, expected) in [([Self.slug], "already exists"), (["tutorat"], "badge tutorat already exists in catalogue 2026.1"),
                                      (["Inclusion!"], "invalid proposal id")] {
            let refused = try lab.dossier("a", ["propose", "new"] + arguments + ["--title", "X"])
            #expect(refused.status == 1 && refused.stderrLines.count == 1 && refused.stderr.contains(expected), "\(refused)")
        }
        #expect(try readText(lab.file("a", Self.file)) == template, "a refused new changed the file")

        // Filled in: valid; an example missing from the dossier is refused at its line.
        try writeText(Self.proposal(extra: ["  - badges/tutorat/evidence/absent.pdf"]), to: lab.file("a", Self.file))
        let missing = try lab.dossier("a", ["propose", "check", Self.slug])
        #expect(missing.status == 1 && missing.stderrLines == ["\(Self.file):18: file not found: badges/tutorat/evidence/absent.pdf"],
                "\(missing)")
        try writeText(Self.proposal(), to: lab.file("a", Self.file))
        let valid = try lab.dossierOK("a", ["propose", "check"])
        #expect(valid.stdout == "\(Self.file): valid ('Inclusion numérique', 2 criteria)\n", "\(valid)")
        #expect(try Self.list(lab, "a").map(\.state) == ["checked"])

        // Submit with unsaved changes: refused, nothing tagged.
        let unsaved = try lab.dossier("a", ["propose", "submit", Self.slug, "-m", "Proposition"])
        #expect(unsaved.status == 1 && unsaved.stderrLines.count == 1 && unsaved.stderr.contains("unsaved"), "\(unsaved)")
        #expect(try lab.git("a", ["tag", "-l", "proposals/*"]).isEmpty)
        let unknown = try lab.dossier("a", ["propose", "submit", "autre-badge"])
        #expect(unknown.status == 1 && unknown.stderrLines.count == 1, "\(unknown)")

        try lab.save("a", "Proposition : inclusion numérique")
        let first = try Self.submit(lab, "a", message: "Proposition du badge inclusion numérique", number: 1)
        #expect(try lab.git("a", ["cat-file", "-t", "refs/tags/\(first)"]) == "tag")
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(first)^{commit}"]) == lab.head("a"))
        #expect(try lab.git("a", ["cat-file", "-p", "refs/tags/\(first)"]).contains("Proposition du badge inclusion numérique"))
        var items = try Self.list(lab, "a")
        #expect(items.map(\.state) == ["submitted"] && items.first?.submissions.map(\.sent) == [false], "\(items)")
        #expect(try lab.dossierOK("a", ["status", "--json"]).json(StatusJSON.self).unpushedProposals == [first])
        let status = try lab.dossierOK("a", ["status"])
        #expect(status.stdout.contains("Badge proposal(s) not sent yet: 1 (`dossier sync`).\n  \(first)\n"), "\(status)")

        // sync pushes the tag, as it is; the remote has it.
        let sent = try lab.dossierOK("a", ["sync", "--json"]).json(ReportJSON.self)
        #expect(sent.sentProposals == [first] && sent.tampered.isEmpty && sent.sentSubmissions.isEmpty, "\(sent)")
        let remoteTags = try box.gitOK(["ls-remote", lab.remote.path, "refs/tags/proposals/*"], in: box.root)
        // The annotated tag itself, and the save it names.
        let (tagObject, save) = (try lab.git("a", ["rev-parse", "refs/tags/\(first)"]), try lab.head("a"))
        #expect(remoteTags == "\(tagObject)\trefs/tags/\(first)\n\(save)\trefs/tags/\(first)^{}", "\(remoteTags)")
        #expect(try lab.remoteGit(["cat-file", "-t", "refs/tags/\(first)"]) == "tag")
        #expect(try lab.dossierOK("a", ["status", "--json"]).json(StatusJSON.self).unpushedProposals.isEmpty)
        items = try Self.list(lab, "a")
        #expect(items.map(\.state) == ["sent"] && items.first?.submissions.map(\.sent) == [true], "\(items)")
        let listed = try lab.dossierOK("a", ["propose", "list"])
        #expect(listed.stdoutLines.first == "\(Self.slug) « Inclusion numérique »: sent to the Région, awaiting a decision", "\(listed)")
        // Nothing left to send: a second sync sends nothing.
        #expect(try lab.dossierOK("a", ["sync", "--json"]).json(ReportJSON.self).sentProposals.isEmpty)

        // The Région asks for changes (its reasons are the reviewers' text: shown safely).
        let changes = RegionDecision(tag: first, outcome: "changes-requested",
                                     reasons: [("marc", "badgeons", "Préciser le diagnostic \\e[2J\\u202Eici")])
        try Self.decide(lab, [changes])
        try lab.syncOK("a")
        items = try Self.list(lab, "a")
        #expect(items.map(\.state) == ["changes-requested"], "\(items)")
        #expect(items.first?.submissions.first?.decision?.reasons.first?.text == "Préciser le diagnostic \u{1B}[2J\u{202E}ici")
        let decided = try lab.dossierOK("a", ["propose", "list"])
        #expect(decided.stdout.contains("changes requested"), "\(decided)")
        #expect(decided.stdout.contains("marc (badgeons): Préciser le diagnostic \\u{1B}[2J\\u{202E}ici"), "\(decided)")
        #expect(!decided.stdout.contains("\u{1B}") && !decided.stdout.contains("\u{202E}"), "\(decided)")

        // Amended: checked again (changed since the submission), saved, submitted again → a second tag.
        try writeText(Self.proposal(diagnostic: "Un diagnostic des usages et de l'équipement, à l'entrée"), to: lab.file("a", Self.file))
        items = try Self.list(lab, "a")
        #expect(items.map(\.state) == ["checked"] && items.first?.changedSinceSubmission == true, "\(items)")
        try lab.save("a", "Proposition amendée")
        let second = try Self.submit(lab, "a", message: "Diagnostic précisé", number: 2)
        let again = try lab.dossierOK("a", ["sync", "--json"]).json(ReportJSON.self)
        #expect(again.sentProposals == [second], "\(again)")
        let both = try box.gitOK(["ls-remote", "--refs", lab.remote.path, "refs/tags/proposals/*"], in: box.root)
        #expect(Set(both.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) })
                == ["refs/tags/\(first)", "refs/tags/\(second)"], "\(both)")
        items = try Self.list(lab, "a")
        #expect(items.first?.state == "sent" && items.first?.submissions.map(\.tag) == [first, second], "\(items)")

        // Another laptop receives both tags and numbers its own after them.
        let received = try lab.dossierOK("b", ["sync", "--json"]).json(ReportJSON.self)
        #expect(Set(received.receivedProposals) == [first, second], "\(received)")
        let third = try Self.submit(lab, "b", message: "Depuis le poste B", number: second.hasSuffix(submissionDay() + "-2") ? 3 : 1)
        #expect(third != first && third != second)
        let fromB = try lab.dossierOK("b", ["sync"])
        #expect(fromB.stdout.contains("Badge proposal(s) sent: 1.\n"), "\(fromB)")
        // The Région accepts the newest submission (edited: the badge id it became), in catalogue 2027.1.
        try Self.decide(lab, [changes, RegionDecision(tag: third, outcome: "accepted", reasons: [("sophie", "region", "Accepté")],
                                                      extra: "badge: inclusion-numerique-2\ncatalogueVersion: \"2027.1\"\n")])
        try lab.syncOK("b")
        let accepted = try lab.dossierOK("b", ["propose", "list"])
        #expect(accepted.stdoutLines.first == "\(Self.slug) « Inclusion numérique »: accepted, badge inclusion-numerique-2, catalogue 2027.1",
                "\(accepted)")
        #expect(accepted.stdout.contains("marc (badgeons): Préciser"), "the earlier decision's reasons stay listed: \(accepted)")
        #expect(try Self.list(lab, "b").first?.state == "accepted")
        // Accepted: nothing left to check (once published, its id is a badge of the catalogue).
        let nothing = try lab.dossierOK("b", ["propose", "check"])
        #expect(nothing.stdout == "\(Self.file): accepted by the Région (badge inclusion-numerique-2), nothing to check\n", "\(nothing)")
        let french = try box.dossierOK(["propose", "list"], in: lab.clone("b"), lang: "fr_FR.UTF-8")
        #expect(french.stdoutLines.first == "\(Self.slug) « Inclusion numérique » : acceptée, badge inclusion-numerique-2, catalogue 2027.1",
                "\(french)")
        // A new laptop gets every proposal tag with the dossier.
        try box.dossierOK(["clone", "region.git", "c"], in: lab.root)
        #expect(Set(try lab.git("c", ["tag", "-l", "proposals/*"]).split(separator: "\n").map(String.init)) == [first, second, third])
        #expect(try Self.list(lab, "c").first?.submissions.map(\.sent) == [true, true, true])
        try lab.expectFsckClean(["a", "b", "c"])
    }

    @Test("a proposal tag moved on the remote: tampering (exit 5, names the tag), neither side overwritten")
    func tampering() throws {
        let box = try syncSandbox()
        defer { box.remove() }
        let lab = try SyncLab.start(in: box, names: ["a"])
        try writeText(Self.proposal(), to: lab.file("a", Self.file))
        try lab.save("a", "Proposition")
        let tag = try Self.submit(lab, "a", message: "Proposition", number: 1)
        try lab.syncOK("a")
        let original = try lab.git("a", ["rev-parse", "refs/tags/\(tag)"])
        // Someone with access to the server moves the tag to another commit.
        let root = try lab.remoteGit(["rev-list", "--max-parents=0", "refs/heads/main"])
        #expect(try root != lab.remoteMain())
        try lab.remoteGit(["tag", "-f", "-a", tag, "-m", "x", root])
        let forged = try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"])
        let result = try lab.dossier("a", ["sync", "--json"])
        #expect(result.status == 5 && result.stderrLines.count == 1 && result.stderr.contains(tag), "\(result)")
        #expect(try result.json(ReportJSON.self).tampered == [tag])
        #expect(try lab.git("a", ["rev-parse", "refs/tags/\(tag)"]) == original, "the local tag was changed")
        #expect(try lab.remoteGit(["rev-parse", "refs/tags/\(tag)"]) == forged, "the remote tag was overwritten")
    }

    @Test("in French; hostile text in the title and why shown with its controls visible; mandatory and a catalogue id refused in French")
    func frenchAndHostile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let folder = try box.initDossier("cfa", from: "batiment-caen")
        let fr = "fr_FR.UTF-8"
        let hostileTitle = "Badge \u{1B}[2J\u{202E}piégé\nligne 2 \"cité\" \\ fin"
        let created = try box.dossierOK(["propose", "new", Self.slug, "--title", hostileTitle], in: folder, lang: fr)
        #expect(created.stdout.hasPrefix("Proposition créée : \(Self.file). Complétez-la"), "\(created)")
        let template = try readText(folder.appendingPathComponent(Self.file))
        #expect(!template.contains("\u{1B}"), "\(template)")
        // The title reads back exactly as typed.
        let draft = try box.dossierOK(["propose", "list", "--json"], in: folder, lang: fr).json(ListJSON.self)
        #expect(draft.proposals.first?.title == hostileTitle, "\(draft)")
        #expect(draft.proposals.first?.state == "draft")
        let draftText = try box.dossierOK(["propose", "list"], in: folder, lang: fr)
        #expect(draftText.stdout.contains("Badge \\u{1B}[2J\\u{202E}piégé\\nligne 2 \"cité\" \\ fin"), "\(draftText)")
        #expect(draftText.stdout.contains("brouillon, à compléter"), "\(draftText)")
        #expect(draftText.stdout.contains("champ obligatoire manquant : text"), "\(draftText)")
        #expect(!draftText.stdout.contains("\u{1B}"), "\(draftText)")

        // A complete proposal with hostile text in the title and why (YAML escapes).
        try writeText(Self.proposal(title: "Rouge \\e[31m\\u202Efin", why: "Parce que \\e]0;titre\\a et *Markdown*"),
                      to: folder.appendingPathComponent(Self.file))
        let checked = try box.dossierOK(["propose", "check", Self.slug], in: folder, lang: fr)
        #expect(checked.stdout == "\(Self.file) : valide (« Rouge \\u{1B}[31m\\u{202E}fin », 2 critère(s))\n", "\(checked)")
        let listed = try box.dossierOK(["propose", "list"], in: folder, lang: fr)
        #expect(listed.stdoutLines.first == "\(Self.slug) « Rouge \\u{1B}[31m\\u{202E}fin » : vérifiée, à déposer (« dossier propose submit \(Self.slug) -m … »)",
                "\(listed)")
        let json = try box.dossierOK(["propose", "list", "--json"], in: folder, lang: fr)
        #expect(!json.stdout.contains("\u{1B}") && !json.stdout.contains("\u{202E}"), "\(json)")
        #expect(try json.json(ListJSON.self).proposals.first?.title == "Rouge \u{1B}[31m\u{202E}fin")

        // French refusals, file:line, exit 1.
        try writeText(Self.proposal(extra: ["mandatory: true"]), to: folder.appendingPathComponent(Self.file))
        let mandatory = try box.dossier(["propose", "check"], in: folder, lang: fr)
        #expect(mandatory.status == 1 && mandatory.stderrLines.count == 1, "\(mandatory)")
        #expect(mandatory.stderr.hasPrefix("\(Self.file):18: une proposition n'est jamais obligatoire"), "\(mandatory)")
        try writeText(Self.proposal().replacingOccurrences(of: "id: \(Self.slug)", with: "id: tutorat"),
                      to: folder.appendingPathComponent("proposals/tutorat.yaml"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(Self.file))
        let existing = try box.dossier(["propose", "check", "tutorat"], in: folder, lang: fr)
        #expect(existing.status == 1 && existing.stderr.hasPrefix("proposals/tutorat.yaml:1: le badge tutorat existe déjà dans le catalogue 2026.1"),
                "\(existing)")
        // Submitting: unsaved changes refused in French, nothing tagged.
        let unsaved = try box.dossier(["propose", "submit", "tutorat", "-m", "x"], in: folder, lang: fr)
        #expect(unsaved.status == 1 && unsaved.stderrLines.count == 1 && unsaved.stderr.contains("non enregistr"), "\(unsaved)")
        #expect(try box.gitOK(["tag", "-l", "proposals/*"], in: folder).isEmpty)
        // The help, in French.
        let help = try box.dossierOK(["propose", "--help"], in: folder, lang: fr)
        #expect(help.stdout.contains("Propose un nouveau badge à la Région"), "\(help)")
        #expect(try box.dossierOK(["propose", "--help"], in: folder).stdout.contains("Propose a new badge to the Région"))
    }
}
