import DossierCore
import DossierRepository
import Foundation
internal import HTTPTypes
import Hummingbird
import Sync
import WebLayer

/// `/conflicts`: the conflicts a sync stopped on, each shown side by side (received / yours), a
/// choice per badge (`dossier resolve BADGE --ours|--theirs`: `ConflictResolver.resolve`), then
/// "Terminer"; or the files corrected by hand taken as they are (`dossier resolve --done`). The
/// form carries a fingerprint of the merge marker it showed: settled meanwhile from a terminal or
/// another tab, the post is refused with the fresh page.
extension UIApp {
    func addConflictsRoutes(to router: Router<UIContext>) {
        router.get("/conflicts") { [self] request, context -> Response in
            let done = request.uri.queryParameters.get("done") == "1"
            return try conflictsPage(request, context, done: done)
        }
        router.post("/conflicts") { [self] request, context -> Response in
            let form = try await form(request, context)
            let lang = context.lang
            let workspace = try workspace()
            let resolver = ConflictResolver(workspace: workspace)
            guard let current = try resolver.conflicts() else {
                return try conflictsPage(request, context, error: lang.t("Aucun conflit en cours : ils ont été réglés ailleurs (un terminal ou un autre onglet). Rien n'a été changé.",
                                                                         "No conflict in progress: they were settled elsewhere (a terminal or another tab). Nothing was changed."),
                                         status: .conflict)
            }
            guard form["fingerprint"] == ConflictsPage.fingerprint(workspace) else {
                return try conflictsPage(request, context, error: lang.t("Les conflits ont changé depuis l'affichage de cette page (un terminal ou un autre onglet) : voici leur état actuel. Rien n'a été changé.",
                                                                         "The conflicts changed since this page was shown (a terminal or another tab): here is where they stand now. Nothing was changed."),
                                         status: .conflict)
            }
            let completed: Bool
            if form["action"] == "edited" {
                completed = try resolver.done()
            } else {
                var choices: [(String, ConflictResolver.Side)] = []
                var missing: [String] = []
                for key in ConflictsPage.groupKeys(current.open, catalogue: catalogue) {
                    if let value = form["side-" + key], let side = ConflictResolver.Side(rawValue: value) {
                        choices.append((key, side))
                    } else {
                        missing.append(ConflictsPage.title(key, catalogue: catalogue, lang: lang))
                    }
                }
                guard missing.isEmpty else {
                    return try conflictsPage(request, context, error: lang.t("Choisissez la version à garder pour : \(missing.joined(separator: ", ")). Rien n'a été changé.",
                                                                             "Choose the version to keep for: \(missing.joined(separator: ", ")). Nothing was changed."),
                                             status: .badRequest)
                }
                var last = false
                for (key, side) in choices { last = try resolver.resolve(badge: key, side: side) }
                completed = last
            }
            return WebResponse.redirect(completed ? "/conflicts?done=1" : "/conflicts")
        }
    }

    func conflictsPage(_ request: Request, _ context: UIContext, done: Bool = false, error: String? = nil,
                       status: HTTPResponse.Status = .ok) throws -> Response {
        let lang = context.lang
        let workspace = try workspace()
        var model = try ConflictsPage.model(workspace, catalogue: catalogue, lang: lang)
        model["done"] = done && model["hasGroups"] as? Bool != true
        model["none"] = !done && model["hasGroups"] as? Bool != true
        if let error { model["error"] = error }
        return try page(request, context, title: ConflictsPage.strings.table(lang)["title"] ?? "", template: ConflictsPage.template,
                        strings: ConflictsPage.strings, model: model, nav: .sync, status: status)
    }
}

extension ConflictsPage {
    /// What the page showed: the merge marker's bytes, hashed ("" when there is none).
    static func fingerprint(_ workspace: Workspace) -> String {
        let path = MergeMarker.path(gitDirectory: workspace.repository.gitDirectory)
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return Digest.sha256([UInt8](data))
    }

