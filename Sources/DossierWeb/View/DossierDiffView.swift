import DossierCore
import WebLayer

/// A semantic diff (`status`, `diff`, a sync's incoming changes) as the pages show it: the same
/// changes, in the same words as the command line (`DiffText`), as a template model. Render with
/// `DossierDiffView.template` inside a page (`{{{diff}}}`, already escaped).
enum DossierDiffView {
    static let template = WebTemplate("ui-diff", #"""
{{#hasIdentity}}<h3>{{t.identity}}</h3><ul>{{#identity}}<li>{{field}} : <del>{{from}}</del> → <ins>{{to}}</ins></li>{{/identity}}</ul>{{/hasIdentity}}
{{#badges}}
<article class="change change-{{changeClass}}">
<h3><a href="/badge/{{id}}">{{title}}</a> <span class="tag tag-{{changeClass}}">{{verb}}</span></h3>
<ul>
{{#fields}}<li>{{field}} : <del>{{from}}</del> → <ins>{{to}}</ins></li>{{/fields}}
{{#added}}<li><span class="mark" aria-hidden="true">+</span> {{t.added}} « {{title}} » → {{criterion}}</li>{{/added}}
{{#removed}}<li><span class="mark" aria-hidden="true">−</span> {{t.removed}} « {{title}} »</li>{{/removed}}
{{#changed}}<li><span class="mark" aria-hidden="true">~</span> {{.}}</li>{{/changed}}
{{#narrative}}<li>{{t.narrative}}<pre class="text">{{#lines}}{{.}}
{{/lines}}</pre>{{#omitted}}<p class="hint">{{omitted}}</p>{{/omitted}}</li>{{/narrative}}
{{#newlyMet}}<li class="ok">{{t.newlyMet}} {{newlyMet}}</li>{{/newlyMet}}
{{#noLongerMet}}<li class="bad">{{t.noLongerMet}} {{noLongerMet}}</li>{{/noLongerMet}}
{{#requirement}}<li>{{requirement}}</li>{{/requirement}}
</ul>
</article>
{{/badges}}
{{#hasFiles}}
<details><summary>{{t.files}} ({{fileCount}})</summary>
<ul class="plain">{{#files}}<li><span class="mark" aria-hidden="true">{{mark}}</span> <span class="visually-hidden">{{change}}</span> <code>{{path}}</code></li>{{/files}}</ul>
</details>
{{/hasFiles}}
"""#)

    static let strings = WebStrings([
        "identity": ("Identité du CFA (dossier.yaml)", "The CFA's identity (dossier.yaml)"),
        "added": ("preuve ajoutée :", "evidence added:"),
        "removed": ("preuve retirée :", "evidence removed:"),
        "narrative": ("récit modifié :", "narrative changed:"),
        "newlyMet": ("critères désormais remplis :", "criteria now met:"),
        "noLongerMet": ("critères qui ne sont plus remplis :", "criteria no longer met:"),
        "files": ("Fichiers", "Files"),
    ])

    /// The diff rendered as HTML (every value escaped by the template).
    static func render(_ diff: DossierDiff, catalogue: Catalogue, lang: Lang) throws -> String {
        var model = model(diff, catalogue: catalogue, lang: lang)
        model["t"] = strings.table(lang)
        return try template.render(WebModel.pruned(model))
    }

    static func model(_ diff: DossierDiff, catalogue: Catalogue, lang: Lang) -> [String: Any] {
        let badges: [[String: Any]] = diff.badges.map { badge in
            let verb: String = switch badge.change {
            case .added: lang.t("nouveau", "added")
            case .removed: lang.t("supprimé", "removed")
            case .modified: lang.t("modifié", "modified")
            }
            var row: [String: Any] = [
                "id": badge.id, "title": catalogue.badge(badge.id)?.title ?? badge.id, "verb": verb, "changeClass": badge.change == .removed ? "removed" : (badge.change == .added ? "added" : "changed"),
                "fields": badge.fields.map(field),
                "added": badge.evidenceAdded.map { ["title": $0.title, "criterion": $0.criterion] },
                "removed": badge.evidenceRemoved.map { ["title": $0.title] },
                "changed": badge.evidenceChanged.map { describe($0, lang) },
                "newlyMet": badge.criteriaNewlyMet.joined(separator: ", "),
                "noLongerMet": badge.criteriaNoLongerMet.joined(separator: ", "),
            ]
            if let narrative = badge.narrative {
                row["narrative"] = [
                    "lines": narrative.lines.map { "\($0.op) \($0.text)" },
                    "omitted": narrative.omitted > 0 ? lang.t("… et \(narrative.omitted) ligne(s) modifiée(s) de plus",
                                                               "… and \(narrative.omitted) more changed line(s)") : "",
                ] as [String: Any]
            }
            if badge.requirementMetBefore != badge.requirementMetAfter {
                row["requirement"] = badge.requirementMetAfter
                    ? lang.t("l'exigence du badge est maintenant remplie", "the badge's requirement is now met")
                    : lang.t("l'exigence du badge n'est plus remplie", "the badge's requirement is no longer met")
            }
            return row
        }
        let files: [[String: Any]] = diff.files.map { file in
            let (mark, change): (String, String) = switch file.change {
            case .added: ("A", lang.t("ajouté", "added"))
            case .deleted: ("D", lang.t("supprimé", "deleted"))
            case .modified: ("M", lang.t("modifié", "modified"))
            }
            return ["mark": mark, "change": change, "path": file.path]
        }
        return ["identity": diff.identity.map(field), "hasIdentity": !diff.identity.isEmpty, "badges": badges, "files": files,
                "hasFiles": !files.isEmpty, "fileCount": diff.files.count]
    }

    private static func field(_ change: FieldChange) -> [String: Any] {
        ["field": change.field, "from": change.from ?? "—", "to": change.to ?? "—"]
    }

    /// One evidence's change in words (as `DiffText` says it).
    static func describe(_ change: EvidenceChange, _ lang: Lang) -> String {
        let parts: [String] = change.changes.map { kind in
            switch kind {
            case .replaced: lang.t("fichier remplacé", "file replaced")
            case .retitled: lang.t("titre « \(change.before.title) » → « \(change.after.title) »",
                                   "title « \(change.before.title) » → « \(change.after.title) »")
            case .moved: lang.t("critère \(change.before.criterion) → \(change.after.criterion)",
                                "criterion \(change.before.criterion) → \(change.after.criterion)")
            case .relinked: lang.t("lien \(change.before.url ?? "") → \(change.after.url ?? "")",
                                   "link \(change.before.url ?? "") → \(change.after.url ?? "")")
            case .renamed: lang.t("fichier \(change.before.file ?? "") → \(change.after.file ?? "")",
                                  "file \(change.before.file ?? "") → \(change.after.file ?? "")")
            case .retyped: lang.t("fichier ↔ lien", "file ↔ link")
            }
        }
        return lang.t("preuve « \(change.title) » : ", "evidence « \(change.title) »: ") + parts.joined(separator: " ; ")
    }
}
