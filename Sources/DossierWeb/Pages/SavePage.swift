import DossierCore
import DossierRepository
import Foundation
import Git
import Hummingbird
import WebLayer

/// `/save`: what changed since the last save (the semantic changes `status` gives), a message, one
/// button — `Workspace.save`, as `dossier save -m` does.
extension UIApp {
    func addSaveRoutes(to router: Router<UIContext>) {
        router.get("/save") { [self] request, context -> Response in
            let lang = context.lang
            let workspace = try workspace()
            let diff = try workspace.status()
            var model: [String: Any] = [
                "clean": diff.files.isEmpty, "count": diff.files.count,
                "author": (try? workspace.author(nil)).map { "\($0.name) <\($0.email)>" } ?? "",
            ]
            if !diff.files.isEmpty { model["diff"] = try DossierDiffView.render(diff, catalogue: catalogue, lang: lang) }
            if let saved = request.uri.queryParameters.get("saved"), saved.allSatisfy(\.isHexDigit) {
                let files = request.uri.queryParameters.get("files").flatMap { Int($0) } ?? 0
                model["saved"] = lang.t("Enregistré (\(saved)) : \(files) fichier(s).", "Saved (\(saved)): \(files) file(s).")
            }
            return try page(request, context, title: SavePage.strings.table(lang)["title"] ?? "", template: SavePage.template,
                            strings: SavePage.strings, model: model, nav: .save)
        }
        router.post("/save") { [self] request, context -> Response in
            let form = try await form(request, context)
            let message = try form.required("message")
            let workspace = try workspace()
            var author = try workspace.author(nil)
            if let given = form["author"]?.trimmingCharacters(in: .whitespacesAndNewlines), !given.isEmpty,
               given != "\(author.name) <\(author.email)>" {
                author = try workspace.author(given)
            }
            guard let result = try workspace.save(message: message, author: author) else {
                return WebResponse.redirect("/save")
            }
            return WebResponse.redirect("/save?saved=\(result.shortCommit)&files=\(result.files.count)")
        }
    }
}

enum SavePage {
    static let template = WebTemplate("ui-save", #"""
<h1>{{t.title}}</h1>
{{#saved}}<p class="done" role="status">{{saved}}</p>{{/saved}}
{{#clean}}<p role="status">{{t.clean}}</p>{{/clean}}
{{^clean}}
<section aria-labelledby="changes">
<h2 id="changes">{{t.changes}} ({{count}} {{t.files}})</h2>
{{{diff}}}
</section>
<form method="post" action="/save" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="message">{{t.message}}</label>
<textarea id="message" name="message" required aria-describedby="message-hint"></textarea>
<span id="message-hint" class="hint">{{t.messageHint}}</span></p>
<p><label for="author">{{t.author}}</label>
<input id="author" name="author" value="{{author}}" autocomplete="name" aria-describedby="author-hint">
<span id="author-hint" class="hint">{{t.authorHint}}</span></p>
<p><button type="submit">{{t.save}}</button></p>
</form>
{{/clean}}
"""#)

    static let strings = WebStrings([
        "title": ("Enregistrer", "Save"),
        "clean": ("Tout est enregistré : rien n'a changé depuis le dernier enregistrement.", "Everything is saved: nothing changed since the last save."),
        "changes": ("Ce qui a changé depuis le dernier enregistrement", "What changed since the last save"),
        "files": ("fichier(s)", "file(s)"),
        "message": ("Ce que vous avez fait", "What you did"),
        "messageHint": ("Par exemple : « Ajout de la charte de tutorat ». Il apparaîtra dans l'historique.",
                        "For example: \"Added the tutoring charter\". It will show in the history."),
        "author": ("Auteur (Nom <courriel>)", "Author (Name <mail>)"),
        "authorHint": ("Qui enregistre ; laissé tel quel, c'est l'auteur habituel de ce dossier.",
                       "Who saves; left as is, it is this dossier's usual author."),
        "save": ("Enregistrer", "Save"),
    ])
}
