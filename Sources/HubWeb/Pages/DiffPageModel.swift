import DossierCore
import Foundation
import Hub
import WebLayer

/// The renewal page's model: the semantic diff of one badge turned into what the template shows,
/// criterion by criterion. Every text is given to the template as text (escaped there); the only
/// HTML is Markdown previews made by `WebApp.markdownHTML` (escaped first).
struct DiffPageModel {
    let app: WebApp
    let lang: Lang
    let uai: String
    let badge: String
    let definition: Badge
    let view: SubmissionView
    let renewal: BadgeRenewalDiff
    let snapshots: RenewalSnapshots?
    /// `/cfa/<UAI>/<badge>`.
    let base: String

    /// Longest text shown as a preview of an added evidence (characters).
    static let previewLimit = 4_000

    /// Contents read once per page: the awarded version of every removed or changed evidence, the
    /// request's version of every added or changed one.
    private let before: [String: EvidenceContent]
    private let after: [String: EvidenceContent]

    init(app: WebApp, lang: Lang, uai: String, badge: String, definition: Badge, view: SubmissionView, renewal: BadgeRenewalDiff,
         snapshots: RenewalSnapshots?, base: String) throws {
        self.app = app
        self.lang = lang
        self.uai = uai
        self.badge = badge
        self.definition = definition
        self.view = view
        self.renewal = renewal
        self.snapshots = snapshots
        self.base = base
        let changes = renewal.changes
        let changed = Set((changes?.evidenceChanged ?? []).map(\.id))
        before = try app.hub.baseEvidenceContents(uai: uai, badge: badge,
                                                  evidenceIDs: changed.union((changes?.evidenceRemoved ?? []).map(\.id)))
        var after: [String: EvidenceContent] = [:]
        for id in changed.union((changes?.evidenceAdded ?? []).map(\.id)) {
            after[id] = try? app.hub.evidenceContent(uai: uai, badge: badge, evidenceID: id)
        }
        self.after = after
    }

