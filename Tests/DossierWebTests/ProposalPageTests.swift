import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import HummingbirdTesting
import Sync
import Testing
@testable import DossierWeb

/// `/proposals` and `/proposal/<id>`: a badge proposal written, checked and submitted from the
/// page, through the same library calls as `dossier propose new|check|submit`.
@Suite struct ProposalPageTests {
    static let slug = "inclusion-numerique"

    static func proposal(title: String) -> String {
        """
        id: \(slug)
        title: "\(title)"
        validityYears: 2
        criteria:
          - id: diagnostic
            text: "Un diagnostic des usages à l'entrée"
        why: |
          Un tiers de nos apprentis arrivent sans ordinateur.

        """
    }

    func tags(_ fixture: UIFixture) throws -> [String] {
        try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue).repository.referenceNames(matching: ProposalTag.pattern())
    }

    func file(_ fixture: UIFixture) -> String { fixture.root + "/" + ProposalTag.file(slug: Self.slug) }

    @Test func newWriteCheckSaveAndSubmit() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let list = try await browser.get("/proposals")
            #expect(list.status == .ok && list.text.contains(escaped("Aucune proposition pour l'instant.")), "\(list.text)")
            // New: the template, with the title typed (a script tag stays text).
            let created = try await browser.submit("/proposals", from: list, [("slug", Self.slug), ("title", "<script>alert(1)</script>")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location == "/proposal/\(Self.slug)?done=created")
            var page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(page.text.contains("Proposition créée : complétez-la ci-dessous."))
            #expect(page.text.contains("brouillon, à compléter"))
            // The template does not pass yet: said at the first empty criterion, where in the file as a hint.
            #expect(page.text.contains("« Critère 1 » : À remplir.") && page.text.contains("<span class=\"error\" id=\"c0-error\">À remplir.</span>"), "\(page.text)")
            #expect(page.text.contains("<code>proposals/\(Self.slug).yaml:"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.text.contains("<script>alert"), "\(page.text)")
            #expect(page.text.contains(escaped("# Titre court du badge.")), "the template's comments in the text area")
            // Written from the page: checked.
            let hostile = "Inclusion <b>numérique</b>"
            let written = try await browser.submit("/proposal/\(Self.slug)", from: page,
                                                   [("sha", hiddenField("sha", in: page.text) ?? ""),
                                                    ("content", Self.proposal(title: hostile).replacingOccurrences(of: "\n", with: "\r\n"))])
            #expect(written.status == .seeOther, "\(written.text)")
            page = try await browser.get("/proposal/\(Self.slug)?done=written")
            #expect(page.text.contains("Fichier écrit et vérifié."))
            #expect(page.text.contains("Valide : « \(escaped(hostile)) », 1 critère(s)."), "\(page.text)")
            #expect(!page.text.contains("<b>numérique</b>"))
            #expect(try String(contentsOfFile: file(fixture), encoding: .utf8) == Self.proposal(title: hostile), "CRLF of the form become LF")
            // Submitting with the proposal unsaved: the command line's refusal, nothing tagged.
            #expect(page.text.contains("1 fichier(s) modifié(s) pas encore enregistré(s)"))
            let refused = try await browser.submit("/proposal/\(Self.slug)/submit", from: page, [("message", "Proposition")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(escaped(SyncError.unsavedChanges(1).text(.fr))), "\(refused.text)")
            #expect(try tags(fixture).isEmpty)
            // Saved (as `dossier save` does), then submitted: a tag on the save.
            let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
            _ = try workspace.save(message: "Proposition", author: Signature(name: "Claire", email: "claire@example.fr"))
            page = try await browser.get("/proposal/\(Self.slug)")
            let submitted = try await browser.submit("/proposal/\(Self.slug)/submit", from: page, [("message", "Proposition du badge")])
            #expect(submitted.status == .seeOther)
            let after = try await browser.get(try #require(submitted.headers[.location]))
            #expect(after.text.contains("Proposition déposée : proposals/\(Self.slug)/"), "\(after.text)")
            #expect(after.text.contains("déposée, pas encore envoyée"))
            #expect(after.text.contains("Proposition du badge"))
            let listed = try await browser.get("/proposals")
            #expect(listed.text.contains("href=\"/proposal/\(Self.slug)\"") && listed.text.contains("déposée, pas encore envoyée"))
        }
        let made = try tags(fixture)
        #expect(made.count == 1 && made.first?.hasPrefix("refs/tags/proposals/\(Self.slug)/") == true, "\(made)")
        let workspace = try Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)
        #expect(try workspace.repository.resolveCommit(made[0]).id == (try workspace.head()?.id), "the tag is on the current save")
    }

    @Test func aFileChangedOutsideThePageIsNeverOverwritten() async throws {
        let fixture = try UIFixture()
        try Proposals(workspace: Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue))
            .create(slug: Self.slug, title: "Inclusion")
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/proposal/\(Self.slug)")
            let sha = try #require(hiddenField("sha", in: page.text))
            try Self.proposal(title: "Écrit dans un éditeur").write(toFile: file(fixture), atomically: true, encoding: .utf8)
            let refused = try await browser.submit("/proposal/\(Self.slug)", from: page,
                                                   [("sha", sha), ("content", Self.proposal(title: "Écrit dans la page"))])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("modifié en dehors de la page"), "\(refused.text)")
            #expect(refused.text.contains("Écrit dans la page"), "what was typed is kept in the text area")
        }
        #expect(try String(contentsOfFile: file(fixture), encoding: .utf8) == Self.proposal(title: "Écrit dans un éditeur"))
    }

    @Test func refusalsAsTheCommandLineSaysThem() async throws {
        let fixture = try UIFixture()
        try await fixture.run { browser in
            try await browser.open()
            let list = try await browser.get("/proposals")
            let taken = try await browser.submit("/proposals", from: list, [("slug", "tutorat"), ("title", "Tutorat bis")])
            #expect(taken.status == .conflict)
            #expect(taken.text.contains(escaped(ProposeError.badgeExists(id: "tutorat", catalogue: "2026.1").text(.fr))), "\(taken.text)")
            let invalid = try await browser.submit("/proposals", from: list, [("slug", "Pas Un Id"), ("title", "X")])
            #expect(invalid.status == .conflict && invalid.text.contains("identifiant de proposition invalide"))
            #expect(try await browser.get("/proposal/absente").status == .notFound)
            #expect(try await browser.get("/proposal/..%2Fdossier").status == .notFound)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/proposals"), "nothing written")
    }
}

