import WebLayer

/// `/badge/:id`: one badge from the catalogue, its criteria with their evidence, the check's problems
/// next to what they concern, and every edit the command line offers (add, link, retitle, move,
/// remove with undo, narrative with preview, level, coverage, status). Each modifying form carries
/// the fingerprint of the claim the page showed.
enum BadgePage {
    static let template = WebTemplate("ui-badge", #"""
<h1>{{number}}. {{title}}</h1>
<p class="lead">{{#mandatory}}<span class="mandatory">{{t.mandatory}}</span>{{/mandatory}}{{^mandatory}}{{t.optional}}{{/mandatory}} — {{validity}} — <span class="state"><span class="sym" aria-hidden="true">{{symbol}}</span> {{state}}</span></p>
{{#alert}}<p class="error" role="alert">{{alert}}</p>{{/alert}}
{{#outcome}}<p class="done" role="status">{{outcome}}</p>{{/outcome}}
{{#undo}}
<form method="post" action="{{base}}/undo" class="notice undo">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<input type="hidden" name="token" value="{{token}}">
<p role="status">{{text}} <button type="submit" class="secondary">{{t.undo}}</button></p>
</form>
{{/undo}}

<section aria-labelledby="about">
<h2 id="about">{{t.about}}</h2>
{{#summary}}<p>{{summary}}</p>{{/summary}}
<p><strong>{{t.recognises}}</strong> {{recognises}}</p>
<h3>{{t.rules}}</h3>
<ul>
<li>{{t.requirement}} {{requirement}}</li>
<li>{{t.firstAward}} {{firstAward}}</li>
<li>{{t.renewal}} {{renewal}}</li>
{{#hasLevels}}<li>{{t.levels}}<ul>{{#levels}}<li>{{t.level}} {{level}} : {{criterion}}</li>{{/levels}}</ul></li>{{/hasLevels}}
{{#rulesText}}<li>{{t.rulesText}} <q>{{rulesText}}</q></li>{{/rulesText}}
</ul>
</section>

<section aria-labelledby="check">
<h2 id="check">{{t.check}}</h2>
{{#checkError}}<p class="error" role="alert">{{checkError}}</p>{{/checkError}}
{{#ready}}<p class="done"><span aria-hidden="true">✓</span> {{t.ready}}</p>{{/ready}}
{{#hasProblems}}<ul class="problems">{{#problems}}<li class="{{class}}">{{#advice}}<span class="tag">{{t.advice}}</span> {{/advice}}{{text}}</li>{{/problems}}</ul>{{/hasProblems}}
</section>

<section aria-labelledby="criteria">
<h2 id="criteria">{{t.criteria}}</h2>
{{#criteria}}
<article class="criterion" aria-labelledby="c-{{id}}">
<h3 id="c-{{id}}">{{text}}</h3>
<p class="hint"><code>{{id}}</code> — {{#met}}<span class="ok"><span aria-hidden="true">✓</span> {{t.met}}</span>{{/met}}{{^met}}<span class="bad"><span aria-hidden="true">✗</span> {{t.notMet}}</span>{{/met}}</p>
{{#hasProblems}}<ul class="problems">{{#problems}}<li class="{{class}}">{{#advice}}<span class="tag">{{t.advice}}</span> {{/advice}}{{text}}</li>{{/problems}}</ul>{{/hasProblems}}
{{#hasEvidence}}<ul class="evidence">{{#evidence}}
<li id="e-{{id}}">
<p><strong>{{title}}</strong> — {{#file}}{{t.file}} <code>{{file}}</code>{{/file}}{{#url}}{{kind}} {{#link}}<a href="{{link}}" rel="noopener noreferrer">{{link}}</a>{{/link}}{{^link}}<code>{{url}}</code>{{/link}}{{/url}}</p>
{{#hasProblems}}<ul class="problems">{{#problems}}<li class="{{class}}">{{#advice}}<span class="tag">{{t.advice}}</span> {{/advice}}{{text}}</li>{{/problems}}</ul>{{/hasProblems}}
<details><summary>{{t.edit}} <span class="visually-hidden">« {{title}} »</span></summary>
<form method="post" action="{{href}}/retitle" class="row">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<label for="title-{{id}}">{{t.newTitle}}</label> <input id="title-{{id}}" name="title" value="{{title}}">
<button type="submit">{{t.retitle}}</button>
<label for="move-{{id}}">{{t.moveTo}}</label> <select id="move-{{id}}" name="criterion">{{#choices}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/choices}}</select>
<button type="submit" formaction="{{href}}/move">{{t.move}}</button>
<button type="submit" formaction="{{href}}/remove" class="secondary">{{t.remove}} <span class="visually-hidden">« {{title}} »</span></button> <span class="hint">{{t.removeHint}}</span>
</form>
</details>
</li>
{{/evidence}}</ul>{{/hasEvidence}}
{{^hasEvidence}}<p class="hint">{{t.noEvidence}}</p>{{/hasEvidence}}
</article>
{{/criteria}}
</section>

<section aria-labelledby="add">
<h2 id="add">{{t.add}}</h2>
<form id="upload-form" method="post" action="{{base}}/upload" enctype="multipart/form-data" class="stack" data-sending="{{t.sending}}" data-failed="{{t.sendFailed}}">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<p><label for="upload-criterion">{{t.criterion}}</label>
<select id="upload-criterion" name="criterion">{{#criterionChoices}}<option value="{{id}}">{{text}}</option>{{/criterionChoices}}</select></p>
<p><label for="upload-title">{{t.titleOptional}}</label> <input id="upload-title" name="title" aria-describedby="upload-title-hint">
<span id="upload-title-hint" class="hint">{{t.titleHint}}</span></p>
<div id="drop-zone" class="drop-zone">
<label for="files">{{t.drop}}</label>
<input type="file" id="files" name="files" multiple required aria-describedby="files-hint">
<p id="files-hint" class="hint">{{t.dropHint}}</p>
</div>
<p><progress id="upload-progress" max="100" value="0" aria-label="{{t.progressLabel}}" hidden></progress> <span id="upload-status" role="status"></span></p>
<p><button type="submit">{{t.upload}}</button></p>
</form>

<h3>{{t.linkHeading}}</h3>
<form method="post" action="{{base}}/link" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<p><label for="link-url">{{t.url}}</label> <input id="link-url" name="url" type="url" required placeholder="https://"></p>
<p><label for="link-title">{{t.linkTitle}}</label> <input id="link-title" name="title" required></p>
<p><label for="link-kind">{{t.kind}}</label>
<select id="link-kind" name="kind">{{#kinds}}<option value="{{value}}">{{text}}</option>{{/kinds}}</select></p>
<p><label for="link-criterion">{{t.criterion}}</label>
<select id="link-criterion" name="criterion">{{#criterionChoices}}<option value="{{id}}">{{text}}</option>{{/criterionChoices}}</select></p>
<p><button type="submit">{{t.addLink}}</button></p>
</form>
</section>

<section aria-labelledby="narrative-heading">
<h2 id="narrative-heading">{{t.narrative}}</h2>
<form method="post" action="{{base}}/narrative" class="stack">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<p><label for="narrative">{{t.narrativeLabel}}</label>
<textarea id="narrative" name="narrative" rows="12" aria-describedby="narrative-hint">{{narrative}}</textarea>
<span id="narrative-hint" class="hint">{{t.narrativeHint}}</span></p>
<p><button type="submit" name="action" value="preview" class="secondary">{{t.preview}}</button> <button type="submit" name="action" value="save">{{t.saveNarrative}}</button></p>
</form>
{{#unsavedNarrative}}<details open><summary>{{t.unsaved}}</summary><pre class="text">{{unsavedNarrative}}</pre></details>{{/unsavedNarrative}}
{{#hasPreview}}
<section aria-labelledby="preview-heading" class="preview">
<h3 id="preview-heading">{{t.previewHeading}}</h3>
{{#previewUnsaved}}<p class="hint" role="status">{{t.previewUnsaved}}</p>{{/previewUnsaved}}
<div class="markdown">{{{preview}}}</div>
</section>
{{/hasPreview}}
</section>

{{#hasLevel}}
<section aria-labelledby="level-heading">
<h2 id="level-heading">{{t.levelHeading}}</h2>
<form method="post" action="{{base}}/level" class="row">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<label for="level">{{t.levelLabel}}</label>
<select id="level" name="level">{{#levelChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/levelChoices}}</select>
<button type="submit">{{t.setLevel}}</button>
</form>
</section>
{{/hasLevel}}
{{#hasCoverage}}
<section aria-labelledby="coverage-heading">
<h2 id="coverage-heading">{{t.coverageHeading}}</h2>
<form method="post" action="{{base}}/coverage" class="row">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
<label for="coverage">{{coverageLabel}}</label>
<input id="coverage" name="coverage" value="{{coverage}}" inputmode="numeric" pattern="[0-9]+ */ *[0-9]+|none" aria-describedby="coverage-hint" size="8">
<button type="submit">{{t.setCoverage}}</button>
<span id="coverage-hint" class="hint">{{t.coverageHint}}</span>
</form>
</section>
{{/hasCoverage}}

<section aria-labelledby="status-heading">
<h2 id="status-heading">{{t.statusHeading}}</h2>
<form method="post" action="{{base}}/status" class="row">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
{{#isReady}}<p>{{t.isReady}}</p><input type="hidden" name="status" value="draft"><button type="submit" class="secondary">{{t.backToDraft}}</button>{{/isReady}}
{{^isReady}}<p>{{t.isDraft}}</p><input type="hidden" name="status" value="ready"><button type="submit">{{t.markReady}}</button>{{/isReady}}
</form>
</section>
<script src="/static/ui.js" defer></script>
"""#)

    static let strings = WebStrings([
        "mandatory": ("obligatoire", "mandatory"),
        "optional": ("au choix", "optional"),
        "undo": ("Annuler", "Undo"),
        "about": ("Ce que le badge reconnaît", "What the badge recognises"),
        "recognises": ("Ce qu'il reconnaît :", "Recognises:"),
        "rules": ("Les règles", "The rules"),
        "requirement": ("Exigence :", "Requirement:"),
        "firstAward": ("Première attribution :", "First award:"),
        "renewal": ("Renouvellement :", "Renewal:"),
        "levels": ("Niveaux :", "Levels:"),
        "level": ("niveau", "level"),
        "rulesText": ("Texte du label :", "Label text:"),
        "check": ("Où en est ce badge", "Where this badge stands"),
        "ready": ("Rien ne bloque : ce badge est prêt à être demandé.", "Nothing blocks: this badge is ready to request."),
        "advice": ("conseil", "advice"),
        "criteria": ("Critères et preuves", "Criteria and evidence"),
        "met": ("rempli", "met"),
        "notMet": ("pas encore rempli", "not met yet"),
        "file": ("fichier", "file"),
        "edit": ("Modifier", "Edit"),
        "newTitle": ("Titre", "Title"),
        "retitle": ("Renommer", "Rename"),
        "moveTo": ("Rattacher au critère", "Attach to criterion"),
        "move": ("Déplacer", "Move"),
        "remove": ("Retirer", "Remove"),
        "removeHint": ("(annulable jusqu'au prochain enregistrement)", "(can be undone until the next save)"),
        "noEvidence": ("Aucune preuve pour ce critère.", "No evidence for this criterion."),
        "add": ("Ajouter des preuves", "Add evidence"),
        "criterion": ("Critère", "Criterion"),
        "titleOptional": ("Titre (facultatif)", "Title (optional)"),
        "titleHint": ("Par défaut : le nom du fichier.", "By default: the file name."),
        "drop": ("Déposez vos fichiers ici, ou cliquez pour les choisir", "Drop your files here, or click to choose them"),
        "dropHint": ("Plusieurs fichiers à la fois, de toute taille (une vidéo aussi).", "Several files at once, of any size (a video too)."),
        "upload": ("Ajouter les fichiers", "Add the files"),
        "progressLabel": ("Progression de l'envoi", "Upload progress"),
        "sending": ("Envoi : {p} %", "Sending: {p}%"),
        "sendFailed": ("L'envoi a échoué : rien n'a été écrit. Réessayez.", "The upload failed: nothing was written. Try again."),
        "linkHeading": ("Ajouter un lien (cours en ligne, vidéo, page web)", "Add a link (online course, video, web page)"),
        "url": ("Adresse (http ou https)", "Address (http or https)"),
        "linkTitle": ("Titre", "Title"),
        "kind": ("Nature", "Kind"),
        "addLink": ("Ajouter le lien", "Add the link"),
        "narrative": ("Récit", "Narrative"),
        "narrativeLabel": ("Ce que le CFA fait pour ce badge (Markdown)", "What the CFA does for this badge (Markdown)"),
        "narrativeHint": ("Titres avec #, listes avec -, liens [texte](https://…). « Prévisualiser » montre le rendu sans rien écrire.",
                          "Headings with #, lists with -, links [text](https://…). “Preview” shows the result without writing anything."),
        "preview": ("Prévisualiser", "Preview"),
        "saveNarrative": ("Enregistrer le récit", "Save the narrative"),
        "previewHeading": ("Aperçu du récit", "Narrative preview"),
        "previewUnsaved": ("Aperçu seulement : le récit n'est pas encore écrit.", "Preview only: the narrative is not written yet."),
        "unsaved": ("Votre texte, qui n'a pas été enregistré (copiez-le avant de recommencer)", "Your text, which was not saved (copy it before trying again)"),
        "levelHeading": ("Niveau", "Level"),
        "levelLabel": ("Niveau atteint", "Level reached"),
        "setLevel": ("Régler le niveau", "Set the level"),
        "coverageHeading": ("Couverture", "Coverage"),
        "setCoverage": ("Régler la couverture", "Set the coverage"),
        "coverageHint": ("couverts/total, par exemple 8/12 ; « none » l'efface.", "covered/total, e.g. 8/12; “none” clears it."),
        "statusHeading": ("Statut", "Status"),
        "isReady": ("Ce badge est marqué « prêt ».", "This badge is marked “ready”."),
        "isDraft": ("Ce badge est en brouillon.", "This badge is a draft."),
        "markReady": ("Marquer comme prêt", "Mark as ready"),
        "backToDraft": ("Repasser en brouillon", "Back to draft"),
    ])
}