    func model() throws -> [String: Any] {
        let changes = renewal.changes
        var model: [String: Any] = ["renewal": true]
        model["baseDate"] = snapshots.map { WebApp.moment($0.baseDate, lang) } ?? ""
        model["baseCommit"] = String((view.submission.baseCommit ?? "").prefix(12))
        model["commit"] = String(view.submission.commit.prefix(12))
        if let met = view.submission.renewalRulesMet { model["rulesMet"] = met ? lang.t("respectées", "met") : lang.t("non respectées", "not met") }
        model["rulesOK"] = view.submission.renewalRulesMet == true

        let added = changes?.evidenceAdded ?? [], removed = changes?.evidenceRemoved ?? []
        let changed = changes?.evidenceChanged ?? []
        let replaced = changed.filter { $0.changes.contains(.replaced) }
        let retitled = changed.filter { $0.changes.contains(.retitled) }
        let moved = changed.filter { $0.changes.contains(.moved) }
        let narrativeChanged = changes?.narrative != nil
        model["summary"] = [
            ["count": added.count, "text": lang.t("preuve(s) ajoutée(s)", "evidence added"), "symbol": "+"],
            ["count": removed.count, "text": lang.t("preuve(s) retirée(s)", "evidence removed"), "symbol": "−"],
            ["count": replaced.count, "text": lang.t("fichier(s) remplacé(s)", "file(s) replaced"), "symbol": "~"],
            ["count": retitled.count, "text": lang.t("preuve(s) renommée(s)", "evidence retitled"), "symbol": "~"],
            ["count": moved.count, "text": lang.t("preuve(s) déplacée(s) vers un autre critère", "evidence moved to another criterion"), "symbol": "→"],
        ].filter { ($0["count"] as? Int ?? 0) > 0 } as [[String: Any]]
        model["narrativeChanged"] = narrativeChanged
        model["nothing"] = changes == nil || (added.isEmpty && removed.isEmpty && changed.isEmpty && !narrativeChanged
                                              && (changes?.fields.isEmpty ?? true))

        // Criteria met.
        func criterion(_ id: String) -> [String: Any] {
            ["id": id, "text": definition.criteria.first { $0.id == id }?.text ?? ""]
        }
        model["newlyMet"] = (changes?.criteriaNewlyMet ?? []).map(criterion)
        model["noLongerMet"] = (changes?.criteriaNoLongerMet ?? []).map(criterion)
        model["hasNewlyMet"] = !(changes?.criteriaNewlyMet ?? []).isEmpty
        model["hasNoLongerMet"] = !(changes?.criteriaNoLongerMet ?? []).isEmpty
        if let changes, changes.requirementMetBefore != changes.requirementMetAfter {
            model["requirement"] = changes.requirementMetAfter
                ? lang.t("L'exigence du badge est maintenant remplie.", "The badge's requirement is now met.")
                : lang.t("L'exigence du badge n'est plus remplie.", "The badge's requirement is no longer met.")
            model["requirementOK"] = changes.requirementMetAfter
        }
        model["fields"] = (changes?.fields ?? []).map { ["field": $0.field, "from": $0.from ?? "—", "to": $0.to ?? "—"] }
        model["hasFields"] = !(changes?.fields ?? []).isEmpty

        // Evidence, criterion by criterion (catalogue order, then criteria the catalogue does not know).
        var cards: [String: [[String: Any]]] = [:]
        var notes: [String: [[String: Any]]] = [:]
        for item in added { cards[item.criterion, default: []].append(try addedCard(item)) }
        for item in removed { cards[item.criterion, default: []].append(removedCard(item)) }
        for change in changed {
            cards[change.after.criterion, default: []].append(try changedCard(change))
            if change.changes.contains(.moved) {
                notes[change.before.criterion, default: []].append([
                    "text": lang.t("« \(change.after.title) » a été déplacée vers le critère \(change.after.criterion).",
                                   "« \(change.after.title) » was moved to criterion \(change.after.criterion)."),
                    "anchor": "e-" + change.id])
            }
        }
        let known = definition.criteria.map(\.id)
        let unknown = Set(cards.keys).union(notes.keys).subtracting(known).sorted()
        model["criteria"] = (known + unknown).compactMap { id -> [String: Any]? in
            let items = cards[id] ?? [], moves = notes[id] ?? []
            guard !items.isEmpty || !moves.isEmpty else { return nil }
            return ["id": id, "text": definition.criteria.first { $0.id == id }?.text ?? lang.t("(critère inconnu du catalogue)", "(criterion not in the catalogue)"),
                    "cards": items, "moves": moves, "hasMoves": !moves.isEmpty]
        } as [[String: Any]]
        model["hasEvidenceChanges"] = !cards.isEmpty || !notes.isEmpty
        let untouched = known.filter { cards[$0] == nil && notes[$0] == nil }
        if !untouched.isEmpty { model["untouched"] = untouched.joined(separator: ", ") }

        // The narrative, word by word.
        if narrativeChanged {
            if let snapshots, snapshots.narrativeBefore.utf8.count + snapshots.narrativeAfter.utf8.count <= 2_000_000 {
                let words = WordDiff(old: snapshots.narrativeBefore, new: snapshots.narrativeAfter)
                model["narrative"] = words.segments.map { ["text": $0.text, "del": $0.op == .removed, "ins": $0.op == .added] as [String: Any] }
            } else if let lines = changes?.narrative {
                // Too long to diff word by word: the changed lines, whole.
                model["narrative"] = lines.lines.map { line -> [String: Any] in
                    ["text": (line.op == "…" ? "…" : line.text) + "\n", "del": line.op == "-", "ins": line.op == "+"]
                }
            }
        }

        // The raw list of files.
        model["files"] = renewal.files.map { file -> [String: Any] in
            let (mark, text): (String, String) = switch file.change {
            case .added: ("A", lang.t("ajouté", "added"))
            case .deleted: ("D", lang.t("supprimé", "deleted"))
            case .modified: ("M", lang.t("modifié", "modified"))
            }
            return ["path": file.path, "mark": mark, "change": text]
        }
        model["fileCount"] = renewal.files.count
        return model
    }

    // MARK: cards

    private var afterDate: String { WebApp.moment(view.submission.submittedAt, lang) }
    private var beforeDate: String { snapshots.map { WebApp.moment($0.baseDate, lang) } ?? "" }

