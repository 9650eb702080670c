import WebLayer

/// The renewal page's template and strings. Changes are never told by colour alone: each change
/// carries a symbol and a word, changed words are `<del>`/`<ins>` (struck through / underlined)
/// with their start and end said to screen readers.
extension WebApp {
    static let diffTemplate = WebTemplate("diff", #"""
<h1>{{heading}}</h1>
<p class="lead">{{cfa}} ({{uai}}) — {{t.badge}} {{badgeNumber}} : {{badgeTitle}}</p>
<p><a href="{{requestHref}}">{{t.back}}</a></p>
{{#notRenewal}}<p class="notice">{{t.notRenewal}}</p>{{/notRenewal}}
{{#renewal}}
<dl class="facts">
<dt>{{t.before}}</dt><dd>{{t.snapshotOf}} {{baseDate}} (<code>{{baseCommit}}</code>)</dd>
<dt>{{t.after}}</dt><dd>{{t.requestOf}} {{submitted}} — <code>{{tag}}</code> (<code>{{commit}}</code>)</dd>
{{#rulesMet}}<dt>{{t.rules}}</dt><dd>{{#rulesOK}}<span aria-hidden="true">✓</span>{{/rulesOK}}{{^rulesOK}}<span aria-hidden="true">✗</span>{{/rulesOK}} {{rulesMet}}</dd>{{/rulesMet}}
</dl>
<h2 id="summary">{{t.summary}}</h2>
{{#nothing}}<p>{{t.nothing}}</p>{{/nothing}}
{{^nothing}}
<ul class="summary">
{{#summary}}<li><span class="sym" aria-hidden="true">{{symbol}}</span> <strong>{{count}}</strong> {{text}}</li>
{{/summary}}
{{#narrativeChanged}}<li><span class="sym" aria-hidden="true">~</span> <a href="#narrative">{{t.narrativeChanged}}</a></li>{{/narrativeChanged}}
</ul>
{{/nothing}}
<h2 id="criteria">{{t.criteriaMet}}</h2>
{{#requirement}}<p class="{{#requirementOK}}ok{{/requirementOK}}{{^requirementOK}}bad{{/requirementOK}}"><span aria-hidden="true">{{#requirementOK}}✓{{/requirementOK}}{{^requirementOK}}✗{{/requirementOK}}</span> {{requirement}}</p>{{/requirement}}
{{#hasNewlyMet}}<h3>{{t.newlyMet}}</h3>
<ul class="plain">{{#newlyMet}}<li class="ok"><span aria-hidden="true">✓</span> <strong>{{id}}</strong> — {{text}}</li>{{/newlyMet}}</ul>{{/hasNewlyMet}}
{{#hasNoLongerMet}}<h3>{{t.noLongerMet}}</h3>
<ul class="plain">{{#noLongerMet}}<li class="bad"><span aria-hidden="true">✗</span> <strong>{{id}}</strong> — {{text}}</li>{{/noLongerMet}}</ul>{{/hasNoLongerMet}}
{{^hasNewlyMet}}{{^hasNoLongerMet}}<p>{{t.sameCriteria}}</p>{{/hasNoLongerMet}}{{/hasNewlyMet}}
{{#hasFields}}
<table>
<caption>{{t.fields}}</caption>
<thead><tr><th scope="col">{{t.field}}</th><th scope="col">{{t.beforeCol}}</th><th scope="col">{{t.afterCol}}</th></tr></thead>
<tbody>{{#fields}}<tr><th scope="row">{{field}}</th><td>{{from}}</td><td>{{to}}</td></tr>{{/fields}}</tbody>
</table>
{{/hasFields}}
<h2 id="evidence">{{t.evidence}}</h2>
{{^hasEvidenceChanges}}<p>{{t.noEvidenceChange}}</p>{{/hasEvidenceChanges}}
{{#criteria}}
<section class="criterion" aria-labelledby="c-{{id}}">
<h3 id="c-{{id}}">{{t.criterion}} {{id}}</h3>
<p class="hint">{{text}}</p>
{{#hasMoves}}<ul class="plain">{{#moves}}<li><span aria-hidden="true">→</span> {{text}} <a href="#{{anchor}}">{{t.see}}</a></li>{{/moves}}</ul>{{/hasMoves}}
{{#cards}}
<article class="change change-{{kind}}" id="{{anchor}}" aria-labelledby="{{anchor}}-h">
<h4 id="{{anchor}}-h"><span class="tag tag-{{kind}}"><span aria-hidden="true">{{symbol}}</span> {{label}}</span> {{title}}</h4>
{{#location}}<p class="hint"><code>{{location}}</code></p>{{/location}}
{{#retitled}}<dl class="facts"><dt>{{t.oldTitle}}</dt><dd><del><span class="visually-hidden">{{t.delStart}}</span>{{before}}<span class="visually-hidden">{{t.delEnd}}</span></del></dd>
<dt>{{t.newTitle}}</dt><dd><ins><span class="visually-hidden">{{t.insStart}}</span>{{after}}<span class="visually-hidden">{{t.insEnd}}</span></ins></dd></dl>{{/retitled}}
{{#moved}}<p><span aria-hidden="true">→</span> {{t.movedFrom}} <a href="#c-{{from}}">{{from}}</a> {{t.movedTo}} <strong>{{to}}</strong>.</p>{{/moved}}
{{#hasNotes}}<ul>{{#notes}}<li>{{text}}</li>{{/notes}}</ul>{{/hasNotes}}
{{#replaced}}
<p>{{t.replaced}}</p>
{{#isText}}
<div class="sbs-wrap">
<table class="sbs">
<caption>{{t.sbsCaption}}</caption>
<thead><tr><th scope="col">{{t.beforeCol}}</th><th scope="col">{{t.afterCol}}</th></tr></thead>
<tbody>
{{#textRows}}
{{#gap}}<tr class="gap"><td colspan="2">{{t.skipped}}</td></tr>{{/gap}}
{{^gap}}<tr>{{#left}}<td class="{{#changed}}line-del{{/changed}}{{#empty}}line-none{{/empty}}">{{#changed}}<span class="mark" aria-hidden="true">−</span>{{^whole}}<span class="visually-hidden">{{t.lineRemoved}}</span>{{/whole}}{{/changed}}{{#segments}}{{#mark}}<del><span class="visually-hidden">{{t.delStart}}</span>{{text}}<span class="visually-hidden">{{t.delEnd}}</span></del>{{/mark}}{{^mark}}{{text}}{{/mark}}{{/segments}}</td>{{/left}}{{#right}}<td class="{{#changed}}line-ins{{/changed}}{{#empty}}line-none{{/empty}}">{{#changed}}<span class="mark" aria-hidden="true">+</span>{{^whole}}<span class="visually-hidden">{{t.lineAdded}}</span>{{/whole}}{{/changed}}{{#segments}}{{#mark}}<ins><span class="visually-hidden">{{t.insStart}}</span>{{text}}<span class="visually-hidden">{{t.insEnd}}</span></ins>{{/mark}}{{^mark}}{{text}}{{/mark}}{{/segments}}</td>{{/right}}</tr>{{/gap}}
{{/textRows}}
</tbody>
</table>
</div>
{{#omitted}}<p class="hint">{{omitted}}</p>{{/omitted}}
{{/isText}}
{{#images}}<div class="before-after">
<figure><img class="evidence" src="{{before}}" alt="{{beforeAlt}}"><figcaption>{{t.beforeCol}}</figcaption></figure>
<figure><img class="evidence" src="{{after}}" alt="{{afterAlt}}"><figcaption>{{t.afterCol}}</figcaption></figure>
</div>{{/images}}
{{#versions}}<ul class="versions">
{{#before}}<li>{{#available}}<a href="{{href}}">{{t.openBefore}}<span class="visually-hidden"> — {{title}}</span></a> — {{size}}, {{date}}{{/available}}{{^available}}{{t.beforeUnavailable}}{{/available}}</li>{{/before}}
{{#after}}<li>{{#available}}<a href="{{href}}">{{t.openAfter}}<span class="visually-hidden"> — {{title}}</span></a> — {{size}}, {{date}}{{/available}}{{^available}}{{t.afterUnavailable}}{{/available}}</li>{{/after}}
</ul>{{/versions}}
{{/replaced}}
{{#removedVersion}}<p><a href="{{href}}">{{t.openBefore}}<span class="visually-hidden"> — {{title}}</span></a> — {{size}}, {{date}}</p>{{/removedVersion}}
{{#removedLink}}<p>{{t.oldLink}} <a href="{{removedLink}}" rel="noopener noreferrer">{{removedLink}}</a></p>{{/removedLink}}
{{#preview}}
<div class="preview">
{{#text}}<pre class="text">{{text}}</pre>{{/text}}
{{#markdown}}<div class="markdown">{{{markdown}}}</div>{{/markdown}}
{{#cut}}<p class="hint">{{t.cut}}</p>{{/cut}}
{{#image}}<p><img class="evidence" src="{{href}}" alt="{{title}}"></p>{{/image}}
{{#pdf}}<p><a href="{{href}}">{{t.openPDF}}<span class="visually-hidden"> — {{title}}</span></a> — {{size}}</p>{{/pdf}}
{{#video}}<video class="evidence" controls preload="none" src="{{href}}"><a href="{{href}}">{{t.openVideo}}</a></video>{{/video}}
{{#download}}<p>{{t.downloadOnly}} <a href="{{href}}?download=1">{{t.download}}<span class="visually-hidden"> — {{title}}</span></a> — {{size}}</p>{{/download}}
{{#link}}<p>{{t.link}} <a href="{{link}}" rel="noopener noreferrer">{{link}}</a></p>{{/link}}
{{#linkText}}<p>{{t.linkUnsafe}} <code>{{linkText}}</code></p>{{/linkText}}
{{#missing}}<p class="notice">{{t.missing}}</p>{{/missing}}
{{#mediaMissing}}<p class="notice">{{t.mediaMissing}}</p>{{/mediaMissing}}
<p><a href="{{page}}">{{t.openEvidence}}<span class="visually-hidden"> — {{title}}</span></a></p>
</div>
{{/preview}}
</article>
{{/cards}}
</section>
{{/criteria}}
{{#untouched}}<p class="hint">{{t.untouched}} {{untouched}}</p>{{/untouched}}
<h2 id="narrative">{{t.narrative}}</h2>
{{^narrativeChanged}}<p>{{t.narrativeSame}}</p>{{/narrativeChanged}}
{{#narrativeChanged}}
<p class="hint">{{t.narrativeHint}}</p>
<div class="narrative-diff">{{#narrative}}{{#del}}<del><span class="visually-hidden">{{t.delStart}}</span>{{text}}<span class="visually-hidden">{{t.delEnd}}</span></del>{{/del}}{{#ins}}<ins><span class="visually-hidden">{{t.insStart}}</span>{{text}}<span class="visually-hidden">{{t.insEnd}}</span></ins>{{/ins}}{{^del}}{{^ins}}{{text}}{{/ins}}{{/del}}{{/narrative}}</div>
{{/narrativeChanged}}
<h2 id="files">{{t.files}}</h2>
<details>
<summary>{{t.filesSummary}} ({{fileCount}})</summary>
<table>
<caption class="visually-hidden">{{t.files}}</caption>
<thead><tr><th scope="col">{{t.change}}</th><th scope="col">{{t.path}}</th></tr></thead>
<tbody>{{#files}}<tr><td><span aria-hidden="true">{{mark}}</span> {{change}}</td><td><code>{{path}}</code></td></tr>{{/files}}</tbody>
</table>
</details>
{{/renewal}}
"""#)

    static let diffStrings = WebStrings([
        "badge": ("badge", "badge"),
        "back": ("Retour à la demande", "Back to the request"),
        "notRenewal": ("Cette demande est une première attribution : il n'y a pas de version décernée à comparer.",
                       "This request is a first award: there is no awarded version to compare with."),
        "before": ("Avant", "Before"),
        "after": ("Après", "After"),
        "snapshotOf": ("version décernée, enregistrée le", "awarded version, saved on"),
        "requestOf": ("demande de renouvellement déposée le", "renewal request submitted on"),
        "rules": ("Règles de renouvellement", "Renewal rules"),
        "summary": ("En bref", "In short"),
        "nothing": ("Rien n'a changé dans ce badge depuis l'attribution.", "Nothing changed in this badge since the award."),
        "narrativeChanged": ("le récit a été modifié", "the narrative was changed"),
        "criteriaMet": ("Critères remplis", "Criteria met"),
        "newlyMet": ("Critères désormais remplis", "Criteria now met"),
        "noLongerMet": ("Critères qui ne sont plus remplis", "Criteria no longer met"),
        "sameCriteria": ("Les mêmes critères sont remplis qu'à l'attribution.", "The same criteria are met as at the award."),
        "fields": ("Autres champs du badge", "Other fields of the badge"),
        "field": ("Champ", "Field"),
        "evidence": ("Preuves, critère par critère", "Evidence, criterion by criterion"),
        "noEvidenceChange": ("Aucune preuve n'a changé.", "No evidence changed."),
        "criterion": ("Critère", "Criterion"),
        "see": ("voir", "see"),
        "oldTitle": ("Ancien titre", "Old title"),
        "newTitle": ("Nouveau titre", "New title"),
        "movedFrom": ("Déplacée du critère", "Moved from criterion"),
        "movedTo": ("vers le critère", "to criterion"),
        "replaced": ("Le fichier a été remplacé par une nouvelle version.", "The file was replaced by a new version."),
        "sbsCaption": ("Texte avant et après, côte à côte (lignes modifiées marquées − et +, mots modifiés barrés ou soulignés)",
                       "Text before and after, side by side (changed lines marked − and +, changed words struck through or underlined)"),
        "beforeCol": ("Avant (version décernée)", "Before (awarded version)"),
        "afterCol": ("Après (demande)", "After (request)"),
        "skipped": ("… lignes inchangées non montrées …", "… unchanged lines not shown …"),
        "lineRemoved": ("Ligne modifiée, avant : ", "Changed line, before: "),
        "lineAdded": ("Ligne modifiée, après : ", "Changed line, after: "),
        "delStart": ("[supprimé : ", "[removed: "),
        "delEnd": (" — fin de suppression]", " — end of removal]"),
        "insStart": ("[ajouté : ", "[added: "),
        "insEnd": (" — fin d'ajout]", " — end of addition]"),
        "openBefore": ("Ouvrir la version décernée", "Open the awarded version"),
        "openAfter": ("Ouvrir la nouvelle version", "Open the new version"),
        "beforeUnavailable": ("La version décernée n'est pas disponible sur le hub.", "The awarded version is not available at the hub."),
        "afterUnavailable": ("La nouvelle version n'est pas disponible sur le hub.", "The new version is not available at the hub."),
        "oldLink": ("Ancien lien :", "Former link:"),
        "cut": ("Aperçu du début seulement : ouvrez la preuve pour la lire en entier.", "Preview of the beginning only: open the evidence to read it all."),
        "openPDF": ("Ouvrir le PDF", "Open the PDF"),
        "openVideo": ("Ouvrir la vidéo", "Open the video"),
        "downloadOnly": ("Ce type de fichier ne s'affiche pas dans la page.", "This kind of file is not shown in the page."),
        "download": ("Télécharger", "Download"),
        "link": ("Lien :", "Link:"),
        "linkUnsafe": ("Adresse non ouverte (ni http ni https) :", "Address not opened (neither http nor https):"),
        "missing": ("Ce fichier manque dans la version reçue par le hub.", "This file is missing from the version the hub received."),
        "mediaMissing": ("Ce média n'est pas encore sur le hub (page de la preuve : le récupérer).",
                         "This media is not at the hub yet (the evidence's page fetches it)."),
        "openEvidence": ("Ouvrir la preuve", "Open the evidence"),
        "untouched": ("Critères sans changement de preuve :", "Criteria whose evidence did not change:"),
        "narrative": ("Récit", "Narrative"),
        "narrativeSame": ("Le récit n'a pas changé.", "The narrative did not change."),
        "narrativeHint": ("Le récit de la demande, mot à mot : le texte retiré est barré, le texte ajouté est souligné.",
                          "The request's narrative, word by word: removed text is struck through, added text is underlined."),
        "files": ("Fichiers modifiés", "Files changed"),
        "filesSummary": ("Liste brute des fichiers, pour qui la veut", "The raw list of files, for those who want it"),
        "change": ("Changement", "Change"),
        "path": ("Chemin", "Path"),
    ])
}
