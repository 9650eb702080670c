import WebLayer

/// The history: the saves, one save's changes, the Région's decisions.
enum HistoryPage {
    static let template = WebTemplate("ui-history", #"""
<h1>{{t.title}}</h1>
<section aria-labelledby="saves">
<h2 id="saves">{{t.saves}}</h2>
{{#hasSaves}}
<table class="saves">
<caption class="visually-hidden">{{t.saves}} — {{page}}</caption>
<thead><tr><th scope="col">{{t.when}}</th><th scope="col">{{t.who}}</th><th scope="col">{{t.what}}</th><th scope="col">{{t.badges}}</th></tr></thead>
<tbody>
{{#saves}}
<tr><td><a href="{{href}}">{{date}}</a></td><td>{{author}}</td><td>{{message}}{{#merge}} <span class="tag">{{t.merge}}</span>{{/merge}} <span class="hint">({{short}})</span></td><td>{{badges}}</td></tr>
{{/saves}}
</tbody>
</table>
{{/hasSaves}}
{{^hasSaves}}<p>{{t.noSaves}}</p>{{/hasSaves}}
<nav class="pages" aria-label="{{t.pages}}"><p>{{#newer}}<a href="{{newer}}" rel="prev">{{t.newer}}</a> {{/newer}}<span>{{page}}</span>{{#older}} <a href="{{older}}" rel="next">{{t.older}}</a>{{/older}}</p></nav>
</section>
<section aria-labelledby="decisions">
<h2 id="decisions">{{t.decisions}}</h2>
{{#hasDecisions}}
<ul class="decisions">
{{#decisions}}
<li><p><span class="sym" aria-hidden="true">{{symbol}}</span> <strong>{{badge}}</strong> — {{outcome}}, {{t.on}} {{date}} <span class="hint">(<code>{{submission}}</code>)</span></p>
{{#validity}}<p>{{validity}}</p>{{/validity}}
{{#hasReasons}}<ul class="reasons">{{#reasons}}<li><span class="message">{{text}}</span> <span class="hint">— {{member}} ({{role}})</span></li>{{/reasons}}</ul>{{/hasReasons}}
</li>
{{/decisions}}
</ul>
{{/hasDecisions}}
{{^hasDecisions}}<p>{{t.noDecisions}}</p>{{/hasDecisions}}
</section>
"""#)

    static let strings = WebStrings([
        "title": ("Historique", "History"),
        "saves": ("Les enregistrements, du plus récent au plus ancien", "The saves, newest first"),
        "when": ("Quand", "When"),
        "who": ("Qui", "Who"),
        "what": ("Message", "Message"),
        "badges": ("Badges touchés", "Badges touched"),
        "merge": ("fusion", "merge"),
        "noSaves": ("Aucun enregistrement pour l'instant.", "No save yet."),
        "pages": ("Pages de l'historique", "History pages"),
        "newer": ("← Plus récents", "← Newer"),
        "older": ("Plus anciens →", "Older →"),
        "decisions": ("Les décisions de la Région", "The Région's decisions"),
        "on": ("le", "on"),
        "noDecisions": ("La Région n'a encore rien décidé sur ce dossier (les décisions arrivent avec la synchronisation).",
                        "The Région has decided nothing on this dossier yet (decisions come with the sync)."),
    ])

    static let saveTemplate = WebTemplate("ui-history-save", #"""
<h1>{{heading}}</h1>
<dl class="facts">
<dt>{{t.who}}</dt><dd>{{author}} &lt;{{email}}&gt;</dd>
<dt>{{t.when}}</dt><dd>{{date}}</dd>
<dt>{{t.id}}</dt><dd><code>{{short}}</code></dd>
<dt>{{t.message}}</dt><dd><pre class="text">{{message}}</pre></dd>
{{^first}}<dt>{{#merge}}{{t.mergeOf}}{{/merge}}{{^merge}}{{t.parent}}{{/merge}}</dt><dd><ul class="plain">{{#parents}}<li><a href="{{href}}">{{short}}</a> {{summary}}</li>{{/parents}}</ul></dd>{{/first}}
</dl>
<section aria-labelledby="changes">
<h2 id="changes">{{#first}}{{t.firstChanges}}{{/first}}{{^first}}{{t.changes}}{{/first}}</h2>
{{#against}}<p class="hint">{{against}}</p>{{/against}}
{{#empty}}<p>{{t.empty}}</p>{{/empty}}
{{{diff}}}
</section>
<p><a href="/history">{{t.back}}</a></p>
"""#)

    static let saveStrings = WebStrings([
        "who": ("Qui", "Who"),
        "when": ("Quand", "When"),
        "id": ("Identifiant", "Id"),
        "message": ("Message", "Message"),
        "parent": ("Enregistrement précédent", "Previous save"),
        "mergeOf": ("Fusion de", "Merge of"),
        "changes": ("Ce que cet enregistrement a changé", "What this save changed"),
        "firstChanges": ("Le contenu du premier enregistrement", "The content of the first save"),
        "empty": ("Aucun changement de contenu.", "No content change."),
        "back": ("Retour à l'historique", "Back to the history"),
    ])
}