    private func afterHref(_ id: String) -> String { base + "/evidence/" + WebPath.segment(id) + "/raw" }
    private func beforeHref(_ id: String) -> String { base + "/diff/before/" + WebPath.segment(id) }

    private func card(_ kind: String, _ id: String, title: String, symbol: String, label: String) -> [String: Any] {
        // Every key the card template reads is set, so that none falls through to an outer context.
        ["kind": kind, "anchor": "e-" + id, "title": title, "symbol": symbol, "label": label, "id": id, "location": false,
         "notes": [[String: Any]](), "hasNotes": false, "preview": false, "removedVersion": false, "removedLink": false,
         "retitled": false, "moved": false, "replaced": false]
    }

    /// The file name or address (false when neither: a template section then shows nothing).
    private func location(_ item: EvidenceSummary) -> Any {
        if let file = item.file { return file }
        return item.url ?? false
    }

    private func addedCard(_ item: EvidenceSummary) throws -> [String: Any] {
        var card = card("added", item.id, title: item.title, symbol: "+", label: lang.t("Ajoutée", "Added"))
        card["location"] = location(item)
        card["preview"] = try preview(item.id)
        return card
    }

    private func removedCard(_ item: EvidenceSummary) -> [String: Any] {
        var card = card("removed", item.id, title: item.title, symbol: "−", label: lang.t("Retirée", "Removed"))
        card["location"] = location(item)
        if item.file != nil {
            let size = before[item.id]?.record.size
            card["removedVersion"] = ["href": beforeHref(item.id), "size": size.map { WebApp.size($0, lang) } ?? "", "date": beforeDate]
        } else if let url = item.url, Self.isWebAddress(url) {
            card["removedLink"] = url
        }
        return card
    }

    private func changedCard(_ change: EvidenceChange) throws -> [String: Any] {
        var card = card("changed", change.id, title: change.after.title, symbol: "~", label: lang.t("Modifiée", "Changed"))
        card["location"] = location(change.after)
        var notes: [[String: Any]] = []
        for kind in change.changes {
            switch kind {
            case .retitled:
                let words = WordDiff(old: change.before.title, new: change.after.title)
                card["retitled"] = ["before": change.before.title, "after": change.after.title,
                                    "segments": words.segments.map { ["text": $0.text, "del": $0.op == .removed, "ins": $0.op == .added] as [String: Any] }]
            case .moved:
                card["moved"] = ["from": change.before.criterion, "to": change.after.criterion]
            case .renamed:
                notes.append(["text": lang.t("Fichier renommé : \(change.before.file ?? "") → \(change.after.file ?? "")",
                                             "File renamed: \(change.before.file ?? "") → \(change.after.file ?? "")")])
            case .relinked:
                notes.append(["text": lang.t("Lien changé : \(change.before.url ?? "") → \(change.after.url ?? "")",
                                             "Link changed: \(change.before.url ?? "") → \(change.after.url ?? "")")])
            case .retyped:
                notes.append(["text": change.after.url != nil ? lang.t("Le fichier est devenu un lien.", "The file became a link.")
                                                             : lang.t("Le lien est devenu un fichier.", "The link became a file.")])
            case .replaced:
                card["replaced"] = try replacement(change)
            }
        }
        card["notes"] = notes
        card["hasNotes"] = !notes.isEmpty
        if change.changes.contains(.retyped), !change.changes.contains(.replaced), change.after.file != nil || change.before.file != nil {
            card["replaced"] = try replacement(change)
        }
        return card
    }