    /// The badges (`dossier` for dossier.yaml) with open conflicts: the identity first, then the
    /// catalogue's order — what `dossier resolve BADGE` takes.
    static func groupKeys(_ open: [MergeConflict], catalogue: Catalogue) -> [String] {
        let keys = Set(open.map { $0.badge ?? "dossier" })
        let order = ["dossier"] + catalogue.badges.map(\.id)
        return keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
    }

    static func title(_ key: String, catalogue: Catalogue, lang: Lang) -> String {
        key == "dossier" ? lang.t("Identité du CFA (dossier.yaml)", "The CFA's identity (dossier.yaml)")
            : lang.t("Badge « \(catalogue.badge(key)?.title ?? key) »", "Badge « \(catalogue.badge(key)?.title ?? key) »")
    }

    static func model(_ workspace: Workspace, catalogue: Catalogue, lang: Lang) throws -> [String: Any] {
        guard let conflicts = try ConflictResolver(workspace: workspace).conflicts() else { return ["hasGroups": false] }
        let (all, open) = (conflicts.all, conflicts.open)
        let reader = DossierReader(source: workspace.workingSource, catalogue: catalogue)
        let groups: [[String: Any]] = groupKeys(open, catalogue: catalogue).map { key in
            let conflicts = open.filter { ($0.badge ?? "dossier") == key }
            let claim = key == "dossier" ? nil : try? reader.claim(key)
            let title = title(key, catalogue: catalogue, lang: lang)
            let rows: [[String: Any]] = conflicts.map { conflict in
                var what = label(conflict.field, lang)
                if let evidence = conflict.evidence {
                    // A retitled evidence is named by its id: its title is what differs.
                    let name = conflict.field == "title" ? evidence : claim?.evidence.first { $0.id == evidence }?.title ?? evidence
                    what = lang.t("Preuve « \(name) » : ", "Evidence « \(name) »: ") + what
                }
                var row: [String: Any] = [
                    "what": what, "ours": value(conflict.ours, field: conflict.field, lang), "theirs": value(conflict.theirs, field: conflict.field, lang),
                    "long": conflict.field == "narrative" || (conflict.ours ?? "").contains("\n") || (conflict.theirs ?? "").contains("\n"),
                ]
                if let kept = conflict.theirsKeptAs {
                    row["note"] = lang.t("Les deux fichiers sont gardés : la version reçue est la preuve « \(kept) ».",
                                         "Both files are kept: the received version is the evidence « \(kept) ».")
                }
                return row
            }
            return ["key": key, "title": title, "rows": rows,
                    "legend": lang.t("Version à garder — \(title)", "Version to keep — \(title)")]
        }
        let settled = Set(all.map(\.file)).count - Set(open.map(\.file)).count
        var model: [String: Any] = [
            "groups": groups, "hasGroups": !groups.isEmpty, "fingerprint": fingerprint(workspace),
            "count": lang.t("\(open.count) conflit(s) dans \(groups.count) fichier(s).", "\(open.count) conflict(s) in \(groups.count) file(s)."),
        ]
        if settled > 0 {
            model["settled"] = lang.t("\(settled) fichier(s) déjà réglé(s).", "\(settled) file(s) already settled.")
        }
        return model
    }

    /// A side's value as a person reads it (`MergeConflict.text` says the same in one line).
    static func value(_ value: String?, field: String, _ lang: Lang) -> String {
        if field == "presence" {
            guard let value else { return lang.t("supprimé", "deleted") }
            return value.isEmpty ? lang.t("modifié", "modified") : lang.t("modifié : « \(value) »", "modified: « \(value) »")
        }
        guard let value else { return lang.t("(aucun)", "(none)") }
        return value
    }

    /// The field's name as the user reads it (the words of `MergeConflict.text`).
    static func label(_ field: String, _ lang: Lang) -> String { MergeConflict.label(field, lang) }
}
