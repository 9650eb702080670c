import Testing
@testable import DossierCore

/// `ProposalDraft`: the page's form ⇄ `proposals/<slug>.yaml`. Every valid draft the form can hold
/// is written so that `Proposal.parse` reads back exactly its texts; a hand-written file is read into
/// the form as far as it goes, and a file of another shape is said unrepresentable.
@Suite struct ProposalDraftTests {
    static let file = "proposals/inclusion-numerique.yaml"

    /// Texts a CFA may type that YAML would misread if written carelessly.
    static let awkward = [
        "Inclusion numérique", "« Guillemets » et \"doubles\" et 'simples'", "deux points : ici: là", "# pas un commentaire",
        "- commence par un tiret", "  espaces autour  ", "🎓 émoji 👩🏽‍💻", "true", "null", "~", "123", "@arobase", "*étoile", "&ancre",
        "{accolade}", "[crochet]", "%pourcent", "`accent grave`", "a\\b", "tab\there", "ligne\ndeux", "? question", "|barre", ">chevron",
        "!point", "---", "...", "é\u{301}", "\u{2028}séparateur", "fin :", "#", "-", ":",
    ]

    /// A deterministic generator (no flaky seeds): a linear congruential sequence.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func text(lines: Bool = false) -> String {
            var parts: [String] = []
            for _ in 0...next(3) { parts.append(awkward[next(awkward.count)]) }
            return parts.joined(separator: lines && next(2) == 0 ? "\n\n" : " ")
        }
    }

    static func drafts(count: Int) -> [ProposalDraft] {
        var random = Generator(state: 14)
        return (0..<count).map { _ in
            var draft = ProposalDraft(slug: "inclusion-numerique")
            draft.title = "T " + random.text()
            draft.summary = random.next(3) == 0 ? "" : random.text()
            draft.recognises = random.next(3) == 0 ? "" : random.text()
            draft.validityYears = 1 + random.next(5)
            var taken: Set<String> = []
            for number in 1...(1 + random.next(4)) {
                let text = random.text() + " \(number)"
                let id = ProposalDraft.criterionID(for: text, number: number, taken: taken)
                taken.insert(id)
                draft.criteria.append(.init(id: id, text: text, required: random.next(2) == 0))
            }
            draft.everyCriterion = random.next(2) == 0
            let others = draft.criteria.filter { !$0.required }.count
            draft.atLeast = others == 0 ? 0 : random.next(others + 1)
            if !draft.everyCriterion, draft.atLeast == 0, !draft.criteria.contains(where: \.required) { draft.criteria[0].required = true }
            draft.why = (random.next(2) == 0 ? "- " : "") + random.text(lines: true) + (random.next(2) == 0 ? "\n  indenté\n\n" : "") + (random.next(2) == 0 ? "  " : "")
            draft.examples = (0..<random.next(3)).map { _ in "badges/tutorat/evidence/" + Evidence.slug(random.text()) + ".pdf" }
            return draft
        }
    }

    @Test("every valid draft is read back by Proposal.parse with exactly its texts, and read back into the same draft")
    func roundTrip() throws {
        let catalogue = try builtinCatalogue()
        for draft in Self.drafts(count: 300) {
            let bytes = draft.yaml()
            let text = String(decoding: bytes, as: UTF8.self)
            let proposal = try #require(try? Proposal.parse(bytes, file: Self.file, catalogue: catalogue), "\(text)")
            #expect(proposal.badge.title == draft.title, "\(text)")
            #expect(proposal.badge.summary == draft.summary)
            #expect(proposal.badge.recognises == draft.recognises)
            #expect(proposal.validityYears == draft.validityYears)
            #expect(proposal.badge.criteria.map(\.id) == draft.criteria.map(\.id))
            #expect(proposal.badge.criteria.map(\.text) == draft.criteria.map(\.text), "\(text)")
            #expect(proposal.why == ProposalDraft.trimmedMarkdown(draft.why), "\(text)")
            #expect(proposal.examples == draft.examples)
            let ids = draft.criteria.map(\.id)
            if draft.everyCriterion {
                #expect(proposal.badge.requirement.required == ids && proposal.badge.requirement.atLeast == 0)
            } else {
                #expect(proposal.badge.requirement.required == draft.criteria.filter(\.required).map(\.id))
                #expect(proposal.badge.requirement.atLeast == draft.atLeast)
            }
            var expected = draft
            expected.why = ProposalDraft.trimmedMarkdown(draft.why)
            if draft.everyCriterion {
                for index in expected.criteria.indices { expected.criteria[index].required = false }
                expected.atLeast = 0
            }
            #expect(ProposalDraft(reading: bytes, slug: draft.slug) == expected, "\(text)")
        }
    }

    @Test("a hand-written file, with comments and another layout, is read into the form")
    func handWritten() throws {
        let text = """
        # Notre proposition
        id: inclusion-numerique   # l'identifiant
        title: Inclusion numérique
        summary: >
          Accompagnement des apprentis
          éloignés du numérique
        validityYears: 3
        criteria:
          - {id: diagnostic, text: Un diagnostic à l'entrée}
          - id: pret
            text: 'Prêt de matériel'
          - id: ateliers
            text: Ateliers
        requirement:
          required: [diagnostic]
          atLeast: 1
        why: |
          Un tiers de nos apprentis arrivent **sans ordinateur**.
        examples: [badges/tutorat/evidence/charte.pdf]

        """
        let draft = try #require(ProposalDraft(reading: Array(text.utf8), slug: "inclusion-numerique"))
        #expect(draft.title == "Inclusion numérique")
        #expect(draft.summary == "Accompagnement des apprentis éloignés du numérique\n")
        #expect(draft.validityYears == 3)
        #expect(draft.criteria == [.init(id: "diagnostic", text: "Un diagnostic à l'entrée", required: true),
                                   .init(id: "pret", text: "Prêt de matériel"), .init(id: "ateliers", text: "Ateliers")])
        #expect(!draft.everyCriterion && draft.atLeast == 1)
        #expect(draft.why == "Un tiers de nos apprentis arrivent **sans ordinateur**.\n")
        #expect(draft.examples == ["badges/tutorat/evidence/charte.pdf"])
        // The template `dossier propose new` writes is a form too (empty texts).
        let template = """
        id: inclusion-numerique
        title: "Inclusion"
        summary: ""
        criteria:
          - id: critere-1
            text: ""
        requirement:
          all: true
        why: |

        """
        let empty = try #require(ProposalDraft(reading: Array(template.utf8), slug: "inclusion-numerique"))
        #expect(empty.everyCriterion && empty.criteria == [.init(id: "critere-1", text: "")] && empty.why == "" && empty.validityYears == 2)
    }

    @Test("the lines of a hand-written file map back to the form's fields")
    func handWrittenLines() {
        let text = "# note\nid: x\ntitle: T\n\ncriteria:\n  - id: a\n    text: A\n  - id: b\n    text: \"\"\nwhy: |\n  un\n  deux\nexamples:\n  - p\n"
        let bytes = Array(text.utf8)
        #expect(ProposalDraft.field(atLine: 1, in: bytes) == nil)
        #expect(ProposalDraft.field(atLine: 3, in: bytes) == .title)
        #expect(ProposalDraft.field(atLine: 9, in: bytes) == .criterion(1))
        #expect(ProposalDraft.field(atLine: 12, in: bytes) == .why)
        #expect(ProposalDraft.field(atLine: 14, in: bytes) == .example(0))
    }

    @Test("a file the form cannot show without losing something is unrepresentable", arguments: [
        "id: inclusion-numerique\ntitle: X\nlevels:\n  - level: 1\n    criterion: a\n",
        "id: inclusion-numerique\ntitle: X\nrulesText: texte\n",
        "id: inclusion-numerique\ntitle: X\nmandatory: true\n",
        "id: autre\ntitle: X\n",
        "id: inclusion-numerique\ntitle: [X]\n",
        "id: inclusion-numerique\ntitle: X\nvalidityYears: 9\n",
        "id: inclusion-numerique\ncriteria:\n  - id: a\n    text: A\n    note: n\n",
        "id: inclusion-numerique\ncriteria:\n  - id: a\n    text: A\n  - id: b\n    text: B\n  - id: c\n    text: C\nrequirement:\n  atLeast: 1\n  among: [b]\n",
        "title: [unclosed\n",
        "- a list\n",
    ])
    func unrepresentable(_ text: String) {
        #expect(ProposalDraft(reading: Array(text.utf8), slug: "inclusion-numerique") == nil)
    }

    @Test("criterion ids from their text: folded, unique, never empty")
    func criterionIDs() {
        #expect(ProposalDraft.criterionID(for: "Prêt de matériel", number: 1, taken: []) == "pret-de-materiel")
        #expect(ProposalDraft.criterionID(for: "Prêt de matériel", number: 2, taken: ["pret-de-materiel"]) == "pret-de-materiel-2")
        #expect(ProposalDraft.criterionID(for: "🎓 ?", number: 3, taken: []) == "critere-3")
        #expect(ProposalDraft.criterionID(for: "", number: 1, taken: []) == "critere-1")
        let long = ProposalDraft.criterionID(for: String(repeating: "mot ", count: 40), number: 1, taken: [])
        #expect(long.count <= 48 && Evidence.isValidID(long) && !long.hasSuffix("-"))
    }

    @Test("an error's line is mapped back to the field it concerns")
    func errorLines() throws {
        var draft = ProposalDraft(slug: "inclusion-numerique", title: "Inclusion", criteria: [.init(id: "a", text: "A"), .init(id: "b", text: "")],
                                  why: "Parce que.")
        do {
            _ = try Proposal.parse(draft.yaml(), file: Self.file, catalogue: builtinCatalogue())
            Issue.record("an empty criterion text passes")
        } catch let error as DossierError {
            #expect(draft.field(atLine: try #require(error.line)) == .criterion(1), "\(error)")
        }
        draft.criteria[1].text = "B"
        draft.everyCriterion = false
        do {
            _ = try Proposal.parse(draft.yaml(), file: Self.file, catalogue: builtinCatalogue())
            Issue.record("a requirement asking for nothing passes")
        } catch let error as DossierError {
            #expect(draft.field(atLine: try #require(error.line)) == .requirement, "\(error)")
        }
    }
}
