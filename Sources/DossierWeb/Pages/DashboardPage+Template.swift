import WebLayer

enum DashboardPage {
    static let template = WebTemplate("ui-dashboard", #"""
<h1>{{t.title}}</h1>
{{#hasMalformed}}
<section class="notice" aria-labelledby="malformed">
<h2 id="malformed">{{t.malformed}}</h2>
<ul>{{#malformed}}<li class="error">{{.}}</li>{{/malformed}}</ul>
<p>{{t.malformedHint}}</p>
</section>
{{/hasMalformed}}
{{#hasNotices}}
<section class="banner" aria-labelledby="todo">
<h2 id="todo">{{t.todo}}</h2>
<ul>{{#notices}}<li>{{.}}</li>{{/notices}}</ul>
<p>{{#conflicts}}<a href="/conflicts">{{t.settle}}</a> {{/conflicts}}{{#unsaved}}<a href="/save">{{t.goSave}}</a> {{/unsaved}}{{#unsynced}}<a href="/sync">{{t.goSync}}</a> {{/unsynced}}{{#noRemote}}<a href="/remote">{{t.setRemote}}</a>{{/noRemote}}</p>
</section>
{{/hasNotices}}
{{#allSaved}}<p class="done" role="status">{{t.allSaved}}</p>{{/allSaved}}
<section aria-labelledby="label">
<h2 id="label">{{t.label}}</h2>
{{#labelHeld}}<p class="ok"><strong>{{labelHeld}}</strong></p>{{/labelHeld}}
<div class="progress-line">
<label for="label-progress">{{t.progress}}</label>
<progress id="label-progress" max="{{required}}" value="{{ready}}">{{ready}} / {{required}}</progress>
</div>
<p class="lead">{{progress}}</p>
</section>
<section aria-labelledby="badges">
<h2 id="badges">{{t.badges}}</h2>
<ul class="cards">
{{#cards}}
<li class="card {{class}}">
<h3><a href="{{href}}">{{number}}. {{title}}</a></h3>
{{#mandatory}}<p><span class="mandatory">{{t.mandatory}}</span></p>{{/mandatory}}
<p class="state"><span class="sym" aria-hidden="true">{{symbol}}</span> {{state}}</p>
{{#hasReasons}}<ul class="reasons">{{#reasons}}<li><span class="message">{{text}}</span> <span class="hint">— {{member}}</span></li>{{/reasons}}</ul>{{/hasReasons}}
</li>
{{/cards}}
</ul>
</section>
"""#)

    static let strings = WebStrings([
        "title": ("Tableau de bord", "Dashboard"),
        "malformed": ("Des fichiers du dossier sont mal formés", "Some files of the dossier are malformed"),
        "malformedHint": ("Ils ont sans doute été modifiés à la main. Corrigez la ligne indiquée (ou annulez la modification) puis rechargez cette page : tant qu'ils sont mal formés, rien ne peut être enregistré.",
                          "They were probably edited by hand. Fix the line given (or undo the change) then reload this page: while they are malformed, nothing can be saved."),
        "todo": ("À faire", "To do"),
        "settle": ("Régler les conflits", "Settle the conflicts"),
        "goSave": ("Enregistrer", "Save"),
        "goSync": ("Synchroniser", "Sync"),
        "setRemote": ("Indiquer l'adresse du serveur de la Région", "Give the Région's server address"),
        "allSaved": ("Tout est enregistré et envoyé.", "Everything is saved and sent."),
        "label": ("Le label « CFA numérique normand »", "The « CFA numérique normand » label"),
        "progress": ("Badges prêts pour le label", "Badges ready for the label"),
        "badges": ("Les badges", "The badges"),
        "mandatory": ("obligatoire", "mandatory"),
    ])
}