/// The proposal's form: written without YAML, rows added and removed without JavaScript, errors
/// next to their field with what was typed kept, a hand-written file read into it, a file of another
/// shape left to the text area.
@Suite struct ProposalFormTests {
    static let slug = ProposalPageTests.slug
    static let action = "/proposal/\(slug)/form"

    func file(_ fixture: UIFixture) -> String { fixture.root + "/" + ProposalTag.file(slug: Self.slug) }

    func created(_ title: String = "Inclusion") throws -> UIFixture {
        let fixture = try UIFixture()
        try Proposals(workspace: Workspace.open(at: fixture.root, catalogue: fixture.app.settings.catalogue)).create(slug: Self.slug, title: title)
        return fixture
    }

    func parse(_ fixture: UIFixture) throws -> Proposal {
        try Proposal.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file(fixture)))), file: ProposalTag.file(slug: Self.slug),
                           catalogue: fixture.app.settings.catalogue)
    }

    @Test func theFormWritesTheFileAndIsTheDefault() async throws {
        let fixture = try created()
        try await fixture.run { browser in
            try await browser.open()
            var page = try await browser.get("/proposal/\(Self.slug)")
            // The template is read into the form: the title, two empty rows, every criterion.
            #expect(page.text.contains("action=\"\(Self.action)\""))
            #expect(page.text.contains("id=\"p-title\" name=\"title\" value=\"Inclusion\""), "\(page.text)")
            var fields = formFields(page.text, action: Self.action)
            #expect(value("count", fields) == "2" && value("requirement", fields) == "all")
            // Enter in a field presses the first submit button: the hidden « Enregistrer ».
            let form = try #require(formHTML(page.text, action: Self.action))
            #expect(form.range(of: "<button")?.lowerBound == form.range(of: "<button type=\"submit\" name=\"action\" value=\"save\" hidden")?.lowerBound)
            set(&fields, [("title", "Inclusion <b>numérique</b> : « 1er » #1"), ("summary", "Accompagner les apprentis"),
                          ("recognises", "Le prêt de matériel"), ("validityYears", "3"),
                          ("c0-text", "Un diagnostic des usages à l'entrée"), ("c1-text", "Prêt de matériel"),
                          ("requirement", "some"), ("c0-required", "on"), ("atLeast", "1"),
                          ("why", "Un tiers de nos apprentis arrivent **sans ordinateur**.\r\n\r\n- diagnostic\r\n- prêt\r\n"), ("action", "save")])
            let written = try await browser.submit(Self.action, from: page, fields)
            #expect(written.status == .seeOther, "\(written.text)")
            #expect(written.headers[.location] == "/proposal/\(Self.slug)?done=written")
            page = try await browser.get("/proposal/\(Self.slug)?done=written")
            #expect(page.text.contains("Fichier écrit et vérifié."), "\(page.text)")
            #expect(page.text.contains("value=\"Inclusion &lt;b&gt;numérique&lt;/b&gt; : « 1er » #1\"") && !page.text.contains("<b>numérique"))
            #expect(page.text.contains("<code>un-diagnostic-des-usages-a-l-entree</code>"), "the id derived from the text is shown")
        }
        let proposal = try parse(fixture)
        #expect(proposal.badge.title == "Inclusion <b>numérique</b> : « 1er » #1")
        #expect(proposal.badge.summary == "Accompagner les apprentis" && proposal.validityYears == 3)
        #expect(proposal.badge.criteria.map(\.id) == ["un-diagnostic-des-usages-a-l-entree", "pret-de-materiel"])
        #expect(proposal.badge.requirement.required == ["un-diagnostic-des-usages-a-l-entree"] && proposal.badge.requirement.atLeast == 1)
        #expect(proposal.why == "Un tiers de nos apprentis arrivent **sans ordinateur**.\n\n- diagnostic\n- prêt")
    }

    @Test func rowsAreAddedAndRemovedWithoutJavaScriptAndNothingIsWritten() async throws {
        let fixture = try created()
        let before = try String(contentsOfFile: file(fixture), encoding: .utf8)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/proposal/\(Self.slug)")
            var fields = formFields(page.text, action: Self.action)
            set(&fields, [("title", "Tapé"), ("c0-text", "Premier"), ("c1-text", "Deuxième"), ("action", "add")])
            let added = try await browser.submit(Self.action, from: page, fields)
            #expect(added.status == .ok)
            fields = formFields(added.text, action: Self.action)
            #expect(value("count", fields) == "3" && value("c2-text", fields) == "" && value("title", fields) == "Tapé")
            #expect(value("c1-id", fields) == "deuxieme", "the id of a row follows its text")
            #expect(added.text.contains("<label for=\"c2-text\">Critère 3</label>"))
            set(&fields, [("c2-text", "Troisième"), ("action", "remove-0")])
            let removed = try await browser.submit(Self.action, from: added, fields)
            #expect(removed.status == .ok)
            fields = formFields(removed.text, action: Self.action)
            #expect(value("count", fields) == "2" && value("c0-text", fields) == "Deuxième" && value("c1-text", fields) == "Troisième")
            #expect(value("title", fields) == "Tapé")
            // Preview of « why »: the Markdown rendered safely, nothing written either.
            set(&fields, [("why", "**Gras** <script>alert(1)</script>"), ("action", "preview")])
            let preview = try await browser.submit(Self.action, from: removed, fields)
            #expect(preview.text.contains("<strong>Gras</strong>") && !preview.text.contains("<script>alert"), "\(preview.text)")
            #expect(value("why", formFields(preview.text, action: Self.action)) == "**Gras** <script>alert(1)</script>")
        }
        #expect(try String(contentsOfFile: file(fixture), encoding: .utf8) == before, "nothing written before « Enregistrer »")
    }

    @Test func anErrorIsShownAtItsFieldWithWhatWasTypedKept() async throws {
        let fixture = try created()
        try await fixture.run { browser in
            try await browser.open()
            var page = try await browser.get("/proposal/\(Self.slug)")
            var fields = formFields(page.text, action: Self.action)
            // Some criteria, none ticked, none among the others: the requirement asks for nothing.
            set(&fields, [("title", "Inclusion"), ("summary", "Gardé « tel quel »"), ("c0-text", "Diagnostic"), ("c1-text", "Prêt"),
                          ("requirement", "some"), ("atLeast", "0"), ("why", "Parce que."), ("otherExamples", "badges/absent/evidence/x.pdf"),
                          ("action", "save")])
            _ = try await browser.submit(Self.action, from: page, fields)
            page = try await browser.get("/proposal/\(Self.slug)?done=written")
            #expect(page.text.contains("Fichier écrit, mais la vérification y trouve une erreur"), "\(page.text)")
            #expect(page.text.contains("<p class=\"error\" id=\"requirement-error\">"), "\(page.text)")
            #expect(page.text.contains("href=\"#req-all\""), "the error above links to its field")
            #expect(page.text.contains("Rien n&#39;est demandé") && !page.text.contains("asks for nothing"), "in the person's words")
            fields = formFields(page.text, action: Self.action)
            #expect(value("summary", fields) == "Gardé « tel quel »" && value("requirement", fields) == "some")
            #expect(value("c0-text", fields) == "Diagnostic" && value("otherExamples", fields) == "badges/absent/evidence/x.pdf")
            // Fixed; the example missing from the dossier is then said at the examples.
            set(&fields, [("c0-required", "on"), ("action", "save")])
            _ = try await browser.submit(Self.action, from: page, fields)
            page = try await browser.get("/proposal/\(Self.slug)?done=written")
            #expect(page.text.contains("id=\"examples-error\">") && page.text.contains("badges/absent/evidence/x.pdf"), "\(page.text)")
            #expect(!page.text.contains("id=\"requirement-error\""))
            // An empty title: « À remplir. » at the title.
            fields = formFields(page.text, action: Self.action)
            set(&fields, [("title", " "), ("otherExamples", ""), ("action", "save")])
            _ = try await browser.submit(Self.action, from: page, fields)
            page = try await browser.get("/proposal/\(Self.slug)?done=written")
            #expect(page.text.contains("<span class=\"error\" id=\"p-title-error\">À remplir.</span>"), "\(page.text)")
            #expect(page.text.contains("aria-invalid=\"true\" aria-describedby=\"p-title-error\""))
            #expect(value("summary", formFields(page.text, action: Self.action)) == "Gardé « tel quel »")
        }
    }

    @Test func aHandWrittenFileIsReadIntoTheForm() async throws {
        let fixture = try created()
        try """
        # Écrit à la main
        id: inclusion-numerique
        title: Inclusion numérique   # le titre
        summary: >
          Accompagner les apprentis
        validityYears: 4
        criteria:
          - {id: diagnostic, text: "Diagnostic <i>à l'entrée</i>"}
          - id: pret
            text: Prêt
        requirement: {required: [diagnostic], atLeast: 1, among: [pret]}
        why: |
          Parce que.

        """.write(toFile: file(fixture), atomically: true, encoding: .utf8)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/proposal/\(Self.slug)")
            #expect(!page.text.contains("ne sait pas afficher"))
            let fields = formFields(page.text, action: Self.action)
            #expect(value("title", fields) == "Inclusion numérique" && value("validityYears", fields) == "4")
            #expect(value("c0-text", fields) == "Diagnostic <i>à l'entrée</i>" && value("c0-id", fields) == "diagnostic")
            #expect(value("c0-required", fields) == "on" && value("c1-required", fields) == nil && value("atLeast", fields) == "1")
            #expect(value("requirement", fields) == "some" && value("why", fields) == "Parce que.\n")
            #expect(page.text.contains("Diagnostic &lt;i&gt;à l&#39;entrée&lt;/i&gt;") && !page.text.contains("<i>à"), "escaped")
            #expect(page.text.contains("Valide : « Inclusion numérique »"))
        }
    }

    @Test func theFormInEnglish() async throws {
        let fixture = try created()
        try await fixture.run { browser in
            try await browser.open()
            browser.cookies["lang"] = "en"
            let page = try await browser.get("/proposal/\(Self.slug)")
            for text in ["Save the proposal", "Add a criterion", "What must be shown", "Every criterion", "Why the CFA proposes this badge",
                         "Edit the file directly (advanced)", "« Criterion 1 » : To fill in."] {
                #expect(page.text.contains(escaped(text)), "\(text)")
            }
            #expect(!page.text.contains("Enregistrer la proposition") && !page.text.contains("Ajouter un critère"))
        }
    }

    @Test func aFileTheFormCannotShowIsLeftToTheTextArea() async throws {
        let fixture = try created()
        let text = ProposalPageTests.proposal(title: "Avec niveaux") + "levels:\n  - level: 1\n    criterion: diagnostic\n"
        try text.write(toFile: file(fixture), atomically: true, encoding: .utf8)
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/proposal/\(Self.slug)")
            #expect(page.text.contains("que le formulaire ne sait pas afficher"), "\(page.text)")
            #expect(!page.text.contains("action=\"\(Self.action)\""), "no form that would drop the levels")
            #expect(page.text.contains("<details class=\"advanced\" open>") && page.text.contains(escaped("criterion: diagnostic")))
        }
    }

    @Test func theFormNeverOverwritesAFileChangedOutsideThePage() async throws {
        let fixture = try created()
        try await fixture.run { browser in
            try await browser.open()
            let page = try await browser.get("/proposal/\(Self.slug)")
            var fields = formFields(page.text, action: Self.action)
            try ProposalPageTests.proposal(title: "Écrit dans un éditeur").write(toFile: file(fixture), atomically: true, encoding: .utf8)
            set(&fields, [("title", "Écrit dans la page"), ("c0-text", "Tapé ici"), ("action", "save")])
            let refused = try await browser.submit(Self.action, from: page, fields)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("modifié en dehors de la page"), "\(refused.text)")
            let kept = formFields(refused.text, action: Self.action)
            #expect(value("title", kept) == "Écrit dans la page" && value("c0-text", kept) == "Tapé ici", "what was typed is kept")
            // A forged form without the fingerprint is refused too.
            set(&fields, [("sha", "")])
            #expect(try await browser.submit(Self.action, from: page, fields).status == .conflict)
        }
        #expect(try String(contentsOfFile: file(fixture), encoding: .utf8) == ProposalPageTests.proposal(title: "Écrit dans un éditeur"))
    }
}

