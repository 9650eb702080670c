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
{{#invalidWhere}}<p>{{#invalidAnchor}}<a href="#{{invalidAnchor}}">{{t.goToField}}</a> {{/invalidAnchor}}<span class="hint">({{t.inFile}} <code>{{invalidWhere}}</code>)</span></p>{{/invalidWhere}}
{{#form}}
<section aria-labelledby="edit">
<h2 id="edit">{{t.formHeading}}</h2>
<p class="hint">{{t.formHint}} <code>{{file}}</code></p>
<form method="post" action="{{action}}/form" class="stack proposal-form" novalidate>
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="sha" value="{{sha}}">
<input type="hidden" name="count" value="{{count}}">
<input type="hidden" name="exCount" value="{{exCount}}">
<button type="submit" name="action" value="save" hidden tabindex="-1">{{t.saveForm}}</button>
<p><label for="p-title">{{t.badgeTitle}}</label>
<input id="p-title" name="title" value="{{formTitle}}"{{#titleError}} aria-invalid="true" aria-describedby="p-title-error"{{/titleError}}>
{{#titleError}}<span class="error" id="p-title-error">{{titleError}}</span>{{/titleError}}</p>
<p><label for="p-summary">{{t.summary}}</label>
<input id="p-summary" name="summary" value="{{summary}}" aria-describedby="p-summary-hint{{#summaryError}} p-summary-error{{/summaryError}}"{{#summaryError}} aria-invalid="true"{{/summaryError}}>
<span id="p-summary-hint" class="hint">{{t.summaryHint}}</span>
{{#summaryError}}<span class="error" id="p-summary-error">{{summaryError}}</span>{{/summaryError}}</p>
<p><label for="p-recognises">{{t.recognises}}</label>
<textarea id="p-recognises" name="recognises" rows="3"{{#recognisesError}} aria-invalid="true" aria-describedby="p-recognises-error"{{/recognisesError}}>{{recognises}}</textarea>
{{#recognisesError}}<span class="error" id="p-recognises-error">{{recognisesError}}</span>{{/recognisesError}}</p>
<p><label for="p-validity">{{t.validity}}</label>
<select id="p-validity" name="validityYears"{{#validityError}} aria-invalid="true" aria-describedby="p-validity-error"{{/validityError}}>{{#years}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/years}}</select>
{{#validityError}}<span class="error" id="p-validity-error">{{validityError}}</span>{{/validityError}}</p>
<fieldset id="criteria" class="criteria"{{#criteriaError}} aria-describedby="criteria-error"{{/criteriaError}}>
<legend>{{t.criteria}}</legend>
<p class="hint">{{t.criteriaHint}}</p>
{{#criteriaError}}<p class="error" id="criteria-error">{{criteriaError}}</p>{{/criteriaError}}
<ol class="criteria">
{{#rows}}
<li>
<p><label for="c{{i}}-text">{{t.criterion}} {{n}}</label>
<textarea id="c{{i}}-text" name="c{{i}}-text" rows="2"{{#rowError}} aria-invalid="true" aria-describedby="c{{i}}-error"{{/rowError}}>{{text}}</textarea>
{{#rowError}}<span class="error" id="c{{i}}-error">{{rowError}}</span>{{/rowError}}</p>
<input type="hidden" name="c{{i}}-auto" value="{{auto}}">
<details class="criterion-id"><summary>{{t.criterionID}} <code>{{id}}</code></summary>
<p><label for="c{{i}}-id">{{t.criterionIDLabel}} {{n}}</label>
<input id="c{{i}}-id" name="c{{i}}-id" value="{{id}}" spellcheck="false" aria-describedby="c{{i}}-id-hint">
<span id="c{{i}}-id-hint" class="hint">{{t.criterionIDHint}}</span></p>
</details>
{{#removable}}<p class="actions"><button type="submit" name="action" value="remove-{{i}}" formaction="{{action}}/form#criteria" class="secondary">{{t.removeCriterion}} {{n}}</button></p>{{/removable}}
</li>
{{/rows}}
</ol>
<p class="actions"><button type="submit" name="action" value="add" formaction="{{action}}/form#c{{count}}-text" class="secondary">{{t.addCriterion}}</button></p>
</fieldset>
<fieldset class="requirement"{{#requirementError}} aria-describedby="requirement-error"{{/requirementError}}>
<legend>{{t.requirement}}</legend>
{{#requirementError}}<p class="error" id="requirement-error">{{requirementError}}</p>{{/requirementError}}
<p class="choice"><input type="radio" id="req-all" name="requirement" value="all"{{#all}} checked{{/all}}> <label for="req-all">{{t.reqAll}}</label></p>
<p class="choice"><input type="radio" id="req-some" name="requirement" value="some"{{#some}} checked{{/some}}> <label for="req-some">{{t.reqSome}}</label></p>
<fieldset class="nested">
<legend>{{t.reqRequired}}</legend>
{{#rows}}<p class="choice"><input type="checkbox" id="c{{i}}-required" name="c{{i}}-required" value="on"{{#required}} checked{{/required}}> <label for="c{{i}}-required">{{label}}</label></p>
{{/rows}}
</fieldset>
<p><label for="atLeast">{{t.reqAtLeast}}</label>
<input type="number" id="atLeast" name="atLeast" min="0" max="{{atLeastMax}}" value="{{atLeast}}" class="short"></p>
</fieldset>
<p><label for="p-why">{{t.why}}</label>
<span id="p-why-hint" class="hint">{{t.whyHint}}</span>
<textarea id="p-why" name="why" rows="8" aria-describedby="p-why-hint{{#whyError}} p-why-error{{/whyError}}"{{#whyError}} aria-invalid="true"{{/whyError}}>{{why}}</textarea>
{{#whyError}}<span class="error" id="p-why-error">{{whyError}}</span>{{/whyError}}</p>
<p class="actions"><button type="submit" name="action" value="preview" formaction="{{action}}/form#preview-heading" class="secondary">{{t.preview}}</button></p>
{{#showPreview}}
<section aria-labelledby="preview-heading" class="preview">
<h3 id="preview-heading">{{t.previewHeading}}</h3>
<p class="hint" role="status">{{t.previewUnsaved}}</p>
{{#previewEmpty}}<p>{{t.previewEmpty}}</p>{{/previewEmpty}}
<div class="markdown">{{{preview}}}</div>
</section>
{{/showPreview}}
<fieldset id="examples" class="examples"{{#examplesError}} aria-describedby="examples-error"{{/examplesError}}>
<legend>{{t.examples}}</legend>
<p class="hint">{{t.examplesHint}}</p>
{{#examplesError}}<p class="error" id="examples-error">{{examplesError}}</p>{{/examplesError}}
{{#hasEvidence}}{{#evidence}}<p class="choice"><input type="checkbox" id="ex{{i}}" name="ex{{i}}" value="{{path}}"{{#checked}} checked{{/checked}}> <label for="ex{{i}}">{{title}} (<code>{{path}}</code>)</label></p>
{{/evidence}}{{/hasEvidence}}
{{^hasEvidence}}<p>{{t.noEvidence}}</p>{{/hasEvidence}}
<p><label for="otherExamples">{{t.otherExamples}}</label>
<textarea id="otherExamples" name="otherExamples" rows="2" class="code" spellcheck="false">{{otherExamples}}</textarea></p>
</fieldset>
<p class="actions"><button type="submit" name="action" value="save">{{t.saveForm}}</button></p>
</form>
</section>
{{/form}}
{{#unrepresentable}}<p class="notice" role="status">{{t.unrepresentable}}</p>{{/unrepresentable}}
<details class="advanced"{{#yamlOpen}} open{{/yamlOpen}}>
<summary>{{t.advanced}}</summary>
<section aria-labelledby="yaml">
<h2 id="yaml">{{t.edit}} <code>{{file}}</code></h2>
<form method="post" action="{{action}}" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="sha" value="{{sha}}">
<p><label for="content">{{t.content}}</label>
<span id="content-hint" class="hint">{{t.contentHint}}</span></p>
<div><textarea id="content" name="content" class="code" rows="30" aria-describedby="content-hint{{#invalid}} content-error{{/invalid}}"{{#invalid}} aria-invalid="true"{{/invalid}} spellcheck="false">{{content}}</textarea></div>
<p><button type="submit">{{t.write}}</button></p>
</form>
</section>
</details>
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
        "goToField": ("Aller au champ concerné", "Go to the field concerned"),
        "inFile": ("dans le fichier :", "in the file:"),
        "formHeading": ("La proposition", "The proposal"),
        "formHint": ("Enregistrer la proposition écrit et vérifie le fichier ; il reste ensuite à enregistrer le dossier. Le fichier :",
                     "Saving the proposal writes and checks the file; the dossier still has to be saved afterwards. The file:"),
        "saveForm": ("Enregistrer la proposition", "Save the proposal"),
        "summary": ("Résumé, en une phrase", "Summary, in one sentence"),
        "summaryHint": ("Ce que l'on lira sous le titre du badge dans le catalogue.", "What will be read under the badge's title in the catalogue."),
        "recognises": ("Ce que le badge reconnaît", "What the badge recognises"),
        "validity": ("Durée de validité proposée", "Suggested validity"),
        "criteria": ("Les critères", "The criteria"),
        "criteriaHint": ("Un critère par ligne du tableau : ce que le CFA doit montrer. Une ligne laissée vide est ignorée.",
                         "One criterion a row: what the CFA must show. A row left empty is ignored."),
        "criterion": ("Critère", "Criterion"),
        "criterionID": ("Identifiant :", "Id:"),
        "criterionIDLabel": ("Identifiant du critère", "Id of criterion"),
        "criterionIDHint": ("Tiré du texte automatiquement ; à changer seulement si besoin (minuscules, chiffres, tirets).",
                            "Made from the text automatically; change it only if needed (lowercase letters, digits, hyphens)."),
        "removeCriterion": ("Retirer le critère", "Remove criterion"),
        "addCriterion": ("Ajouter un critère", "Add a criterion"),
        "requirement": ("Ce qu'il faut prouver", "What must be shown"),
        "reqAll": ("Tous les critères", "Every criterion"),
        "reqSome": ("Les critères cochés ci-dessous, plus un nombre minimum parmi les autres", "The criteria ticked below, plus a minimum number among the others"),
        "reqRequired": ("Critères obligatoires (si tous ne le sont pas)", "Required criteria (when not all are)"),
        "reqAtLeast": ("Au moins, parmi les autres critères :", "At least, among the other criteria:"),
        "why": ("Pourquoi le CFA propose ce badge", "Why the CFA proposes this badge"),
        "whyHint": ("Le besoin, ce que le badge reconnaîtrait, pour qui. Mise en forme Markdown possible (**gras**, listes avec « - »).",
                    "The need, what the badge would recognise, for whom. Markdown formatting allowed (**bold**, lists with « - »)."),
        "preview": ("Prévisualiser le texte", "Preview the text"),
        "previewHeading": ("Aperçu de « Pourquoi le CFA propose ce badge »", "Preview of « Why the CFA proposes this badge »"),
        "previewUnsaved": ("Aperçu seulement : la proposition n'est pas encore enregistrée.", "Preview only: the proposal is not saved yet."),
        "previewEmpty": ("Le texte est vide.", "The text is empty."),
        "examples": ("Exemples (facultatif)", "Examples (optional)"),
        "examplesHint": ("Des preuves de ce dossier qui illustrent le badge : elles partiront avec la proposition.",
                         "Evidence of this dossier that illustrates the badge: it goes with the proposal."),
        "noEvidence": ("Le dossier n'a pas encore de fichier de preuve.", "The dossier has no evidence file yet."),
        "otherExamples": ("Autres fichiers du dossier (un chemin par ligne)", "Other files of the dossier (one path a line)"),
        "unrepresentable": ("Ce fichier a été écrit à la main avec des éléments que le formulaire ne sait pas afficher (ou n'est pas du YAML valide) : modifiez-le directement ci-dessous.",
                            "This file was written by hand with parts the form cannot show (or is not valid YAML): edit it directly below."),
        "advanced": ("Modifier le fichier directement (avancé)", "Edit the file directly (advanced)"),
    ])
}
