import WebLayer

/// The overview's template and strings.
extension WebApp {
    static let overviewTemplate = WebTemplate("overview", #"""
<h1>{{t.title}}</h1>
<ul class="figures">
<li>{{heldText}}</li>
<li><a href="#due">{{dueText}}</a></li>
<li><a href="#failed">{{failedText}}</a></li>
<li><a href="/proposals">{{proposalsText}}</a></li>
</ul>
<p>{{t.exports}} <a href="/export.csv">{{t.csv}}</a> · <a href="/export.json">{{t.json}}</a></p>
<h2 id="matrix">{{t.matrix}}</h2>
{{^hasRows}}<p>{{t.noCFA}}</p>{{/hasRows}}
{{#hasRows}}
<div class="matrix-wrap">
<table class="matrix">
<caption>{{t.matrixCaption}} {{date}}</caption>
<thead><tr><th scope="col">{{t.cfa}}</th><th scope="col">{{t.label}}</th>{{#badges}}<th scope="col" class="num"><span aria-hidden="true">{{number}}</span><span class="visually-hidden">{{number}} — {{title}}</span></th>{{/badges}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row"><a href="{{href}}">{{name}}</a> <span class="hint">{{uai}}</span></th><td class="{{#held}}ok{{/held}}"><span aria-hidden="true">{{#held}}✓{{/held}}{{^held}}✗{{/held}}</span> {{label}}{{#lapses}} <span class="hint">{{lapses}}</span>{{/lapses}}</td>{{#cells}}<td class="cell {{css}}"><span aria-hidden="true">{{symbol}}{{#due}}!{{/due}}</span><span class="visually-hidden">{{text}}{{#due}} — {{due}}{{/due}}</span></td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table>
</div>
<h3>{{t.legend}}</h3>
<ul class="legend">{{#legend}}<li><span class="sym" aria-hidden="true">{{symbol}}</span> {{text}}</li>{{/legend}}</ul>
<h3>{{t.badgeList}}</h3>
<ol class="badge-list">{{#badges}}<li>{{title}}{{#mandatory}} <span class="hint">({{t.mandatory}})</span>{{/mandatory}}</li>{{/badges}}</ol>
{{/hasRows}}
<h2 id="due">{{t.due}}</h2>
{{^hasDue}}<p>{{t.noDue}}</p>{{/hasDue}}
{{#hasDue}}
<table>
<caption>{{t.dueCaption}}</caption>
<thead><tr><th scope="col">{{t.cfa}}</th><th scope="col">{{t.badge}}</th><th scope="col">{{t.until}}</th><th scope="col">{{t.daysLeft}}</th></tr></thead>
<tbody>{{#due}}<tr><th scope="row"><a href="{{href}}">{{name}}</a></th><td><a href="{{requestHref}}">{{badge}}</a></td><td>{{until}}</td><td>{{days}}</td></tr>{{/due}}</tbody>
</table>
{{/hasDue}}
<h2 id="failed">{{t.failed}}</h2>
{{^hasFailed}}<p>{{t.noFailed}}</p>{{/hasFailed}}
{{#hasFailed}}
<ul>{{#failed}}<li><a href="{{href}}">{{name}}</a> ({{uai}}){{#when}}, {{when}}{{/when}} : <ul>{{#reasons}}<li>{{text}}</li>{{/reasons}}</ul></li>{{/failed}}</ul>
{{/hasFailed}}
"""#)

    static let overviewStrings = WebStrings([
        "title": ("Vue d'ensemble", "Overview"),
        "exports": ("Exporter le tableau :", "Export the table:"),
        "csv": ("CSV (tableur)", "CSV (spreadsheet)"),
        "json": ("JSON", "JSON"),
        "matrix": ("Badges de chaque CFA", "Each CFA's badges"),
        "matrixCaption": ("État des douze badges de chaque CFA au", "State of each CFA's twelve badges on"),
        "noCFA": ("Aucun CFA n'est encore inscrit au hub.", "No CFA is registered at the hub yet."),
        "cfa": ("CFA", "CFA"),
        "label": ("Label", "Label"),
        "legend": ("Légende", "Legend"),
        "badgeList": ("Les badges, par numéro", "The badges, by number"),
        "mandatory": ("obligatoire", "mandatory"),
        "due": ("Renouvellements à prévoir (90 jours)", "Renewals due (90 days)"),
        "noDue": ("Aucun badge n'arrive à échéance dans les 90 jours.", "No badge comes to its end within 90 days."),
        "dueCaption": ("Badges dont la validité se termine dans les 90 jours", "Badges whose validity ends within 90 days"),
        "badge": ("Badge", "Badge"),
        "until": ("Valable jusqu'au (exclu)", "Valid until (excluded)"),
        "daysLeft": ("Jours restants", "Days left"),
        "failed": ("Réconciliations en échec", "Failed reconciles"),
        "noFailed": ("La dernière réconciliation de chaque CFA a réussi.", "Every CFA's last reconcile succeeded."),
    ])
}