// MARK: - A browser's reading of a form

/// The HTML of the form posting to `action`.
func formHTML(_ page: String, action: String) -> String? {
    guard let start = page.range(of: "<form method=\"post\" action=\"\(action)\"") else { return nil }
    guard let end = page.range(of: "</form>", range: start.upperBound..<page.endIndex) else { return nil }
    return String(page[start.lowerBound..<end.upperBound])
}

/// The fields a browser would post from the form to `action` (without any button): inputs (checked
/// boxes and radios only), text areas, selected options — values unescaped.
func formFields(_ page: String, action: String) -> [(String, String)] {
    guard let form = formHTML(page, action: action) else { return [] }
    func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return unescape(String(tag[range.upperBound...].prefix { $0 != "\"" }))
    }
    var fields: [(String, String)] = []
    var rest = form[...]
    while let open = rest.range(of: "<") {
        rest = rest[open.upperBound...]
        let tag = String(rest.prefix { $0 != ">" })
        if tag.hasPrefix("input "), let name = attribute("name", in: tag) {
            let type = attribute("type", in: tag) ?? "text"
            if (type == "checkbox" || type == "radio") && !tag.contains(" checked") { continue }
            fields.append((name, attribute("value", in: tag) ?? ""))
        } else if tag.hasPrefix("textarea "), let name = attribute("name", in: tag) {
            let body = rest.drop { $0 != ">" }.dropFirst()
            let end = body.range(of: "</textarea>")?.lowerBound ?? body.endIndex
            fields.append((name, unescape(String(body[..<end]))))
        } else if tag.hasPrefix("select "), let name = attribute("name", in: tag) {
            let end = rest.range(of: "</select>")?.lowerBound ?? rest.endIndex
            let options = String(rest[..<end])
            if let selected = options.range(of: "<option value=\"([^\"]*)\" selected", options: .regularExpression) {
                fields.append((name, attribute("value", in: String(options[selected])) ?? ""))
            }
        }
    }
    // `submit` adds the page's token itself.
    return fields.filter { $0.0 != "csrf" }
}

func value(_ name: String, _ fields: [(String, String)]) -> String? { fields.first { $0.0 == name }?.1 }

/// Sets fields as a person would type them (replacing, or adding a box ticked).
func set(_ fields: inout [(String, String)], _ changes: [(String, String)]) {
    for (name, text) in changes {
        if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = text } else { fields.append((name, text)) }
    }
}

private func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
}
