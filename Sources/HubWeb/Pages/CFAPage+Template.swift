import WebLayer

/// The CFA page's template and strings. `{{{svg}}}` is the timeline `CFATimeline.svg` drew, every
/// text in it escaped there: the page's one unescaped slot.
extension WebApp {
    static let cfaTemplate = WebTemplate("cfa", #"""
<h1>{{name}} <span class="hint">({{uai}})</span></h1>
{{#hasFailed}}<div class="notice"><p>{{t.failedTitle}} :</p><ul>{{#failed}}<li>{{text}}</li>{{/failed}}</ul></div>{{/hasFailed}}
<h2 id="label">{{t.label}}</h2>
{{#label}}
<p class="{{#held}}ok{{/held}}{{^held}}bad{{/held}}"><span aria-hidden="true">{{#held}}✓{{/held}}{{^held}}✗{{/held}}</span> {{heldText}}</p>
<p>{{validCount}}</p>
{{#lapse}}<p>{{lapse}}</p>{{/lapse}}
{{/label}}
{{#label.hasRenew}}<p>{{t.renewNext}}</p><ul>{{#label.renew}}<li><a href="{{href}}">{{name}}</a></li>{{/label.renew}}</ul>{{/label.hasRenew}}
{{#label.hasMissing}}<p>{{t.missingMandatory}}</p><ul>{{#label.missing}}<li>{{name}}</li>{{/label.missing}}</ul>{{/label.hasMissing}}
<h2 id="timeline">{{t.timeline}}</h2>
<div class="timeline-wrap">{{{svg}}}</div>
<table class="timeline-table">
<caption>{{t.timelineCaption}} {{today}}</caption>
<thead><tr><th scope="col">{{t.badge}}</th><th scope="col">{{t.periods}}</th></tr></thead>
<tbody>{{#timelineRows}}<tr><th scope="row">{{badge}}</th><td>{{#none}}{{t.never}}{{/none}}{{^none}}<ul class="plain">{{#periods}}<li><span aria-hidden="true">{{symbol}}</span> {{text}} — {{state}}</li>{{/periods}}</ul>{{/none}}</td></tr>{{/timelineRows}}</tbody>
</table>
<h2 id="requests">{{t.requests}}</h2>
{{^hasRequests}}<p>{{t.noRequests}}</p>{{/hasRequests}}
{{#hasRequests}}
<table>
<caption>{{t.requestsCaption}}</caption>
<thead><tr><th scope="col">{{t.badge}}</th><th scope="col">{{t.kind}}</th><th scope="col">{{t.state}}</th><th scope="col">{{t.submitted}}</th><th scope="col">{{t.tag}}</th></tr></thead>
<tbody>{{#requests}}<tr><th scope="row"><a href="{{href}}">{{badge}}</a></th><td>{{kind}}{{#diffHref}} — <a href="{{diffHref}}">{{t.diff}}</a>{{/diffHref}}</td><td class="state"><span aria-hidden="true">{{symbol}}</span> {{state}}</td><td>{{submitted}}</td><td><code>{{tag}}</code></td></tr>{{/requests}}</tbody>
</table>
{{/hasRequests}}
<h2 id="audit">{{t.audit}}</h2>
{{^hasAudit}}<p>{{t.noAudit}}</p>{{/hasAudit}}
{{#hasAudit}}
<table>
<caption>{{t.auditCaption}}</caption>
<thead><tr><th scope="col">{{t.when}}</th><th scope="col">{{t.actor}}</th><th scope="col">{{t.action}}</th><th scope="col">{{t.badge}}</th><th scope="col">{{t.reason}}</th></tr></thead>
<tbody>{{#audit}}<tr><td>{{when}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{badge}}</td><td class="message">{{reason}}</td></tr>{{/audit}}</tbody>
</table>
{{/hasAudit}}
"""#)

    static let cfaStrings = WebStrings([
        "label": ("Label", "Label"),
        "renewNext": ("À renouveler en premier pour garder le label :", "To renew first to keep the label:"),
        "missingMandatory": ("Badges obligatoires qui manquent :", "Mandatory badges missing:"),
        "timeline": ("Frise des badges", "Badge timeline"),
        "timelineCaption": ("Périodes de validité des badges (la frise ci-dessus, en tableau) au", "Badge validity periods (the timeline above, as a table) on"),
        "badge": ("Badge", "Badge"),
        "periods": ("Périodes", "Periods"),
        "never": ("jamais décerné", "never awarded"),
        "requests": ("Demandes", "Requests"),
        "noRequests": ("Ce CFA n'a encore fait aucune demande.", "This CFA has made no request yet."),
        "requestsCaption": ("Demandes de ce CFA, la plus récente d'abord", "This CFA's requests, newest first"),
        "kind": ("Type", "Kind"),
        "state": ("État", "State"),
        "submitted": ("Déposée le", "Submitted on"),
        "tag": ("Étiquette", "Tag"),
        "diff": ("ce qui a changé", "what changed"),
        "audit": ("Journal", "Audit log"),
        "noAudit": ("Rien au journal pour ce CFA.", "Nothing in the log for this CFA."),
        "auditCaption": ("Journal des opérations sur ce CFA, la plus récente d'abord", "Operations on this CFA, newest first"),
        "when": ("Quand", "When"),
        "actor": ("Par", "By"),
        "action": ("Action", "Action"),
        "reason": ("Raison", "Reason"),
        "failedTitle": ("Dernière réconciliation en échec", "Last reconcile failed"),
    ])
}
