import WebLayer

/// The pages of the CFA's badge proposals.
enum ProposalPage {
    static let listTemplate = WebTemplate("ui-proposals", #"""
<h1>{{t.listTitle}}</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<p class="lead">{{t.lead}}</p>
<section aria-labelledby="mine">
<h2 id="mine">{{t.mine}}</h2>
{{#hasProposals}}
<ul class="reasons">
{{#proposals}}
<li><a href="{{href}}">{{title}}</a> (<code>{{slug}}</code>) — {{state}}
{{#problem}}<p class="hint">{{problem}}</p>{{/problem}}
{{#hasSubmissions}}<ul>{{#submissions}}<li><code>{{tag}}</code> ({{sent}}){{#decision}} — {{decision}}{{/decision}}
{{#reasons}}<p>{{who}}{{t.colon}}{{text}}</p>{{/reasons}}</li>{{/submissions}}</ul>{{/hasSubmissions}}
</li>
{{/proposals}}
</ul>
{{/hasProposals}}
{{^hasProposals}}<p>{{t.none}}</p>{{/hasProposals}}
</section>
<section aria-labelledby="new">
<h2 id="new">{{t.new}}</h2>
<form method="post" action="/proposals" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="slug">{{t.slug}}</label>
<input id="slug" name="slug" required pattern="[a-z0-9][a-z0-9\-]*" aria-describedby="slug-hint">
<span id="slug-hint" class="hint">{{t.slugHint}}</span></p>
<p><label for="title">{{t.badgeTitle}}</label>
<input id="title" name="title" required></p>
<p><button type="submit">{{t.create}}</button></p>
</form>
</section>
"""#)

    static let template = WebTemplate("ui-proposal", #"""
<h1>{{t.title}} <q>{{title}}</q></h1>
<p><a href="/proposals">{{t.all}}</a></p>
{{#done}}<p class="done" role="status">{{done}}</p>{{/done}}
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<p>{{t.state}} : {{state}}</p>
{{#valid}}<p class="done">{{valid}}</p>{{/valid}}
{{#invalid}}<p class="error" id="content-error">{{#written}}{{written}} {{/written}}{{invalid}}</p>{{/invalid}}
{{#changed}}<p class="notice">{{t.changed}}</p>{{/changed}}
<section aria-labelledby="edit">
<h2 id="edit">{{t.edit}} <code>{{file}}</code></h2>
<form method="post" action="{{action}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="sha" value="{{sha}}">
<p><label for="content">{{t.content}}</label>
<span id="content-hint" class="hint">{{t.contentHint}}</span></p>
<div><textarea id="content" name="content" class="code" rows="30" aria-describedby="content-hint{{#invalid}} content-error{{/invalid}}"{{#invalid}} aria-invalid="true"{{/invalid}} spellcheck="false">{{content}}</textarea></div>
<p><button type="submit">{{t.write}}</button></p>
</form>
</section>
<section aria-labelledby="submit">
<h2 id="submit">{{t.submitTitle}}</h2>
{{#unsaved}}<p class="notice" role="status">{{unsaved}} <a href="/save">{{t.goSave}}</a></p>{{/unsaved}}
<form method="post" action="{{action}}/submit" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<p><label for="message">{{t.message}}</label>
<textarea id="message" name="message"></textarea></p>
<p><button type="submit">{{t.submit}}</button></p>
</form>
</section>
{{#hasSubmissions}}
<section aria-labelledby="history">
<h2 id="history">{{t.history}}</h2>
<ul>{{#submissions}}<li><code>{{tag}}</code> ({{sent}}){{#message}} — {{message}}{{/message}}{{#decision}}<p>{{decision}}</p>{{/decision}}
{{#reasons}}<p>{{who}}{{t.colon}}{{text}}</p>{{/reasons}}</li>{{/submissions}}</ul>
</section>
{{/hasSubmissions}}
"""#)

    static let strings = WebStrings([
        "listTitle": ("Proposer un badge", "Propose a badge"),
        "lead": ("Le label peut s'enrichir : proposez à la Région un badge qui reconnaîtrait un travail du CFA. La proposition est un fichier du dossier (proposals/<id>.yaml) ; déposée, elle part à la prochaine synchronisation et le groupe de pairs l'examine.",
                 "The label can grow: propose to the Région a badge that would recognise work of the CFA. The proposal is a file of the dossier (proposals/<id>.yaml); once submitted, it goes at the next sync and the peer group reviews it."),
        "mine": ("Propositions du CFA", "The CFA's proposals"),
        "none": ("Aucune proposition pour l'instant.", "No proposal yet."),
        "new": ("Nouvelle proposition", "New proposal"),
        "slug": ("Identifiant du badge proposé", "The proposed badge's id"),
        "slugHint": ("Minuscules, chiffres et tirets, par exemple inclusion-numerique.", "Lowercase letters, digits and hyphens, for example inclusion-numerique."),
        "badgeTitle": ("Titre du badge", "The badge's title"),
        "create": ("Créer la proposition", "Create the proposal"),
        "title": ("Proposition", "Proposal"),
        "all": ("Toutes les propositions", "All proposals"),
        "state": ("État", "State"),
        "changed": ("Modifiée depuis le dernier dépôt : déposez-la à nouveau une fois enregistrée.",
                    "Changed since the last submission: submit it again once saved."),
        "edit": ("Le fichier", "The file"),
        "content": ("Contenu (YAML, commenté)", "Content (YAML, commented)"),
        "contentHint": ("Les commentaires du fichier expliquent chaque champ. Écrire le fichier le vérifie ; il reste à l'enregistrer avec le dossier.",
                        "The file's comments explain each field. Writing the file checks it; it still has to be saved with the dossier."),
        "write": ("Écrire et vérifier", "Write and check"),
        "submitTitle": ("Déposer la proposition", "Submit the proposal"),
        "message": ("Message pour la Région (facultatif)", "Message for the Région (optional)"),
        "submit": ("Déposer", "Submit"),
        "goSave": ("Enregistrer", "Save"),
        "history": ("Dépôts et décisions de la Région", "Submissions and the Région's decisions"),
        "colon": (" : ", ": "),
    ])
}
