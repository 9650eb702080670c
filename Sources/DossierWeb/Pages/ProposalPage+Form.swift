import DossierCore
import DossierRepository
import Foundation
import WebLayer

/// The proposal's form as posted: the draft it holds (`ProposalDraft`, which writes the file), and
/// what the person asked for — write it, one more criterion row, one row less, a preview of « why ».
/// Rows are numbered fields (`c0-text`, `c0-id`…): a form field never repeats.
struct ProposalFormPost {
    enum Action: Equatable { case save, add, remove(Int), preview }

    var draft: ProposalDraft
    var action: Action
    /// Per row, the id the page derived from the text when it showed the row ("" when the id was
    /// typed): a row whose id is still that one gets its id from its text again.
    var autos: [String]
    /// Example paths typed by hand (one a line), besides the evidence files ticked.
    var otherExamples: String

    static let maxRows = 100
    static let maxExamples = 1000

    /// The form of a draft read from the file.
    init(draft: ProposalDraft) {
        self.draft = draft
        action = .save
        autos = Self.autos(of: draft)
        otherExamples = ""
    }

    init(_ form: WebForm, slug: String) {
        func line(_ name: String) -> String {
            (form[name] ?? "").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var draft = ProposalDraft(slug: slug, title: line("title"), summary: line("summary"),
                                  recognises: (form["recognises"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
        if let years = Int(form["validityYears"] ?? ""), (1...5).contains(years) { draft.validityYears = years }
        var autos: [String] = []
        for index in 0..<min(max(Int(form["count"] ?? "") ?? 0, 0), Self.maxRows) {
            draft.criteria.append(.init(id: (form["c\(index)-id"] ?? "").trimmingCharacters(in: .whitespaces),
                                        text: line("c\(index)-text"), required: form["c\(index)-required"] != nil))
            autos.append(form["c\(index)-auto"] ?? "")
        }
        draft.everyCriterion = form["requirement"] != "some"
        draft.atLeast = max(0, Int(form["atLeast"] ?? "") ?? 0)
        draft.why = (form["why"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        for index in 0..<min(max(Int(form["exCount"] ?? "") ?? 0, 0), Self.maxExamples) {
            if let path = form["ex\(index)"], !path.isEmpty { draft.examples.append(path) }
        }
        otherExamples = (form["otherExamples"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        for path in otherExamples.split(separator: "\n") {
            let path = path.trimmingCharacters(in: .whitespaces)
            if !path.isEmpty, !draft.examples.contains(path) { draft.examples.append(path) }
        }
        switch form["action"] ?? "save" {
        case "add": action = .add
        case "preview": action = .preview
        case let value where value.hasPrefix("remove-"): action = Int(value.dropFirst(7)).map { .remove($0) } ?? .save
        default: action = .save
        }
        self.draft = draft
        self.autos = autos
    }

    /// Applies add/remove, and gives every row whose id was not typed the id of its text.
    mutating func apply() {
        switch action {
        case .add where draft.criteria.count < Self.maxRows:
            draft.criteria.append(.init(id: "", text: ""))
            autos.append("")
        case .remove(let index) where draft.criteria.indices.contains(index):
            draft.criteria.remove(at: index)
            autos.remove(at: index)
        case .save:
            // A row left empty is not a criterion.
            let kept = draft.criteria.indices.filter { !draft.criteria[$0].text.isEmpty || typedID($0) }
            draft.criteria = kept.map { draft.criteria[$0] }
            autos = kept.map { autos[$0] }
        default: break
        }
        let typed = Set(draft.criteria.indices.filter(typedID).map { draft.criteria[$0].id })
        var taken = typed
        for index in draft.criteria.indices where !typedID(index) {
            let id = ProposalDraft.criterionID(for: draft.criteria[index].text, number: index + 1, taken: taken)
            draft.criteria[index].id = id
            autos[index] = id
            taken.insert(id)
        }
        for index in draft.criteria.indices where typedID(index) { autos[index] = "" }
    }

    /// Whether row `index`'s id was typed (a valid id, other than the one the page derived).
    private func typedID(_ index: Int) -> Bool {
        let id = draft.criteria[index].id
        return !id.isEmpty && id != autos[index] && Evidence.isValidID(id)
    }

    /// The autos of a draft read from a file: a row whose id is the one its text gives.
    static func autos(of draft: ProposalDraft) -> [String] {
        var taken: Set<String> = []
        return draft.criteria.enumerated().map { index, criterion in
            defer { taken.insert(criterion.id) }
            return ProposalDraft.criterionID(for: criterion.text, number: index + 1, taken: taken) == criterion.id ? criterion.id : ""
        }
    }
}

extension ProposalPage {
    /// The form's part of the page's model. `evidence`: the dossier's evidence files (path, title),
    /// offered as examples; `errors`: messages by field.
    static func formModel(_ post: ProposalFormPost, evidence: [(path: String, title: String)], errors: [ProposalDraft.Field: String],
                          preview: Bool, _ lang: Lang) -> [String: Any] {
        let draft = post.draft
        var model: [String: Any] = [
            "form": true,
            "formTitle": draft.title, "summary": draft.summary, "recognises": draft.recognises, "why": draft.why,
            "years": (1...5).map { ["value": $0, "label": lang.t($0 == 1 ? "1 an" : "\($0) ans", $0 == 1 ? "1 year" : "\($0) years"),
                                   "selected": $0 == draft.validityYears] },
            "count": draft.criteria.count, "all": draft.everyCriterion, "some": !draft.everyCriterion,
            "atLeast": draft.atLeast, "atLeastMax": max(0, draft.criteria.count),
            "otherExamples": post.otherExamples,
        ]
        model["rows"] = draft.criteria.enumerated().map { index, criterion -> [String: Any] in
            var row: [String: Any] = [
                "i": index, "n": index + 1, "text": criterion.text, "id": criterion.id, "auto": post.autos[index],
                "required": criterion.required,
                "label": criterion.text.isEmpty ? lang.t("Critère \(index + 1) (sans texte)", "Criterion \(index + 1) (no text)") : criterion.text,
                "removable": draft.criteria.count > 1,
            ]
            if let error = errors[.criterion(index)] { row["rowError"] = error }
            return row
        }
        let known = Set(evidence.map(\.path))
        model["evidence"] = evidence.enumerated().map { index, item -> [String: Any] in
            ["i": index, "path": item.path, "title": item.title, "checked": draft.examples.contains(item.path)]
        }
        model["hasEvidence"] = !evidence.isEmpty
        model["exCount"] = evidence.count
        if post.otherExamples.isEmpty {
            model["otherExamples"] = draft.examples.filter { !known.contains($0) }.joined(separator: "\n")
        }
        let named: [(ProposalDraft.Field, String)] = [(.title, "titleError"), (.summary, "summaryError"), (.recognises, "recognisesError"),
                                                      (.validityYears, "validityError"), (.criteria, "criteriaError"),
                                                      (.requirement, "requirementError"), (.why, "whyError")]
        for (field, key) in named { if let error = errors[field] { model[key] = error } }
        let exampleErrors = errors.compactMap { field, text -> String? in
            switch field {
            case .examples, .example: text
            default: nil
            }
        }
        if !exampleErrors.isEmpty { model["examplesError"] = exampleErrors.sorted().joined(separator: " ") }
        if preview {
            let why = ProposalDraft.trimmedMarkdown(draft.why)
            model["preview"] = why.isEmpty ? "" : BadgeMarkdown.html(why)
            model["previewEmpty"] = why.isEmpty
            model["showPreview"] = true
        }
        return model
    }

    /// A check's error on a file the form shows: by field when its line (or the field it misses)
    /// is one of the form's, with the message alone; nil when it concerns no field of the form.
    static func field(of error: Error, in bytes: [UInt8]) -> ProposalDraft.Field? {
        guard let error = error as? DossierError else { return nil }
        if case .missingField(let name) = error.reason {
            switch name {
            case "title": return .title
            case "criteria": return .criteria
            case "why": return .why
            default: break
            }
        }
        guard let line = error.line, let field = ProposalDraft.field(atLine: line, in: bytes), field != .id else { return nil }
        return field
    }

    /// The message next to a field: the reason alone (the field says where), in the person's words
    /// for what the form makes possible (the catalogue loader's own wording is for files).
    static func fieldMessage(_ error: Error, field: ProposalDraft.Field, _ lang: Lang) -> String {
        guard let error = error as? DossierError else { return UIApp.describe(error, lang).1 }
        switch (error.reason, field) {
        case (.missingField, _):
            return lang.t("À remplir.", "To fill in.")
        case (.catalogue, .requirement):
            return lang.t("Rien n'est demandé : cochez au moins un critère obligatoire, ou demandez au moins 1 critère parmi les autres.",
                          "Nothing is asked: tick at least one required criterion, or ask for at least 1 criterion among the others.")
        case (.invalidValue(field: "atLeast", _, _), _):
            return lang.t("« Au moins » ne peut dépasser le nombre des autres critères (non cochés).",
                          "« At least » cannot exceed the number of the other (unticked) criteria.")
        case (.catalogue, .criterion):
            return lang.t("Deux critères ont le même identifiant : changez celui de ce critère (sous « Identifiant »).",
                          "Two criteria have the same id: change this criterion's (under « Id »).")
        default:
            return DossierError(error.reason).text(lang)
        }
    }

    /// A field's name as its label says it, for the error above the form.
    static func fieldLabel(_ field: ProposalDraft.Field, _ lang: Lang) -> String {
        let table = strings.table(lang)
        return switch field {
        case .id: table["slug"] ?? ""
        case .title: table["badgeTitle"] ?? ""
        case .summary: table["summary"] ?? ""
        case .recognises: table["recognises"] ?? ""
        case .validityYears: table["validity"] ?? ""
        case .criteria: table["criteria"] ?? ""
        case .criterion(let index): (table["criterion"] ?? "") + " \(index + 1)"
        case .requirement: table["requirement"] ?? ""
        case .why: table["why"] ?? ""
        case .examples, .example: table["examples"] ?? ""
        }
    }

    /// The anchor of a field in the form (for the error above it to link to).
    static func anchor(_ field: ProposalDraft.Field) -> String {
        switch field {
        case .id: "edit"
        case .title: "p-title"
        case .summary: "p-summary"
        case .recognises: "p-recognises"
        case .validityYears: "p-validity"
        case .criteria: "criteria"
        case .criterion(let index): "c\(index)-text"
        case .requirement: "req-all"
        case .why: "p-why"
        case .examples, .example: "examples"
        }
    }
}