    /// How a replaced file is shown: text side by side, images before and after, or both versions.
    private func replacement(_ change: EvidenceChange) throws -> [String: Any] {
        let after = self.after[change.id], before = self.before[change.id]
        // A line diff only for what is shown as text (a PDF whose bytes happen to be text is not).
        let textual = after.map { [.text, .markdown].contains(kind(of: $0)) } ?? true
        if textual, let text = renewal.evidenceText.first(where: { $0.evidence == change.id }) {
            let omitted = text.diff.omitted
            return ["textRows": DiffRows.rows(text.diff).map(DiffRows.model), "isText": true, "images": false,
                    "omitted": omitted > 0 ? lang.t("… et \(omitted) ligne(s) modifiée(s) de plus, non montrées.",
                                                    "… and \(omitted) more changed line(s), not shown.") : false,
                    "versions": versions(change.id, before: before, after: after)]
        }
        if let after, let before, case .image = kind(of: after), case .image = kind(of: before) {
            return ["images": ["before": beforeHref(change.id), "after": afterHref(change.id),
                               "beforeAlt": lang.t("Avant : \(change.before.title)", "Before: \(change.before.title)"),
                               "afterAlt": lang.t("Après : \(change.after.title)", "After: \(change.after.title)")],
                    "isText": false, "omitted": false, "versions": versions(change.id, before: before, after: after)]
        }
        return ["isText": false, "images": false, "omitted": false, "versions": versions(change.id, before: before, after: after)]
    }

    /// Both versions of a file, with size and date.
    private func versions(_ id: String, before: EvidenceContent?, after: EvidenceContent?) -> [String: Any] {
        func side(_ content: EvidenceContent?, href: String, date: String) -> [String: Any] {
            guard let content, Self.hasBytes(content.body) else { return ["available": false, "href": "", "size": "", "date": date] }
            return ["available": true, "href": href, "size": content.record.size.map { WebApp.size($0, lang) } ?? "", "date": date]
        }
        return ["before": side(before, href: beforeHref(id), date: beforeDate), "after": side(after, href: afterHref(id), date: afterDate)]
    }

    /// A preview of an added evidence: the start of a text, rendered Markdown, an image, a video,
    /// a PDF or a link.
    private func preview(_ id: String) throws -> [String: Any] {
        var preview: [String: Any] = ["href": afterHref(id), "size": "", "page": base + "/evidence/" + WebPath.segment(id),
                                      "link": false, "linkText": false, "text": false, "markdown": false, "cut": false, "none": false, "missing": false,
                                      "mediaMissing": false, "image": false, "pdf": false, "video": false, "download": false]
        guard let content = after[id] else {
            preview["none"] = true
            return preview
        }
        preview["size"] = content.record.size.map { WebApp.size($0, lang) } ?? ""
        switch content.body {
        case .link(let url):
            if Self.isWebAddress(url) { preview["link"] = url } else { preview["linkText"] = url }
        case .missing:
            preview["missing"] = true
        case .mediaMissing:
            preview["mediaMissing"] = true
        case .bytes(let bytes):
            switch EvidenceType.classify(name: content.record.path ?? "", head: bytes) {
            case .text:
                let text = String(decoding: bytes, as: UTF8.self)
                preview["text"] = String(text.prefix(Self.previewLimit))
                preview["cut"] = text.count > Self.previewLimit
            case .markdown:
                let text = String(decoding: bytes, as: UTF8.self)
                preview["markdown"] = WebApp.markdownHTML(String(text.prefix(Self.previewLimit)))
                preview["cut"] = text.count > Self.previewLimit
            case .image: preview["image"] = true
            case .pdf: preview["pdf"] = true
            case .video: preview["video"] = true
            case .download: preview["download"] = true
            }
        case .mediaFile(let path, _):
            switch EvidenceType.classify(name: content.record.path ?? "", head: WebApp.head(of: path)) {
            case .image: preview["image"] = true
            case .pdf: preview["pdf"] = true
            case .video: preview["video"] = true
            case .text, .markdown, .download: preview["download"] = true
            }
        }
        return preview
    }

    private func kind(of content: EvidenceContent) -> EvidenceType {
        switch content.body {
        case .bytes(let bytes): EvidenceType.classify(name: content.record.path ?? "", head: bytes)
        case .mediaFile(let path, _): EvidenceType.classify(name: content.record.path ?? "", head: WebApp.head(of: path))
        default: .download
        }
    }

    static func hasBytes(_ body: EvidenceContent.Body) -> Bool {
        switch body {
        case .bytes, .mediaFile: true
        default: false
        }
    }

    static func isWebAddress(_ url: String) -> Bool {
        guard let scheme = URL(string: url)?.scheme?.lowercased() else { return false }
        return scheme == "https" || scheme == "http"
    }
}
